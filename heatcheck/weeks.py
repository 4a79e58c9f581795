"""ISO weeks (Monday to Sunday, UTC, as the marts count them): which weeks a run works on.

A ticket belongs to the week it was created in, and so do its messages, however late they come;
a message whose ticket no export has described yet belongs to its own week. The label stages
work on a run's weeks only, and the weeks a run must cover are those holding something the
labels have not caught up with.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import duckdb

from heatcheck.warehouse import sql

# The first week the pipeline knows: the Monday of the earliest plausible timestamp an export may
# hold by default (settings.yaml `ingest.earliest`, 2000-01-01). The first and the newest weeks are
# open-ended, so a history reaching further back (or a timestamp just past the newest week) still
# belongs to a week.
FIRST_WEEK = date(1999, 12, 27)


def monday_of(day: date | datetime) -> date:
    """The Monday starting the ISO week of `day` (a timestamp's date, for a timestamp)."""
    if isinstance(day, datetime):
        day = day.date()
    return day - timedelta(days=day.weekday())


def last_complete_week(now: datetime) -> date:
    """The Monday of the last week that has ended by `now` (UTC): what Monday's schedule reports."""
    return monday_of(now) - timedelta(days=7)


def weeks_to_label(con: duckdb.DuckDBPyConnection, playbook_version: str) -> tuple[date, date] | None:
    """The first and last week holding a text never scored, a message never labelled under this
    playbook, or a ticket whose inputs changed since it was labelled; None when the labels are
    current. The label tables must exist (an empty one means everything is to label)."""
    first, last = con.execute(
        sql("labels/select_weeks_to_label").format(tickets_to_label=sql("labels/select_tickets_to_label")),
        {"playbook_version": playbook_version, "window_start": None, "window_end": None},
    ).fetchone()
    return (monday_of(first), monday_of(last)) if first is not None else None


def weeks_to_run(con: duckdb.DuckDBPyConnection, playbook_version: str) -> tuple[tuple[date, date] | None, bool]:
    """The weeks the run after an ingest covers, and whether anything in them is to label: the
    weeks with something to label, else the newest week alone (the weeks sensor's run there still
    leads to the marts, which catch up with a settings or code change); None on an empty warehouse."""
    con.execute(sql("labels/create_label_tables"))
    stale = weeks_to_label(con, playbook_version)
    if stale is not None:
        return stale, True
    newest = con.execute(sql("labels/select_newest_week")).fetchone()[0]
    return ((monday_of(newest), monday_of(newest)) if newest is not None else None), False
