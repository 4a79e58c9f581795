"""Deadlines implied by follow-up promises in agent messages ("within 24 hours", "by Friday").

Phrases are read in the team's time zone, relative to when the message was sent. The rule
throughout: an agent is held to the loosest honest reading of their own words, so a promise is
only called broken once no reading could still be kept.

- Minutes and hours ("in 30 minutes", "within the hour", "48 hours") run on the calendar clock,
  because that is the clock the customer hears; "2 business hours" runs on business time.
  A range ("24-48 hours", "a day or two") takes its longer end.
- A named day ("tomorrow", "Monday", "by Friday", "in 2 days", "within a week") ends at that
  day's closing time; when the team is closed that day, at the close of the next open day.
  A weekday names today only while today's business hours are still ahead, otherwise the next
  one (so "by Friday" sent Friday evening means next Friday); "next Friday" skips a Friday that
  is still in the current week.
- "N business days" (or working days) ends at the close of the Nth open day after the day the
  message was sent, so a Thursday promise of one business day ends at Friday's close.
- "end of day", "EOD", "close of business" end at today's close, or the next open day's close
  when today is closed or already past closing. "later today", "this afternoon" and "tonight"
  end at local midnight.
- "by 5pm" is today at 17:00 local, or tomorrow at 17:00 when that has already passed.
- "next week" ends at the close of next week's last open day; "this week" and "end of the week"
  at this week's (next week's once this week's has closed). Weeks start on Monday.
- When a message states several deadlines, the latest one counts, with the phrase that set it.
- A promise with no time named gets the default: the close of one business day after the day
  the message was sent (configurable).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from heatcheck.labeling.required_text import may_match, required_text
from heatcheck.metrics.business_time import BusinessSchedule, add_business_minutes
from heatcheck.metrics.settings import WEEKDAYS

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "couple": 2, "few": 3,
}  # fmt: skip
_NUMBER = r"\d+(?:\.\d+)?|(?:a\s+)?couple(?:\s+of)?|(?:a\s+)?few|" + "|".join(
    sorted(_NUMBER_WORDS, key=len, reverse=True)
)
# Words that may lead a deadline and belong in the evidence: "by Friday", "until the end of the week".
_BY = r"(?:\b(?:by|on|until|till|before)\s+(?:the\s+)?)?"
_MINUTES_PER_UNIT = {"minute": 1, "hour": 60, "day": 24 * 60, "week": 7 * 24 * 60}

# Words before a duration that make it a past or repeated stretch, not a promise: "in the last 24 hours".
_NOT_A_PROMISE_BEFORE = {"last", "past", "for", "been", "took", "spent", "waited", "than", "every", "each", "after"}


def _number(words: str) -> float:
    """'2' -> 2, 'a couple of' -> 2, 'an' -> 1."""
    word = " ".join(words.lower().split()).removeprefix("a ").removesuffix(" of")
    return _NUMBER_WORDS[word] if word in _NUMBER_WORDS else float(word)


def _pattern(regex: str) -> re.Pattern[str]:
    """Phrases match in any case; patterns are verbose so they can be laid out for reading."""
    return re.compile(regex, re.IGNORECASE | re.VERBOSE)


def _always(match: re.Match[str], text: str) -> bool:
    """Most deadline phrases are a promise wherever they appear in a promise message."""
    return True


@dataclass(frozen=True)
class _Rule:
    """A kind of deadline phrase, how to turn it into a deadline (naive UTC), and when it counts."""

    pattern: re.Pattern[str]
    deadline: Callable[[re.Match[str], datetime, BusinessSchedule], datetime]
    is_promise: Callable[[re.Match[str], str], bool] = _always


# Helpers on the team's calendar: every result is naive UTC.


def _close_of_business(day: date, schedule: BusinessSchedule) -> datetime:
    """Closing time of `day`, or of the next open day when the team is closed that day."""
    while (hours := schedule.opening_hours(day)) is None:
        day += timedelta(days=1)
    return hours[1]


def _close_after_business_days(day: date, count: float, schedule: BusinessSchedule) -> datetime:
    """Closing time of the `count`th open day after `day` (part days round up)."""
    remaining = max(1, math.ceil(count))
    while True:
        day += timedelta(days=1)
        hours = schedule.opening_hours(day)
        if hours is not None:
            remaining -= 1
            if remaining == 0:
                return hours[1]


def _end_of_local_day(day: date, schedule: BusinessSchedule) -> datetime:
    """Local midnight at the end of `day`."""
    return schedule.to_utc(datetime.combine(day + timedelta(days=1), time(), tzinfo=schedule.zone))


def _close_of_week(monday: date, schedule: BusinessSchedule) -> datetime:
    """Closing time of the last open day in the week starting `monday` (or the next open day's)."""
    for offset in range(6, -1, -1):
        hours = schedule.opening_hours(monday + timedelta(days=offset))
        if hours is not None:
            return hours[1]
    return _close_of_business(monday + timedelta(days=7), schedule)


def _monday_of(day: date) -> date:
    """The Monday that starts `day`'s week."""
    return day - timedelta(days=day.weekday())


# One function per kind of phrase.


def _after_duration(match: re.Match[str], sent_at: datetime, schedule: BusinessSchedule) -> datetime:
    """'within 24 hours', 'in 2 days', '1-2 business days', 'an hour or two'."""
    count = max(_number(match[name]) for name in ("low", "count", "more") if match[name])
    unit = match["unit"].lower().rstrip("s")
    unit = {"min": "minute", "hr": "hour"}.get(unit, unit)
    business = bool(match["business"])
    if unit in ("minute", "hour"):
        minutes = count * _MINUTES_PER_UNIT[unit]
        return add_business_minutes(sent_at, minutes, schedule) if business else sent_at + timedelta(minutes=minutes)
    today = schedule.local_date(sent_at)
    if business and unit == "day":
        return _close_after_business_days(today, count, schedule)
    days = math.ceil(count * _MINUTES_PER_UNIT[unit] / _MINUTES_PER_UNIT["day"])
    return _close_of_business(today + timedelta(days=days), schedule)


def _duration_is_a_promise(match: re.Match[str], text: str) -> bool:
    """Drop durations that describe the past or a habit, and bare word-counts like 'a day'."""
    if not match["lead"].strip() and not match["count"][0].isdigit():
        return False  # "once a day", "have a few minutes": a number word needs "in"/"within"/"next"
    before = re.search(r"(\w+)\W*$", text[: match.start()])
    if before and before[1].lower() in _NOT_A_PROMISE_BEFORE:
        return False
    return not re.match(r"\s+ago\b", text[match.end() :], re.IGNORECASE)


def _within_the_hour(match: re.Match[str], sent_at: datetime, schedule: BusinessSchedule) -> datetime:
    """'within the hour', 'in the next hour'."""
    return sent_at + timedelta(hours=1)


def _next_business_day(match: re.Match[str], sent_at: datetime, schedule: BusinessSchedule) -> datetime:
    """'next business day'."""
    return _close_after_business_days(schedule.local_date(sent_at), 1, schedule)


def _tomorrow(match: re.Match[str], sent_at: datetime, schedule: BusinessSchedule) -> datetime:
    """'tomorrow', 'the day after tomorrow'."""
    days = 2 if "after" in match[0].lower() else 1
    return _close_of_business(schedule.local_date(sent_at) + timedelta(days=days), schedule)


def _end_of_business_day(match: re.Match[str], sent_at: datetime, schedule: BusinessSchedule) -> datetime:
    """'end of day', 'EOD', 'close of business': today's close while it is ahead."""
    today = schedule.local_date(sent_at)
    hours = schedule.opening_hours(today)
    if hours is not None and sent_at < hours[1]:
        return hours[1]
    return _close_of_business(today + timedelta(days=1), schedule)


def _later_today(match: re.Match[str], sent_at: datetime, schedule: BusinessSchedule) -> datetime:
    """'later today', 'this afternoon', 'tonight': before local midnight."""
    return _end_of_local_day(schedule.local_date(sent_at), schedule)


def _clock_time(match: re.Match[str], sent_at: datetime, schedule: BusinessSchedule) -> datetime:
    """'by 5pm', 'before 14:30', 'by noon': the next time the clock shows it."""
    if match["noon"]:
        hour, minute = 12, 0
    elif match["meridiem"]:
        afternoon = 12 if match["meridiem"].lower() == "p" else 0
        hour, minute = int(match["hour"]) % 12 + afternoon, int(match["minute"] or 0)
    else:
        hour, minute = int(match["hour24"]), int(match["minute24"])
    day = schedule.local_date(sent_at)
    deadline = schedule.to_utc(datetime.combine(day, time(hour, minute), tzinfo=schedule.zone))
    if deadline <= sent_at:
        deadline = schedule.to_utc(datetime.combine(day + timedelta(days=1), time(hour, minute), tzinfo=schedule.zone))
    return deadline


def _weekday(match: re.Match[str], sent_at: datetime, schedule: BusinessSchedule) -> datetime:
    """'by Friday', 'Monday', 'next Tuesday'."""
    today = schedule.local_date(sent_at)
    wanted = WEEKDAYS.index(match["day"].lower())
    ahead = (wanted - today.weekday()) % 7
    hours_today = schedule.opening_hours(today)
    if ahead == 0 and (hours_today is None or sent_at >= hours_today[1]):
        ahead = 7  # today is that day but its business hours are over: the next one
    day = today + timedelta(days=ahead)
    if match["next"] and _monday_of(day) == _monday_of(today):
        day += timedelta(days=7)
    return _close_of_business(day, schedule)


def _next_week(match: re.Match[str], sent_at: datetime, schedule: BusinessSchedule) -> datetime:
    """'next week': the close of its last open day."""
    return _close_of_week(_monday_of(schedule.local_date(sent_at)) + timedelta(days=7), schedule)


def _this_week(match: re.Match[str], sent_at: datetime, schedule: BusinessSchedule) -> datetime:
    """'this week', 'end of the week', 'before the weekend'."""
    monday = _monday_of(schedule.local_date(sent_at))
    deadline = _close_of_week(monday, schedule)
    return deadline if deadline > sent_at else _close_of_week(monday + timedelta(days=7), schedule)


_RULES = (
    _Rule(
        _pattern(rf"""
            (?P<lead>(?:\b(?:with)?in\s+|\bover\s+)?(?:\bthe\s+)?(?:\bnext\s+)?)
            (?:(?P<low>\b(?:{_NUMBER}))\s*(?:-|–|to|or)\s*)?
            (?P<count>\b(?:{_NUMBER}))\s*
            (?P<business>business\s+|working\s+)?
            (?P<unit>minutes?|mins?|hours?|hrs?|days?|weeks?)\b
            (?:\s+or\s+(?P<more>{_NUMBER})\b)?
        """),
        _after_duration,
        _duration_is_a_promise,
    ),
    _Rule(_pattern(r"\b(?:with)?in\s+the\s+(?:next\s+)?hour\b"), _within_the_hour),
    _Rule(_pattern(r"\b(?:the\s+)?next\s+(?:business|working)\s+day\b"), _next_business_day),
    _Rule(_pattern(rf"{_BY}(?:\bday\s+after\s+tomorrow\b|\btomorrow\b|\btmrw?\b)"), _tomorrow),
    _Rule(
        _pattern(rf"""
            {_BY}\b(?:eod|eob|cob
            |close\s+of\s+(?:business|play)
            |end\s+of\s+(?:the\s+)?(?:business\s+|work\s+|working\s+)?day
            |end\s+of\s+(?:business|today))\b
        """),
        _end_of_business_day,
    ),
    _Rule(
        _pattern(r"""
            \b(?:later\s+(?:today|this\s+(?:morning|afternoon|evening))
            |this\s+(?:afternoon|evening)|tonight|by\s+today)\b
        """),
        _later_today,
    ),
    _Rule(
        _pattern(r"""
            \b(?:by|before|until|till|at|around)\s+
            (?:(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s*(?P<meridiem>[ap])\.?m\b\.?
            |(?P<hour24>[01]?\d|2[0-3]):(?P<minute24>[0-5]\d)\b
            |(?P<noon>noon|midday)\b)
        """),
        _clock_time,
    ),
    _Rule(_pattern(rf"{_BY}(?P<next>\bnext\s+)?\b(?P<day>{'|'.join(WEEKDAYS)})\b"), _weekday),
    _Rule(_pattern(rf"{_BY}\bnext\s+week\b"), _next_week),
    _Rule(
        _pattern(rf"{_BY}(?:\bthis\s+week\b|\bend\s+of\s+(?:the\s+|this\s+)?week\b)|\b(?:before|by)\s+the\s+weekend\b"),
        _this_week,
    ),
)


# Each rule's phrases all hold one of a few words ("tomorrow", "hour"...): an ASCII text with none
# of them skips the rule, as trying its pattern at every position of a long reply costs far more.
_REQUIRED = [required_text(f"(?x){rule.pattern.pattern}") for rule in _RULES]


def _deadline_matches(text: str) -> list[tuple[_Rule, re.Match[str]]]:
    """Every deadline phrase in reading order; where phrases overlap the longer one wins."""
    lowered, ascii_text = text.lower(), text.isascii()
    rules = [rule for rule, required in zip(_RULES, _REQUIRED, strict=True) if may_match(required, lowered, ascii_text)]
    found = [(rule, match) for rule in rules for match in rule.pattern.finditer(text) if rule.is_promise(match, text)]
    found.sort(key=lambda item: (item[1].start(), -(item[1].end() - item[1].start())))
    kept: list[tuple[_Rule, re.Match[str]]] = []
    for rule, match in found:
        if not kept or match.start() >= kept[-1][1].end():
            kept.append((rule, match))
    return kept


def find_deadline_phrases(text: str) -> list[str]:
    """The deadline phrases in an agent message, in reading order, as written."""
    return [_phrase(match) for _, match in _deadline_matches(text)]


def _phrase(match: re.Match[str]) -> str:
    """The matched words with their spacing tidied."""
    return " ".join(match[0].split())


def promise_deadline(
    text: str, sent_at: datetime, schedule: BusinessSchedule, default_business_days: float = 1
) -> tuple[datetime, str]:
    """The deadline (naive UTC) a follow-up promise sets, and the phrase that set it.

    The latest of the stated deadlines counts; with none stated, the close of
    `default_business_days` business days after the day of the message, reported as
    "default: 1 business day".
    """
    stated = [(rule.deadline(match, sent_at, schedule), _phrase(match)) for rule, match in _deadline_matches(text)]
    if stated:
        return max(stated, key=lambda deadline_and_phrase: deadline_and_phrase[0])
    deadline = _close_after_business_days(schedule.local_date(sent_at), default_business_days, schedule)
    plural = "" if default_business_days == 1 else "s"
    return deadline, f"default: {default_business_days:g} business day{plural}"
