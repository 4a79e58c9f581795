"""Records whose timestamps cannot be true go to quarantine, whatever format they came in.

A timestamp in 1970 or 58136 is a misread (an epoch number in the wrong unit, a placeholder such as
9999-12-31), not history. Loaded, it would move the data horizon and the default report week to
that year and break the business-time arithmetic of every later run, so it is stopped at the door
with a reason naming the column and the window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import polars as pl

from heatcheck.readers.common import first_failed_check, quarantine_rows
from heatcheck.readers.model import ReadResult

TIME_COLUMNS = {
    "tickets": ("created_at", "updated_at"),
    "messages": ("created_at",),
    "status_changes": ("changed_at",),
}


@dataclass(frozen=True)
class PlausibleTimes:
    """The window a real support timestamp falls in."""

    earliest: datetime
    latest: datetime

    @classmethod
    def around(cls, earliest: date, ingested_at: datetime, hours_after: float) -> PlausibleTimes:
        """From `earliest` to `hours_after` past the ingest (exports are written before they are read)."""
        return cls(datetime.combine(earliest, time()), ingested_at + timedelta(hours=hours_after))

    def reason(self, column: str) -> tuple[pl.Expr, pl.Expr]:
        """(is outside, why) for one timestamp column."""
        outside = (pl.col(column) < self.earliest) | (pl.col(column) > self.latest)
        why = pl.format(
            "{} {} is outside the plausible window {} to {} (an epoch number in the wrong unit, or a placeholder date?)",
            pl.lit(column),
            pl.col(column).dt.to_string("%Y-%m-%d %H:%M:%S"),
            pl.lit(f"{self.earliest:%Y-%m-%d}"),
            pl.lit(f"{self.latest:%Y-%m-%d %H:%M}"),
        )
        return outside, why


def quarantine_implausible(result: ReadResult, window: PlausibleTimes) -> ReadResult:
    """Move every record with a timestamp outside `window` from the tables to the quarantine.

    A record is the unit: when one of its rows is out, every row it gave is out, so the file's
    accounting still balances (a record is either loaded or quarantined).
    """
    rejected = []
    for table, columns in TIME_COLUMNS.items():
        frame = getattr(result, table)
        marked = frame.with_columns(_reason=first_failed_check([window.reason(c) for c in columns]))
        bad = marked.filter(pl.col("_reason").is_not_null())
        for path in bad["source_file"].unique().to_list():
            rejected.append(quarantine_rows(bad.filter(pl.col("source_file") == path).drop("source_file"), path))
    if not rejected:
        return result
    out = pl.concat(rejected).unique(["source_file", "source_record"], keep="first", maintain_order=True)
    keys = out.select("source_file", "source_record")
    for table in TIME_COLUMNS:
        setattr(result, table, getattr(result, table).join(keys, on=["source_file", "source_record"], how="anti"))
    result.quarantine = pl.concat([result.quarantine, out])
    return result
