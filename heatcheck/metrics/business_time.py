"""Business time: minutes that count only while the team is open.

The convention follows dbt_zendesk's business-minute metrics:

- Timestamps come in and go out as naive UTC. The schedule's opening hours are wall-clock times
  in the team's time zone, so they are turned into UTC one local day at a time.
- The business minutes between two moments are the length of the overlap between that stretch
  and the open hours. Nights, closed weekdays and holidays add nothing, so a ticket created on
  Saturday and answered Monday at 09:30 waited 30 business minutes.
- On the days the clocks change, opening hours stay wall-clock: 09:00-17:00 is 480 minutes on
  either side of the change; only the UTC offset moves. A day whose hours span the change itself
  (a 00:00-24:00 day) really is 23 or 25 hours long, and that is what is counted.
- A stretch that ends before it starts counts 0, never a negative number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays as holiday_calendars
import polars as pl

from heatcheck.metrics.settings import Settings

MICROSECONDS_PER_MINUTE = 60_000_000


@lru_cache(maxsize=256)
def _public_holidays(country: str, year: int) -> frozenset[date]:
    """A country's public holidays for one year, observed days included."""
    return frozenset(holiday_calendars.country_holidays(country, years=year))


@dataclass(frozen=True)
class BusinessSchedule:
    """When the team is open: a time zone, opening hours per weekday and closed days."""

    zone: ZoneInfo
    week: tuple[tuple[int, int] | None, ...]  # (opens, closes) in minutes after local midnight, Monday first
    holidays: frozenset[date]
    holiday_country: str | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> BusinessSchedule:
        """The schedule the settings file describes."""
        week = tuple(
            (hours.opens, hours.closes) if hours else None
            for hours in map(settings.business_hours.for_weekday, range(7))
        )
        return cls(ZoneInfo(settings.timezone), week, frozenset(settings.holidays), settings.holiday_country)

    def is_holiday(self, day: date) -> bool:
        """Whether the team is closed all day for a holiday; country calendars load per year as needed."""
        if day in self.holidays:
            return True
        return self.holiday_country is not None and day in _public_holidays(self.holiday_country, day.year)

    def opening_hours(self, day: date) -> tuple[datetime, datetime] | None:
        """Opening and closing moment of a local day in naive UTC, or None when closed."""
        hours = self.week[day.weekday()]
        if hours is None or self.is_holiday(day):
            return None
        midnight = datetime.combine(day, time(), tzinfo=self.zone)
        # Adding a timedelta to an aware datetime moves the wall clock, so 09:00 stays 09:00 across DST.
        opens, closes = (self.to_utc(midnight + timedelta(minutes=minutes)) for minutes in hours)
        return opens, closes

    def open_intervals(self, first_day: date, last_day: date) -> list[tuple[datetime, datetime]]:
        """Open hours of each local day from first_day to last_day inclusive, in naive UTC and in order."""
        days = (first_day + timedelta(days=offset) for offset in range((last_day - first_day).days + 1))
        return [hours for hours in map(self.opening_hours, days) if hours is not None]

    def to_local(self, moment: datetime) -> datetime:
        """A naive UTC moment as an aware local time."""
        return moment.replace(tzinfo=UTC).astimezone(self.zone)

    def to_utc(self, moment: datetime) -> datetime:
        """An aware moment as naive UTC."""
        return moment.astimezone(UTC).replace(tzinfo=None)

    def local_date(self, moment: datetime) -> date:
        """The team's calendar date at a naive UTC moment."""
        return self.to_local(moment).date()


def business_minutes(start: datetime, end: datetime, schedule: BusinessSchedule) -> float:
    """Business minutes from start to end (naive UTC); 0 when end is not after start."""
    if end <= start:
        return 0.0
    intervals = schedule.open_intervals(schedule.local_date(start), schedule.local_date(end))
    overlap = sum(
        ((min(end, closes) - max(start, opens)) for opens, closes in intervals if opens < end and closes > start),
        timedelta(),
    )
    return overlap / timedelta(minutes=1)


def add_business_minutes(start: datetime, minutes: float, schedule: BusinessSchedule) -> datetime:
    """The moment (naive UTC) when `minutes` business minutes have passed since start.

    A deadline that uses up a day's hours exactly falls at that day's closing time, not at the
    next opening. Adding 0 returns start unchanged.
    """
    if minutes < 0:
        raise ValueError("minutes to add must not be negative")
    remaining = timedelta(minutes=minutes)
    if not remaining:
        return start
    day = schedule.local_date(start)
    while True:  # ends: the settings guarantee an open weekday, and holidays are finitely many
        hours = schedule.opening_hours(day)
        if hours is not None and hours[1] > start:
            begin = max(hours[0], start)
            if remaining <= hours[1] - begin:
                return begin + remaining
            remaining -= hours[1] - begin
        day += timedelta(days=1)


def business_minutes_between(starts: pl.Series, ends: pl.Series, schedule: BusinessSchedule) -> pl.Series:
    """Business minutes for each (start, end) pair of naive UTC datetimes; a null on either side gives null.

    Vectorised: the open intervals of every local day the data touches become a table of UTC
    epochs with the open time accumulated before each. The open time up to any moment is then one
    binary search and one lookup, and a pair's business minutes is the difference of two of them.
    """
    start_us = starts.cast(pl.Datetime("us")).dt.epoch("us")
    end_us = ends.cast(pl.Datetime("us")).dt.epoch("us")
    table = _open_time_table(pl.concat([start_us, end_us]).drop_nulls(), schedule)
    if table is None:
        return pl.Series("business_minutes", [None] * len(starts), dtype=pl.Float64)
    elapsed = _open_time_until(end_us, table) - _open_time_until(start_us, table)
    return (elapsed.clip(lower_bound=0) / MICROSECONDS_PER_MINUTE).cast(pl.Float64).alias("business_minutes")


def _open_time_table(moments_us: pl.Series, schedule: BusinessSchedule) -> pl.DataFrame | None:
    """Open intervals covering the moments, as epoch microseconds with open time before each.

    None when there are no moments at all.
    """
    if moments_us.is_empty():
        return None
    epoch = datetime(1970, 1, 1)
    first, last = (epoch + timedelta(microseconds=value) for value in (moments_us.min(), moments_us.max()))
    intervals = schedule.open_intervals(schedule.local_date(first), schedule.local_date(last))
    table = pl.DataFrame(
        {"opens": [opens for opens, _ in intervals], "closes": [closes for _, closes in intervals]},
        schema={"opens": pl.Datetime("us"), "closes": pl.Datetime("us")},
    ).select(pl.col("opens").dt.epoch("us"), pl.col("closes").dt.epoch("us"))
    length = pl.col("closes") - pl.col("opens")
    return table.with_columns(length.alias("length"), (length.cum_sum() - length).alias("open_before"))


def _open_time_until(moments_us: pl.Series, table: pl.DataFrame) -> pl.Series:
    """Open microseconds from the table's first opening up to each moment; null stays null."""
    if table.is_empty():  # closed on every day the data touches
        return moments_us * 0
    # The last interval opening at or before the moment; moments before the first opening use row 0.
    row = (table["opens"].search_sorted(moments_us, side="right").cast(pl.Int64) - 1).clip(lower_bound=0)
    found = table[row].with_columns(moment=moments_us)
    into_interval = (pl.col("moment") - pl.col("opens")).clip(lower_bound=0, upper_bound=pl.col("length"))
    return found.select(pl.col("open_before") + into_interval).to_series()
