"""Timestamp parsing shared by the readers: every source ends up as naive UTC."""

from __future__ import annotations

import polars as pl

# Formats that carry their own offset; Polars converts them to UTC.
_WITH_OFFSET = (
    "%Y-%m-%dT%H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M:%S%.f%z",
    "%a %b %d %H:%M:%S %z %Y",  # Twitter's created_at
)
# Formats without a zone: read in the configured time zone (SPEC section 3).
_LOCAL = (
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%m/%d/%Y %H:%M",
)


# An epoch number says its unit by its size: today is about 1.7e9 seconds, 1.7e12 milliseconds,
# 1.7e15 microseconds and 1.7e18 nanoseconds. Reading milliseconds as seconds puts a message in
# the year 58000, so the unit is never assumed; a number of no plausible size becomes null.
_EPOCH_UNITS = ((1e11, 1_000_000), (1e14, 1_000), (1e17, 1), (1e20, 0.001))  # (below, microseconds per unit)


def from_epoch(number: pl.Expr) -> pl.Expr:
    """Unix time in seconds, milliseconds, microseconds or nanoseconds, told apart by magnitude."""
    size = number.abs()
    micros = pl.lit(None, dtype=pl.Float64)
    for below, per_unit in reversed(_EPOCH_UNITS):
        micros = pl.when(size < below).then(number * per_unit).otherwise(micros)
    return micros.cast(pl.Int64, strict=False).cast(pl.Datetime("us"))


def parse_utc(column: pl.Expr, local_tz: str = "UTC") -> pl.Expr:
    """Parse strings (or pass through datetimes) to naive UTC; unparseable values become null.

    Digits alone are an epoch number (CSV and JSON exports write them as text)."""
    text = column.cast(pl.String).str.strip_chars().str.replace(r"Z$", "+00:00")
    epoch = from_epoch(text.str.extract(r"^(-?\d{9,20}(?:\.\d+)?)$").cast(pl.Float64, strict=False))
    aware = [
        text.str.strptime(pl.Datetime("us", "UTC"), fmt, strict=False).dt.replace_time_zone(None)
        for fmt in _WITH_OFFSET
    ]
    local = [
        text.str.strptime(pl.Datetime("us"), fmt, strict=False)
        .dt.replace_time_zone(local_tz, ambiguous="earliest", non_existent="null")
        .dt.convert_time_zone("UTC")
        .dt.replace_time_zone(None)
        for fmt in _LOCAL
    ]
    return pl.coalesce(epoch, *aware, *local)


def to_utc(frame: pl.DataFrame, columns: list[str], local_tz: str = "UTC") -> pl.DataFrame:
    """Parse the given columns to naive UTC, whatever type they arrive in."""
    exprs = []
    for name in columns:
        if name not in frame.columns:
            continue
        dtype = frame.schema[name]
        if isinstance(dtype, pl.Datetime):
            expr = pl.col(name)
            if dtype.time_zone is None:
                expr = expr.dt.replace_time_zone(local_tz, ambiguous="earliest", non_existent="null")
            expr = expr.dt.convert_time_zone("UTC").dt.replace_time_zone(None).cast(pl.Datetime("us"))
        elif isinstance(dtype, pl.Date):
            expr = pl.col(name).cast(pl.Datetime("us"))
        elif dtype.is_numeric():
            expr = from_epoch(pl.col(name).cast(pl.Float64))
        else:
            expr = parse_utc(pl.col(name), local_tz)
        exprs.append(expr.alias(name))
    return frame.with_columns(exprs)
