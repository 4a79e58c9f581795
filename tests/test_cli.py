"""The `heatcheck` command as a user runs it: a real process, a real home folder."""

import re
import subprocess
import sys
from functools import partial
from pathlib import Path

import duckdb
import polars as pl
import pytest

from heatcheck.exports import export, relation_for
from tests.conftest import TWCS_HEAD

HEATCHECK = str(Path(sys.executable).with_name("heatcheck"))


def heatcheck(home: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([HEATCHECK, "--home", str(home), *args], capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """One home with the Twitter threads ingested by the command, and what the command printed."""
    home = tmp_path_factory.mktemp("cli") / "home"
    return home, heatcheck(home, "ingest", str(TWCS_HEAD))


def test_ingest_then_query_counts_the_twitter_threads(ingested):
    home, ingested = ingested
    assert ingested.returncode == 0, ingested.stderr
    assert "Analyst snapshot:" in ingested.stdout and "911 rows" in ingested.stdout
    report = re.search(r"^Weekly report: +(\S+)$", ingested.stdout, flags=re.M)
    index = re.search(r"^Report index: +(\S+)$", ingested.stdout, flags=re.M)
    assert report and Path(report[1]).is_file() and index and Path(index[1]).is_file()
    tickets = heatcheck(home, "query", "select count(*) as n from tickets", "--csv")
    assert tickets.stdout.splitlines() == ["n", "911"]
    messages = heatcheck(home, "query", "select count(*) from messages where author_role = 'customer'")
    assert "1928" in messages.stdout


def test_heatcheck_home_comes_from_the_environment_too(tmp_path):
    env_home = tmp_path / "from-env"
    result = subprocess.run(
        [HEATCHECK, "ingest", str(TWCS_HEAD)],
        capture_output=True,
        text=True,
        env={"HEATCHECK_HOME": str(env_home), "PATH": "/usr/bin:/bin"},
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert (env_home / "analyst.duckdb").exists()


def test_a_file_in_no_known_format_fails_with_one_clear_line(tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_text("dear diary\n")
    result = heatcheck(tmp_path / "home", "ingest", str(junk))
    assert result.returncode == 1
    assert result.stderr.strip().startswith(f"heatcheck: error: {junk}: is not a known ticket export")
    assert "Traceback" not in result.stderr


def test_a_bad_query_is_one_line_not_a_traceback(ingested):
    home, _ = ingested
    result = heatcheck(home, "query", "select * from no_such_table")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "no_such_table" in result.stderr


def test_query_before_any_run_says_what_to_do(tmp_path):
    result = heatcheck(tmp_path, "query", "select 1")
    assert result.returncode == 1
    assert "heatcheck demo" in result.stderr


def test_evaluate_prints_plain_vader_beside_the_product_and_the_label_census(tmp_path):
    result = heatcheck(tmp_path, "evaluate")
    assert result.returncode == 0, result.stderr
    report = result.stdout
    for section in ("== Airline tweets", "== VADER ground truth", "== Labels on the Twitter support threads"):
        assert section in report
    [plain] = re.findall(r"^plain VADER +[\d.]+ +([\d.]+)$", report, flags=re.M)
    [product] = re.findall(r"^product +[\d.]+ +([\d.]+)$", report, flags=re.M)
    assert float(product) >= 0.68 > float(plain)
    assert "911 threads, 3499 messages" in report


def test_report_rewrites_a_chosen_week_and_refuses_a_day_that_is_not_a_monday(ingested):
    home, _ = ingested
    chosen_page = home / "reports" / "weekly" / "2017-10-30.html"
    chosen_page.unlink(missing_ok=True)  # the ingest may have written it; the command must write it again
    chosen = heatcheck(home, "report", "--week", "2017-10-30")
    assert chosen.returncode == 0, chosen.stderr
    assert chosen_page.is_file()
    refused = heatcheck(home, "report", "--week", "2017-10-31")
    assert refused.returncode == 1
    assert (
        refused.stderr.strip() == "heatcheck: error: --week 2017-10-31: is a Tuesday; weeks are named by their Monday"
    )


def test_home_given_on_the_command_line_ignores_a_broken_default_home(tmp_path):
    # Run from a folder whose ./data holds a broken settings file: --home points elsewhere, so
    # that file must not be read at all (it once was, at import time).
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "settings.yaml").write_text("timezone: [not closed\n")
    result = subprocess.run(
        [HEATCHECK, "--home", str(tmp_path / "elsewhere"), "query", "select 1"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
    )
    assert result.returncode == 1
    assert "heatcheck demo" in result.stderr and "Traceback" not in result.stderr


STABLE_VIEWS = (
    "tickets", "messages", "status_changes", "quarantine", "ingest_log", "message_sentiment", "message_labels",
    "ticket_labels", "ticket_metrics", "message_facts", "follow_up_gaps", "weekly_kpis", "agent_weekly",
    "team_weekly", "practice_outcomes", "practice_effects", "complaint_themes_weekly", "word_of_mouth_weekly",
    "agents", "data_checks",
)  # fmt: skip


def test_query_csv_prints_list_columns_as_text(ingested):
    home, _ = ingested
    result = heatcheck(
        home,
        "query",
        "--csv",
        "select l.message_id, s.evidence from message_labels l "
        "join message_sentiment s using (message_id) order by 1 limit 3",
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "message_id,evidence" and len(lines) == 4
    assert all(line.count("[") >= 1 for line in lines[1:]), "the evidence lists are written as text"


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".xlsx"])
def test_every_stable_view_exports_whole(ingested, tmp_path, suffix):
    """The command writes one view; the same writer runs in process for the others, since a
    process per view would take minutes."""
    home, _ = ingested
    tickets = tmp_path / f"tickets{suffix}"
    command = heatcheck(home, "export", "tickets", "--to", str(tickets))
    assert command.returncode == 0, command.stderr
    assert f"to {tickets}" in command.stdout
    read = {".csv": partial(pl.read_csv, infer_schema_length=0), ".parquet": pl.read_parquet, ".xlsx": pl.read_excel}
    with duckdb.connect(str(home / "analyst.duckdb"), read_only=True) as con:
        for view in STABLE_VIEWS:
            target = tmp_path / f"{view}{suffix}"
            if view != "tickets":
                export(relation_for(con, view), target)
            [(rows,)] = con.execute(f"SELECT count(*) FROM {view}").fetchall()  # names from the list above
            assert rows == 0 or read[suffix](target).height == rows, view


def test_an_export_to_an_unknown_format_fails_in_one_line(ingested, tmp_path):
    home, _ = ingested
    result = heatcheck(home, "export", "tickets", "--to", str(tmp_path / "tickets.docx"))
    assert result.returncode == 1
    assert (
        result.stderr.strip() == f"heatcheck: error: {tmp_path / 'tickets.docx'}: unknown export format; "
        "use one of .csv, .json, .jsonl, .parquet, .xlsx"
    )


def _runs_in(home: Path) -> int:
    """How many Dagster runs the home's instance holds (0 when none was ever started)."""
    runs = home / "dagster" / "storage" / "runs.db"
    if not runs.exists():
        return 0
    import sqlite3

    with sqlite3.connect(runs) as db:
        return db.execute("SELECT count(*) FROM runs").fetchone()[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("ingest", "/no/such.csv"), "/no/such.csv: no such file or folder"),
        (("report", "--week", "last-monday"), "--week last-monday: expected a date as YYYY-MM-DD"),
        (("report", "--week", "2026-09-23"), "--week 2026-09-23: is a Wednesday; weeks are named by their Monday"),
        (("report", "--week", "1999-01-04"), "--week 1999-01-04: the marts hold no such week; they hold 20"),
        (("ui", "--port", "70000"), "'--port': 70000 is not in the range 1<=x<=65535"),
        (("query", "select * from tickts"), "query failed: Catalog Error: Table with name tickts does not exist!"),
        (("export", "tickets", "--to", "/tmp/tickets.docx"), "/tmp/tickets.docx: unknown export format"),
    ],
)
def test_a_mistake_gives_one_line_exit_1_and_starts_no_run(ingested, args, message):
    home, _ = ingested
    runs_before = _runs_in(home)
    result = heatcheck(home, *args)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("heatcheck: error: "), result.stderr
    assert message in lines[0]
    assert _runs_in(home) == runs_before, "an argument error must not start a Dagster run"


def test_a_query_error_keeps_duckdbs_hint(ingested):
    home, _ = ingested
    result = heatcheck(home, "query", "select * from tickts")
    assert 'Did you mean "tickets"' in result.stderr


def test_home_is_accepted_after_the_command_too(ingested):
    home, _ = ingested
    result = subprocess.run(
        [HEATCHECK, "query", "--home", str(home), "select count(*) as n from tickets", "--csv"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["n", "911"]


def test_status_shows_files_quarantine_weeks_and_the_last_run(ingested):
    home, _ = ingested
    result = heatcheck(home, "status")
    assert result.returncode == 0, result.stderr
    assert f"{TWCS_HEAD.resolve()}  [twcs, loaded] 3,500 read, 3,499 loaded, 1 quarantined" in result.stdout
    assert re.search(r"^ +1  .+  \(1 file\)$", result.stdout, flags=re.M), result.stdout
    assert re.search(r"^Weeks with reports: \d{4}-\d{2}-\d{2}", result.stdout, flags=re.M)
    assert re.search(r"^Last run: success, started \d{4}-\d{2}-\d{2}", result.stdout, flags=re.M)
    listed = heatcheck(home, "status", "--quarantine")
    assert listed.returncode == 0 and listed.stdout.count("\n") == 1 and str(TWCS_HEAD.resolve()) in listed.stdout
