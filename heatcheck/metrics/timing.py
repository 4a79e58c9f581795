"""The two metric steps SQL cannot do plainly: business minutes for measured stretches, and the
deadline each follow-up promise set. Frames in, frames out; the metrics stage wires them to SQL."""

from __future__ import annotations

import polars as pl

from heatcheck.metrics.business_time import BusinessSchedule, business_minutes_between
from heatcheck.metrics.deadlines import promise_deadline


def clock_business_minutes(intervals: pl.DataFrame, schedule: BusinessSchedule) -> pl.DataFrame:
    """ticket_id, clock_start_at, clock_end_at -> ticket_id, clock_business_minutes."""
    minutes = business_minutes_between(intervals["clock_start_at"], intervals["clock_end_at"], schedule)
    return intervals.select("ticket_id").with_columns(clock_business_minutes=minutes)


def turn_business_minutes(intervals: pl.DataFrame, schedule: BusinessSchedule) -> pl.DataFrame:
    """ticket_id, turn, turn_started_at, wait_ended_at -> ticket_id, turn, wait_business_minutes."""
    minutes = business_minutes_between(intervals["turn_started_at"], intervals["wait_ended_at"], schedule)
    return intervals.select("ticket_id", "turn").with_columns(wait_business_minutes=minutes)


def promise_deadlines(promises: pl.DataFrame, schedule: BusinessSchedule, default_business_days: float) -> pl.DataFrame:
    """Promises (ticket_id, message_id, created_at, body_clean) with their deadline and the phrase that set it."""
    parsed = [
        promise_deadline(body, sent_at, schedule, default_business_days)
        for body, sent_at in zip(promises["body_clean"], promises["created_at"])
    ]
    return promises.select("ticket_id", "message_id", "created_at").with_columns(
        deadline=pl.Series([deadline for deadline, _ in parsed], dtype=pl.Datetime("us")),
        deadline_phrase=pl.Series([phrase for _, phrase in parsed], dtype=pl.String),
    )
