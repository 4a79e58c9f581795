"""Canonical exports: tickets, messages and status_changes files, or one flat messages file that
also carries ticket columns (SPEC section 2). CSV, JSON Lines, JSON arrays and Parquet alike.

Canonical ids are kept as given: the exporter owns their uniqueness. In a flat file the ticket's
own timestamps are `ticket_created_at` / `ticket_updated_at`, since `created_at` is the message's.
A message whose ticket no file of the batch describes (a messages file without ticket columns)
makes that ticket from its messages: created and updated at the first message, status unknown,
so a tickets export of it, updated on or after its creation, replaces it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import polars as pl

from heatcheck.errors import UnreadableExport
from heatcheck.readers.common import (
    is_blank,
    load_table,
    normalized_role,
    normalized_status,
    parsed_bool,
    quarantine_rows,
    read_each,
    split_rejected,
    tags_column,
)
from heatcheck.readers.csv_parts import PART_BYTES, csv_parts
from heatcheck.readers.detect import Detected
from heatcheck.readers.model import TICKET_SCHEMA, ReadResult, conform
from heatcheck.readers.text import trimmed, with_body_clean
from heatcheck.readers.timestamps import to_utc

FLAT_TICKET_COLUMNS = (
    "status",
    "priority",
    "channel",
    "subject",
    "requester_id",
    "assignee_id",
    "team",
    "tags",
    "csat",
    "ticket_created_at",
    "ticket_updated_at",
)


def read(files: list[Detected], local_tz: str = "UTC") -> ReadResult:
    """Read every canonical file of a batch; each file is one table of the model."""
    result = read_each("canonical", files, _read_one, local_tz)
    result.tickets = pl.concat([result.tickets, _tickets_of_messages(result)])
    return result


def _tickets_of_messages(result: ReadResult) -> pl.DataFrame:
    """A ticket for each ticket_id the batch's messages name and no ticket row does."""
    first = (
        result.messages.join(result.tickets.select("ticket_id"), on="ticket_id", how="anti")
        .sort("created_at", "source_file", "source_record")
        .group_by("ticket_id", maintain_order=True)
        .first()
    )
    return conform(
        first.select(
            "ticket_id",
            "created_at",
            "source_file",
            "source_record",
            source=pl.lit("canonical"),
            updated_at="created_at",
            status=pl.lit("unknown"),
        ),
        TICKET_SCHEMA,
    )


def _read_one(detected: Detected, local_tz: str) -> ReadResult:
    frame, broken = load_table(detected)
    path = detected.path
    rows_read = frame.height + broken.height
    if detected.table == "agents":
        agents, rejected = _agents(frame, path)
        return ReadResult(
            format="canonical",
            files=[path],
            rows_read={path: rows_read},
            reference_rows={path: agents.height},  # they name people rather than become tickets
            quarantine=pl.concat([broken, rejected]),
            agents=agents,
        )
    reader = {"messages": messages_of, "tickets": _tickets, "status_changes": _status_changes}[detected.table]
    tables, rejected = reader(frame, path, local_tz)
    return ReadResult(
        format="canonical",
        files=[path],
        rows_read={path: rows_read},
        quarantine=pl.concat([broken, rejected]),
        **tables,
    )


def _agents(frame: pl.DataFrame, path: str):
    """An agents file (agent_id, name, and optionally email and team): who the ids are."""
    frame = frame.with_columns(_text(frame, "agent_id"))
    good, rejected = split_rejected(
        frame,
        [(is_blank("agent_id"), "missing agent_id"), (_repeat("agent_id"), "duplicate agent_id in this file")],
        path,
    )
    agents = good.select(
        "agent_id",
        name=_text(good, "name"),
        email=_text(good, "email").str.to_lowercase(),
        team=_text(good, "team"),
        source_file=pl.lit(path),
    )
    return agents, rejected


def _text(frame: pl.DataFrame, name: str) -> pl.Expr:
    if name not in frame.columns:
        return pl.lit(None, dtype=pl.String).alias(name)
    return pl.col(name).cast(pl.String).str.strip_chars().alias(name)


def _unparseable(raw: str, parsed: str) -> pl.Expr:
    return pl.col(parsed).is_null() & ~is_blank(raw)


def _not_a_timestamp(column: str) -> pl.Expr:
    return pl.format("{} '{}' is not a timestamp", pl.lit(column), pl.col(column).cast(pl.String))


def _repeat(key: str) -> pl.Expr:
    return pl.col(key).cum_count().over(key) > 1


def messages_of(
    frame: pl.DataFrame, path: str, local_tz: str, earlier_ids: pl.Series | None = None, flat_tickets: bool = True
):
    """Messages (and, for a flat file, tickets) of one loaded table, with the rejected rows.
    `earlier_ids` are the message ids of the parts of a file read before this one; without
    `flat_tickets`, a flat file's good rows are returned as "good" for its ticket_part instead."""
    if "author_role" not in frame.columns:
        raise UnreadableExport(path, "messages need an author_role column (customer, agent, bot or system)")
    frame = frame.with_columns(
        _text(frame, "message_id"),
        _text(frame, "ticket_id"),
        _text(frame, "author_id"),
        _parsed_role=normalized_role(pl.col("author_role")),
        _parsed_created_at=pl.col("created_at"),
    )
    frame = to_utc(frame, ["_parsed_created_at"], local_tz)
    good, rejected = split_rejected(
        frame,
        [
            (is_blank("message_id"), "missing message_id"),
            (is_blank("ticket_id"), "missing ticket_id"),
            (is_blank("created_at"), "missing created_at"),
            (_unparseable("created_at", "_parsed_created_at"), _not_a_timestamp("created_at")),
            (
                pl.col("_parsed_role").is_null(),
                pl.format(
                    "author_role '{}' is not one of customer, agent, bot, system", pl.col("author_role").cast(pl.String)
                ),
            ),
            (_repeat("message_id"), "duplicate message_id: an earlier record of this file has it"),
            *(
                [
                    (
                        pl.col("message_id").is_in(earlier_ids),
                        "duplicate message_id: an earlier record of this file has it",
                    )
                ]
                if earlier_ids is not None
                else []
            ),
        ],
        path,
    )
    messages = good.select(
        "message_id",
        "ticket_id",
        "author_id",
        author_role=pl.col("_parsed_role"),
        is_public=parsed_bool(pl.col("is_public"), True) if "is_public" in good.columns else pl.lit(True),
        created_at=pl.col("_parsed_created_at"),
        body=trimmed(good["body"].cast(pl.String)).fill_null("") if "body" in good.columns else pl.lit(""),
        source_file=pl.lit(path),
        source_record="source_record",
    )
    tables = {"messages": messages}
    if not flat_tickets:
        tables["good"] = good
    elif any(column in frame.columns for column in FLAT_TICKET_COLUMNS):
        tables["tickets"] = _tickets_of_flat_file(good, path, local_tz)
    return tables, rejected


# Which of a ticket's messages gives each ticket column of a flat file, in time order: where the
# conversation started (channel, subject, who asked) or where it stands now (status, assignee).
FIRST_OR_LAST = {
    "source": "first",
    "status": "last",
    "priority": "last",
    "channel": "first",
    "subject": "first",
    "requester_id": "first",
    "assignee_id": "last",
    "team": "last",
    "tags": "first",
    "csat": "last",
}


def _tickets_of_flat_file(good: pl.DataFrame, path: str, local_tz: str) -> pl.DataFrame:
    """One ticket per ticket_id of a flat file, from its messages' ticket columns."""
    return tickets_of_parts([ticket_part(good, local_tz, timed=False)], path)


def ticket_part(good: pl.DataFrame, local_tz: str, timed: bool = True) -> pl.DataFrame:
    """Each ticket's columns as one part of a flat file gives them: the first or last value in
    time, with (when `timed`) the time of the message it came from, so that the parts of a file
    read a part at a time combine into what the whole file gives (tickets_of_parts)."""
    # Only the ticket's columns are sorted: sorting the whole file would copy every body too.
    wanted = {"ticket_id", "source", "source_record", "_parsed_created_at", *FLAT_TICKET_COLUMNS}
    rows = good.select(name for name in good.columns if name in wanted)
    rows = rows.with_columns(
        _ticket_created=pl.col("ticket_created_at") if "ticket_created_at" in rows.columns else pl.lit(None),
        _ticket_updated=pl.col("ticket_updated_at") if "ticket_updated_at" in rows.columns else pl.lit(None),
    )
    rows = to_utc(rows, ["_ticket_created", "_ticket_updated"], local_tz)
    # "first" and "last" mean in time within each ticket. Exports list a ticket's messages in
    # time order as a rule, and then a sort would only copy the whole file's ticket columns.
    if not _in_time_order_per_ticket(rows):
        rows = rows.sort("_parsed_created_at")

    def pick(name: str, which: str) -> list[pl.Expr]:
        # The raw value is picked and cleaned afterwards, on one row per ticket rather than one
        # per message (each cleaning of a million-row column is a copy): trimming never makes a
        # value null, so the same value is picked.
        if name not in rows.columns:
            return [pl.lit(None, dtype=pl.String).alias(name)] + ([pl.lit(None).alias(f"{name}_at")] if timed else [])
        values = pl.col(name).drop_nulls()
        picked = [values.first() if which == "first" else values.last()]
        if timed:
            at = pl.col("_parsed_created_at").filter(pl.col(name).is_not_null())
            picked.append((at.first() if which == "first" else at.last()).alias(f"{name}_at"))
        return picked

    return rows.group_by("ticket_id", maintain_order=True).agg(
        *(expression for name, which in FIRST_OR_LAST.items() for expression in pick(name, which)),
        _ticket_created=pl.col("_ticket_created").min(),
        _ticket_updated=pl.col("_ticket_updated").max(),
        _first_message=pl.col("_parsed_created_at").min(),
        _last_message=pl.col("_parsed_created_at").max(),
        source_record=pl.col("source_record").first(),
        **({"source_record_at": pl.col("_parsed_created_at").first()} if timed else {}),
    )


def tickets_of_parts(parts: list[pl.DataFrame], path: str) -> pl.DataFrame:
    """The tickets of a flat file from the ticket_part of each of its parts, in file order."""
    whole = pl.concat([part.with_columns(_part=pl.lit(n)) for n, part in enumerate(parts)], how="diagonal_relaxed")
    if len(parts) > 1:

        def pick(name: str, which: str) -> pl.Expr:
            values = pl.col(name).sort_by(f"{name}_at", "_part", nulls_last=True).drop_nulls()
            return values.first() if which == "first" else values.last()

        whole = whole.group_by("ticket_id", maintain_order=True).agg(
            *(pick(name, which) for name, which in FIRST_OR_LAST.items()),
            pick("source_record", "first"),
            pl.col("_ticket_created", "_first_message").min(),
            pl.col("_ticket_updated", "_last_message").max(),
        )
    ticket = whole.with_columns(
        created_at=pl.coalesce("_ticket_created", "_first_message"),
        updated_at=pl.coalesce("_ticket_updated", "_last_message"),
    )
    return _ticket_rows(ticket, path, "created_at", "updated_at")


def _ticket_rows(frame: pl.DataFrame, path: str, created_at: str, updated_at: str) -> pl.DataFrame:
    """The model's ticket columns of each row, cleaned; the timestamps are parsed already."""
    return frame.select(
        "ticket_id",
        source=_text(frame, "source").fill_null("canonical"),
        created_at=created_at,
        updated_at=updated_at,
        status=normalized_status(_text(frame, "status")),
        priority=_text(frame, "priority").str.to_lowercase(),
        channel=_text(frame, "channel").str.to_lowercase(),
        subject=_text(frame, "subject"),
        requester_id=_text(frame, "requester_id"),
        assignee_id=_text(frame, "assignee_id"),
        team=_text(frame, "team"),
        tags=tags_column(frame),
        csat=_text(frame, "csat").str.to_lowercase(),
        source_file=pl.lit(path),
        source_record="source_record",
    )


def _in_time_order_per_ticket(rows: pl.DataFrame) -> bool:
    step = pl.col("_parsed_created_at").diff().over("ticket_id")
    return rows.select((step.fill_null(timedelta(0)) >= timedelta(0)).all()).item()


def _tickets(frame: pl.DataFrame, path: str, local_tz: str):
    frame = frame.with_columns(
        _text(frame, "ticket_id"),
        _parsed_created_at=pl.col("created_at"),
        _parsed_updated_at=pl.col("updated_at") if "updated_at" in frame.columns else pl.col("created_at"),
    )
    frame = to_utc(frame, ["_parsed_created_at", "_parsed_updated_at"], local_tz)
    good, rejected = split_rejected(
        frame,
        [
            (is_blank("ticket_id"), "missing ticket_id"),
            (is_blank("created_at"), "missing created_at"),
            (_unparseable("created_at", "_parsed_created_at"), _not_a_timestamp("created_at")),
        ],
        path,
    )
    # Within one file the newest version of a ticket wins, as it does across files.
    good = good.with_columns(_parsed_updated_at=pl.coalesce("_parsed_updated_at", "_parsed_created_at"))
    good = good.sort("_parsed_updated_at", descending=True, maintain_order=True)
    superseded = good.filter(_repeat("ticket_id"))
    good = good.filter(~_repeat("ticket_id"))
    tickets = _ticket_rows(good, path, "_parsed_created_at", "_parsed_updated_at")
    rejected = pl.concat(
        [
            rejected,
            quarantine_rows(superseded, path, "superseded by a newer row for the same ticket in this file"),
        ]
    )
    return {"tickets": tickets}, rejected


def _status_changes(frame: pl.DataFrame, path: str, local_tz: str):
    frame = frame.with_columns(_text(frame, "ticket_id"), _parsed_changed_at=pl.col("changed_at"))
    frame = to_utc(frame, ["_parsed_changed_at"], local_tz)
    good, rejected = split_rejected(
        frame,
        [
            (is_blank("ticket_id"), "missing ticket_id"),
            (is_blank("status"), "missing status"),
            (is_blank("changed_at"), "missing changed_at"),
            (_unparseable("changed_at", "_parsed_changed_at"), _not_a_timestamp("changed_at")),
        ],
        path,
    )
    changes = good.select(
        "ticket_id",
        status=normalized_status(pl.col("status")),
        changed_at="_parsed_changed_at",
        source_file=pl.lit(path),
        source_record="source_record",
    )
    return {"status_changes": changes}, rejected


def read_in_parts(detected: Detected, local_tz: str, part_bytes: int = PART_BYTES) -> Iterator[ReadResult] | None:
    """A large flat messages CSV a part at a time: each part's messages and quarantine, then its
    tickets, combined from every part as the whole file would give them. None when the file is
    to be read whole (small, not flat, or not one Polars reads without complaint)."""
    path = Path(detected.path)
    if detected.table != "messages" or detected.container != "csv":
        return None
    frames = csv_parts(path, part_bytes)
    if frames is None:
        return None
    return _results_of_parts(frames, str(path), local_tz)


def _results_of_parts(frames: Iterator[pl.DataFrame], path: str, local_tz: str) -> Iterator[ReadResult]:
    seen = pl.Series("message_id", [], dtype=pl.String)  # one chunk per part, never copied whole
    parts: list[pl.DataFrame] = []
    for frame in frames:
        if not any(column in frame.columns for column in FLAT_TICKET_COLUMNS):
            # a messages file's tickets come from the first message of each across the file
            raise UnreadableExport(path, "a messages file this large is read in parts only with ticket columns")
        tables, rejected = messages_of(frame, path, local_tz, earlier_ids=seen, flat_tickets=False)
        good = tables["good"]
        parts.append(ticket_part(good, local_tz))
        seen.append(tables["messages"]["message_id"])
        yield ReadResult(
            format="canonical",
            files=[path],
            rows_read={path: frame.height},
            messages=with_body_clean(tables["messages"]),
            quarantine=rejected,
        )
    yield ReadResult(format="canonical", files=[path], rows_read={path: 0}, tickets=tickets_of_parts(parts, path))
