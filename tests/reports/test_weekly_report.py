"""The weekly report and its companions, read as files: numbers, links, size, and what they load."""

from __future__ import annotations

import math
import random
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from heatcheck.labeling.playbook import REQUIRED_LABELS
from reports.build import build_reports, report_week
from reports.coaching import practice_shares
from reports.formatting import business_duration
from tests.reports.conftest import (
    COMPLETE_WEEKS,
    LAST_COMPLETE_WEEK,
    RUNNING_WEEK,
    Warehouse,
    elements_with,
    invented_ticket,
    write_marts,
)

# The headline numbers the issue asks for, by the mart column that holds each.
HEADLINE_METRICS = {
    "tickets": "marts.weekly_kpis",
    "complaints": "marts.weekly_kpis",
    "median_time_to_first_update_business_minutes": "marts.weekly_kpis",
    "de_escalated": "marts.weekly_kpis",
    "worsened": "marts.weekly_kpis",
    "broken_promises": "marts.weekly_kpis",
    "left_hanging": "marts.weekly_kpis",
    "word_of_mouth_reach": "marts.word_of_mouth_weekly",
}
ONE_MEGABYTE = 1_000_000


def mart_value(con: duckdb.DuckDBPyConnection, table: str, column: str, week_start: date) -> float | None:
    """One number of a mart for a week, read straight from the table."""
    known = {(f"{schema}.{name}", col) for schema, name, col in con.execute(
        "SELECT schema_name, table_name, column_name FROM duckdb_columns()").fetchall()}  # fmt: skip
    assert (table, column) in known, f"{table}.{column} is not a mart column"
    found = con.execute(f"SELECT {column} FROM {table} WHERE week_start = $week", {"week": week_start}).fetchall()
    assert len(found) == 1, f"{table} should hold one row for {week_start}"
    return found[0][0]


def test_the_default_week_is_the_last_complete_one(built_report, marts) -> None:
    assert report_week(marts) == LAST_COMPLETE_WEEK
    assert built_report.report.name == f"{LAST_COMPLETE_WEEK}.html"


def test_a_warehouse_with_one_running_week_reports_that_week(tmp_path: Path) -> None:
    rng = random.Random(3)
    latest = datetime.combine(RUNNING_WEEK + timedelta(days=2), datetime.min.time())
    warehouse = Warehouse()
    for number in range(3):
        warehouse.add(*invented_ticket(rng, number, RUNNING_WEEK, latest))
    with duckdb.connect(str(write_marts(tmp_path / "one-week.duckdb", warehouse)), read_only=True) as con:
        assert report_week(con) == RUNNING_WEEK


def test_every_headline_number_equals_the_marts(built_report, marts) -> None:
    headlines = elements_with(built_report.report, "data-metric")
    assert {h["data-metric"]: h["data-source"] for h in headlines} == HEADLINE_METRICS
    for headline in headlines:
        expected = mart_value(marts, headline["data-source"], headline["data-metric"], LAST_COMPLETE_WEEK)
        assert expected is not None, f"the fixture should give {headline['data-metric']} a value"
        assert math.isclose(float(headline["data-value"]), expected, rel_tol=1e-9), headline["data-metric"]
        shown = headline["text"].strip()
        if headline["data-metric"] == "median_time_to_first_update_business_minutes":
            assert shown == business_duration(expected)
        else:
            assert shown == f"{round(expected):,}", headline["data-metric"]


def test_the_takeaways_are_written_from_the_weeks_numbers(built_report, marts) -> None:
    takeaways = {t["data-takeaway"]: t["text"] for t in elements_with(built_report.report, "data-takeaway")}
    tickets = mart_value(marts, "marts.weekly_kpis", "tickets", LAST_COMPLETE_WEEK)
    slow = mart_value(marts, "marts.weekly_kpis", "slow_first_updates", LAST_COMPLETE_WEEK)
    complaints = mart_value(marts, "marts.word_of_mouth_weekly", "complaints", LAST_COMPLETE_WEEK)
    reach_per_complaint = mart_value(marts, "marts.word_of_mouth_weekly", "complaint_to_wom_risk", LAST_COMPLETE_WEEK)
    assert takeaways["headlines"].startswith(f"{tickets} tickets")
    assert f"{slow} of {tickets} tickets missed their priority's target" in takeaways["first-update"]
    assert (
        f"{round(reach_per_complaint):,} people for each of the {complaints} complaints" in takeaways["word-of-mouth"]
    )
    assert len(set(takeaways.values())) == len(takeaways) == 8


def test_the_word_of_mouth_parameters_are_shown_as_estimates(built_report, marts) -> None:
    shown = {p["data-parameter"]: float(p["data-value"]) for p in elements_with(built_report.report, "data-parameter")}
    for column in ("complaint_rate", "tell_share", "audience"):
        assert shown[column] == mart_value(marts, "marts.word_of_mouth_weekly", column, LAST_COMPLETE_WEEK)
    assert "estimate" in built_report.report.read_text(encoding="utf-8")


def test_practices_with_few_cases_carry_a_warning(built_report, marts) -> None:
    counts = marts.execute(
        "SELECT practice, least(complaints_with, complaints_without) FROM marts.practice_outcomes "
        "WHERE week_start IS NULL"
    ).fetchall()
    small = sorted(practice.replace("_", " ") for practice, fewest in counts if fewest < 20)
    enough = sorted(practice.replace("_", " ") for practice, fewest in counts if fewest >= 20)
    assert small and enough, "the fixture should hold practices on both sides of the line"
    warning = next(w["text"] for w in elements_with(built_report.report, "data-few-cases"))
    assert all(name in warning for name in small)
    assert not any(re.search(rf"\b{name}\b", warning) for name in enough)


def test_the_open_tickets_at_risk_come_first(built_report, marts) -> None:
    expected = [row[0] for row in marts.execute(
        """SELECT ticket_id FROM marts.ticket_metrics WHERE is_open AND week_start <= $week
           ORDER BY avoidable_reach DESC, longest_customer_wait_minutes DESC, ticket_id LIMIT 10""",
        {"week": LAST_COMPLETE_WEEK},
    ).fetchall()]  # fmt: skip
    shown = [
        row["data-ticket"]
        for row in elements_with(built_report.report, "data-ticket")
        if row.get("data-at-risk") is not None
    ]
    assert shown == expected


def test_the_report_stays_under_a_megabyte_beside_one_shared_plotly_js(built_report) -> None:
    out_dir = built_report.index.parent
    assert built_report.report.stat().st_size < ONE_MEGABYTE
    bundles = list(out_dir.rglob("plotly*.js"))
    assert bundles == [out_dir / "plotly.min.js"]
    assert "plotly.js" in bundles[0].read_text(encoding="utf-8")[:200]
    for page in [built_report.report, *built_report.coaching]:
        sources = [s["src"] for s in elements_with(page, "src")]
        assert len(sources) == 1 and sources[0].endswith("../plotly.min.js"), page.name
        assert (page.parent / sources[0]).resolve() == bundles[0].resolve()


def test_no_page_references_anything_on_the_network(built_report) -> None:
    pages = [built_report.report, built_report.index, *built_report.coaching]
    for page in pages:
        for attribute in ("src", "href"):
            for element in elements_with(page, attribute):
                assert not re.match(r"^(https?:)?//", element[attribute].strip(), re.I), (page.name, element)
        assert "Content-Security-Policy" in page.read_text(encoding="utf-8")


def test_the_index_links_every_weekly_report_and_the_coaching_pages(marts_path: Path, tmp_path: Path) -> None:
    with duckdb.connect(str(marts_path), read_only=True) as con:
        for week in COMPLETE_WEEKS[:2]:
            build_reports(con, tmp_path, week_start=week)
        latest = build_reports(con, tmp_path)
    links = {(latest.index.parent / a["href"]).resolve() for a in elements_with(latest.index, "href")}
    weekly = {(tmp_path / "weekly" / f"{week}.html").resolve() for week in COMPLETE_WEEKS}
    assert weekly <= links
    assert {page.resolve() for page in latest.coaching} <= links
    assert all(link.exists() for link in links)


def test_a_coaching_page_is_written_for_every_agent_and_team_of_the_week(built_report, marts) -> None:
    agents = marts.execute(
        "SELECT count(*) FROM marts.agent_weekly WHERE week_start = $w", {"w": LAST_COMPLETE_WEEK}
    ).fetchall()
    teams = marts.execute(
        "SELECT count(*) FROM marts.team_weekly WHERE week_start = $w", {"w": LAST_COMPLETE_WEEK}
    ).fetchall()
    names = [page.name for page in built_report.coaching]
    assert sum(name.startswith("agent-") for name in names) == agents[0][0]
    assert sum(name.startswith("team-") for name in names) == teams[0][0]
    assert all(re.fullmatch(r"(agent|team)-[a-z0-9_-]+\.html", name) for name in names)
    assert len(set(names)) == len(names)


def test_a_week_that_is_not_a_monday_is_refused(marts, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not a Monday"):
        build_reports(marts, tmp_path, week_start=LAST_COMPLETE_WEEK + timedelta(days=1))


def test_the_habits_compared_on_coaching_pages_are_practices_only(marts) -> None:
    # weekly_kpis also holds complaint_share: a share, but not a habit an agent can coach.
    week = marts.execute("SELECT * FROM marts.weekly_kpis WHERE week_start = $w", {"w": LAST_COMPLETE_WEEK})
    row = dict(zip([column[0] for column in week.description], week.fetchone(), strict=True))
    assert "complaint_share" in row
    assert set(practice_shares(row)) == set(REQUIRED_LABELS["practices"])


def test_the_sla_breaches_and_time_in_status_equal_the_marts(built_report, marts) -> None:
    from reports.weekly import SERVICE_LEVELS

    shown = {
        item["data-service-level"]: item["text"] for item in elements_with(built_report.report, "data-service-level")
    }
    assert set(shown) == {column for column, _, _ in SERVICE_LEVELS}
    for column, label, show in SERVICE_LEVELS:
        expected = mart_value(marts, "marts.weekly_kpis", column, LAST_COMPLETE_WEEK)
        assert shown[column].strip() == f"{label}: {show(expected)}", column


def test_the_practice_effects_say_plainly_when_the_data_is_too_thin(built_report, marts) -> None:
    # Four weeks of a few dozen invented complaints: far below the settings' minimum for a fit.
    [(readable, reason)] = marts.execute(
        "SELECT bool_or(enough_data), min(too_thin) FILTER (WHERE outcome = 'de_escalation' "
        "AND practice = (SELECT min(practice) FROM marts.practice_effects)) "
        "FROM marts.practice_effects WHERE scope = 'all' AND used_in = 'first_reply'"
    ).fetchall()
    assert readable is False and reason.startswith("too thin: ")
    [warning] = elements_with(built_report.report, "data-practice-effects-thin")
    assert reason.removeprefix("too thin: ") in warning["text"]
    assert elements_with(built_report.report, "data-practice-effect") == []
    takeaways = {t["data-takeaway"]: t["text"] for t in elements_with(built_report.report, "data-takeaway")}
    assert takeaways["practices"].startswith("Too few complaints yet to tell the practices' effects apart")
    for page in built_report.coaching:
        assert elements_with(page, "data-practice-effects-thin"), page.name
        coaching = {t["data-takeaway"]: t["text"] for t in elements_with(page, "data-takeaway")}
        assert coaching["practice-effects"].startswith(("Too few complaints", "No practice effects")), page.name
