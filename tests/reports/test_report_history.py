"""Reports keep their history: each week's coaching pages live in that week's folder, the index
lists every week the marts hold (written or not), `--all-weeks` writes them all in one run, and
the demo's coaching pages name each person once."""

from pathlib import Path

import duckdb
from click.testing import CliRunner

from pipelines.cli import cli
from reports.build import build_all_weeks, build_reports
from tests.reports.conftest import COMPLETE_WEEKS, RUNNING_WEEK, elements_with


def test_rebuilding_an_old_week_leaves_the_newer_weeks_coaching_pages_alone(marts_path: Path, tmp_path: Path):
    with duckdb.connect(str(marts_path), read_only=True) as con:
        newer = build_reports(con, tmp_path, week_start=COMPLETE_WEEKS[-1])
        before = {page: page.read_text() for page in newer.coaching}
        older = build_reports(con, tmp_path, week_start=COMPLETE_WEEKS[0])
    assert all(page.parent.name == str(COMPLETE_WEEKS[0]) for page in older.coaching)
    assert {page: page.read_text() for page in newer.coaching} == before


def test_the_index_lists_every_week_of_the_marts_and_says_which_are_not_written(marts_path: Path, tmp_path: Path):
    with duckdb.connect(str(marts_path), read_only=True) as con:
        paths = build_reports(con, tmp_path, week_start=COMPLETE_WEEKS[1])
    listed = {item["data-week"]: item for item in elements_with(paths.index, "data-week")}
    assert set(listed) == {str(week) for week in (*COMPLETE_WEEKS, RUNNING_WEEK)}
    not_written = {week for week, item in listed.items() if "data-not-written" in item}
    assert not_written == {str(week) for week in (*COMPLETE_WEEKS, RUNNING_WEEK)} - {str(COMPLETE_WEEKS[1])}


def test_all_weeks_writes_a_report_for_every_week(marts_path: Path, tmp_path: Path):
    with duckdb.connect(str(marts_path), read_only=True) as con:
        every = build_all_weeks(con, tmp_path)
    assert sorted(path.report.name for path in every) == sorted(f"{w}.html" for w in (*COMPLETE_WEEKS, RUNNING_WEEK))
    assert not [item for item in elements_with(every[-1].index, "data-week") if "data-not-written" in item]


def test_the_demo_s_coaching_pages_name_each_person_once(demo_home):
    result = CliRunner().invoke(cli, ["--home", str(demo_home.root), "report", "--all-weeks"])
    assert result.exit_code == 0, result.output
    pages = list((demo_home.reports / "coaching").glob("*/agent-*.html"))
    assert pages and not [page for page in pages if "zendesk-user" in page.name]
    # she answers the canonical desk and the Fivetran desk under two ids: one page a week
    weeks = {
        folder.name: list(folder.glob("agent-*maya*.html")) for folder in (demo_home.reports / "coaching").iterdir()
    }
    assert all(len(pages) <= 1 for pages in weeks.values()), weeks
    week, (page,) = next((week, pages) for week, pages in sorted(weeks.items()) if pages)
    assert "Coaching: agent Maya Kowalski" in page.read_text()
    assert "agent: Maya Kowalski" in (demo_home.reports / "weekly" / f"{week}.html").read_text()
