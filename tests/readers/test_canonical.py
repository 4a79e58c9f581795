"""Canonical exports in every container, with the bad rows a real export has."""

import json
import os
from pathlib import Path

import polars as pl
import pytest

from heatcheck.errors import UnreadableExport
from heatcheck.readers import canonical
from heatcheck.readers.batch import read_batch
from heatcheck.readers.detect import detect

MESSAGES_CSV = """message_id,ticket_id,author_id,author_role,is_public,created_at,body
m1,T1,c1,customer,true,2026-03-02T09:00:00Z,My order never arrived
m2,T1,a1,agent,true,2026-03-02T09:30:00Z,"I'm sorry, I'll check
right away"
m3,T1,a1,agent,false,2026-03-02 09:31:00+00:00,internal: courier delay
m4,,c1,customer,true,2026-03-02T10:00:00Z,no ticket id
m5,T1,c1,robot,true,2026-03-02T10:00:00Z,unknown role
m6,T1,c1,customer,true,yesterday-ish,bad time
m1,T1,c1,customer,true,2026-03-02T09:00:00Z,My order never arrived
m7,T1,c1,customer,true,,no time at all
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_good_rows_load_and_each_bad_row_is_quarantined_with_a_reason(tmp_path):
    result = canonical.read([detect(_write(tmp_path, "messages.csv", MESSAGES_CSV))])
    assert result.messages["message_id"].to_list() == ["m1", "m2", "m3"]
    # Records count CSV rows with the header as 1; m2's body spans two lines but is one record.
    reasons = dict(result.quarantine.select("source_record", "reason").iter_rows())
    assert reasons == {
        "5": "missing ticket_id",
        "6": "author_role 'robot' is not one of customer, agent, bot, system",
        "7": "created_at 'yesterday-ish' is not a timestamp",
        "8": "duplicate message_id: an earlier record of this file has it",
        "9": "missing created_at",
    }
    assert json.loads(result.quarantine.filter(pl.col("source_record") == "6")["raw"][0])["author_role"] == "robot"


def test_rows_read_equal_loaded_plus_quarantined(tmp_path):
    path = _write(tmp_path, "messages.csv", MESSAGES_CSV)
    batch = read_batch([path], "UTC", {})
    (outcome,) = batch.files
    assert (outcome.rows_read, outcome.loaded, outcome.quarantined) == (8, 3, 5)


def test_internal_notes_and_multiline_bodies_survive(tmp_path):
    result = canonical.read([detect(_write(tmp_path, "messages.csv", MESSAGES_CSV))])
    by_id = {row["message_id"]: row for row in result.messages.iter_rows(named=True)}
    assert by_id["m3"]["is_public"] is False
    assert by_id["m2"]["body"] == "I'm sorry, I'll check\nright away"


def test_timestamps_without_a_zone_are_read_in_the_configured_zone(tmp_path):
    text = "ticket_id,created_at\nT1,2026-07-01 09:00\n"
    result = canonical.read([detect(_write(tmp_path, "tickets.csv", text))], local_tz="America/New_York")
    assert str(result.tickets["created_at"][0]) == "2026-07-01 13:00:00"


def test_json_lines_with_a_broken_line_keeps_the_rest(tmp_path):
    lines = [
        json.dumps({"ticket_id": "T9", "status": "Solved", "changed_at": "2026-03-02T11:00:00Z"}),
        "{not json",
        json.dumps({"ticket_id": "T9", "status": "open", "changed_at": "2026-03-03T11:00:00Z"}),
    ]
    result = canonical.read([detect(_write(tmp_path, "history.jsonl", "\n".join(lines) + "\n"))])
    assert result.status_changes["status"].to_list() == ["solved", "open"]
    assert result.quarantine["source_record"].to_list() == ["2"]
    assert result.quarantine["reason"][0].startswith("line is not valid JSON")


def test_json_lines_saved_with_a_byte_order_mark_lose_no_line(tmp_path):
    path = tmp_path / "history.jsonl"
    row = {"ticket_id": "T9", "status": "open", "changed_at": "2026-03-03T11:00:00Z"}
    path.write_bytes(b"\xef\xbb\xbf" + (json.dumps(row) + "\n").encode())
    result = canonical.read([detect(path)])
    assert result.status_changes["ticket_id"].to_list() == ["T9"]
    assert result.quarantine.is_empty()


def test_parquet_tickets_keep_their_types_and_the_newest_row_wins(tmp_path):
    path = tmp_path / "tickets.parquet"
    pl.DataFrame(
        {
            "ticket_id": ["T1", "T1", "T2"],
            "source": ["demo"] * 3,
            "created_at": pl.Series(["2026-03-02T09:00:00Z"] * 3).str.to_datetime(time_zone="UTC"),
            "updated_at": pl.Series(
                ["2026-03-02T10:00:00Z", "2026-03-05T10:00:00Z", "2026-03-02T10:00:00Z"]
            ).str.to_datetime(time_zone="UTC"),
            "status": ["open", "solved", "pending"],
            "tags": [["refund"], ["refund", "vip"], []],
        }
    ).write_parquet(path)
    result = canonical.read([detect(path)])
    t1 = result.tickets.filter(pl.col("ticket_id") == "T1").row(0, named=True)
    assert t1["status"] == "solved" and t1["tags"] == ["refund", "vip"]
    assert result.quarantine["reason"].to_list() == ["superseded by a newer row for the same ticket in this file"]


def test_a_flat_messages_file_also_gives_its_tickets(tmp_path):
    text = (
        "message_id,ticket_id,author_role,created_at,body,subject,priority,team,ticket_created_at\n"
        "1,A,customer,2026-03-02T09:00:00Z,help,Late parcel,High,shipping,2026-03-02T08:59:00Z\n"
        "2,A,agent,2026-03-02T09:10:00Z,on it,,,,\n"
        "3,B,customer,2026-03-03T09:00:00Z,hello,Login,low,accounts,\n"
    )
    result = canonical.read([detect(_write(tmp_path, "flat.csv", text))])
    tickets = {row["ticket_id"]: row for row in result.tickets.iter_rows(named=True)}
    assert tickets["A"]["subject"] == "Late parcel" and tickets["A"]["priority"] == "high"
    assert str(tickets["A"]["created_at"]) == "2026-03-02 08:59:00"
    assert str(tickets["B"]["created_at"]) == "2026-03-03 09:00:00"  # first message when no ticket time


@pytest.mark.parametrize("listed", ["in time order", "out of time order"])
def test_a_flat_files_ticket_takes_the_latest_status_in_time_whatever_the_row_order(tmp_path, listed):
    rows = [
        "1,A,customer,2026-03-02T09:00:00Z,help,open, High ,shipping",
        "2,A,agent,2026-03-02T09:10:00Z,on it,pending,,",
        "3,A,agent,2026-03-02T11:00:00Z,fixed,solved,low,returns",
        "4,B,customer,2026-03-03T09:00:00Z,hello,  ,,",
    ]
    if listed == "out of time order":
        rows = [rows[2], rows[3], rows[0], rows[1]]
    text = "message_id,ticket_id,author_role,created_at,body,status,priority,team\n" + "\n".join(rows) + "\n"
    result = canonical.read([detect(_write(tmp_path, "flat.csv", text))])
    tickets = {row["ticket_id"]: row for row in result.tickets.iter_rows(named=True)}
    assert (tickets["A"]["status"], tickets["A"]["priority"], tickets["A"]["team"]) == ("solved", "low", "returns")
    assert str(tickets["A"]["created_at"]) == "2026-03-02 09:00:00"
    assert str(tickets["A"]["updated_at"]) == "2026-03-02 11:00:00"
    assert tickets["B"]["status"] == "unknown"  # a blank status is no status


def test_a_file_in_no_known_format_names_the_file_and_the_formats_expected(tmp_path):
    path = _write(tmp_path, "notes.csv", "name,colour\nann,red\n")
    with pytest.raises(UnreadableExport) as error:
        detect(path)
    message = str(error.value)
    assert str(path) in message
    for expected in ("canonical", "mapping", "Zendesk API", "Fivetran", "Customer Support on Twitter"):
        assert expected in message


def test_an_unreadable_file_fails_alone_and_the_others_load(tmp_path):
    good = _write(tmp_path, "messages.csv", MESSAGES_CSV)
    bad = _write(tmp_path, "garbage.bin", "\x00\x01 not an export")
    batch = read_batch([good, bad], "UTC", {})
    by_path = {Path(f.path).name: f for f in batch.files}
    assert by_path["messages.csv"].status == "loaded" and by_path["messages.csv"].loaded == 3
    assert by_path["garbage.bin"].status == "failed" and "garbage.bin" in by_path["garbage.bin"].error


def test_a_known_file_is_skipped_without_rehashing(tmp_path):
    path = _write(tmp_path, "messages.csv", MESSAGES_CSV)
    stat = os.stat(path)
    batch = read_batch([path], "UTC", {(str(path), stat.st_size, stat.st_mtime): "abc"})
    assert batch.files == [] and batch.unchanged == [str(path)]


def test_a_messages_file_without_ticket_columns_makes_its_tickets_from_the_messages(tmp_path):
    text = (
        "message_id,ticket_id,author_role,created_at,body\n"
        "1,A,customer,2026-03-02T09:00:00Z,help\n"
        "2,A,agent,2026-03-02T09:10:00Z,on it\n"
        "3,B,customer,2026-03-03T09:00:00Z,hello\n"
    )
    batch = read_batch([_write(tmp_path, "messages.csv", text)], "UTC", {})
    tickets = {row["ticket_id"]: row for row in batch.results[0].tickets.iter_rows(named=True)}
    assert sorted(tickets) == ["A", "B"]
    assert str(tickets["A"]["created_at"]) == "2026-03-02 09:00:00"  # the first message
    assert (tickets["A"]["status"], tickets["A"]["source"]) == ("unknown", "canonical")
    (outcome,) = batch.files
    assert (outcome.rows_read, outcome.loaded, outcome.quarantined) == (3, 3, 0)


def test_a_tickets_file_in_the_batch_describes_its_tickets_alone(tmp_path):
    messages = "message_id,ticket_id,author_role,created_at,body\n1,A,customer,2026-03-02T09:00:00Z,help\n"
    tickets = "ticket_id,created_at,status,priority\nA,2026-03-02T08:59:00Z,open,high\n"
    batch = read_batch(
        [_write(tmp_path, "messages.csv", messages), _write(tmp_path, "tickets.csv", tickets)], "UTC", {}
    )
    (ticket,) = batch.results[0].tickets.iter_rows(named=True)
    assert (ticket["status"], ticket["priority"]) == ("open", "high")
