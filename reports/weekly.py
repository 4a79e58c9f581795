"""The weekly leadership report: what each of its sections shows, read from the marts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import duckdb

from reports import figures, takeaways
from reports.casebook import Case, casebook
from reports.formatting import business_duration, count, share
from reports.pages import Figure
from reports.queries import one, rows

TREND_WEEKS = 12
AT_RISK_LIMIT = 10


@dataclass(frozen=True)
class Headline:
    """One headline number: the mart column it comes from and how it reads."""

    metric: str  # the column, in `source`, that holds the number
    source: str
    label: str
    lower_is_better: bool | None  # None: neither direction is good news by itself
    show: Callable[[float | None], str] = count


HEADLINES = (
    Headline("tickets", "weekly_kpis", "Tickets", None),
    Headline("complaints", "weekly_kpis", "Complaints", True),
    Headline(
        "median_time_to_first_update_business_minutes",
        "weekly_kpis",
        "Median time to first update",
        True,
        business_duration,
    ),  # fmt: skip
    Headline("de_escalated", "weekly_kpis", "De-escalated", False),
    Headline("worsened", "weekly_kpis", "Worsened", True),
    Headline("broken_promises", "weekly_kpis", "Broken promises", True),
    Headline("left_hanging", "weekly_kpis", "Left hanging", True),
    Headline("word_of_mouth_reach", "word_of_mouth_weekly", "Word-of-mouth reach (estimate)", True),
)


@dataclass(frozen=True)
class HeadlineValue:
    """A headline number for the week, the week before's, and whether the move is good news."""

    headline: Headline
    value: float | None
    before: float | None

    @property
    def unchanged(self) -> bool:
        """Whether the number reads the same as the week before's."""
        return self.headline.show(self.value) == self.headline.show(self.before)

    @property
    def tone(self) -> str:
        """good, bad or neutral, for the colour of the change."""
        if self.headline.lower_is_better is None or None in (self.value, self.before) or self.unchanged:
            return "neutral"
        return "good" if (self.value < self.before) == self.headline.lower_is_better else "bad"

    @property
    def change(self) -> str:
        """The move since the week before, as shown under the number."""
        if self.value is None or self.before is None:
            return "no week before to compare"
        if self.unchanged:
            return "same as the week before"
        arrow = "▲" if self.value > self.before else "▼"
        if self.headline.show is business_duration:
            return f"{arrow} from {business_duration(self.before)}"
        return f"{arrow} {count(abs(self.value - self.before))} from {count(self.before)}"


# SLA breaches and time in status (SPEC section 5), straight from weekly_kpis.
SERVICE_LEVELS = (
    ("first_reply_sla_breach_rate", "First-reply SLA breached", share),
    ("next_reply_sla_breach_rate", "Next-reply SLA breached", share),
    ("requester_wait_sla_breach_rate", "Requester-wait SLA breached", share),
    ("sla_running_tickets", "Tickets with an SLA clock still running", count),
    ("median_requester_wait_business_minutes", "Median requester wait (new, open, hold)", business_duration),
    ("median_agent_wait_business_minutes", "Median agent wait (pending)", business_duration),
)


@dataclass(frozen=True)
class WeeklyReport:
    """Everything the weekly page shows, section by section."""

    week_start: date
    headlines: list[HeadlineValue]
    parameters: dict[str, Any]
    takeaways: dict[str, str]
    figures: dict[str, Figure]
    practices_small: list[str]
    practice_effects: list[dict[str, Any]]  # all teams, first reply, both outcomes (marts.practice_effects)
    service_levels: list[tuple[str, str, str]]  # (mart column, label, value as shown)
    at_risk: list[dict[str, Any]]
    cases: list[Case]
    data_checks: dict[str, Any] | None = None  # marts.data_checks: what the exports left inconsistent
    small_sample: int = figures.SMALL_SAMPLE

    @property
    def practice_effects_thin(self) -> str | None:
        """Why no practice's adjusted effect can be read (the all-teams fit's reason), or None when some can."""
        if any(row["enough_data"] for row in self.practice_effects):
            return None
        reason = self.practice_effects[0]["too_thin"] if self.practice_effects else None
        return (reason or "no answered complaints yet").removeprefix("too thin: ")


def weekly_report(con: duckdb.DuckDBPyConnection, week_start: date) -> WeeklyReport:
    """Read the marts for one week and lay out the report's sections."""
    trend = rows(con, "select_weekly_trend", week_start=week_start, weeks=TREND_WEEKS)
    week = next((row for row in trend if row["week_start"] == week_start), None)
    if week is None:
        raise ValueError(f"marts.weekly_kpis has no week starting {week_start}")
    before = next((row for row in trend if row["week_start"] == week_start - timedelta(days=7)), None)
    targets = rows(con, "select_first_update_targets", week_start=week_start)
    gaps = rows(con, "select_follow_up_gaps_by_priority", week_start=week_start)
    shifts = rows(con, "select_sentiment_shift", week_start=week_start)
    outcomes = rows(con, "select_practice_outcomes", week_start=week_start)
    effects = rows(con, "select_practice_effects", scope="all", scope_id="all", team=None, used_in="first_reply")
    all_weeks = [row for row in outcomes if row["all_weeks"]]
    this_week = [row for row in outcomes if not row["all_weeks"]]
    causes = rows(con, "select_complaint_root_causes", week_start=week_start, weeks=TREND_WEEKS)
    themes = rows(con, "select_complaint_themes", week_start=week_start)
    at_risk = rows(con, "select_open_tickets_at_risk", week_start=week_start, limit=AT_RISK_LIMIT)
    cases = casebook(con, week_start)
    checks = one(con, "select_data_checks")

    drawn = {  # name: (heading, figure or None when there is nothing to draw)
        "word-of-mouth": ("Word-of-mouth reach, estimated per week",
                          figures.word_of_mouth_trend(trend) if week["complaints"] else None),
        "first-update": ("Time to first update against the targets (business hours)",
                         figures.first_update_trend(trend, targets)),
        "follow-up-gaps": ("Follow-up gaps this week, by priority", figures.follow_up_gaps(gaps) if gaps else None),
        "sentiment-shift": ("Customer sentiment at the start and at the end of the week's tickets",
                            figures.sentiment_shift(shifts) if shifts else None),
        "practice-effects": ("What each practice in the first reply does, other things equal (all weeks)",
                             figures.practice_effects(effects) if any(r["enough_data"] for r in effects) else None),
        "practice-outcomes": ("One practice at a time: complaints with and without it, and what followed (all weeks)",
                              figures.practice_outcomes(all_weeks) if all_weeks else None),
        "practice-use": ("Practices in the first reply to this week's complaints",
                         figures.practice_use(this_week) if this_week else None),
        "root-causes": ("Complaints by root cause, per week",
                        figures.complaint_root_causes(causes) if causes else None),
        "complaint-themes": ("Complaint themes, this week against the four weeks before",
                             figures.complaint_themes(themes) if themes else None),
    }  # fmt: skip
    return WeeklyReport(
        week_start=week_start,
        service_levels=[(column, label, show(week.get(column))) for column, label, show in SERVICE_LEVELS],
        headlines=[HeadlineValue(h, week.get(h.metric), takeaways.was(before, h.metric)) for h in HEADLINES],
        parameters={
            key: week[key]
            for key in ("complaint_rate", "tell_share", "audience", "complaints", "dissatisfied", "silent_dissatisfied")
        },  # fmt: skip
        takeaways={
            "headlines": takeaways.headlines(week, before),
            "word-of-mouth": takeaways.word_of_mouth(week, before),
            "first-update": takeaways.first_update(week, before, targets),
            "sentiment": takeaways.sentiment(week, before),
            "practices": takeaways.practices(effects, all_weeks),
            "themes": takeaways.themes(themes, [c for c in causes if c["week_start"] == week_start]),
            "at-risk": takeaways.open_tickets(at_risk),
            "casebook": takeaways.casebook(cases),
        },
        figures={
            name: Figure(f"figure-{name}", title, figure)
            for name, (title, figure) in drawn.items()
            if figure is not None
        },
        practices_small=sorted(row["practice"] for row in all_weeks if figures.few_cases(row)),
        practice_effects=effects,
        at_risk=at_risk,
        cases=cases,
        data_checks=checks,
    )
