"""A run killed with SIGKILL (no handler runs) leaves no process behind, and the next run both
ends with the same tables as an uninterrupted one and marks the dead run failed in Dagster."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import psutil
import pytest

from tests.conftest import TWCS_HEAD

HEATCHECK = str(Path(sys.executable).with_name("heatcheck"))

SCORE_FOREVER = """
import sys
from heatcheck.labeling.playbook import load_playbook
from heatcheck.labeling.sentiment import score_on_all_cores
texts = [f"my order {i} is late and nobody answers, thanks for nothing" for i in range(2_000_000)]
print("scoring", flush=True)
for _ in score_on_all_cores(load_playbook().sentiment_rules(), texts, workers=2, parallel_from=1):
    pass
"""


def test_sentiment_workers_die_with_a_killed_parent():
    parent = subprocess.Popen([sys.executable, "-c", SCORE_FOREVER], stdout=subprocess.PIPE, text=True)
    assert parent.stdout.readline().strip() == "scoring"
    deadline = time.monotonic() + 120
    workers: list[psutil.Process] = []
    while len(workers) < 2 and time.monotonic() < deadline:
        workers = [p for p in psutil.Process(parent.pid).children(recursive=True) if "spawn" in " ".join(p.cmdline())]
        time.sleep(0.5)
    assert len(workers) >= 2, "the scorer should have started its workers"
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    _, alive = psutil.wait_procs(workers, timeout=30)
    assert not alive, f"workers left running: {[p.pid for p in alive]}"


def _tables_checksum(warehouse: Path) -> dict[str, str]:
    """A checksum over every table's sorted rows (the run's own bookkeeping columns left out)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    sums = {}
    for schema, table in con.execute(
        "SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' "
        "AND table_schema IN ('staging', 'labels', 'marts') ORDER BY ALL"
    ).fetchall():
        columns = [
            # Floating-point fits (practice effects) may differ in their last bits between runs as
            # BLAS threads sum in another order: compare them to nine decimals, not to the bit.
            f'round("{c}", 9)' if kind in ("DOUBLE", "FLOAT") else f'"{c}"'
            for c, kind in con.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = ? "
                "AND table_name = ? ORDER BY ordinal_position",
                [schema, table],
            ).fetchall()
            if c not in ("ingested_at", "quarantined_at", "labelled_at", "scored_at", "modified_at", "recorded_at")
        ]
        listed = ", ".join(columns)
        sums[f"{schema}.{table}"] = con.execute(
            f"SELECT md5(string_agg(row_text, '|' ORDER BY row_text)) FROM "
            f'(SELECT CAST(({listed}) AS VARCHAR) AS row_text FROM "{schema}"."{table}")'
        ).fetchone()[0]
    con.close()
    return sums


def _ingest(home: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [HEATCHECK, "--home", str(home), "ingest", str(TWCS_HEAD)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("uninterrupted") / "home"
    assert _ingest(home).wait() == 0
    return _tables_checksum(home / "warehouse.duckdb")


@pytest.mark.parametrize(
    "stage", ["staged_exports", "message_sentiment", "message_labels", "ticket_labels", "heatcheck_models"]
)
def test_a_run_killed_at_a_stage_is_repaired_by_the_next_run(tmp_path, monkeypatch, uninterrupted, stage):
    home = tmp_path / "home"
    run = _ingest(home)
    for line in run.stdout:
        if f"[{stage}]" in line:
            os.killpg(run.pid, signal.SIGKILL)
            break
    run.wait()
    assert run.returncode == -signal.SIGKILL, f"the run ended before {stage} began"
    time.sleep(1)
    left = [p for p in psutil.process_iter(["cmdline"]) if str(home) in " ".join(p.info["cmdline"] or [])]
    assert not left, f"processes of the killed run left: {[p.pid for p in left]}"

    rerun = _ingest(home)
    output = rerun.communicate()[0]
    assert rerun.returncode == 0, output
    assert _tables_checksum(home / "warehouse.duckdb") == uninterrupted

    from dagster import DagsterInstance, DagsterRunStatus

    monkeypatch.setenv("DAGSTER_HOME", str(home / "dagster"))
    with DagsterInstance.get() as instance:
        runs = [(run.job_name, run.status) for run in reversed(instance.get_runs())]  # oldest first
    # The killed run is marked failed and is the last before the rerun, whose runs all succeed:
    # ingest, the weeks' labels (left out when the killed run had finished labelling), the marts.
    failed = [index for index, (_, status) in enumerate(runs) if status == DagsterRunStatus.FAILURE]
    assert len(failed) == 1, runs
    rerun_runs = runs[failed[0] + 1 :]
    assert all(status == DagsterRunStatus.SUCCESS for _, status in rerun_runs), runs
    jobs = [job for job, _ in rerun_runs]
    if stage in ("staged_exports", "message_sentiment", "message_labels"):  # killed with labels to do
        assert jobs == ["heatcheck_ingest", "heatcheck_weeks", "heatcheck_marts"], runs
    else:
        assert jobs in (
            ["heatcheck_ingest", "heatcheck_weeks", "heatcheck_marts"],
            ["heatcheck_ingest", "heatcheck_marts"],
        )
    assert all(status in (DagsterRunStatus.SUCCESS, DagsterRunStatus.FAILURE) for _, status in runs), runs
