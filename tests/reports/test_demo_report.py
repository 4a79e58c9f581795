"""The report on the demo data as the pipeline left it: the busiest week, in a real browser."""

import math

import duckdb
import pytest

from reports.build import build_reports
from tests.reports.conftest import ARTIFACTS, elements_with
from tests.reports.test_report_in_browser import wait_for_figures

ONE_MEGABYTE = 1_000_000


@pytest.fixture(scope="module")
def busiest_week_report(demo_home, tmp_path_factory):
    with duckdb.connect(str(demo_home.snapshot), read_only=True) as con:
        [(week,)] = con.execute(
            "SELECT week_start FROM marts.weekly_kpis ORDER BY tickets DESC, week_start LIMIT 1"
        ).fetchall()
        return week, build_reports(con, tmp_path_factory.mktemp("demo-reports"), week_start=week)


def test_the_pipeline_wrote_a_report_and_an_index(demo_home):
    assert (demo_home.reports / "index.html").exists()
    assert list((demo_home.reports / "weekly").glob("*.html"))


def test_the_busiest_week_stays_under_a_megabyte_beside_the_shared_plotly_js(busiest_week_report):
    _, paths = busiest_week_report
    assert paths.report.stat().st_size < ONE_MEGABYTE
    assert (paths.report.parent.parent / "plotly.min.js").exists()


@pytest.mark.browser
def test_the_busiest_week_renders_offline_with_every_figure(busiest_week_report, open_offline):
    _, paths = busiest_week_report
    opened = open_offline(paths.report)
    drawn = wait_for_figures(opened.page)
    assert drawn == paths.report.read_text(encoding="utf-8").count("data-figure=")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    opened.page.screenshot(path=str(ARTIFACTS / "demo_weekly_report.png"), full_page=True)
    assert opened.console_errors == [] and opened.network_requests == []


def test_every_headline_number_equals_the_demo_marts(busiest_week_report, demo_home):
    week, paths = busiest_week_report
    headlines = elements_with(paths.report, "data-metric")
    assert len(headlines) >= 8
    with duckdb.connect(str(demo_home.snapshot), read_only=True) as con:
        for headline in headlines:
            table, column = headline["data-source"], headline["data-metric"]
            assert table in ("marts.weekly_kpis", "marts.word_of_mouth_weekly")
            [(expected,)] = con.execute(f"SELECT {column} FROM {table} WHERE week_start = ?", [week]).fetchall()
            assert math.isclose(float(headline["data-value"]), expected, rel_tol=1e-9), column
