"""The weekly partitions of the assets after ingest, and how a run names its weeks.

A run works on one week or a range of them (a backfill of many weeks is one run: the assets'
backfill policy is a single run, so a year costs one process and one dbt build, not fifty-two).
"""

from __future__ import annotations

import warnings
from datetime import date, datetime

from dagster import AssetExecutionContext, BackfillPolicy, BetaWarning, WeeklyPartitionsDefinition
from dagster._core.storage.tags import ASSET_PARTITION_RANGE_END_TAG, ASSET_PARTITION_RANGE_START_TAG

from heatcheck.weeks import FIRST_WEEK

# ISO weeks, Monday 00:00 UTC (as the marts count them); end_offset=1 makes the week under way a
# partition too, so today's messages belong to a week.
WEEKS = WeeklyPartitionsDefinition(start_date=FIRST_WEEK.isoformat(), day_offset=1, end_offset=1, timezone="UTC")
ONE_RUN = BackfillPolicy.single_run()
# Dagster 1.13 marks an asset's backfill_policy parameter beta and warns at every definition; the
# policy is what makes a backfill one run, and the warning would open every command's output.
warnings.filterwarnings("ignore", message="Parameter `backfill_policy`", category=BetaWarning)


def week_window(context: AssetExecutionContext) -> dict[str, datetime | None]:
    """The run's weeks as the label queries bind them: from the first week's Monday to the Monday
    after the last, open at the ends of the calendar (history before the first week, timestamps
    just past the week under way)."""
    window = context.partition_time_window
    start, end = window.start.replace(tzinfo=None), window.end.replace(tzinfo=None)
    newest_end = WEEKS.get_last_partition_window().end.replace(tzinfo=None)
    return {
        "window_start": None if start.date() <= FIRST_WEEK else start,
        "window_end": None if end >= newest_end else end,
    }


def newest_partition() -> date:
    """The week under way: the newest partition there is."""
    return date.fromisoformat(WEEKS.get_last_partition_key())


def week_range_tags(first: date, last: date) -> dict[str, str]:
    """Run tags for the weeks first..last (Mondays), clamped to the partitions that exist."""
    newest = newest_partition()
    first, last = max(min(first, newest), FIRST_WEEK), max(min(last, newest), FIRST_WEEK)
    return {ASSET_PARTITION_RANGE_START_TAG: first.isoformat(), ASSET_PARTITION_RANGE_END_TAG: last.isoformat()}


def tags_for_weeks(weeks: list[str]) -> dict[str, str]:
    """Run tags for the weeks an ingest named ([first, last] Mondays), or the week under way when it
    named none (an empty warehouse: the run after it still says there is nothing to report)."""
    if not weeks:
        newest = newest_partition()
        return week_range_tags(newest, newest)
    return week_range_tags(date.fromisoformat(weeks[0]), date.fromisoformat(weeks[1]))
