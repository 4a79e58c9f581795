"""Helpers every tabular reader shares: loading a table with record numbers, reading a batch's
files one by one, splitting off the rows that must be quarantined, and normalising the few coded
values of the canonical model."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl

from heatcheck.errors import UnreadableExport, parser_message
from heatcheck.readers.csv_file import read_csv_records
from heatcheck.readers.detect import Detected
from heatcheck.readers.json_file import read_json_array, read_json_lines
from heatcheck.readers.model import AUTHOR_ROLES, QUARANTINE_SCHEMA, TICKET_STATUSES, ReadResult, combine
from heatcheck.readers.text import with_body_clean

ROLE_SYNONYMS = {
    "end-user": "customer",
    "end_user": "customer",
    "enduser": "customer",
    "requester": "customer",
    "user": "customer",
    "client": "customer",
    "admin": "agent",
    "staff": "agent",
    "support": "agent",
    "automation": "bot",
    "trigger": "bot",
    "answer_bot": "bot",
}
STATUS_SYNONYMS = {
    "pending customer response": "pending",
    "on-hold": "hold",
    "on hold": "hold",
    "resolved": "solved",
    "done": "solved",
    "reopened": "open",
}
TRUE_WORDS = ("true", "t", "1", "yes", "y", "public")
FALSE_WORDS = ("false", "f", "0", "no", "n", "private", "internal")


def load_table(detected: Detected, encoding: str | None = None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Load one CSV, JSON Lines, JSON array or Parquet file with a `source_record` column.

    Records are numbered as a person finds them: CSV rows by line with the header as line 1,
    JSON Lines by line, Parquet and JSON arrays by position from 1. Records that cannot be read
    (a broken line, a ragged CSV row, the tail of a cut file) are returned separately, ready for
    the quarantine.
    """
    path = Path(detected.path)
    broken = pl.DataFrame(schema=QUARANTINE_SCHEMA)
    try:
        if detected.container == "parquet":
            frame = pl.read_parquet(path).with_row_index("source_record", offset=1)
        elif detected.container == "csv":
            frame, broken = read_csv_records(path, encoding)
            frame = frame.rename({c: c.strip() for c in frame.columns})
        elif detected.container == "json":
            frame, broken = read_json_array(path)
        else:
            frame, broken = read_json_lines(path)
    except UnreadableExport:
        raise
    except Exception as error:  # the parsers raise many types; the user needs the file and why
        raise UnreadableExport(
            str(path), f"could not be parsed as {detected.container} ({parser_message(error)})"
        ) from None
    return frame.with_columns(pl.col("source_record").cast(pl.String)), broken


def read_each(format: str, files: list[Detected], read_one: Callable[[Detected, str], ReadResult],
              local_tz: str) -> ReadResult:  # fmt: skip
    """Read a batch's files of one format one by one, as one result with body_clean added."""
    result = combine(format, [read_one(detected, local_tz) for detected in files])
    result.messages = with_body_clean(result.messages)
    return result


def first_failed_check(checks: list[tuple[pl.Expr, str | pl.Expr]]) -> pl.Expr:
    """The reason of the first (is_bad, reason) check a row fails, null when it passes them all,
    so the quarantine says what to fix first."""
    reason = pl.lit(None, dtype=pl.String)
    for is_bad, why in reversed(checks):
        why_expr = pl.lit(why) if isinstance(why, str) else why
        reason = pl.when(is_bad.fill_null(False)).then(why_expr).otherwise(reason)
    return reason


def split_rejected(
    frame: pl.DataFrame, checks: list[tuple[pl.Expr, str | pl.Expr]], path: str
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Apply (is_bad, reason) checks in order; return (good rows, quarantine rows)."""
    reasons = frame.select(_reason=first_failed_check(checks)).to_series()
    if reasons.null_count() == frame.height:  # the usual case: no filtered copy of the whole file
        return frame, pl.DataFrame(schema=QUARANTINE_SCHEMA)
    marked = frame.with_columns(reasons)
    good = marked.filter(pl.col("_reason").is_null()).drop("_reason")
    bad = marked.filter(pl.col("_reason").is_not_null())
    return good, quarantine_rows(bad, path)


def quarantine_rows(bad: pl.DataFrame, path: str, reason: str | None = None) -> pl.DataFrame:
    """Rows for the quarantine table: the whole original record kept as JSON text."""
    if bad.is_empty():
        return pl.DataFrame(schema=QUARANTINE_SCHEMA)
    payload = [c for c in bad.columns if c not in ("_reason", "source_record") and not c.startswith("_parsed")]
    reason_expr = pl.lit(reason) if reason is not None else pl.col("_reason")
    return bad.select(
        source_file=pl.lit(path),
        source_record=pl.col("source_record").cast(pl.String),
        reason=reason_expr.cast(pl.String),
        raw=pl.struct(payload).struct.json_encode() if payload else pl.lit("{}"),
    )


def is_blank(column: str) -> pl.Expr:
    return pl.col(column).cast(pl.String).str.strip_chars().fill_null("") == ""


def normalized_role(column: pl.Expr) -> pl.Expr:
    """author_role in the canonical vocabulary; values we cannot place become null."""
    lowered = column.cast(pl.String).str.strip_chars().str.to_lowercase()
    mapped = lowered.replace(ROLE_SYNONYMS)
    return pl.when(mapped.is_in(AUTHOR_ROLES)).then(mapped)


def normalized_status(column: pl.Expr) -> pl.Expr:
    """status in new/open/pending/hold/solved/closed, else unknown (a status is never a reason to drop a row)."""
    lowered = column.cast(pl.String).str.strip_chars().str.to_lowercase().replace(STATUS_SYNONYMS)
    return pl.when(lowered.is_in(TICKET_STATUSES)).then(lowered).otherwise(pl.lit("unknown"))


def parsed_bool(column: pl.Expr, default: bool) -> pl.Expr:
    text = column.cast(pl.String).str.strip_chars().str.to_lowercase()
    return (
        pl.when(text.is_in(TRUE_WORDS)).then(True).when(text.is_in(FALSE_WORDS)).then(False).otherwise(pl.lit(default))
    )


def tags_column(frame: pl.DataFrame, name: str = "tags") -> pl.Expr:
    """Tags as a list, whether they arrive as a list or as 'a, b' text."""
    if name not in frame.columns:
        return pl.lit(None, dtype=pl.List(pl.String))
    dtype = frame.schema[name]
    if isinstance(dtype, pl.List):
        return pl.col(name).cast(pl.List(pl.String))
    return (
        pl.col(name)
        .cast(pl.String)
        .str.strip_chars("[] ")
        .str.replace_all(r"[\"']", "")
        .str.split(by=",")
        .list.eval(pl.element().str.strip_chars())
        .list.filter(pl.element() != "")
    )
