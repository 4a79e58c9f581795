"""Zendesk via Fivetran, read from tests/fixtures/fivetran: the ticket, ticket_comment, user,
ticket_field_history and group tables as Fivetran names their columns, exported to CSV."""

from datetime import datetime
from pathlib import Path

import polars as pl
import pytest

from heatcheck.readers import zendesk_fivetran
from heatcheck.readers.detect import detect
from tests.readers.zendesk_rows import one_message, one_ticket

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "fivetran"
TABLES = ("ticket", "ticket_comment", "user", "ticket_field_history", "group", "ticket_tag", "satisfaction_rating")
LINEAGE = ["source_file", "source_record"]


def _read(*tables: str, local_tz: str = "UTC", replace: dict[str, Path] | None = None):
    paths = {table: FIXTURES / f"{table}.csv" for table in tables or TABLES} | (replace or {})
    return zendesk_fivetran.read([detect(path) for path in paths.values()], local_tz)


@pytest.fixture(scope="module")
def batch():
    return _read()


def test_the_tables_are_detected_as_fivetran():
    tables = {detect(FIXTURES / f"{table}.csv").table for table in TABLES if table != "group"}
    assert tables == {"ticket", "ticket_comment", "user", "ticket_field_history", "ticket_tag", "satisfaction_rating"}


def test_tickets_map_to_the_canonical_model(batch):
    wifi = one_ticket(batch, 201)
    assert (wifi["source"], wifi["created_at"]) == ("zendesk", datetime(2024, 3, 4, 9, 12))
    assert (wifi["status"], wifi["priority"], wifi["channel"]) == ("solved", "high", "email")
    assert (wifi["requester_id"], wifi["assignee_id"]) == ("zendesk:user:8001", "zendesk:user:7001")
    assert wifi["team"] == "Tier 1 Support"
    assert one_ticket(batch, 207)["status"] == "hold"


def test_team_names_come_from_the_group_table(batch):
    assert one_ticket(batch, 202)["team"] == "Billing"
    assert one_ticket(batch, 204)["team"] == "group:360099"
    without_groups = _read("ticket", "ticket_comment", "user", "ticket_field_history")
    assert one_ticket(without_groups, 202)["team"] == "group:360002"


def test_private_comments_become_internal_notes(batch):
    assert one_message(batch, 3104)["is_public"] is False
    assert one_message(batch, 3103)["is_public"] is True


def test_a_comment_without_a_public_flag_is_public_as_in_zendesk(batch):
    assert one_message(batch, 3115)["is_public"] is True


def test_roles_come_from_the_user_table(batch):
    assert one_message(batch, 3101)["author_role"] == "customer"
    assert one_message(batch, 3103)["author_role"] == "agent"
    # Sam (an admin) raised ticket 207 himself: the user table, not the requester, decides.
    assert one_message(batch, 3116)["author_role"] == "agent"
    assert one_message(_read("ticket", "ticket_comment"), 3116)["author_role"] == "customer"


def test_without_a_user_record_the_requester_is_the_customer(batch):
    assert one_message(batch, 3106)["author_role"] == "customer"  # user 8006 is not in the user table


def test_bot_users_write_bot_messages(batch):
    assert one_message(batch, 3102)["author_role"] == "bot"


def test_comments_without_an_author_are_system_messages(batch):
    assert one_message(batch, 3117)["author_role"] == "system"


def test_status_history_comes_from_ticket_field_history(batch):
    history = batch.status_changes.filter(pl.col("ticket_id") == "zendesk:203").sort("changed_at")
    assert history["status"].to_list() == ["new", "open", "solved", "open", "solved"]
    assert history["changed_at"][-1] == datetime(2024, 3, 6, 14, 0)
    assert batch.status_changes.height == 8  # priority and assignee changes are not statuses


def test_the_description_is_a_message_only_when_the_ticket_has_no_comments(batch):
    invoice = one_message(batch, "204:description")
    assert (invoice["author_role"], invoice["body"]) == ("customer", "Can you send me a copy of my February invoice?")
    assert batch.messages.filter(pl.col("message_id") == "zendesk:201:description").is_empty()


def test_a_comment_for_a_ticket_outside_the_batch_is_kept(batch):
    assert one_message(batch, 3115)["ticket_id"] == "zendesk:999"


def test_mojibake_is_repaired_in_body_clean(batch):
    assert one_message(batch, 3105)["body_clean"] == "It says 2.3.1. I updated it and it hasn't dropped since — thanks!"


def test_timestamps_are_utc_whatever_the_local_time_zone(batch):
    in_new_york = _read(local_tz="America/New_York")
    assert in_new_york.tickets.equals(batch.tickets)
    assert in_new_york.messages.equals(batch.messages)
    assert one_message(batch, 3101)["created_at"] == datetime(2024, 3, 4, 9, 12)  # written "... UTC"


def test_deleted_rows_are_quarantined_not_dropped(batch):
    deleted = batch.quarantine.filter(pl.col("reason") == "deleted in source")
    assert sorted((Path(f).name, r) for f, r in deleted.select(LINEAGE).iter_rows()) == [
        ("ticket.csv", "6"),
        ("ticket_comment.csv", "14"),
        ("user.csv", "7"),
    ]
    assert batch.tickets.filter(pl.col("ticket_id") == "zendesk:205").is_empty()
    assert batch.messages.filter(pl.col("message_id") == "zendesk:3113").is_empty()


def test_bad_rows_are_quarantined_with_their_reasons(batch):
    found = {
        (Path(file).name, record): reason
        for file, record, reason in batch.quarantine.select(*LINEAGE, "reason").iter_rows()
        if reason != "deleted in source"
    }
    assert found == {
        ("ticket.csv", "7"): "ticket has no id",
        ("ticket.csv", "8"): "ticket created_at 'not a date' is not a timestamp",
        ("ticket_comment.csv", "15"): "comment has no created time",
        ("ticket_field_history.csv", "12"): "status change has no updated time",
        ("ticket_field_history.csv", "13"): "status change has no value",
        ("user.csv", "9"): "user has no id",
    }
    raw = batch.quarantine.filter(pl.col("reason") == "ticket has no id")["raw"][0]
    assert '"subject":"Lost its id"' in raw


def test_csv_records_are_numbered_by_row_counting_the_header_as_row_1(batch):
    # Ticket 201's description spans two lines of the file; it is still one row.
    assert one_ticket(batch, 201)["source_record"] == "2"
    assert one_ticket(batch, 202)["source_record"] == "3"


def test_rows_read_equal_loaded_plus_quarantined_per_file(batch):
    by_name = {Path(path).name: (batch.rows_read[path], batch.reference_rows[path]) for path in batch.files}
    assert by_name == {
        "ticket.csv": (8, 0),
        "ticket_comment.csv": (17, 0),
        "user.csv": (8, 6),
        "ticket_field_history.csv": (12, 2),
        "group.csv": (2, 2),
        "ticket_tag.csv": (3, 3),
        "satisfaction_rating.csv": (2, 2),
    }
    loaded = (
        pl.concat([f.select(LINEAGE) for f in (batch.tickets, batch.messages, batch.status_changes)])
        .unique()
        .group_by("source_file")
        .len()
    )
    loaded = dict(loaded.iter_rows())
    quarantined = dict(batch.quarantine.group_by("source_file").len().iter_rows())
    for path in batch.files:
        assert batch.rows_read[path] == loaded.get(path, 0) + batch.reference_rows[path] + quarantined.get(path, 0)


def test_parquet_and_csv_give_the_same_tickets(batch, tmp_path):
    ids = ["id", "requester_id", "submitter_id", "assignee_id", "group_id", "brand_id"]
    times = ["_fivetran_synced", "created_at", "updated_at"]
    typed = pl.read_csv(FIXTURES / "ticket.csv", infer_schema_length=0).with_columns(
        [pl.col(name).cast(pl.Int64) for name in ids]
        + [
            pl.col(name).str.to_datetime("%Y-%m-%d %H:%M:%S%.f", strict=False).dt.replace_time_zone("UTC")
            for name in times
        ]
        + [pl.col("_fivetran_deleted") == "true"]
    )
    parquet = tmp_path / "ticket.parquet"
    typed.write_parquet(parquet)
    assert detect(parquet).container == "parquet"

    from_parquet = _read(replace={"ticket": parquet})
    assert from_parquet.tickets.drop(LINEAGE).equals(batch.tickets.drop(LINEAGE))
    assert from_parquet.messages.drop(LINEAGE).equals(batch.messages.drop(LINEAGE))
    assert from_parquet.rows_read[str(parquet)] == 8
    assert one_ticket(from_parquet, 201)["source_record"] == "1"  # Parquet has no header row


def test_tags_and_csat_come_from_ticket_tag_and_satisfaction_rating(batch):
    wifi = one_ticket(batch, 201)
    # Two ratings: "offered" first, then the customer's "good"; the newest counts.
    assert (wifi["tags"], wifi["csat"]) == (["wifi", "router"], "good")
    assert (one_ticket(batch, 202)["tags"], one_ticket(batch, 202)["csat"]) == (["billing"], None)
    assert one_ticket(batch, 203)["tags"] is None


def test_without_a_rating_table_csat_comes_from_the_field_history(tmp_path):
    history = (FIXTURES / "ticket_field_history.csv").read_text(encoding="utf-8")
    history += "202,satisfaction_score,2024-03-06T10:00:00.000Z,offered,8002,2024-03-08 02:00:13.220\n"
    history += "202,satisfaction_score,2024-03-06T12:00:00.000Z,bad,8002,2024-03-08 02:00:13.220\n"
    (tmp_path / "ticket_field_history.csv").write_text(history, encoding="utf-8")
    result = _read(
        "ticket", "ticket_comment", "user", replace={"ticket_field_history": tmp_path / "ticket_field_history.csv"}
    )
    assert one_ticket(result, 202)["csat"] == "bad"
