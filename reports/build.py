"""Build the weekly leadership report, the coaching pages and the index into a folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb

from heatcheck.status import report_weeks
from reports.coaching import coaching_pages
from reports.pages import UTC_ZONE, write_page, write_plotly_js
from reports.png import write_pngs
from reports.queries import one, rows
from reports.weekly import weekly_report


@dataclass(frozen=True)
class ReportPaths:
    """The files one build wrote."""

    report: Path
    index: Path
    coaching: list[Path] = field(default_factory=list)
    pngs: list[Path] = field(default_factory=list)


def report_week(con: duckdb.DuckDBPyConnection) -> date | None:
    """The latest complete week in the marts (or the only week there is); None when there is no
    week yet, which is how the reports stage learns it has nothing to write."""
    week = one(con, "select_report_week")  # an aggregate: one row, NULL when there are no weeks
    return week["week_start"] if week else None


def marts_weeks(con: duckdb.DuckDBPyConnection) -> list[date]:
    """Every week the marts hold, newest first."""
    return [row["week_start"] for row in rows(con, "select_weeks")]


def build_all_weeks(con: duckdb.DuckDBPyConnection, out_dir: Path, zone: ZoneInfo = UTC_ZONE) -> list[ReportPaths]:
    """A report, coaching pages and an up-to-date index for every week in the marts, oldest first,
    in one process (a backfill of a year is one command, not fifty-two)."""
    return [build_reports(con, out_dir, week_start=week, zone=zone) for week in reversed(marts_weeks(con))]


def build_reports(
    con: duckdb.DuckDBPyConnection,
    out_dir: Path,
    week_start: date | None = None,
    png: bool = False,
    zone: ZoneInfo = UTC_ZONE,
) -> ReportPaths:
    """Write weekly/<week_start>.html, the week's coaching pages (coaching/<week_start>/, so a
    rebuilt old week never overwrites another week's), index.html and plotly.min.js.

    `con` is only read. Times are shown on the clock of `zone` (the team's time zone), labelled. `week_start` (a Monday) defaults to the latest complete week. With
    `png=True` the weekly figures are also written as PNGs to weekly/<week_start>/.
    """
    out_dir = Path(out_dir)
    week_start = week_start or report_week(con)
    if week_start is None:
        raise ValueError("marts.weekly_kpis has no weeks: run the pipeline before building reports")
    if week_start.weekday() != 0:
        raise ValueError(f"week_start {week_start} is not a Monday: weeks are named by their Monday")
    write_plotly_js(out_dir)
    index = out_dir / "index.html"
    weekly = weekly_report(con, week_start)
    pages = coaching_pages(con, week_start)
    coaching = [out_dir / "coaching" / str(week_start) / page.file_name for page in pages]
    links = list(zip(pages, coaching))  # what the weekly page and the index both list
    report = write_page("weekly.html.j2", out_dir / "weekly" / f"{week_start}.html", out_dir, zone,
                        report=weekly, index=index, coaching=links)  # fmt: skip
    for page, path in links:
        write_page("coaching.html.j2", path, out_dir, zone, page=page, week_start=week_start, weekly_report=report,
                   index=index)  # fmt: skip
    written = set(report_weeks(out_dir))
    weeks = [(week, week in written) for week in sorted(set(marts_weeks(con)) | written, reverse=True)]
    write_page("index.html.j2", index, out_dir, weeks=weeks, report_folder=out_dir, coaching_week=week_start,
               coaching=links)  # fmt: skip

    pngs = write_pngs(list(weekly.figures.values()), out_dir / "weekly" / str(week_start)) if png else []
    return ReportPaths(report=report, index=index, coaching=coaching, pngs=pngs)
