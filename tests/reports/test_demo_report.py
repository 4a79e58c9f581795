"""The report on the demo data as the pipeline left it: the busiest week, in a real browser."""

import math

import duckdb
import pytest

from reports.build import build_reports
from reports.coaching import file_slug
from reports.formatting import points, points_interval
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


def _mart_effects(con, scope: str, scope_id: str, team: str | None) -> dict[tuple[str, str], dict]:
    """The rows of marts.practice_effects one page shows (first reply), by practice and outcome."""
    found = con.sql(
        "SELECT * FROM marts.practice_effects WHERE scope = ? AND scope_id = ? AND team IS NOT DISTINCT FROM ? "
        "AND used_in = 'first_reply'",
        params=[scope, scope_id, team],
    ).pl()
    return {(row["practice"], row["outcome"]): row for row in found.iter_rows(named=True)}


def _shown_numbers(page, attribute: str) -> dict[tuple[str, str], dict]:
    return {(cell["data-practice"], cell["data-outcome"]): cell for cell in elements_with(page, attribute)}


def _same(shown: str, expected: float | None) -> bool:
    return (shown == "" and expected is None) or math.isclose(float(shown), expected, rel_tol=1e-9)


def test_the_weekly_report_leads_with_the_adjusted_effects_of_the_mart(busiest_week_report, demo_home):
    _, paths = busiest_week_report
    with duckdb.connect(str(demo_home.snapshot), read_only=True) as con:
        expected = _mart_effects(con, "all", "all", None)
    shown = _shown_numbers(paths.report, "data-practice-effect")
    assert set(shown) == set(expected) and len(shown) == 28
    for key, cell in shown.items():
        row = expected[key]
        assert _same(cell["data-effect"], row["effect"]) and _same(cell["data-low"], row["effect_low"]), key
        assert _same(cell["data-high"], row["effect_high"]), key
        text = f"{points(row['effect'])} ({points_interval(row['effect_low'], row['effect_high'])})"
        assert cell["text"].strip() == (text if row["enough_data"] else "too thin"), key
    for key, cell in _shown_numbers(paths.report, "data-raw-difference").items():
        assert _same(cell["data-value"], expected[key]["raw_difference"]), key
    page = paths.report.read_text(encoding="utf-8")
    assert page.index("data-practice-effect") < page.index('id="figure-practice-outcomes"'), "adjusted first"
    takeaway = next(
        t["text"] for t in elements_with(paths.report, "data-takeaway") if t["data-takeaway"] == "practices"
    )
    assert takeaway.startswith("Other things equal, complaints whose first reply used ")


def test_a_coaching_page_shows_the_agents_effects_and_their_difference_from_the_team(busiest_week_report, demo_home):
    week, paths = busiest_week_report
    with duckdb.connect(str(demo_home.snapshot), read_only=True) as con:
        agents = con.execute(
            "SELECT agent_id, team FROM marts.agent_weekly WHERE week_start = ? AND agent_id IS NOT NULL", [week]
        ).fetchall()
        compared = 0
        for agent_id, team in agents:
            expected = _mart_effects(con, "agent", agent_id, team)
            page = paths.index.parent / "coaching" / str(week) / f"agent-{file_slug(agent_id)}.html"
            shown, beside = _shown_numbers(page, "data-practice-effect"), _shown_numbers(page, "data-beside")
            if not any(row["enough_data"] for row in expected.values()):
                assert elements_with(page, "data-practice-effects-thin"), agent_id
                continue
            compared += 1
            assert set(shown) == set(expected)
            for key, row in expected.items():
                assert _same(shown[key]["data-effect"], row["effect"]), (agent_id, key)
                assert _same(beside[key]["data-value"], row["difference_from_team"]), (agent_id, key)
    assert compared >= 5, "the demo's agents with enough complaints get their effects"


@pytest.mark.browser
@pytest.mark.parametrize("width", [1300, 820])
def test_the_pages_fit_a_desktop_and_a_tablet_and_are_photographed(busiest_week_report, browser, width):
    """The weekly report, a coaching page and the index at a desktop and a tablet width: nothing
    wider than the window (the at-risk table used to overflow a tablet), and a screenshot of each
    in tests/artifacts/ for whoever reviews the layout."""
    week, paths = busiest_week_report
    coaching = next(page for page in paths.coaching if page.name.startswith("agent-"))
    context = browser.new_context(offline=True, viewport={"width": width, "height": 1000})
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        for name, path in (("weekly", paths.report), ("coaching", coaching), ("index", paths.index)):
            page = context.new_page()
            page.goto(path.as_uri(), wait_until="load")
            if name != "index":
                wait_for_figures(page)
            page.screenshot(path=str(ARTIFACTS / f"{name}_{width}px.png"), full_page=True)
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{name} is {overflow} px wider than a {width} px window"
    finally:
        context.close()
