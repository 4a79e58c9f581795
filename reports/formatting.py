"""How numbers read in a report: counts, shares, durations and week-over-week changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

MISSING = "—"


def count(value: float | None) -> str:
    """A whole number with thousands separated: 12,480."""
    return MISSING if value is None else f"{round(value):,}"


def share(value: float | None) -> str:
    """A share 0..1 as a whole percentage: 0.416 -> 42%."""
    return MISSING if value is None else f"{value:.0%}"


def points(value: float | None) -> str:
    """A difference of two shares, in whole percentage points with its sign: +6 pts, -12 pts, 0 pts."""
    if value is None:
        return MISSING
    whole = round(value)
    return f"{whole:+d} pts" if whole else "0 pts"


def points_interval(low: float | None, high: float | None) -> str:
    """The ends of a 95% interval in points, for beside the number it belongs to: "-2 to +14"."""
    if low is None or high is None:
        return MISSING
    return f"{points(low).removesuffix(' pts')} to {points(high).removesuffix(' pts')}"


def duration(minutes: float | None) -> str:
    """Calendar minutes as a reader says them: 45m, 2h 10m, 3d 4h."""
    if minutes is None or round(minutes) < 48 * 60:
        return business_duration(minutes)
    days, hours = divmod(round(minutes) // 60, 24)
    return f"{days}d {hours}h" if hours else f"{days}d"


def business_duration(minutes: float | None) -> str:
    """Business minutes in hours and minutes only: a "day" of business time would mislead."""
    if minutes is None:
        return MISSING
    total = round(minutes)
    if total < 60:
        return f"{total}m"
    hours, rest = divmod(total, 60)
    return f"{hours}h {rest:02d}m" if rest else f"{hours}h"


def local_time(moment: datetime | None, zone: ZoneInfo, pattern: str = "%a %-d %b %H:%M") -> str:
    """A naive-UTC moment on the team's clock, labelled with the zone's abbreviation: "Mon 2 Mar 09:30 EST"."""
    if moment is None:
        return MISSING
    local = moment.replace(tzinfo=UTC).astimezone(zone)
    return f"{local.strftime(pattern)} {local.tzname()}"


def week_name(week_start: date) -> str:
    """The week as a reader names it: week 45, 2–8 Nov 2026."""
    sunday = week_start + timedelta(days=6)
    iso_week = week_start.isocalendar().week
    if week_start.month == sunday.month:
        span = f"{week_start.day}–{sunday.day} {sunday:%b %Y}"
    else:
        span = f"{week_start.day} {week_start:%b} – {sunday.day} {sunday:%b %Y}"
    return f"week {iso_week}, {span}"


# Below this base a percentage misleads ("+1273%" from a week with 3 tickets): say "from 3 to 41".
PERCENT_FROM = 10


def percent_change(now: float | None, before: float | None) -> float | None:
    """The relative change from `before` to `now`, or None when there is nothing to compare or the
    base is too small for a percentage to mean anything."""
    if now is None or before is None or abs(before) < PERCENT_FROM:
        return None
    return (now - before) / before


def change_phrase(now: float | None, before: float | None, show=count) -> str:
    """How a number moved since the week before, in words: "rose 38% to 2h 10m"."""
    if now is None:
        return "no value this week"
    if before is None:
        return f"was {show(now)} (no week before to compare)"
    if show(now) == show(before):
        return f"held at {show(now)}"
    verb = "rose" if now > before else "fell"
    relative = percent_change(now, before)
    if relative is None:
        return f"{verb} from {show(before)} to {show(now)}"
    return f"{verb} {abs(relative):.0%} to {show(now)} (from {show(before)})"
