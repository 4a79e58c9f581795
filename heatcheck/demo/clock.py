"""The demo's calendar: its time zone, staffed hours, US holidays, when tickets arrive, and
day and month names that do not depend on the locale."""

from __future__ import annotations

import datetime
import random
from functools import cache
from zoneinfo import ZoneInfo

UTC = datetime.UTC
LOCAL = ZoneInfo("America/New_York")  # where the demo company's customers and agents live
# Relative ticket volume by weekday (Monday first) and by local hour.
DAY_VOLUME = (1.0, 0.95, 0.9, 0.9, 0.8, 0.35, 0.3)
WEEKDAY_HOURS = (2, 1, 1, 1, 1, 2, 4, 8, 14, 18, 19, 18, 15, 16, 17, 16, 14, 11, 9, 8, 7, 6, 4, 3)
WEEKEND_HOURS = (3, 2, 1, 1, 1, 1, 2, 4, 7, 10, 12, 12, 12, 11, 11, 10, 9, 9, 8, 8, 7, 6, 5, 4)
# Day and month names spelled out, so the locale cannot change a timestamp's text.
WEEKDAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@cache
def _holidays(year: int) -> frozenset[datetime.date]:
    """US public holidays the demo desk observes: fewer tickets, weekend staffing."""

    def nth_weekday(month: int, weekday: int, n: int) -> datetime.date:
        first = datetime.date(year, month, 1)
        return first + datetime.timedelta((weekday - first.weekday()) % 7 + 7 * (n - 1))

    memorial = datetime.date(year, 5, 31) - datetime.timedelta(datetime.date(year, 5, 31).weekday())
    return frozenset(
        {
            datetime.date(year, 1, 1),
            memorial,
            datetime.date(year, 7, 4),
            nth_weekday(9, 0, 1),
            nth_weekday(11, 3, 4),
            datetime.date(year, 12, 25),
        }
    )


def _is_day_off(day: datetime.date) -> bool:
    return day.weekday() >= 5 or day in _holidays(day.year)


def _staffed(at: datetime.datetime) -> bool:
    """Agents work 8-20 on weekdays and a skeleton shift 10-16 on weekends and holidays."""
    local = at.astimezone(LOCAL)
    opens, closes = (10, 16) if _is_day_off(local.date()) else (8, 20)
    return opens <= local.hour < closes


def _creation_times(rng: random.Random, count: int, start: datetime.date, weeks: int) -> list[datetime.datetime]:
    """Ticket arrival times: busy weekday mornings, quiet weekends and holidays, some at night."""
    days = [start + datetime.timedelta(days=d) for d in range(weeks * 7)]
    # Volume grows a little week on week, so the weekly report has something rising.
    volume = [
        DAY_VOLUME[d.weekday()] * (0.4 if d in _holidays(d.year) else 1.0) * (1 + 0.02 * (i // 7))
        for i, d in enumerate(days)
    ]
    times = []
    for day in rng.choices(days, weights=volume, k=count):
        hours = WEEKEND_HOURS if _is_day_off(day) else WEEKDAY_HOURS
        hour = rng.choices(range(24), weights=hours)[0]
        local = datetime.datetime(
            day.year, day.month, day.day, hour, rng.randrange(60), rng.randrange(60), tzinfo=LOCAL
        )
        times.append(local.astimezone(UTC))
    return sorted(times)
