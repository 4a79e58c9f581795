"""What `heatcheck status` tells: files read, what was quarantined and why, the weeks with
reports and the last run. Plain rows; the command line prints them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

from heatcheck.home import Home
from heatcheck.warehouse import sql


@dataclass(frozen=True)
class Status:
    files: list[tuple]
    quarantine_reasons: list[tuple]
    report_weeks: list[date]
    messages_without_ticket: tuple[int, int, str | None] = (0, 0, None)  # messages, tickets, a file
    messages_before_ticket: tuple[int, int, str | None] = (0, 0, None)


def status(con: duckdb.DuckDBPyConnection, home: Home) -> Status:
    """The home's state from its analyst snapshot and its reports folder."""
    return Status(
        files=con.execute(sql("status/select_files_read")).fetchall(),
        quarantine_reasons=con.execute(sql("status/select_quarantine_reasons")).fetchall(),
        report_weeks=report_weeks(home.reports),
        messages_without_ticket=con.execute(sql("status/select_messages_without_ticket")).fetchone(),
        messages_before_ticket=con.execute(sql("status/select_messages_before_ticket")).fetchone(),
    )


def quarantined_records(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """file, record, reason of every quarantined record."""
    return con.execute(sql("status/select_quarantined_records")).fetchall()


def report_weeks(reports: Path) -> list[date]:
    """The Mondays that have a weekly report in the reports folder, oldest first."""
    weeks = []
    for page in (reports / "weekly").glob("*.html"):
        try:
            weeks.append(date.fromisoformat(page.stem))
        except ValueError:
            continue  # not a report of ours
    return sorted(weeks)
