"""The metric steps SQL cannot do plainly: business minutes for measured stretches, and the
deadline each follow-up promise set. Frames in, frames out; the metrics stage wires them to SQL."""

from __future__ import annotations

import polars as pl

from heatcheck.metrics.business_time import BusinessSchedule, business_minutes_between
from heatcheck.metrics.deadlines import promise_deadline
from heatcheck.metrics.settings import Settings


def with_business_minutes(
    frame: pl.DataFrame, start: str, end: str, name: str, schedule: BusinessSchedule
) -> pl.DataFrame:
    """The frame with `name`: business minutes from its `start` to its `end` column (null if either is)."""
    return frame.with_columns(business_minutes_between(frame[start], frame[end], schedule).alias(name))


def promise_deadlines(promises: pl.DataFrame, schedule: BusinessSchedule, default_business_days: float) -> pl.DataFrame:
    """Promises (ticket_id, message_id, created_at, body_clean and any other columns) with their
    deadline and the phrase that set it, in place of the text."""
    parsed = [
        promise_deadline(body, sent_at, schedule, default_business_days)
        for body, sent_at in zip(promises["body_clean"], promises["created_at"])
    ]
    return promises.drop("body_clean").with_columns(
        deadline=pl.Series([deadline for deadline, _ in parsed], dtype=pl.Datetime("us")),
        deadline_phrase=pl.Series([phrase for _, phrase in parsed], dtype=pl.String),
    )


def with_deadline_inputs(
    promises: pl.DataFrame, schedule: BusinessSchedule, default_business_days: float
) -> pl.DataFrame:
    """Promises with `deadline_inputs`: a hash of all a deadline is computed from (the ticket, the
    moment, the text, the schedule and the default), so a build keeps a stored deadline only while
    its hash is unchanged and parses again only the promises that are new or differ.

    Polars' hash is stable within one Polars version; after an upgrade every hash differs, and the
    next build parses every promise once more, which is slower but never wrong.
    """
    schedule_key = repr(
        (schedule.zone.key, schedule.week, sorted(schedule.holidays), schedule.holiday_country, default_business_days)
    )
    inputs = pl.concat_str(
        [
            pl.col("ticket_id").fill_null(""),
            pl.col("created_at").cast(pl.String).fill_null(""),
            pl.col("body_clean").fill_null(""),
            pl.lit(schedule_key),
        ],
        separator="\x1f",
    )
    return promises.with_columns(deadline_inputs=inputs.hash(seed=0))


def priority_targets(settings: Settings) -> pl.DataFrame:
    """The settings' targets per priority as a table the SQL can join (`default` included)."""
    return pl.DataFrame(
        [
            (name.lower(), target.first_update_minutes, target.update_gap_minutes, target.requester_wait_minutes)
            for name, target in settings.targets.items()
        ],
        schema={
            "priority": pl.String,
            "first_update_minutes": pl.Float64,
            "update_gap_minutes": pl.Float64,
            "requester_wait_minutes": pl.Float64,
        },
        orient="row",
    )


def metric_parameters(settings: Settings) -> pl.DataFrame:
    """One row: the clock targets are judged on and the word-of-mouth estimates (SPEC section 6)."""
    return pl.DataFrame(
        {
            "target_clock": [settings.target_clock],
            "complaint_rate": [float(settings.word_of_mouth.complaint_rate.value)],
            "tell_share": [float(settings.word_of_mouth.tell_share.value)],
            "audience": [float(settings.word_of_mouth.audience.value)],
        }
    )
