"""Time in status, business resolution times, SLAs, touches and internal notes (issue 11, Add),
on hand-built tickets whose answers are worked out beside them, through the real pipeline.

Default settings: America/New_York (EST, UTC-5 in early March 2026), open 09:00-17:00 Monday to
Friday, targets in business minutes - normal: first reply 480, next reply 960, requester wait
1920; urgent: 60, 120, 480. Monday 2 March 2026 14:00 UTC is 09:00 in New York.
"""

from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl
import pytest

from heatcheck.home import Home
from tests.conftest import run_pipeline
from tests.test_metrics import write_export

TICKETS = [
    # ticket_id, priority, status, created_at, csat
    ("lifecycle", "normal", "solved", "2026-03-02T14:00:00Z", None),
    ("urgent_breach", "urgent", "solved", "2026-03-02T14:00:00Z", None),
    ("three_replies", "normal", "solved", "2026-03-02T14:00:00Z", None),
    ("still_running", "urgent", "new", "2026-03-20T15:00:00Z", None),
]

MESSAGES = [
    # ticket_id, author_role, is_public, created_at, body
    ("lifecycle", "customer", True, "2026-03-02T14:00:00Z", "My thermostat shows an error code."),
    ("lifecycle", "agent", True, "2026-03-02T15:30:00Z", "Please send a photo of the screen."),
    ("lifecycle", "customer", True, "2026-03-03T14:30:00Z", "Here it is."),
    ("lifecycle", "agent", True, "2026-03-04T14:55:00Z", "We replaced the unit remotely."),
    ("urgent_breach", "customer", True, "2026-03-02T14:00:00Z", "Our whole office is offline!"),
    ("urgent_breach", "agent", True, "2026-03-02T16:00:00Z", "We are looking at the line now."),
    ("urgent_breach", "customer", True, "2026-03-02T16:30:00Z", "Still offline."),
    ("urgent_breach", "agent", True, "2026-03-03T14:30:00Z", "An engineer replaced the router."),
    ("three_replies", "customer", True, "2026-03-02T14:00:00Z", "Hi, my invoice is wrong."),
    ("three_replies", "agent", True, "2026-03-02T14:10:00Z", "Which invoice?"),
    ("three_replies", "customer", True, "2026-03-02T14:20:00Z", "March."),
    ("three_replies", "agent", False, "2026-03-02T14:25:00Z", "Internal: ask billing to reissue."),
    ("three_replies", "agent", True, "2026-03-02T14:30:00Z", "Corrected, the new invoice is in your account."),
    ("three_replies", "agent", True, "2026-03-02T14:40:00Z", "Is there anything else?"),
    ("still_running", "customer", True, "2026-03-20T15:00:00Z", "Where is my invoice?"),
]

STATUS_CHANGES = [
    ("lifecycle", "new", "2026-03-02T14:00:00Z"),
    ("lifecycle", "open", "2026-03-02T15:00:00Z"),
    ("lifecycle", "pending", "2026-03-02T16:00:00Z"),
    ("lifecycle", "open", "2026-03-03T15:00:00Z"),
    ("lifecycle", "hold", "2026-03-03T17:00:00Z"),
    ("lifecycle", "solved", "2026-03-04T15:00:00Z"),
    ("urgent_breach", "new", "2026-03-02T14:00:00Z"),
    ("urgent_breach", "open", "2026-03-02T16:00:00Z"),
    ("urgent_breach", "solved", "2026-03-03T15:00:00Z"),
    ("three_replies", "new", "2026-03-02T14:00:00Z"),
    ("three_replies", "solved", "2026-03-02T14:45:00Z"),
    ("still_running", "new", "2026-03-20T15:00:00Z"),
]


# Who owns each ticket, and who wrote each public agent reply (by ticket, in order).
ASSIGNEES = {"lifecycle": "ben", "urgent_breach": "ana", "three_replies": "ana"}
REPLIERS = {"lifecycle": ["ben", "ben"], "urgent_breach": ["ana", "ana"], "three_replies": ["ben", "ana", "ben"]}


def _write_export_with_people(folder: Path) -> list[Path]:
    paths = write_export(folder, TICKETS, MESSAGES, STATUS_CHANGES)
    tickets = pl.read_csv(folder / "tickets.csv")
    tickets.with_columns(assignee_id=pl.col("ticket_id").replace_strict(ASSIGNEES, default=None)).write_csv(
        folder / "tickets.csv"
    )
    replies = {ticket: iter(names) for ticket, names in REPLIERS.items()}
    messages = pl.read_csv(folder / "messages.csv")
    authors = [
        next(replies[ticket]) if role == "agent" and public else ("cust" if role == "customer" else "ana")
        for ticket, role, public in messages.select("ticket_id", "author_role", "is_public").iter_rows()
    ]
    messages.with_columns(author_id=pl.Series(authors)).write_csv(folder / "messages.csv")
    return paths


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Home:
    root = tmp_path_factory.mktemp("sla")
    home = Home.at(root / "home")
    run_pipeline(home, _write_export_with_people(root / "export"))
    return home


@pytest.fixture(scope="module")
def metrics(home) -> dict[str, dict]:
    with duckdb.connect(str(home.snapshot), read_only=True) as con:
        frame = con.sql("select * from ticket_metrics").pl()
    return {row["ticket_id"]: row for row in frame.iter_rows(named=True)}


def test_time_in_status_in_calendar_minutes(metrics):
    row = metrics["lifecycle"]
    # new 60, open 60, pending 23 h, open 120, on hold 22 h, then solved.
    assert row["requester_wait_minutes"] == 60 + 60 + 120 + 22 * 60
    assert row["agent_wait_minutes"] == 23 * 60
    assert row["on_hold_minutes"] == 22 * 60
    assert row["agent_work_minutes"] == 60 + 60 + 120
    assert row["solve_time_minutes"] == 60 + 60 + 23 * 60 + 120 + 22 * 60


def test_time_in_status_in_business_minutes(metrics):
    row = metrics["lifecycle"]
    # New York: new 09-10, open 10-11, pending Mon 11:00 to Tue 10:00 (6 h + 1 h), open 10-12,
    # on hold Tue 12:00 to Wed 10:00 (5 h + 1 h).
    assert row["requester_wait_business_minutes"] == 60 + 60 + 120 + 360
    assert row["agent_wait_business_minutes"] == 420
    assert row["on_hold_business_minutes"] == 360
    assert row["agent_work_business_minutes"] == 240
    assert row["solve_time_business_minutes"] == 1020


def test_resolution_times_in_business_minutes(metrics):
    row = metrics["lifecycle"]  # Monday 09:00 to Wednesday 10:00: 8 h + 8 h + 1 h
    assert row["first_resolution_business_minutes"] == 17 * 60
    assert row["full_resolution_business_minutes"] == 17 * 60
    assert row["minutes_to_first_resolution"] == 49 * 60


def test_slas_met_are_not_breached(metrics):
    row = metrics["lifecycle"]
    assert row["first_reply_sla_elapsed_minutes"] == 90
    assert (row["first_reply_sla_breached"], row["first_reply_sla_breach_at"]) == (False, None)
    assert row["next_reply_sla_elapsed_minutes"] == 7.5 * 60 + 55  # Tue 09:30 to Wed 09:55
    assert row["next_reply_sla_breached"] is False
    assert row["requester_wait_sla_breached"] is False
    assert row["first_reply_sla_running"] is False


def test_sla_breaches_with_the_moment_each_target_passed(metrics):
    row = metrics["urgent_breach"]
    # First reply: due one business hour after 09:00, answered 11:00.
    assert row["first_reply_sla_breached"] is True
    assert row["first_reply_sla_breach_at"] == datetime(2026, 3, 2, 15, 0)
    # Next reply: asked 11:30, due two business hours later (13:30), answered Tuesday 09:30.
    assert (row["next_reply_sla_breached"], row["next_reply_sla_breaches"]) == (True, 1)
    assert row["next_reply_sla_breach_at"] == datetime(2026, 3, 2, 18, 30)
    # Requester wait: new 120 + open Monday 11:00 to Tuesday 10:00 (420) = 540 > 480; the 480th
    # minute is Monday's close, 17:00 New York.
    assert row["requester_wait_sla_elapsed_minutes"] == 540
    assert row["requester_wait_sla_breached"] is True
    assert row["requester_wait_sla_breach_at"] == datetime(2026, 3, 2, 22, 0)


def test_an_open_ticket_s_slas_are_still_running(metrics):
    row = metrics["still_running"]  # the newest ticket: asked at the data's last moment
    assert (row["first_reply_sla_running"], row["first_reply_sla_breached"]) == (True, False)
    assert row["requester_wait_sla_running"] is True
    assert row["next_reply_sla_breached"] is None  # no turn after a first update: does not apply
    assert metrics["lifecycle"]["requester_wait_sla_running"] is False


def test_multi_touch_resolution_and_internal_notes(metrics):
    row = metrics["three_replies"]
    assert row["public_agent_messages"] == 3
    assert (row["one_touch"], row["two_touch"], row["multi_touch"]) == (False, False, True)
    assert row["internal_notes"] == 1
    assert metrics["lifecycle"]["internal_notes"] == 0


def test_weekly_kpis_hold_the_sla_breach_rates(home):
    with duckdb.connect(str(home.snapshot), read_only=True) as con:
        rates = con.execute(
            "select first_reply_sla_breach_rate, next_reply_sla_breach_rate, requester_wait_sla_breach_rate,"
            " sla_running_tickets from weekly_kpis where week_start = date '2026-03-02'"
        ).fetchone()
        running = con.execute(
            "select sla_running_tickets from weekly_kpis where week_start = date '2026-03-16'"
        ).fetchone()
    assert rates == pytest.approx((1 / 3, 1 / 3, 1 / 3, 0))  # urgent_breach of the three
    assert running == (1,)


def test_weekly_kpis_hold_time_in_status_resolution_and_touches(home):
    with duckdb.connect(str(home.snapshot), read_only=True) as con:
        week = con.execute(
            "select median_first_resolution_business_minutes, median_requester_wait_business_minutes,"
            " median_agent_wait_business_minutes, multi_touch_resolutions, internal_notes"
            " from weekly_kpis where week_start = date '2026-03-02'"
        ).fetchone()
    # First resolution: lifecycle 1020, urgent_breach 540 (Mon 09:00 to Tue 10:00), three_replies
    # 45; requester wait 600, 540, 45; agent wait 420, 0, 0.
    assert week == (540, 540, 0, 1, 1)


def test_agent_weekly_credits_each_reply_to_the_agent_who_wrote_it(home):
    with duckdb.connect(str(home.snapshot), read_only=True) as con:
        rows = con.execute(
            "select agent_id, tickets, public_replies, tickets_replied_to from agent_weekly"
            " where week_start = date '2026-03-02' order by agent_id"
        ).fetchall()
    # Ana is assigned two tickets and wrote 2 + 1 replies; Ben is assigned one and also wrote two
    # of the replies on Ana's three_replies.
    assert rows == [("ana", 2, 3, 2), ("ben", 1, 4, 2)]
