"""Analysts read a snapshot, so an open analyst session never blocks the pipeline."""

import subprocess
import sys
import textwrap
import time
from pathlib import Path

from tests.conftest import SHARED_DATA, TWCS_HEAD, run_pipeline, snapshot_rows

ANALYST_SESSION = textwrap.dedent("""
    import sys, time, duckdb
    con = duckdb.connect(sys.argv[1])  # a plain read-write session: the most an analyst can hold
    print(con.execute("SELECT count(*) FROM tickets").fetchone()[0], flush=True)
    for _ in range(12000):  # up to ten minutes, longer than any run here: the test ends it
        con.execute("SELECT count(*) FROM messages").fetchone()
        time.sleep(0.05)
""")


def test_the_pipeline_runs_to_completion_while_an_analyst_holds_the_snapshot_open(home):
    run_pipeline(home, [TWCS_HEAD])
    analyst = subprocess.Popen(
        [sys.executable, "-c", ANALYST_SESSION, str(home.snapshot)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert analyst.stdout.readline().strip() == "911"  # the session is open and querying
        started = time.monotonic()
        run_pipeline(home, [SHARED_DATA / "twcs_kaggle_sample" / "sample.csv"])
        assert analyst.poll() is None, "the analyst session should still be open"
        assert time.monotonic() - started < 120
    finally:
        analyst.kill()
        analyst.wait()
    # The new snapshot has both exports; the analyst's next session sees them.
    assert snapshot_rows(home, "SELECT count(*) FROM ingest_log") == [(2,)]
    assert snapshot_rows(home, "SELECT count(*) > 911 FROM tickets") == [(True,)]


def test_two_runs_started_together_both_land_without_corrupting_the_warehouse(tmp_path):
    home = tmp_path / "home"
    heatcheck = str(Path(sys.executable).with_name("heatcheck"))
    exports = [TWCS_HEAD, SHARED_DATA / "twcs_kaggle_sample" / "sample.csv"]
    runs = [
        subprocess.Popen(
            [heatcheck, "--home", str(home), "ingest", str(export)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for export in exports
    ]
    for run in runs:
        _, stderr = run.communicate(timeout=600)
        assert run.returncode == 0, stderr
    from heatcheck.home import Home

    both = Home.at(home)
    assert snapshot_rows(both, "SELECT count(*) FROM ingest_log WHERE status = 'loaded'") == [(2,)]
    assert snapshot_rows(both, "SELECT count(*) FROM ticket_metrics") == snapshot_rows(
        both, "SELECT count(*) FROM tickets"
    )


def test_the_readme_duckdb_client_opens_the_snapshot(demo_home):
    """`.venv/bin/duckdb -readonly data/analyst.duckdb`, as the README says: the 1.5 client reads it."""
    client = Path(sys.executable).with_name("duckdb")
    result = subprocess.run(
        [
            str(client),
            "-readonly",
            "-csv",
            str(demo_home.snapshot),
            "-c",
            "SELECT count(*) AS tickets FROM ticket_metrics; SELECT count(*) AS staged FROM staging.stg_tickets; "
            "SELECT comment FROM duckdb_columns() WHERE table_name = 'ticket_metrics' AND column_name = 'ticket_id' "
            "AND schema_name = 'marts'",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    [tickets] = snapshot_rows(demo_home, "SELECT count(*) FROM tickets")[0]
    lines = result.stdout.split()
    assert lines[:4] == ["tickets", str(tickets), "staged", str(tickets)]
    assert "source-qualified" in result.stdout


def test_the_snapshot_is_renamed_into_place_while_the_run_still_holds_the_writers_lock(home, monkeypatch):
    """Two runs that publish together must not share the half-written copy: the rename happens
    before the next writer may start its own (CI once saw one run rename the other's file)."""
    import filelock

    from heatcheck import snapshot as snapshot_module
    from heatcheck.warehouse import Warehouse

    warehouse = Warehouse(home.warehouse_connection)
    with warehouse.transaction() as con:
        con.execute("CREATE TABLE tickets AS SELECT 1 AS ticket_id")
    renamed = []

    def replace_checking_the_lock(source, target):
        other_writer = filelock.FileLock(f"{warehouse.local_path}.lock", thread_local=False)
        try:
            other_writer.acquire(timeout=0)
        except filelock.Timeout:
            renamed.append("under the lock")
        else:
            other_writer.release()
            renamed.append("after the lock was released")
        snapshot_module.os.rename(source, target)

    monkeypatch.setattr(snapshot_module.os, "replace", replace_checking_the_lock)
    snapshot_module.publish_snapshot(warehouse, home.snapshot)
    assert renamed == ["under the lock"]
    assert snapshot_rows(home, "SELECT count(*) FROM tickets") == [(1,)]
