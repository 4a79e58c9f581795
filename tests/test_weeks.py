"""Which week a time belongs to, the week Monday's schedule reports, and how a run's range of
weeks is clamped to the partitions that exist."""

from datetime import date, datetime

from assets.weeks import newest_partition, week_range_tags
from heatcheck.weeks import FIRST_WEEK, last_complete_week, monday_of


def test_a_week_runs_monday_to_sunday():
    assert monday_of(date(2017, 11, 20)) == date(2017, 11, 20)
    assert monday_of(datetime(2017, 11, 26, 23, 59)) == date(2017, 11, 20)
    assert monday_of(date(2017, 11, 27)) == date(2017, 11, 27)


def test_mondays_schedule_reports_the_week_that_just_ended():
    assert last_complete_week(datetime(2017, 11, 27, 11, 0)) == date(2017, 11, 20)
    assert last_complete_week(datetime(2017, 12, 3, 23, 0)) == date(2017, 11, 20)  # Sunday: not ended yet


def test_a_range_reaching_past_the_partitions_is_clamped_to_them():
    tags = week_range_tags(date(1990, 1, 1), date(2999, 1, 5))
    assert list(tags.values()) == [FIRST_WEEK.isoformat(), newest_partition().isoformat()]
    assert FIRST_WEEK.weekday() == 0 and newest_partition().weekday() == 0
