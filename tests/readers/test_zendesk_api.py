"""Zendesk API pages, read from tests/fixtures/zendesk_api (shapes from Zendesk's API reference):
two list-tickets pages with users and groups sideloaded, an incremental export in JSON Lines, a
users page, comments pages for tickets 101, 102, 103, 104 and 106, and ticket 103's audits."""

import json
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest

from heatcheck.errors import UnreadableExport
from heatcheck.readers import zendesk_api
from heatcheck.readers.detect import Detected, detect
from tests.readers.zendesk_rows import one_message, one_ticket

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "zendesk_api"


def _read(*names: str, local_tz: str = "UTC"):
    paths = [FIXTURES / name for name in names] if names else sorted(FIXTURES.iterdir())
    return zendesk_api.read([detect(path) for path in paths], local_tz)


@pytest.fixture(scope="module")
def batch():
    return _read()


def test_tickets_map_to_the_canonical_model(batch):
    wifi = one_ticket(batch, 101)
    assert wifi["source"] == "zendesk"
    assert wifi["created_at"] == datetime(2024, 3, 4, 9, 12)
    assert (wifi["status"], wifi["priority"], wifi["channel"]) == ("solved", "high", "email")
    assert (wifi["requester_id"], wifi["assignee_id"]) == ("zendesk:user:5001", "zendesk:user:9001")
    assert (wifi["team"], wifi["tags"], wifi["csat"]) == ("Tier 1 Support", ["wifi", "router"], "good")
    assert one_ticket(batch, 103)["csat"] == "bad"


def test_statuses_and_priorities_are_lowercased_and_unrated_csat_is_empty(batch):
    password = one_ticket(batch, 104)
    assert (password["status"], password["priority"], password["csat"]) == ("pending", "low", None)
    assert password["team"] is None


def test_a_group_without_a_name_is_named_by_its_id(batch):
    assert one_ticket(batch, 105)["team"] == "group:360099"


def test_a_numeric_via_channel_becomes_its_via_type(batch):
    assert one_ticket(batch, 107)["channel"] == "email"


def test_a_later_version_of_a_ticket_replaces_the_earlier_one(batch):
    billing = one_ticket(batch, 102)
    assert billing["status"] == "pending"
    assert billing["updated_at"] == datetime(2024, 3, 9, 16, 0)
    assert billing["tags"] == ["billing", "refund"]
    assert billing["source_record"] == "line 1: tickets[0]"


def test_unix_seconds_from_the_incremental_export_are_read_as_utc(batch):
    speed = one_ticket(batch, 108)
    assert speed["created_at"] == datetime.fromtimestamp(1709900000, UTC).replace(tzinfo=None)


def test_offsets_are_converted_to_utc_and_the_local_zone_does_not_move_them():
    in_new_york = _read("comments.jsonl", local_tz="America/New_York")
    assert one_message(in_new_york, 4004)["created_at"] == datetime(2024, 3, 5, 10, 0)
    assert one_message(in_new_york, 4001)["created_at"] == datetime(2024, 3, 5, 8, 0)


def test_private_comments_become_internal_notes(batch):
    assert one_message(batch, 1004)["is_public"] is False
    assert one_message(batch, 6002)["is_public"] is False
    assert one_message(batch, 3007)["is_public"] is False  # seen only in an audit
    assert one_message(batch, 1003)["is_public"] is True


def test_roles_come_from_users_in_another_file():
    files = ("comments_b.json", "comments.jsonl", "tickets_page1.json", "tickets_page2.json")
    with_users = _read(*files, "users.json")
    # Ana is cc'd on Tom's ticket; Sam is an admin who raised ticket 106 himself.
    assert one_message(with_users, 2003)["author_role"] == "customer"
    assert one_message(with_users, 6001)["author_role"] == "agent"
    without_users = _read(*files)
    assert one_message(without_users, 6001)["author_role"] == "customer"


def test_without_a_user_record_a_cc_d_customer_is_not_an_agent():
    # Ana (5009) is cc'd on Tom's ticket; with no user record her public comment must not read as
    # the team's first update.
    without_users = _read("comments_b.json", "tickets_page1.json")
    assert one_message(without_users, 2003)["author_role"] == "customer"


def test_without_users_the_assignee_and_internal_notes_are_agents():
    result = _read("comments.jsonl", "tickets_page2.json")
    assert one_message(result, 6001)["author_role"] == "customer"  # the requester
    assert one_message(result, 6002)["author_role"] == "agent"  # a private comment


def test_trigger_auto_replies_are_bot_messages_whoever_owns_the_trigger(batch):
    auto_reply = one_message(batch, 1002)
    assert auto_reply["author_id"] == "zendesk:user:9002"  # an admin
    assert auto_reply["author_role"] == "bot"


def test_answer_bot_writes_bot_messages(batch):
    assert one_message(batch, 4002)["author_role"] == "bot"
    assert one_message(batch, 4003)["author_role"] == "customer"


def test_audits_give_status_history(batch):
    history = batch.status_changes.filter(pl.col("ticket_id") == "zendesk:103").sort("changed_at")
    assert history["status"].to_list() == ["new", "open", "solved", "open", "solved"]
    assert history["changed_at"].to_list() == [
        datetime(2024, 3, 4, 10, 0),
        datetime(2024, 3, 4, 11, 30),
        datetime(2024, 3, 5, 9, 0),
        datetime(2024, 3, 6, 8, 15),
        datetime(2024, 3, 6, 14, 0),
    ]


def test_audit_comments_are_messages_at_the_time_of_their_audit():
    result = _read("audits_103.json", "users.json")
    assert one_message(result, 3004)["created_at"] == datetime(2024, 3, 6, 8, 15)
    assert one_message(result, 3004)["author_role"] == "customer"
    assert result.messages.height == 6


def test_a_comment_in_both_a_comments_page_and_an_audit_is_kept_once(batch):
    ticket_103 = batch.messages.filter(pl.col("ticket_id") == "zendesk:103")
    assert sorted(ticket_103["message_id"]) == [f"zendesk:{n}" for n in (3001, 3002, 3003, 3004, 3005, 3007)]
    assert batch.messages["message_id"].is_unique().all()
    assert one_message(batch, 3001)["source_file"].endswith("comments.jsonl")


def test_comments_find_their_ticket_from_paging_urls_or_the_file_name(batch):
    assert one_message(batch, 2003)["ticket_id"] == "zendesk:102"  # previous_page URL
    assert one_message(batch, 3001)["ticket_id"] == "zendesk:103"  # cursor links
    assert one_message(batch, 1001)["ticket_id"] == "zendesk:101"  # export_ticket_101_comments.json


def test_a_comment_for_a_ticket_outside_the_batch_is_kept(batch):
    follow_up = one_message(batch, 9901)
    assert follow_up["ticket_id"] == "zendesk:999"
    assert follow_up["author_role"] == "customer"


def test_plain_body_is_preferred_to_body(batch):
    assert one_message(batch, 2001)["body"] == "I was charged twice for my March plan."


def test_mojibake_is_repaired_in_body_clean_and_kept_in_body(batch):
    reply = one_message(batch, 1005)
    assert "hasnâ€™t" in reply["body"]
    assert reply["body_clean"] == "It says 2.3.1. I updated it and it hasn't dropped since — thanks!"


def test_the_description_is_a_message_only_when_the_ticket_has_no_comments(batch):
    invoice = one_message(batch, "105:description")
    assert invoice["body"] == "Can you send me a copy of my February invoice?"
    assert (invoice["author_role"], invoice["created_at"]) == ("customer", datetime(2024, 3, 6, 9, 0))
    assert batch.messages.filter(pl.col("message_id") == "zendesk:101:description").is_empty()


def test_bad_records_are_quarantined_with_their_reasons(batch):
    found = {
        (Path(file).name, record): reason
        for file, record, reason in batch.quarantine.select("source_file", "source_record", "reason").iter_rows()
    }
    assert found == {
        ("tickets_page1.json", "tickets[3]"): "ticket has no id",
        ("incremental_tickets.jsonl", "line 2: tickets[0]"): "deleted in source",
        ("incremental_tickets.jsonl", "line 2: tickets[1]"): "ticket has no created_at",
        ("incremental_tickets.jsonl", "line 3"): "line is not valid JSON",
        ("comments.jsonl", "line 2: comments[4]"): "comment has no created_at",
        ("comments.jsonl", "line 3: comments[2]"): "comment created_at 'yesterday' is not a timestamp",
        ("comments.jsonl", "line 5: comments[0]"): "comments page does not say which ticket it belongs to",
        ("audits_103.json", "audits[6].events[0]"): "audit has no ticket_id",
        ("users.json", "users[9]"): "user has no id",
    }
    raw = batch.quarantine.filter(pl.col("source_record") == "line 2: comments[4]")["raw"][0]
    assert json.loads(raw)["id"] == 4005


def test_rows_read_equal_loaded_plus_quarantined_per_file(batch):
    by_name = {Path(path).name: count for path, count in batch.rows_read.items()}
    # Counted by hand from the fixtures: records, audit events, and one unparseable line.
    assert by_name == {
        "tickets_page1.json": 11,
        "tickets_page2.json": 3,
        "incremental_tickets.jsonl": 5,
        "users.json": 10,
        "export_ticket_101_comments.json": 6,
        "comments_a.json": 2,
        "comments_b.json": 2,
        "comments.jsonl": 15,
        "audits_103.json": 16,
    }
    lineage = ["source_file", "source_record"]
    loaded = (
        pl.concat([f.select(lineage) for f in (batch.tickets, batch.messages, batch.status_changes)])
        .unique()
        .group_by("source_file")
        .len()
    )
    loaded = dict(loaded.iter_rows())
    quarantined = dict(batch.quarantine.group_by("source_file").len().iter_rows())
    for path in batch.files:
        balance = loaded.get(path, 0) + batch.reference_rows[path] + quarantined.get(path, 0)
        assert batch.rows_read[path] == balance, path


def test_json_lines_pages_read_like_json_pages(tmp_path):
    pages = [json.loads((FIXTURES / name).read_text()) for name in ("tickets_page1.json", "tickets_page2.json")]
    lines = tmp_path / "tickets.jsonl"
    lines.write_text("".join(json.dumps(page) + "\n" for page in pages))
    as_lines = zendesk_api.read([detect(lines)])
    as_pages = _read("tickets_page1.json", "tickets_page2.json")
    lineage = ["source_file", "source_record"]
    assert as_lines.tickets.drop(lineage).sort("ticket_id").equals(as_pages.tickets.drop(lineage).sort("ticket_id"))
    assert as_lines.rows_read[str(lines)] == 14


def test_a_file_that_is_not_json_fails_with_its_name(tmp_path):
    broken = tmp_path / "tickets.json"
    broken.write_text('{"tickets": [')
    with pytest.raises(UnreadableExport, match="tickets.json"):
        zendesk_api.read([Detected(str(broken), "zendesk_api", "pages", "json")])


def test_a_page_saved_with_a_byte_order_mark_reads_like_one_without(tmp_path):
    # Windows tools often save UTF-8 with a BOM in front; it is not part of the JSON.
    marked = tmp_path / "tickets_page1.json"
    marked.write_bytes(b"\xef\xbb\xbf" + (FIXTURES / "tickets_page1.json").read_bytes())
    detected = detect(marked)
    assert detected.format == "zendesk_api"
    lineage = ["source_file", "source_record"]
    expected = _read("tickets_page1.json").tickets.drop(lineage)
    assert zendesk_api.read([detected]).tickets.drop(lineage).equals(expected)
