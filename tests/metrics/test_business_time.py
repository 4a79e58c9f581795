"""Business time: only open hours count, across weekends, holidays and daylight-saving changes."""

import random
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import polars as pl
import pytest

from heatcheck.metrics.business_time import (
    BusinessSchedule,
    add_business_minutes,
    business_minutes,
    business_minutes_between,
)
from heatcheck.metrics.settings import load_settings

NEW_YORK = ZoneInfo("America/New_York")


def new_york(*wall_clock: int) -> datetime:
    """A New York wall-clock time as the naive UTC the pipeline stores."""
    return datetime(*wall_clock, tzinfo=NEW_YORK).astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


def schedule(tmp_path: Path | None = None, settings_text: str | None = None) -> BusinessSchedule:
    """The shipped schedule (New York, 09:00-17:00 on weekdays, US holidays), or one with changes."""
    if settings_text is None:
        return BusinessSchedule.from_settings(load_settings())
    path = tmp_path / "settings.yaml"
    path.write_text(settings_text, encoding="utf-8")
    return BusinessSchedule.from_settings(load_settings(path))


def test_a_first_reply_over_a_weekend_counts_only_mondays_minutes():
    created_saturday, answered_monday = new_york(2026, 4, 18, 10, 0), new_york(2026, 4, 20, 9, 45)
    assert business_minutes(created_saturday, answered_monday, schedule()) == 45


def test_a_friday_afternoon_ticket_counts_friday_and_monday():
    assert business_minutes(new_york(2026, 4, 17, 16, 0), new_york(2026, 4, 20, 9, 30), schedule()) == 90


def test_the_observed_independence_day_is_closed():
    # July 4 2026 is a Saturday; the US calendar closes Friday July 3 instead.
    thursday_4pm, monday_10am = new_york(2026, 7, 2, 16, 0), new_york(2026, 7, 6, 10, 0)
    assert business_minutes(thursday_4pm, monday_10am, schedule()) == 60 + 60


def test_without_a_holiday_country_july_3_is_a_working_day(tmp_path):
    no_holidays = schedule(tmp_path, "holiday_country: null\n")
    assert business_minutes(new_york(2026, 7, 2, 16, 0), new_york(2026, 7, 6, 10, 0), no_holidays) == 60 + 480 + 60


def test_listed_holidays_are_closed(tmp_path):
    closed_friday = schedule(tmp_path, "holiday_country: null\nholidays: [2026-04-17]\n")
    assert business_minutes(new_york(2026, 4, 16, 16, 0), new_york(2026, 4, 20, 10, 0), closed_friday) == 60 + 60


@pytest.mark.parametrize(
    ("friday", "monday"),
    [((2026, 3, 6), (2026, 3, 9)), ((2026, 10, 30), (2026, 11, 2))],
    ids=["spring-forward", "fall-back"],
)
def test_a_weekend_across_the_clock_change_counts_two_full_days(friday, monday):
    start, end = new_york(*friday, 9, 0), new_york(*monday, 17, 0)
    # The UTC offset changes over the weekend, so the UTC stretch differs from the local one...
    assert (end - start) != (datetime(*monday, 17) - datetime(*friday, 9))
    # ...but each 09:00-17:00 day is still 480 business minutes.
    assert business_minutes(start, end, schedule()) == 2 * 480


@pytest.mark.parametrize(
    ("sunday", "monday", "hours"),
    [((2026, 3, 8), (2026, 3, 9), 23), ((2026, 11, 1), (2026, 11, 2), 25), ((2026, 3, 15), (2026, 3, 16), 24)],
    ids=["spring-forward", "fall-back", "ordinary"],
)
def test_a_round_the_clock_day_lasts_as_long_as_the_clock_says(tmp_path, sunday, monday, hours):
    always_open_sunday = schedule(tmp_path, "business_hours: {sunday: ['00:00', '24:00']}\n")
    assert business_minutes(new_york(*sunday, 0, 0), new_york(*monday, 0, 0), always_open_sunday) == hours * 60


def test_an_end_before_the_start_counts_nothing():
    assert business_minutes(new_york(2026, 4, 16, 12, 0), new_york(2026, 4, 16, 11, 0), schedule()) == 0


def test_adding_business_minutes_skips_the_weekend():
    assert add_business_minutes(new_york(2026, 4, 17, 16, 0), 90, schedule()) == new_york(2026, 4, 20, 9, 30)


def test_adding_business_minutes_across_the_clock_change_keeps_wall_clock_hours():
    assert add_business_minutes(new_york(2026, 3, 6, 16, 0), 120, schedule()) == new_york(2026, 3, 9, 10, 0)


def test_a_deadline_that_uses_up_the_day_falls_at_closing_time():
    assert add_business_minutes(new_york(2026, 4, 16, 15, 0), 120, schedule()) == new_york(2026, 4, 16, 17, 0)


def test_adding_from_outside_hours_starts_at_the_next_opening():
    assert add_business_minutes(new_york(2026, 4, 18, 23, 0), 30, schedule()) == new_york(2026, 4, 20, 9, 30)


def random_pairs(count: int, seed: int) -> tuple[list[datetime | None], list[datetime | None]]:
    """Start and end moments over 2025-2027 (three DST changes a side, many holidays), some null."""
    rng = random.Random(seed)
    starts, ends = [], []
    for _ in range(count):
        start = datetime(2025, 1, 1) + timedelta(seconds=rng.randrange(3 * 365 * 86400))
        end = start + timedelta(seconds=rng.randrange(-86400, 40 * 86400))
        starts.append(None if rng.random() < 0.02 else start)
        ends.append(None if rng.random() < 0.02 else end)
    return starts, ends


@pytest.mark.parametrize(
    "settings_text",
    [None, "business_hours: {saturday: ['10:00', '14:30'], sunday: ['00:00', '24:00']}\ntimezone: Europe/London\n"],
    ids=["shipped", "weekend-shifts-in-london"],
)
def test_the_vectorised_count_equals_the_one_at_a_time_count(tmp_path, settings_text):
    hours = schedule(tmp_path, settings_text)
    starts, ends = random_pairs(1500, seed=20260308)
    vectorised = business_minutes_between(pl.Series(starts), pl.Series(ends), hours).to_list()
    for start, end, minutes in zip(starts, ends, vectorised):
        if start is None or end is None:
            assert minutes is None
        else:
            assert minutes == pytest.approx(business_minutes(start, end, hours), abs=1e-6), (start, end)


def test_adding_then_counting_gives_back_the_minutes_added():
    hours = schedule()
    rng = random.Random(4)
    for _ in range(300):
        start = datetime(2026, 1, 1) + timedelta(minutes=rng.randrange(365 * 24 * 60))
        minutes = rng.randrange(1, 5000)
        assert business_minutes(start, add_business_minutes(start, minutes, hours), hours) == pytest.approx(minutes)


def test_pairs_that_never_meet_open_hours_count_zero_and_nulls_stay_null():
    saturday, sunday = new_york(2026, 4, 18, 10, 0), new_york(2026, 4, 19, 10, 0)
    result = business_minutes_between(pl.Series([saturday, None]), pl.Series([sunday, sunday]), schedule())
    assert result.to_list() == [0.0, None]


def test_a_column_with_no_times_at_all_gives_nulls():
    empty = pl.Series([None, None], dtype=pl.Datetime("us"))
    assert business_minutes_between(empty, empty, schedule()).to_list() == [None, None]
