"""Promise deadlines: what a follow-up promise commits the agent to, read on the team's clock."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from heatcheck.metrics.business_time import BusinessSchedule
from heatcheck.metrics.deadlines import find_deadline_phrases, promise_deadline
from heatcheck.metrics.settings import load_settings

NEW_YORK = ZoneInfo("America/New_York")
SCHEDULE = BusinessSchedule.from_settings(load_settings())  # New York, 09:00-17:00 weekdays, US holidays


def new_york(*wall_clock: int) -> datetime:
    """A New York wall-clock time as the naive UTC the pipeline stores."""
    return datetime(*wall_clock, tzinfo=NEW_YORK).astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


THURSDAY_3PM = new_york(2026, 4, 16, 15, 0)
FRIDAY_3PM = new_york(2026, 4, 17, 15, 0)
FRIDAY_7PM = new_york(2026, 4, 17, 19, 0)  # after closing


@pytest.mark.parametrize(
    ("message", "sent_at", "deadline", "phrase"),
    [
        ("I'll get back to you within 24 hours.", THURSDAY_3PM, (2026, 4, 17, 15, 0), "within 24 hours"),
        ("I'll get back to you within 24 hours.", FRIDAY_3PM, (2026, 4, 18, 15, 0), "within 24 hours"),
        ("Expect an update within 2 hours.", FRIDAY_3PM, (2026, 4, 17, 17, 0), "within 2 hours"),
        ("I'll call you in 30 minutes", THURSDAY_3PM, (2026, 4, 16, 15, 30), "in 30 minutes"),
        ("You'll hear from me within the hour.", FRIDAY_7PM, (2026, 4, 17, 20, 0), "within the hour"),
        ("Allow 48 hours for the refund", THURSDAY_3PM, (2026, 4, 18, 15, 0), "48 hours"),
        ("Usually this takes 24-48 hours.", FRIDAY_3PM, (2026, 4, 19, 15, 0), "24-48 hours"),
        ("I'll check in 3 business hours", FRIDAY_3PM, (2026, 4, 20, 10, 0), "in 3 business hours"),
        ("We'll ship a fix in 2 days", THURSDAY_3PM, (2026, 4, 20, 17, 0), "in 2 days"),  # Saturday -> Monday's close
        ("I'll follow up in a couple of days", FRIDAY_3PM, (2026, 4, 20, 17, 0), "in a couple of days"),
        ("It is resolved within 3 business days", THURSDAY_3PM, (2026, 4, 21, 17, 0), "within 3 business days"),
        ("It is resolved within 3 business days", FRIDAY_3PM, (2026, 4, 22, 17, 0), "within 3 business days"),
        ("Give us 1-2 business days", THURSDAY_3PM, (2026, 4, 20, 17, 0), "1-2 business days"),
        ("I'll get back to you the next business day", FRIDAY_3PM, (2026, 4, 20, 17, 0), "the next business day"),
        ("I'll have an answer by Friday", THURSDAY_3PM, (2026, 4, 17, 17, 0), "by Friday"),
        ("I'll have an answer by Friday", FRIDAY_3PM, (2026, 4, 17, 17, 0), "by Friday"),
        ("I'll have an answer by Friday", FRIDAY_7PM, (2026, 4, 24, 17, 0), "by Friday"),
        ("I'll have an answer by next Friday", THURSDAY_3PM, (2026, 4, 24, 17, 0), "by next Friday"),
        ("I'll update you tomorrow.", THURSDAY_3PM, (2026, 4, 17, 17, 0), "tomorrow"),
        ("I'll update you tomorrow.", FRIDAY_3PM, (2026, 4, 20, 17, 0), "tomorrow"),
        ("You'll have it by end of day", THURSDAY_3PM, (2026, 4, 16, 17, 0), "by end of day"),
        ("You'll have it EOD", FRIDAY_7PM, (2026, 4, 20, 17, 0), "EOD"),
        ("Sent by close of business", FRIDAY_3PM, (2026, 4, 17, 17, 0), "by close of business"),
        ("I'll email you by 5pm", THURSDAY_3PM, (2026, 4, 16, 17, 0), "by 5pm"),
        ("I'll email you by 5 p.m.", FRIDAY_7PM, (2026, 4, 18, 17, 0), "by 5 p.m."),
        ("I'll email you before 14:30", THURSDAY_3PM, (2026, 4, 17, 14, 30), "before 14:30"),
        ("I'll write again later today", FRIDAY_3PM, (2026, 4, 18, 0, 0), "later today"),
        ("I'll follow up next week", THURSDAY_3PM, (2026, 4, 24, 17, 0), "next week"),
        ("We'll know more by the end of the week", FRIDAY_7PM, (2026, 4, 24, 17, 0), "by the end of the week"),
        ("Engineering will reply Monday", FRIDAY_3PM, (2026, 4, 20, 17, 0), "Monday"),
        ("I'll come back to you in an hour or two", THURSDAY_3PM, (2026, 4, 16, 17, 0), "in an hour or two"),
    ],
)
def test_a_promise_sets_the_deadline_its_words_allow(message, sent_at, deadline, phrase):
    assert promise_deadline(message, sent_at, SCHEDULE) == (new_york(*deadline), phrase)


def test_a_promise_with_no_time_named_gets_one_business_day():
    assert promise_deadline("I'll get back to you soon!", THURSDAY_3PM, SCHEDULE) == (
        new_york(2026, 4, 17, 17, 0),
        "default: 1 business day",
    )
    assert promise_deadline("I'll look into it.", FRIDAY_3PM, SCHEDULE, default_business_days=2) == (
        new_york(2026, 4, 21, 17, 0),
        "default: 2 business days",
    )


def test_the_loosest_stated_deadline_is_the_one_that_counts():
    message = "I'll try to update you by EOD, and tomorrow at the latest, certainly within 48 hours."
    assert find_deadline_phrases(message) == ["by EOD", "tomorrow", "within 48 hours"]
    assert promise_deadline(message, THURSDAY_3PM, SCHEDULE) == (new_york(2026, 4, 18, 15, 0), "within 48 hours")


def test_a_named_day_on_a_holiday_moves_to_the_next_open_day():
    # Friday July 3 2026 is the observed Independence Day.
    assert promise_deadline("You'll have it by Friday", new_york(2026, 7, 2, 15, 0), SCHEDULE) == (
        new_york(2026, 7, 6, 17, 0),
        "by Friday",
    )


def test_a_promise_across_the_clock_change_lands_on_local_closing_time():
    saturday_before_spring_forward = new_york(2026, 3, 7, 11, 0)
    deadline, _ = promise_deadline("I'll update you tomorrow", saturday_before_spring_forward, SCHEDULE)
    assert deadline == new_york(2026, 3, 9, 17, 0) == datetime(2026, 3, 9, 21, 0)


@pytest.mark.parametrize(
    "message",
    [
        "Sorry you have waited 3 days for this.",
        "Over the past 48 hours we saw an outage.",
        "You wrote to us 2 days ago, thank you.",
        "We send these reports once a day.",
        "Have a nice weekend! I'll get back to you.",
        "We're open Mondays to Fridays.",
    ],
)
def test_durations_that_are_not_deadlines_leave_the_default(message):
    assert find_deadline_phrases(message) == []
    assert promise_deadline(message, THURSDAY_3PM, SCHEDULE)[1] == "default: 1 business day"
