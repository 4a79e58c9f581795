"""The casebook: the week's best recoveries and worst misses as short, redacted excerpts.

Every piece of conversation text is redacted here, before it is shortened (so a number cut in
half cannot slip past the rules) and long before a template sees it; the templates then escape
it as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

import duckdb

from reports.queries import rows
from reports.redact import redact

EXCERPT_CHARACTERS = 240
OPENING_TURNS = 2
CLOSING_TURNS = 2


@dataclass(frozen=True)
class Turn:
    """One message of an excerpt, already redacted and shortened."""

    author_role: str
    created_at: datetime
    text: str


@dataclass(frozen=True)
class Case:
    """One ticket of the casebook."""

    kind: str  # recovery or miss
    ticket_id: str
    team: str | None
    assignee_id: str | None
    assignee_name: str | None
    what_happened: list[str]
    opening: list[Turn]
    closing: list[Turn]
    turns_left_out: int  # turns between the opening and the closing ones, not shown


def excerpt(text: str | None, limit: int = EXCERPT_CHARACTERS) -> str:
    """The message redacted, on one line, and cut at a word boundary near `limit` characters."""
    flat = re.sub(r"\s+", " ", redact(text or "")).strip()
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:") + " …"


def _what_happened(ticket: dict) -> list[str]:
    """The facts that put a ticket in the casebook, in words."""
    facts = []
    if ticket["de_escalated"]:
        facts.append(f"de-escalated ({ticket['start_label']} → {ticket['end_label']})")
    if ticket["worsened"]:
        facts.append(f"worsened (sentiment {ticket['start_sentiment']:+.2f} → {ticket['end_sentiment']:+.2f})")
    if ticket["broken_promise"]:
        phrase = excerpt(ticket["broken_promise_phrase"], 80)
        facts.append(f"broken promise: “{phrase}”" if phrase else "broken promise")
    if ticket["left_hanging"]:
        facts.append("left hanging")
    if ticket["avoidable_reach"]:
        facts.append(f"may still reach ~{ticket['avoidable_reach']:.0f} people")
    return facts


def _turn(message: dict) -> Turn:
    return Turn(message["author_role"], message["created_at"], excerpt(message["body_clean"]))


def casebook(
    con: duckdb.DuckDBPyConnection,
    week_start: date,
    team: str | None = None,
    assignee_id: str | None = None,
    per_kind: int = 3,
) -> list[Case]:
    """The week's recoveries then misses, for everyone or for one team or one agent."""
    tickets = rows(con, "select_casebook_tickets", week_start=week_start, team=team, assignee_id=assignee_id,
                   per_kind=per_kind)  # fmt: skip
    if not tickets:
        return []
    messages = rows(con, "select_casebook_messages", ticket_ids=[t["ticket_id"] for t in tickets],
                    opening_turns=OPENING_TURNS, closing_turns=CLOSING_TURNS)  # fmt: skip
    cases = []
    for ticket in tickets:
        own = [m for m in messages if m["ticket_id"] == ticket["ticket_id"]]
        cases.append(
            Case(
                kind=ticket["kind"],
                ticket_id=ticket["ticket_id"],
                team=ticket["team"],
                assignee_id=ticket["assignee_id"],
                assignee_name=ticket["assignee_name"],
                what_happened=_what_happened(ticket),
                opening=[_turn(m) for m in own if m["turn"] <= OPENING_TURNS],
                closing=[_turn(m) for m in own if m["turn"] > OPENING_TURNS],
                turns_left_out=(own[0]["turns"] - len(own)) if own else 0,
            )
        )
    return cases
