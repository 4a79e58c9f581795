"""Coaching pages: one agent's or one team's habits, outcomes and casebook against their peers."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from heatcheck.labeling.playbook import REQUIRED_LABELS
from reports import figures, takeaways
from reports.casebook import Case, casebook
from reports.formatting import business_duration, count
from reports.pages import Figure
from reports.queries import one, rows

SHARE_SUFFIX = "_share"
PRACTICES = REQUIRED_LABELS["practices"]
HABITS_TITLE = "Practices used in agent replies, as a share of tickets"
ALL_TEAMS = "all teams"
OUTCOMES = (  # (label, column in agent_weekly / team_weekly / weekly_kpis, how it reads)
    ("Tickets", "tickets", count),
    ("Complaints", "complaints", count),
    ("Median time to first update (business)", "median_time_to_first_update_business_minutes", business_duration),
    ("Slow first updates", "slow_first_updates", count),
    ("Update gaps", "update_gaps", count),
    ("Broken promises", "broken_promises", count),
    ("Left hanging", "left_hanging", count),
    ("No check back", "no_check_back", count),
    ("De-escalated", "de_escalated", count),
    ("Worsened", "worsened", count),
    ("Resolved", "resolved", count),
)


@dataclass(frozen=True)
class CoachingPage:
    """What one coaching page shows."""

    kind: str  # agent or team
    name: str
    file_name: str
    compared_with: str
    takeaways: dict[str, str]
    habits: Figure
    practice_effects: list[dict[str, Any]]  # first reply, all weeks, with the comparison as beside*
    practice_effects_beside: str  # what the beside column holds
    outcomes: list[tuple[str, str, str]]  # label, theirs, the comparison's
    members: list[dict[str, Any]]  # a team's agents; empty for an agent
    cases: list[Case]


def file_slug(name: str) -> str:
    """A file-name-safe form of an id or team name; a short hash keeps altered names apart."""
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-").lower()
    if safe == name.lower():
        return safe
    return f"{safe or 'unnamed'}-{hashlib.sha1(name.encode()).hexdigest()[:6]}"


def practice_shares(row: dict[str, Any]) -> dict[str, float | None]:
    """The `<practice>_share` columns of an agent_weekly, team_weekly or weekly_kpis row, by practice
    (weekly_kpis also has complaint_share, which is no practice)."""
    return {practice: row[f"{practice}{SHARE_SUFFIX}"] for practice in PRACTICES if f"{practice}{SHARE_SUFFIX}" in row}


def practice_effects(
    con: duckdb.DuckDBPyConnection, scope: str, scope_id: str, team: str | None
) -> list[dict[str, Any]]:
    """One scope's adjusted effects of the practices in the first reply, all weeks together."""
    return rows(con, "select_practice_effects", scope=scope, scope_id=scope_id, team=team, used_in="first_reply")


def _beside(effects: list[dict[str, Any]], comparison: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """Each effect row with the number to read beside it: the comparison's effect (a team against
    all teams), or, without a comparison, the agent's difference from the rest of their team."""
    theirs = {(row["practice"], row["outcome"]): row for row in comparison or []}
    beside = []
    for row in effects:
        if comparison is None:
            value, low, high = (
                row["difference_from_team"],
                row["difference_from_team_low"],
                row["difference_from_team_high"],
            )
        else:
            other = theirs.get((row["practice"], row["outcome"]), {})
            value, low, high = other.get("effect"), other.get("effect_low"), other.get("effect_high")
        beside.append(row | {"beside": value, "beside_low": low, "beside_high": high})
    return beside


def _outcome_rows(own: dict[str, Any], other: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(label, show(own[column]), show(other[column])) for label, column, show in OUTCOMES]


def coaching_pages(con: duckdb.DuckDBPyConnection, week_start: date) -> list[CoachingPage]:
    """A page for every team and every agent with tickets in the week, teams first."""
    agents = rows(con, "select_agents_of_week", week_start=week_start)
    teams = {team["team"]: team for team in rows(con, "select_teams_of_week", week_start=week_start)}
    everyone = one(con, "select_week_kpis", week_start=week_start)
    everyone_shares = practice_shares(everyone)
    everyone_effects = practice_effects(con, "all", "all", None)
    team_pages = [
        _team_page(
            con,
            week_start,
            team,
            [agent for agent in agents if agent["team"] == name],
            everyone,
            everyone_shares,
            everyone_effects,
        )  # fmt: skip
        for name, team in teams.items()
    ]
    agent_pages = [
        _agent_page(con, week_start, agent, teams.get(agent["team"]), everyone, everyone_shares) for agent in agents
    ]
    return team_pages + agent_pages


def _team_page(con: duckdb.DuckDBPyConnection, week_start: date, team: dict[str, Any], members: list[dict[str, Any]],
               everyone: dict[str, Any], everyone_shares: dict[str, float | None],
               everyone_effects: list[dict[str, Any]]) -> CoachingPage:  # fmt: skip
    """One team against all teams."""
    name = team["team"]
    effects = practice_effects(con, "team", name, name)
    return _page("team", name, team, ALL_TEAMS, everyone, everyone_shares, everyone_shares,
                 effects=_beside(effects, everyone_effects), effects_beside=ALL_TEAMS.capitalize(),
                 effects_takeaway=takeaways.practice_effects(name, effects, ALL_TEAMS, everyone_effects),
                 members=members, cases=casebook(con, week_start, team=name))  # fmt: skip


def _agent_page(con: duckdb.DuckDBPyConnection, week_start: date, agent: dict[str, Any], team: dict[str, Any] | None,
                everyone: dict[str, Any], everyone_shares: dict[str, float | None]) -> CoachingPage:  # fmt: skip
    """One agent against their team, or against everyone when their tickets have no team."""
    agent_id, name = agent["agent_id"], agent["agent_name"] or agent["agent_id"]  # the page shows the name
    if team is None:
        compared_with, comparison, comparison_shares = ALL_TEAMS, everyone, everyone_shares
    else:
        compared_with, comparison, comparison_shares = team["team"], team, practice_shares(team)
    # Practice effects compare an agent with the rest of their team: an agent without one has none.
    effects = practice_effects(con, "agent", agent_id, agent["team"]) if agent["team"] is not None else []
    return _page("agent", name, agent, compared_with, comparison, comparison_shares, everyone_shares,
                 effects=_beside(effects, None), effects_beside=f"Against the rest of {compared_with}",
                 effects_takeaway=takeaways.practice_effects(name, effects, compared_with, []),
                 members=[], cases=casebook(con, week_start, assignee_id=agent_id), key=agent_id)  # fmt: skip


def _page(kind: str, name: str, own: dict[str, Any], compared_with: str, comparison: dict[str, Any],
          comparison_shares: dict[str, float | None], everyone_shares: dict[str, float | None], *,
          effects: list[dict[str, Any]], effects_beside: str, effects_takeaway: str,
          members: list[dict[str, Any]], cases: list[Case], key: str | None = None) -> CoachingPage:  # fmt: skip
    """A page of `own` against `comparison`; the habits chart always shows all teams too. The page's
    file is named by `key` (an agent's id, which never changes) or else by `name`."""
    own_shares = practice_shares(own)
    habits = {name: own_shares, compared_with: comparison_shares, ALL_TEAMS: everyone_shares}
    return CoachingPage(
        kind=kind,
        name=name,
        file_name=f"{kind}-{file_slug(key or name)}.html",
        compared_with=compared_with,
        takeaways={
            "habits": takeaways.habits(name, own_shares, compared_with, comparison_shares),
            "outcomes": takeaways.outcomes(name, own, compared_with, comparison),
            "practice-effects": effects_takeaway,
        },
        habits=Figure("figure-habits", HABITS_TITLE, figures.practice_habits(habits)),
        practice_effects=effects,
        practice_effects_beside=effects_beside,
        outcomes=_outcome_rows(own, comparison),
        members=members,
        cases=cases,
    )
