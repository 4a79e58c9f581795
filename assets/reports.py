"""Reports stage: the weekly leadership report, its index and the coaching pages, drawn from
the marts only (no metric is computed twice)."""

from collections.abc import Sequence
from datetime import date
from zoneinfo import ZoneInfo

from dagster import AssetExecutionContext, AssetKey, AssetsDefinition, Config, MaterializeResult, MetadataValue, asset
from pydantic import Field

from assets.resources import HeatcheckHome
from heatcheck.up_to_date import fingerprint, record
from heatcheck.user_files import settings
from reports.build import build_all_weeks, build_reports, report_week


class ReportConfig(Config):
    week_start: str = Field(
        default="", description="Monday of the ISO week to report (YYYY-MM-DD); empty = the last complete week."
    )
    png: bool = Field(
        default=False, description="Also write PNGs of the headline figures (kaleido with Debian's chromium)."
    )
    all_weeks: bool = Field(default=False, description="Write the report of every week in the marts, oldest first.")


def weekly_report_asset(marts: Sequence[AssetKey]) -> AssetsDefinition:
    """The report asset, downstream of the marts it reads."""

    @asset(group_name="reports", deps=marts, kinds={"html", "plotly"})
    def weekly_report(
        context: AssetExecutionContext, config: ReportConfig, heatcheck: HeatcheckHome
    ) -> MaterializeResult:
        """The week's leadership report, the index of every week, and per-agent and per-team coaching
        pages, as offline HTML with one shared plotly.js beside them."""
        home = heatcheck.home()
        week = date.fromisoformat(config.week_start) if config.week_start else None
        zone = ZoneInfo(settings(home).timezone)  # times on the team's clock, labelled with its zone
        with heatcheck.warehouse().connect() as con:
            latest = report_week(con)  # asked even for a chosen week: None means no week at all
            if latest is None:
                context.log.warning("No tickets in the warehouse yet: no report to write.")
                return MaterializeResult(metadata={"report": None, "index": None})
            if config.all_weeks:
                every = build_all_weeks(con, home.reports, zone)
                context.log.info(f"Wrote the reports of {len(every)} weeks")
                paths = every[-1]
            else:
                paths = build_reports(con, home.reports, week_start=week or latest, png=config.png, zone=zone)
            if week is None:  # the latest week's report now shows these inputs
                record(con, "weekly_report", fingerprint(con, home))
        size_kb = paths.report.stat().st_size / 1000
        context.log.info(f"Weekly report: {paths.report} ({size_kb:.0f} KB beside one shared plotly.min.js)")
        context.log.info(f"Report index:  {paths.index}")
        return MaterializeResult(
            metadata={
                "report": MetadataValue.path(str(paths.report)),
                "index": MetadataValue.path(str(paths.index)),
                "coaching_pages": len(paths.coaching),
                "pngs": MetadataValue.path(str(paths.pngs[0].parent)) if paths.pngs else None,
                "report_bytes": paths.report.stat().st_size,
            }
        )

    return weekly_report
