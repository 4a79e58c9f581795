"""Mapped CSV: any CSV plus a small YAML file that names which of its columns are which canonical
fields, for exports from tools we do not know. The mapping sits beside the CSV as
`<name>.mapping.yaml`:

    source: legacy_desk          # prefix for nothing; stored in tickets.source
    timezone: Europe/Berlin      # optional: how to read timestamps without a zone
    columns:                     # canonical field: the CSV's column
      ticket_id: Ticket ID
      created_at: Opened
      body: Description
      status: State
    defaults:                    # canonical field: a value for every row
      author_role: customer
    values:                      # canonical field: {the CSV's value: canonical value}
      status: {Pending Customer Response: pending}

Each CSV row becomes one message of a flat canonical file; `message_id` defaults to the ticket id
and the row's record number when the mapping names none.
"""

from __future__ import annotations

import codecs
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import polars as pl
from pydantic import BaseModel, ConfigDict

from heatcheck.errors import UserFileError
from heatcheck.readers import canonical
from heatcheck.readers.common import load_table, read_each
from heatcheck.readers.detect import Detected
from heatcheck.readers.model import MESSAGE_SCHEMA, TICKET_SCHEMA, ReadResult
from heatcheck.yaml_files import read_yaml, validated

MAPPABLE_FIELDS = (set(MESSAGE_SCHEMA) | set(TICKET_SCHEMA) | {"ticket_created_at", "ticket_updated_at"}) - {
    "source_file",
    "source_record",
    "body_clean",
    "source",
}


class Mapping(BaseModel):
    model_config = ConfigDict(extra="forbid")
    source: str = "mapped"
    timezone: str | None = None
    encoding: str | None = None  # e.g. cp1252, when the export says so; found from the text otherwise
    columns: dict[str, str]
    defaults: dict[str, str | bool] = {}
    values: dict[str, dict[str, str]] = {}


def load_mapping(path: str) -> Mapping:
    """Read and validate a mapping file; problems name the file and the key."""
    mapping = validated(Mapping, read_yaml(path), path, "a mapping key")
    for field in [*mapping.columns, *mapping.defaults, *mapping.values]:
        if field not in MAPPABLE_FIELDS:
            raise UserFileError(
                path, f"columns.{field}", f"is not a canonical field; expected one of {sorted(MAPPABLE_FIELDS)}"
            )
    if "ticket_id" not in mapping.columns or "created_at" not in mapping.columns:
        raise UserFileError(path, "columns", "must map at least ticket_id and created_at")
    if mapping.encoding is not None:
        try:
            codecs.lookup(mapping.encoding)
        except LookupError:
            raise UserFileError(
                path, "encoding", f"{mapping.encoding!r} is not an encoding name such as cp1252"
            ) from None
    if mapping.timezone is not None:
        try:
            ZoneInfo(mapping.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise UserFileError(
                path, "timezone", f"{mapping.timezone!r} is not a time zone name such as America/New_York"
            ) from None
    return mapping


def read(files: list[Detected], local_tz: str = "UTC") -> ReadResult:
    """Read mapped CSVs through the canonical flat-file path."""
    return read_each("mapped", files, _read_one, local_tz)


def _read_one(detected: Detected, local_tz: str) -> ReadResult:
    mapping = load_mapping(detected.mapping)
    frame, broken = load_table(detected, mapping.encoding)
    missing = [column for column in mapping.columns.values() if column not in frame.columns]
    if missing:
        raise UserFileError(detected.mapping, "columns", f"{detected.path} has no column {', '.join(missing)}")
    renamed = (
        frame.select(
            "source_record",
            *[pl.col(column).alias(field) for field, column in mapping.columns.items()],
            *[pl.lit(value).alias(field) for field, value in mapping.defaults.items() if field not in mapping.columns],
        )
        .with_columns(pl.col(field).cast(pl.String).replace(table) for field, table in mapping.values.items())
        .with_columns(source=pl.lit(mapping.source))
    )
    if "message_id" not in renamed.columns:
        renamed = renamed.with_columns(
            message_id=pl.col("ticket_id").cast(pl.String) + ":" + pl.col("source_record").cast(pl.String)
        )
    tables, rejected = canonical.messages_of(renamed, detected.path, mapping.timezone or local_tz)
    return ReadResult(
        format="mapped",
        files=[detected.path],
        rows_read={detected.path: frame.height + broken.height},
        quarantine=pl.concat([broken, rejected]),
        **tables,
    )
