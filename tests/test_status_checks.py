"""`heatcheck status` lists messages whose ticket no export described (they are kept, not lost)."""

from datetime import datetime

import duckdb

from heatcheck.home import Home
from heatcheck.staging import create_staging_tables
from heatcheck.status import status


def test_messages_without_their_ticket_are_counted_with_a_file_to_look_at(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    create_staging_tables(con)
    con.execute("INSERT INTO staging.tickets (ticket_id, created_at) VALUES ('T1', ?)", [datetime(2026, 3, 2, 9)])
    con.execute(
        "INSERT INTO staging.messages (message_id, ticket_id, is_public, created_at, source_file, source_record) VALUES "
        "('m1', 'T1', true, ?, 'a.json', '1'), ('m2', 'T2', true, ?, 'comments.json', '2'), ('m3', 'T2', true, ?, 'comments.json', '3')",
        [datetime(2026, 3, 2, 9)] * 3,
    )
    found = status(con, Home.at(tmp_path / "home"))
    assert found.messages_without_ticket == (2, 1, "comments.json")
    assert found.messages_before_ticket == (0, 0, None)


def test_messages_dated_before_their_ticket_are_counted(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    create_staging_tables(con)
    con.execute("INSERT INTO staging.tickets (ticket_id, created_at) VALUES ('T1', ?)", [datetime(2026, 3, 2, 9)])
    con.execute(
        "INSERT INTO staging.messages (message_id, ticket_id, is_public, created_at, source_file) VALUES "
        "('m1', 'T1', true, ?, 'a.csv'), ('m2', 'T1', true, ?, 'a.csv')",
        [datetime(2026, 3, 2, 4), datetime(2026, 3, 2, 9, 0, 30)],
    )
    assert status(con, Home.at(tmp_path / "home")).messages_before_ticket == (1, 1, "a.csv")
