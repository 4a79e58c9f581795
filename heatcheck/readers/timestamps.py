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


def parse_utc(column: pl.Expr, local_tz: str = "UTC") -> pl.Expr:
    """Parse strings (or pass through datetimes) to naive UTC; unparseable values become null."""
    text = column.cast(pl.String).str.strip_chars().str.replace(r"Z$", "+00:00")
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
    return pl.coalesce(*aware, *local)


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
        elif dtype.is_integer():
            expr = pl.from_epoch(pl.col(name), time_unit="s")  # Unix seconds, as Zendesk's incremental API
        else:
            expr = parse_utc(pl.col(name), local_tz)
        exprs.append(expr.alias(name))
    return frame.with_columns(exprs)
