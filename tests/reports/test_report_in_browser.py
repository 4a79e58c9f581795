"""The reports in a real browser: headless Debian Chromium, offline, with every request refused."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pytest
import yaml

from heatcheck.labeling.playbook import DEFAULT_PATH as DEFAULT_PLAYBOOK
from reports.build import build_reports
from reports.coaching import file_slug
from tests.reports.conftest import ARTIFACTS, LAST_COMPLETE_WEEK, invented_warehouse, message, write_marts

pytestmark = pytest.mark.browser

ALL_FIGURES_DRAWN = """() => {
    const figures = [...document.querySelectorAll("div[data-figure]")];
    return figures.length > 0 && figures.every(f => f.querySelector("svg.main-svg") && f._fullLayout);
}"""
HOSTILE_SCRIPT = "<script>window.pwned=1</script>"
HOSTILE_IMAGE = '<img src=x onerror="window.pwned=2">'
HOSTILE_THEME = '<b>bold</b><img src=x onerror="window.pwned=3"> ask ops@heatcheck.example'
EMAIL = "jane.doe@example.com"
PHONE = "+1 (555) 123-4567"
CARD = "4111 1111 1111 1111"


def wait_for_figures(page) -> int:
    """Wait until Plotly has drawn every figure of the page; the number of figures."""
    page.wait_for_function(ALL_FIGURES_DRAWN, timeout=30_000)
    return page.evaluate("() => document.querySelectorAll('div[data-figure]').length")


def test_the_weekly_report_renders_offline_without_errors(built_report, open_offline) -> None:
    opened = open_offline(built_report.report)
    drawn = wait_for_figures(opened.page)
    assert drawn == built_report.report.read_text(encoding="utf-8").count("data-figure=")
    assert drawn >= 8, "the invented week has something to draw in every section"
    assert (
        opened.page.evaluate("() => [...document.querySelectorAll('svg.main-svg .trace, svg.main-svg .sankey')].length")
        > 0
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    opened.page.screenshot(path=str(ARTIFACTS / "weekly_report.png"), full_page=True)
    assert opened.console_errors == []
    assert opened.network_requests == []


def test_the_coaching_pages_and_the_index_render_offline(built_report, open_offline) -> None:
    for page in built_report.coaching:
        opened = open_offline(page)
        assert wait_for_figures(opened.page) == 1, page.name
        assert opened.console_errors == [], page.name
        assert opened.network_requests == [], page.name
        opened.page.close()
    index = open_offline(built_report.index)
    assert index.page.locator("a").count() >= 1 + len(built_report.coaching)
    assert index.console_errors == [] and index.network_requests == []


def hostile_warehouse() -> tuple[object, dict]:
    """The invented warehouse plus a ticket whose customer writes markup and personal data.

    It is meant as the week's worst miss: a customer who opens warmly and ends furious after a
    broken promise, so it heads the casebook and its agent's. Its complaint theme (markup and an
    e-mail address, matched by a root-cause cue of the test's playbook) is the week's fastest
    rising, with three quieter complaints sharing it.
    """
    warehouse = invented_warehouse()
    ticket = dict(next(t for t in warehouse.tickets if t["week_start"] == LAST_COMPLETE_WEEK))
    created = datetime.combine(LAST_COMPLETE_WEEK + timedelta(days=2), datetime.min.time())
    ticket.update(
        ticket_id="demo:hostile", requester_id="customer-hostile", created_at=created, status="solved", csat="bad"
    )
    conversation = [
        message(ticket, 1, created, "customer", "customer-hostile",
                f"Hi! Usually great service, thank you so much. {HOSTILE_SCRIPT} I was charged twice, "
                f"{HOSTILE_THEME}. Please fix this now. Mail me at {EMAIL}"),
        message(ticket, 2, created + timedelta(hours=1), "agent", ticket["assignee_id"],
                f"<b>I'll call</b> you on {PHONE} tomorrow."),
        message(ticket, 3, created + timedelta(days=2), "customer", "customer-hostile",
                f"{HOSTILE_IMAGE} Nobody called {PHONE}. This is a disgrace, worst service ever. "
                f"Refund card {CARD} now!"),
    ]  # fmt: skip
    warehouse.add(ticket, conversation)
    for echo in range(3):
        quiet = dict(ticket, ticket_id=f"demo:echo-{echo}", requester_id=f"customer-echo-{echo}")
        warehouse.add(
            quiet,
            [message(quiet, 1, created, "customer", quiet["requester_id"], f"Same here, {HOSTILE_THEME}. Annoying.")],
        )
    return warehouse, ticket


def hostile_playbook() -> dict:
    """The default playbook with a root-cause cue that matches the hostile theme as typed."""
    book = yaml.safe_load(DEFAULT_PLAYBOOK.read_text(encoding="utf-8"))
    book["root_causes"]["service_failure"]["patterns"].insert(0, re.escape(HOSTILE_THEME))
    return book


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory: pytest.TempPathFactory):
    warehouse, ticket = hostile_warehouse()
    path = write_marts(tmp_path_factory.mktemp("hostile") / "warehouse.duckdb", warehouse, hostile_playbook())
    with duckdb.connect(str(path), read_only=True) as con:
        return build_reports(con, tmp_path_factory.mktemp("hostile-reports")), ticket


def test_customer_text_is_shown_as_redacted_text_and_never_runs(hostile_report, open_offline) -> None:
    paths, ticket = hostile_report
    agent_page = next(page for page in paths.coaching if page.name == f"agent-{file_slug(ticket['assignee_id'])}.html")
    for page in (paths.report, agent_page):
        opened = open_offline(page)
        wait_for_figures(opened.page)
        case = opened.page.locator('[data-ticket="demo:hostile"].case')
        assert case.count() == 1, f"the planted ticket should be in the casebook of {page.name}"
        text = case.inner_text()
        assert HOSTILE_SCRIPT in text
        assert HOSTILE_IMAGE in text
        assert "<b>I'll call</b>" in text
        for placeholder in ("[email]", "[phone]", "[card]"):
            assert placeholder in text
        assert case.locator("script, img, b").count() == 0
        assert opened.page.evaluate("() => typeof window.pwned") == "undefined"
        assert opened.console_errors == [] and opened.network_requests == []

    themes = open_offline(paths.report).page
    wait_for_figures(themes)
    takeaway = themes.locator('[data-takeaway="themes"]').inner_text()
    assert "<b>bold</b>" in takeaway and "[email]" in takeaway, "the rising theme is named as typed, redacted"
    axis_text = themes.locator("#figure-complaint-themes").inner_text()
    assert "<b>bold</b>" in axis_text, "a theme's markup is shown as typed, not applied"
    hover_text = themes.evaluate(
        "() => document.getElementById('figure-complaint-themes').data.flatMap(trace => trace.customdata)"
    )
    assert any("[email]" in text for text in hover_text)
    assert not any("<" in text for text in hover_text), "hover text is escaped for Plotly, shown as typed"
    assert themes.evaluate("() => typeof window.pwned") == "undefined"


def test_no_personal_data_reaches_any_page(hostile_report) -> None:
    paths, _ = hostile_report
    for page in [paths.report, paths.index, *paths.coaching]:
        html = page.read_text(encoding="utf-8")
        for secret in (EMAIL, "ops@heatcheck.example", "123-4567", "4111 1111"):
            assert secret not in html, (page.name, secret)


def test_png_export_writes_the_weekly_figures(marts_path: Path, tmp_path: Path) -> None:
    with duckdb.connect(str(marts_path), read_only=True) as con:
        paths = build_reports(con, tmp_path, png=True)
    assert paths.pngs, "png=True should write the weekly figures"
    assert all(p.parent == tmp_path / "weekly" / str(LAST_COMPLETE_WEEK) for p in paths.pngs)
    for png in paths.pngs:
        header = png.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n", png.name
        assert int.from_bytes(header[16:20], "big") >= 1000, f"{png.name} should be drawn at report width"
