"""Metric edge cases pinned with hand-built conversations, run through the real pipeline.

Default settings: America/New_York, open 09:00-17:00 Monday to Friday, US holidays, business
targets (normal: first update 480, update gap 960; urgent: 60 and 120). Times below are UTC.
"""

import duckdb
import polars as pl
import pytest

from heatcheck.home import Home
from tests.conftest import run_pipeline

TICKETS = [
    # ticket_id, priority, status, created_at, csat
    ("agent_created", "normal", "solved", "2026-03-03T15:00:00Z", None),
    ("note_first", "normal", "solved", "2026-03-03T15:00:00Z", None),
    ("bot_first", "normal", "solved", "2026-03-03T15:00:00Z", None),
    ("never_answered", "normal", "open", "2026-03-03T15:00:00Z", None),
    ("reopened", "normal", "solved", "2026-03-03T15:00:00Z", None),
    ("weekend", "normal", "solved", "2026-03-13T20:00:00Z", None),
    ("holiday", "normal", "solved", "2026-07-02T20:30:00Z", None),
    ("dst_autumn", "normal", "solved", "2026-10-30T20:00:00Z", None),
    ("broken_promise", "normal", "solved", "2026-03-03T15:00:00Z", None),
    ("kept_promise", "normal", "solved", "2026-03-03T15:00:00Z", None),
    ("update_gap", "urgent", "solved", "2026-03-03T15:00:00Z", None),
    ("no_check_back", "normal", "solved", "2026-03-03T15:00:00Z", None),
    ("checked_back", "normal", "solved", "2026-03-03T15:00:00Z", None),
    ("left_hanging", "normal", "solved", "2026-03-03T15:00:00Z", None),
    ("thanked_last", "normal", "solved", "2026-03-03T15:00:00Z", None),
]

MESSAGES = [
    # ticket_id, author_role, is_public, created_at, body
    ("agent_created", "agent", True, "2026-03-03T15:00:00Z", "Hi, we noticed your last payment failed."),
    ("agent_created", "customer", True, "2026-03-03T16:00:00Z", "Oh, which card was it?"),
    ("agent_created", "agent", True, "2026-03-03T16:30:00Z", "The card ending 4242. You can update it in Settings."),
    ("note_first", "customer", True, "2026-03-03T15:00:00Z", "How do I add a second thermostat?"),
    ("note_first", "agent", False, "2026-03-03T15:05:00Z", "Internal: check the pairing docs first."),
    ("note_first", "agent", True, "2026-03-03T15:40:00Z", "Open the app, tap Add device and follow the steps."),
    ("bot_first", "customer", True, "2026-03-03T15:00:00Z", "How do I reset my hub?"),
    ("bot_first", "bot", True, "2026-03-03T15:00:05Z", "We've received your request and an agent will reply soon."),
    ("bot_first", "agent", True, "2026-03-03T16:00:00Z", "Hold the button for ten seconds until the light blinks."),
    ("never_answered", "customer", True, "2026-03-03T15:00:00Z", "My heating has been off since Sunday, please help."),
    ("reopened", "customer", True, "2026-03-03T15:00:00Z", "The schedule does not save."),
    ("reopened", "agent", True, "2026-03-04T15:00:00Z", "Please update the app to version 4.5.1, which fixes it."),
    ("reopened", "customer", True, "2026-03-05T15:00:00Z", "It happened again."),
    ("reopened", "agent", True, "2026-03-06T15:00:00Z", "We reset your schedule on our side; it saves now."),
    ("weekend", "customer", True, "2026-03-13T20:00:00Z", "Can I move my plan to another house?"),
    ("weekend", "agent", True, "2026-03-16T14:00:00Z", "Yes: go to Account, then Homes, then Move plan."),
    ("holiday", "customer", True, "2026-07-02T20:30:00Z", "Can I move my plan to another house?"),
    ("holiday", "agent", True, "2026-07-06T13:30:00Z", "Yes: go to Account, then Homes, then Move plan."),
    ("dst_autumn", "customer", True, "2026-10-30T20:00:00Z", "Can I move my plan to another house?"),
    ("dst_autumn", "agent", True, "2026-11-02T15:00:00Z", "Yes: go to Account, then Homes, then Move plan."),
    ("broken_promise", "customer", True, "2026-03-03T15:00:00Z", "My parcel has not arrived."),
    (
        "broken_promise",
        "agent",
        True,
        "2026-03-03T15:30:00Z",
        "I'm checking with the courier and I'll get back to you within 24 hours.",
    ),
    ("broken_promise", "agent", True, "2026-03-05T15:30:00Z", "The courier found your parcel; it arrives tomorrow."),
    ("kept_promise", "customer", True, "2026-03-03T15:00:00Z", "My parcel has not arrived."),
    (
        "kept_promise",
        "agent",
        True,
        "2026-03-03T15:30:00Z",
        "I'm checking with the courier and I'll get back to you within 24 hours.",
    ),
    ("kept_promise", "agent", True, "2026-03-04T10:00:00Z", "The courier found your parcel; it arrives tomorrow."),
    ("update_gap", "customer", True, "2026-03-03T15:00:00Z", "The hub is offline."),
    ("update_gap", "agent", True, "2026-03-03T15:10:00Z", "Please unplug it for a minute and plug it back in."),
    ("update_gap", "customer", True, "2026-03-03T15:20:00Z", "Done, it is still offline."),
    (
        "update_gap",
        "agent",
        True,
        "2026-03-04T19:20:00Z",
        "We replaced the hub's certificate remotely; it is online now.",
    ),
    (
        "no_check_back",
        "customer",
        True,
        "2026-03-03T15:00:00Z",
        "This is ridiculous, my heating is broken AGAIN and nobody helps!",
    ),
    (
        "no_check_back",
        "agent",
        True,
        "2026-03-03T15:30:00Z",
        "I'm sorry. I've refunded this month and reset your boiler link.",
    ),
    (
        "checked_back",
        "customer",
        True,
        "2026-03-03T15:00:00Z",
        "This is ridiculous, my heating is broken AGAIN and nobody helps!",
    ),
    (
        "checked_back",
        "agent",
        True,
        "2026-03-03T15:30:00Z",
        "I'm sorry. I've refunded this month and reset your boiler link.",
    ),
    (
        "checked_back",
        "agent",
        True,
        "2026-03-05T15:00:00Z",
        "Checking back: is the heating working well since Tuesday?",
    ),
    ("left_hanging", "customer", True, "2026-03-03T15:00:00Z", "The display is blank."),
    ("left_hanging", "agent", True, "2026-03-03T15:30:00Z", "Please replace the batteries."),
    ("left_hanging", "customer", True, "2026-03-03T16:00:00Z", "I did, it is still blank. What now?"),
    ("thanked_last", "customer", True, "2026-03-03T15:00:00Z", "The display is blank."),
    ("thanked_last", "agent", True, "2026-03-03T15:30:00Z", "Please replace the batteries."),
    ("thanked_last", "customer", True, "2026-03-03T16:00:00Z", "Thanks, that fixed it!"),
]

STATUS_CHANGES = [
    ("reopened", "new", "2026-03-03T15:00:00Z"),
    ("reopened", "solved", "2026-03-04T15:00:00Z"),
    ("reopened", "open", "2026-03-05T15:00:00Z"),
    ("reopened", "solved", "2026-03-06T15:00:00Z"),
    ("no_check_back", "solved", "2026-03-03T15:31:00Z"),
    ("checked_back", "solved", "2026-03-03T15:31:00Z"),
    ("left_hanging", "solved", "2026-03-03T18:00:00Z"),
    ("thanked_last", "solved", "2026-03-03T16:05:00Z"),
]


def write_export(folder, tickets, messages, status_changes):
    folder.mkdir(parents=True, exist_ok=True)
    pl.DataFrame(tickets, schema=["ticket_id", "priority", "status", "created_at", "csat"], orient="row").with_columns(
        source=pl.lit("test")
    ).write_csv(folder / "tickets.csv")
    pl.DataFrame(
        messages, schema=["ticket_id", "author_role", "is_public", "created_at", "body"], orient="row"
    ).with_columns(message_id=pl.format("{}-{}", "ticket_id", pl.int_range(pl.len()))).write_csv(
        folder / "messages.csv"
    )
    if status_changes:
        pl.DataFrame(status_changes, schema=["ticket_id", "status", "changed_at"], orient="row").write_csv(
            folder / "status_changes.csv"
        )
    return [folder]


@pytest.fixture(scope="module")
def metrics(tmp_path_factory):
    """ticket_id -> its row of marts.ticket_metrics, after one real pipeline run."""
    root = tmp_path_factory.mktemp("metrics")
    home = Home.at(root / "home")
    run_pipeline(home, write_export(root / "export", TICKETS, MESSAGES, STATUS_CHANGES))
    with duckdb.connect(str(home.snapshot), read_only=True) as con:
        frame = con.sql("SELECT * FROM ticket_metrics").pl()
    return {row["ticket_id"]: row for row in frame.iter_rows(named=True)}


def test_an_agent_created_ticket_starts_its_clock_at_the_first_customer_message(metrics):
    row = metrics["agent_created"]
    assert row["agent_created"] is True
    assert row["time_to_first_update_minutes"] == 30


def test_an_internal_note_before_the_first_reply_does_not_count(metrics):
    assert metrics["note_first"]["time_to_first_update_minutes"] == 40


def test_a_bot_auto_reply_does_not_count(metrics):
    assert metrics["bot_first"]["time_to_first_update_minutes"] == 60


def test_a_ticket_never_answered_has_no_first_update_and_is_flagged(metrics):
    row = metrics["never_answered"]
    assert row["first_update_at"] is None and row["time_to_first_update_minutes"] is None
    assert row["slow_first_update"] is True
    assert row["left_hanging"] is True


def test_a_reopened_ticket_counts_the_reopen_and_both_solves(metrics):
    row = metrics["reopened"]
    assert row["reopens"] == 1
    assert row["minutes_to_first_resolution"] == 24 * 60
    assert row["minutes_to_last_resolution"] == 3 * 24 * 60


def test_a_first_reply_over_a_weekend_counts_only_business_minutes(metrics):
    row = metrics["weekend"]  # Friday 16:00 to Monday 10:00 New York time
    assert row["time_to_first_update_minutes"] == 66 * 60
    assert row["time_to_first_update_business_minutes"] == 120


def test_a_first_reply_over_a_holiday_skips_it(metrics):
    row = metrics["holiday"]  # Thursday 16:30 to Monday 09:30; Friday 3 July 2026 is observed
    assert row["time_to_first_update_business_minutes"] == 60


def test_a_business_window_across_the_daylight_saving_change(metrics):
    row = metrics["dst_autumn"]  # Friday 16:00 EDT to Monday 10:00 EST: 67 hours on the clock
    assert row["time_to_first_update_minutes"] == 67 * 60
    assert row["time_to_first_update_business_minutes"] == 120


def test_a_broken_promise_is_found_with_its_minutes(metrics):
    row = metrics["broken_promise"]
    assert row["broken_promise"] is True
    assert row["broken_promise_minutes"] == 24 * 60  # deadline 24h after 15:30, reply 48h after
    assert "24 hours" in row["broken_promise_phrase"]
    assert metrics["kept_promise"]["broken_promise"] is False


def test_an_update_gap_is_found_with_its_minutes(metrics):
    row = metrics["update_gap"]  # urgent: 120 business minutes; waited Tue 10:20 to Wed 14:20 EST
    assert row["update_gap"] is True
    assert row["update_gap_minutes"] == 400 + 320


def test_a_resolved_complaint_without_a_check_back_is_flagged(metrics):
    assert metrics["no_check_back"]["complaint"] is True
    assert metrics["no_check_back"]["no_check_back"] is True
    assert metrics["checked_back"]["no_check_back"] is False


def test_a_customer_left_hanging_is_found_with_their_wait(metrics):
    row = metrics["left_hanging"]
    assert row["left_hanging"] is True
    assert row["left_hanging_minutes"] == 120  # from 16:00 to the solve at 18:00
    assert metrics["thanked_last"]["left_hanging"] is False
