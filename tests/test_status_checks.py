"""`heatcheck status` lists messages whose ticket no export described, and messages dated before
their ticket: they are kept, not lost, and someone is told."""

from datetime import datetime

import duckdb

from heatcheck.home import Home
from heatcheck.staging import create_staging_tables
from heatcheck.status import status

MONDAY_9 = datetime(2026, 3, 2, 9)


def _status_of(tmp_path, messages: list[tuple]):
    """status() over staging holding ticket T1 (created Monday 09:00) and these
    (message_id, ticket_id, created_at, source_file) messages."""
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    create_staging_tables(con)
    con.execute("INSERT INTO staging.tickets (ticket_id, created_at) VALUES ('T1', ?)", [MONDAY_9])
    con.executemany(
        "INSERT INTO staging.messages (message_id, ticket_id, is_public, created_at, source_file) VALUES (?, ?, true, ?, ?)",
        messages,
    )
    return status(con, Home.at(tmp_path / "home"))


def test_messages_without_their_ticket_are_counted_with_a_file_to_look_at(tmp_path):
    found = _status_of(
        tmp_path,
        [
            ("m1", "T1", MONDAY_9, "a.json"),
            ("m2", "T2", MONDAY_9, "comments.json"),
            ("m3", "T2", MONDAY_9, "comments.json"),
        ],
    )
    assert found.messages_without_ticket == (2, 1, "comments.json")
    assert found.messages_before_ticket == (0, 0, None)


def test_messages_dated_before_their_ticket_are_counted(tmp_path):
    found = _status_of(
        tmp_path,
        [("m1", "T1", datetime(2026, 3, 2, 4), "a.csv"), ("m2", "T1", datetime(2026, 3, 2, 9, 0, 30), "a.csv")],
    )
    assert found.messages_before_ticket == (1, 1, "a.csv")
    assert found.messages_without_ticket == (0, 0, None)


def test_the_report_and_status_warn_of_messages_without_their_ticket(tmp_path):
    import json

    from click.testing import CliRunner

    from pipelines.cli import cli
    from tests.conftest import run_pipeline, snapshot_rows
    from tests.readers.test_bad_inputs import csv_rows, message

    comments = tmp_path / "tickets_777_comments.json"  # a comments page whose ticket was not exported
    comments.write_text(json.dumps({"comments": [
        {"id": 1, "author_id": 5, "body": "Where is my order?", "public": True, "created_at": "2026-03-02T14:00:00Z"},
        {"id": 2, "author_id": 6, "body": "Checking now.", "public": True, "created_at": "2026-03-02T15:00:00Z"},
    ]}))  # fmt: skip
    good = tmp_path / "messages.csv"
    good.write_bytes(csv_rows(message(1, body="my order is late")))
    home = Home.at(tmp_path / "home")
    run_pipeline(home, [comments, good])
    assert snapshot_rows(home, "SELECT messages_without_ticket, tickets_not_exported FROM data_checks") == [(2, 1)]
    (report,) = (home.reports / "weekly").glob("*.html")
    assert 'data-check="messages_without_ticket">2 messages name 1 tickets' in report.read_text()
    shown = CliRunner().invoke(cli, ["--home", str(home.root), "status"])
    assert "Messages without their ticket: 2 naming 1 ticket(s)" in shown.output
