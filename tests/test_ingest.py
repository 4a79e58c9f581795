"""The ingest stage through real Dagster materializations into a real DuckDB file."""

from datetime import datetime

import duckdb
import pytest

from heatcheck.readers.batch import read_batch
from heatcheck.staging import create_staging_tables, loaded_files, stage_batch
from heatcheck.warehouse import Warehouse
from tests.conftest import TWCS_HEAD, run_pipeline, snapshot_rows

TABLES = ("tickets", "messages", "status_changes", "quarantine", "ingest_log")


def _contents(home) -> dict[str, list[tuple]]:
    with duckdb.connect(str(home.snapshot), read_only=True) as con:
        return {table: sorted(map(repr, con.execute(f"SELECT * FROM {table}").fetchall())) for table in TABLES}


def test_the_twitter_threads_land_in_the_analyst_snapshot(twitter_home):
    home = twitter_home
    assert snapshot_rows(home, "SELECT count(*) FROM tickets") == [(911,)]
    assert snapshot_rows(home, "SELECT count(*) FROM messages") == [(3499,)]
    assert snapshot_rows(home, "SELECT author_role, count(*) FROM messages GROUP BY 1 ORDER BY 1") == [
        ("agent", 1571),
        ("customer", 1928),
    ]
    [(reason,)] = snapshot_rows(home, "SELECT reason FROM quarantine")
    assert "3398" in reason
    assert snapshot_rows(home, "SELECT rows_read, loaded, quarantined, format FROM ingest_log") == [
        (3500, 3499, 1, "twcs")
    ]


def test_a_reingested_export_changes_nothing(home):
    run_pipeline(home, [TWCS_HEAD])
    before = _contents(home)
    run_pipeline(home, [TWCS_HEAD])
    assert _contents(home) == before


def test_a_newer_export_of_a_ticket_replaces_the_older_one_without_duplicating_messages(home, tmp_path):
    older, newer = tmp_path / "week1.csv", tmp_path / "week2.csv"
    header = "message_id,ticket_id,author_role,created_at,body,status,ticket_updated_at\n"
    older.write_text(header + "m1,T1,customer,2026-03-02T09:00:00Z,help,open,2026-03-02T09:00:00Z\n")
    newer.write_text(
        header
        + "m1,T1,customer,2026-03-02T09:00:00Z,help,solved,2026-03-04T09:00:00Z\n"
        + "m2,T1,agent,2026-03-03T09:00:00Z,done,solved,2026-03-04T09:00:00Z\n"
    )
    run_pipeline(home, [older])
    run_pipeline(home, [newer])
    assert snapshot_rows(home, "SELECT status, updated_at::VARCHAR FROM tickets") == [("solved", "2026-03-04 09:00:00")]
    assert snapshot_rows(home, "SELECT message_id FROM messages ORDER BY 1") == [("m1",), ("m2",)]
    late = tmp_path / "week1-late.csv"  # an older export arriving after the newer one
    late.write_text(header + "m1,T1,customer,2026-03-02T09:00:00Z,help,pending,2026-03-03T09:00:00Z\n")
    run_pipeline(home, [late])
    assert snapshot_rows(home, "SELECT status FROM tickets") == [("solved",)]


def test_every_file_balances_in_the_ingest_log(home, tmp_path):
    bad = tmp_path / "messages.csv"
    bad.write_text(
        "message_id,ticket_id,author_role,created_at,body\n"
        "m1,T1,customer,2026-03-02T09:00:00Z,hi\n"
        "m2,T1,wizard,2026-03-02T09:00:00Z,hi\n"
        "m3,,agent,2026-03-02T09:00:00Z,hi\n"
    )
    run_pipeline(home, [bad, TWCS_HEAD])
    log = snapshot_rows(home, "SELECT rows_read, loaded, quarantined FROM ingest_log ORDER BY rows_read")
    assert log == [(3, 1, 2), (3500, 3499, 1)]
    assert all(read == loaded + quarantined for read, loaded, quarantined in log)
    reasons = snapshot_rows(home, "SELECT record, reason FROM quarantine WHERE file = ? ORDER BY record", [str(bad)])
    assert reasons == [
        ("3", "author_role 'wizard' is not one of customer, agent, bot, system"),
        ("4", "missing ticket_id"),
    ]


def test_a_stage_that_fails_midway_leaves_the_warehouse_as_it_was(tmp_path):
    warehouse = Warehouse(str(tmp_path / "w.duckdb"))
    with warehouse.transaction() as con:
        create_staging_tables(con)
    with pytest.raises(RuntimeError):
        with warehouse.transaction() as con:
            batch = read_batch([TWCS_HEAD], "UTC", loaded_files(con))
            stage_batch(con, batch, datetime(2026, 1, 1))
            assert con.execute("SELECT count(*) FROM staging.messages").fetchone() == (3499,)
            raise RuntimeError("killed after the writes, before the commit")
    with warehouse.connect() as con:
        assert con.execute("SELECT count(*) FROM staging.messages").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM staging.ingest_log").fetchone() == (0,)
