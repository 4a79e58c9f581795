"""When an SLA target passed: the clock of each SLA runs over one or more stretches (the first
reply's wait, a customer turn's wait, the periods a ticket spent new, open or on hold), and the
target passes at the moment the time elapsed over them, on the target clock, exceeds it."""

from __future__ import annotations

from datetime import timedelta

import polars as pl

from heatcheck.metrics.business_time import BusinessSchedule, add_business_minutes, business_minutes_between

KEY = ["ticket_id", "sla", "part"]
SLA_SCHEMA = {
    "ticket_id": pl.String,
    "sla": pl.String,
    "part": pl.Int64,
    "elapsed_minutes": pl.Float64,
    "target_minutes": pl.Float64,
    "breach_at": pl.Datetime("us"),
    "still_running": pl.Boolean,
}


def sla_breaches(stretches: pl.DataFrame, schedule: BusinessSchedule, clock: str) -> pl.DataFrame:
    """Stretches (ticket_id, sla, part, started_at, ended_at, still_running, target_minutes) ->
    one row per (ticket_id, sla, part): the minutes elapsed on the target clock (`business` or
    `calendar`), the target, the moment it passed (null when it did not) and whether the clock
    still runs at the data's end."""
    if stretches.is_empty():
        return pl.DataFrame(schema=SLA_SCHEMA)
    if clock == "business":
        elapsed = business_minutes_between(stretches["started_at"], stretches["ended_at"], schedule)
    else:
        elapsed = (stretches["ended_at"] - stretches["started_at"]).dt.total_microseconds() / 60_000_000
    timed = (
        stretches.with_columns(elapsed=elapsed.cast(pl.Float64).clip(lower_bound=0).fill_null(0))
        .sort([*KEY, "started_at"])
        .with_columns(before=pl.col("elapsed").cum_sum().over(KEY) - pl.col("elapsed"))
    )
    crossing = (pl.col("before") <= pl.col("target_minutes")) & (
        pl.col("before") + pl.col("elapsed") > pl.col("target_minutes")
    )
    crossed = timed.filter(crossing.fill_null(False))
    breach_at = [
        add_business_minutes(start, target - before, schedule)
        if clock == "business"
        else start + timedelta(minutes=target - before)
        for start, target, before in crossed.select("started_at", "target_minutes", "before").iter_rows()
    ]
    crossed = crossed.select(*KEY, breach_at=pl.Series(breach_at, dtype=pl.Datetime("us")))
    return (
        timed.group_by(KEY, maintain_order=True)
        .agg(
            elapsed_minutes=pl.col("elapsed").sum(),
            target_minutes=pl.col("target_minutes").first(),
            still_running=pl.col("still_running").any(),
        )
        .join(crossed, on=KEY, how="left", maintain_order="left")
        .select(list(SLA_SCHEMA))
        .cast(SLA_SCHEMA)
    )
