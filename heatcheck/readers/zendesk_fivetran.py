"""Reader for Zendesk via Fivetran (SPEC section 2): the synced `ticket`, `ticket_comment`, `user`,
`ticket_field_history` and, when present, `group`, `ticket_tag` and `satisfaction_rating` tables,
as CSV or Parquet.

These tables hold the same Zendesk data as the API, so the canonical mapping, author roles and
the rules for records superseded within a batch are the API reader's (`zendesk_api.assemble`).
Specific to Fivetran:

- source_record is the row number counting the header as row 1 (first data row "2") for CSV, and
  the 1-based row number for Parquet. A CSV body with line breaks in it is still one row.
- Fivetran writes timestamps in UTC, so a value without an offset is read as UTC, whatever the
  configured local time zone.
- A row with `_fivetran_deleted` true is quarantined as "deleted in source", in every table.
- ticket_field_history: status rows become status changes; rows for other fields are reference
  rows. Users, groups, tags and satisfaction ratings are reference rows: they feed the tickets.
- Tags come from `ticket_tag` (one row per ticket and tag). CSAT is the newest rating of the
  ticket in `satisfaction_rating`, else the newest `satisfaction_score` in ticket_field_history
  (where dbt_zendesk reads it); offered/unoffered mean no rating, as in the API reader.
"""

from __future__ import annotations

from collections import Counter

import polars as pl

from heatcheck.errors import UnreadableExport
from heatcheck.readers.common import load_table
from heatcheck.readers.detect import Detected
from heatcheck.readers.model import TRACKED_FIELDS, ReadResult, conform
from heatcheck.readers.zendesk_api import (
    COMMENT_PARTS,
    GROUP_PARTS,
    STATUS_PARTS,
    TICKET_PARTS,
    USER_PARTS,
    assemble,
    count_by_file,
    parse_times,
    split_rejects,
    time_check,
)

FORMAT = "zendesk_fivetran"

# The columns read from each table; any of them may be missing from a file and is then null.
TABLES = {
    "ticket": (
        "id",
        "created_at",
        "updated_at",
        "subject",
        "description",
        "priority",
        "status",
        "requester_id",
        "submitter_id",
        "assignee_id",
        "group_id",
        "via_channel",
    ),
    "ticket_comment": ("id", "body", "created", "public", "ticket_id", "user_id", "via_channel"),
    "user": ("id", "name", "role", "email"),
    "ticket_field_history": ("ticket_id", "field_name", "updated", "value"),
    "group": ("id", "name"),
    "ticket_tag": ("ticket_id", "tag"),
    "satisfaction_rating": ("id", "ticket_id", "score", "created_at", "updated_at"),
}
_EVERY_TABLE = ("_fivetran_deleted", "source_file", "source_record", "raw")
_DELETED = (pl.col("_fivetran_deleted").str.to_lowercase().is_in(["true", "t", "1"]), "deleted in source")


def read(files: list[Detected], local_tz: str = "UTC") -> ReadResult:
    """Read one batch of Fivetran Zendesk tables into the canonical model.

    `local_tz` is part of every reader's interface; it is not used, because Fivetran writes UTC.
    """
    loaded: dict[str, list[pl.DataFrame]] = {table: [] for table in TABLES}
    rows_read: Counter = Counter()
    unreadable: list[pl.DataFrame] = []  # CSV records that could not be read at all (ragged, cut)
    for detected in files:
        if detected.table not in TABLES:
            raise UnreadableExport(
                detected.path, f"holds a {detected.table!r} table; expected one of {', '.join(TABLES)}"
            )
        frame, broken = _load(detected)
        rows_read[detected.path] = frame.height + broken.height
        unreadable.append(broken)
        loaded[detected.table].append(frame)
    tables = {table: _combine(frames, table) for table, frames in loaded.items()}

    tickets, bad_tickets = _tickets(tables["ticket"])
    comments, bad_comments = _comments(tables["ticket_comment"])
    status_changes, other_fields, bad_history = _status_changes(tables["ticket_field_history"])
    users, bad_users = split_rejects(tables["user"], [_DELETED, (pl.col("id").is_null(), "user has no id")])
    groups, bad_groups = split_rejects(tables["group"], [_DELETED, (pl.col("id").is_null(), "group has no id")])
    tags, bad_tags = split_rejects(
        tables["ticket_tag"],
        [_DELETED, (pl.col("ticket_id").is_null() | pl.col("tag").is_null(), "tag has no ticket_id or tag")],
    )
    ratings, bad_ratings = split_rejects(
        tables["satisfaction_rating"], [_DELETED, (pl.col("ticket_id").is_null(), "rating has no ticket_id")]
    )
    return assemble(
        FORMAT,
        [detected.path for detected in files],
        rows_read,
        count_by_file(users)
        + count_by_file(groups)
        + count_by_file(other_fields)
        + count_by_file(tags)
        + count_by_file(ratings),
        tickets=_with_tags_and_csat(tickets, tags, ratings, other_fields),
        comments=comments,
        status_changes=status_changes,
        users=conform(users, USER_PARTS),
        groups=conform(groups, GROUP_PARTS),
        quarantine=[bad_tickets, bad_comments, bad_history, bad_users, bad_groups, bad_tags, bad_ratings, *unreadable],
        field_changes=parse_times(
            other_fields.filter(pl.col("field_name").is_in(TRACKED_FIELDS)).select(
                "ticket_id", "value", "source_file", field="field_name", changed_at="updated"
            ),
            ["changed_at"],
        ),
    )


def _load(detected: Detected) -> tuple[pl.DataFrame, pl.DataFrame]:
    """One table file as text columns, with its lineage and each row as JSON for quarantine, and
    the records that could not be read at all."""
    try:
        frame, broken = load_table(detected)
    except UnreadableExport as error:
        raise UnreadableExport(
            detected.path, f"is not a readable Fivetran {detected.table} table: {error.problem}"
        ) from None
    frame = _as_text(frame.rename(lambda name: name.strip().lower()))
    frame = frame.with_columns(
        raw=pl.struct(pl.exclude("source_record")).struct.json_encode(), source_file=pl.lit(detected.path)
    )
    return frame, broken


def _as_text(frame: pl.DataFrame) -> pl.DataFrame:
    """Every column as the text a CSV export would hold, so Parquet and CSV read alike."""
    exprs = []
    for name, dtype in frame.schema.items():
        column = pl.col(name)
        if isinstance(dtype, pl.Datetime):
            if dtype.time_zone is not None:
                column = column.dt.convert_time_zone("UTC").dt.replace_time_zone(None)
            column = column.dt.to_string("%Y-%m-%d %H:%M:%S%.f")
        elif dtype.is_float():
            # Ids pass through pandas as floats when a column has nulls: 8001.0 is user 8001.
            column = pl.when(column == column.round()).then(column.cast(pl.Int64)).otherwise(column)
        exprs.append(column.cast(pl.String).alias(name))
    return frame.select(exprs)


def _combine(frames: list[pl.DataFrame], table: str) -> pl.DataFrame:
    """All files of one table as one frame with the columns the reader uses."""
    schema = {name: pl.String for name in (*TABLES[table], *_EVERY_TABLE)}
    combined = pl.concat(frames, how="diagonal") if frames else pl.DataFrame(schema=schema)
    return conform(combined, schema)


def _tickets(ticket: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    tickets, rejected = split_rejects(
        parse_times(ticket, ["created_at", "updated_at"]),
        [
            _DELETED,
            (pl.col("status").str.to_lowercase() == "deleted", "deleted in source"),
            (pl.col("id").is_null(), "ticket has no id"),
            time_check("created_at", "ticket"),
        ],
    )
    return conform(tickets.rename({"via_channel": "channel"}), TICKET_PARTS), rejected


def _comments(ticket_comment: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    comments, rejected = split_rejects(
        parse_times(ticket_comment, ["created"]),
        [
            _DELETED,
            (pl.col("id").is_null(), "comment has no id"),
            (pl.col("ticket_id").is_null(), "comment has no ticket_id"),
            time_check("created", "comment", label="created time"),
        ],
    )
    comments = comments.with_columns(
        author_id="user_id",
        created_at="created",
        public=pl.col("public").str.to_lowercase().is_in(["true", "t", "1"]),
    )
    return conform(comments, COMMENT_PARTS), rejected


def _status_changes(history: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(status changes, rows for other fields, quarantined rows) from ticket_field_history."""
    history, deleted = split_rejects(history, [_DELETED])
    is_status = (pl.col("field_name") == "status").fill_null(False)
    status_changes, rejected = split_rejects(
        parse_times(history.filter(is_status), ["updated"]),
        [
            (pl.col("ticket_id").is_null(), "status change has no ticket_id"),
            time_check("updated", "status change", label="updated time"),
            (pl.col("value").is_null(), "status change has no value"),
        ],
    )
    status_changes = status_changes.with_columns(status="value", changed_at="updated")
    return conform(status_changes, STATUS_PARTS), history.filter(~is_status), pl.concat([deleted, rejected])


def _with_tags_and_csat(
    tickets: pl.DataFrame, tags: pl.DataFrame, ratings: pl.DataFrame, other_fields: pl.DataFrame
) -> pl.DataFrame:
    """Tickets with their tags (ticket_tag) and newest CSAT score (satisfaction_rating, else the
    satisfaction_score rows of ticket_field_history)."""
    tag_lists = tags.group_by("ticket_id", maintain_order=True).agg(
        _tags=pl.col("tag").str.strip_chars().unique(maintain_order=True)
    )
    rated = ratings.select(
        "ticket_id", "score", _at=pl.coalesce(pl.col("updated_at"), pl.col("created_at")).str.strip_chars()
    )
    scored = other_fields.filter(pl.col("field_name") == "satisfaction_score").select(
        "ticket_id", "value", _at=pl.col("updated").str.strip_chars()
    )
    newest_rating = (
        rated.sort("_at", nulls_last=False, maintain_order=True)
        .group_by("ticket_id")
        .agg(_rating=pl.col("score").last())
    )
    newest_score = (
        scored.sort("_at", nulls_last=False, maintain_order=True)
        .group_by("ticket_id")
        .agg(_score=pl.col("value").last())
    )
    return (
        tickets.join(tag_lists, left_on="id", right_on="ticket_id", how="left", maintain_order="left")
        .join(newest_rating, left_on="id", right_on="ticket_id", how="left", maintain_order="left")
        .join(newest_score, left_on="id", right_on="ticket_id", how="left", maintain_order="left")
        .with_columns(tags=pl.col("_tags"), csat=pl.coalesce("_rating", "_score"))
        .pipe(conform, TICKET_PARTS)
    )
