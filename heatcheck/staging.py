"""Write a read batch into the staging tables: all of it in the caller's transaction, in bulk."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from datetime import datetime

import duckdb
import polars as pl

from heatcheck.readers.batch import Batch
from heatcheck.readers.model import (
    AGENT_SCHEMA,
    FIELD_CHANGE_SCHEMA,
    MESSAGE_SCHEMA,
    QUARANTINE_SCHEMA,
    STATUS_CHANGE_SCHEMA,
    TICKET_SCHEMA,
    conform,
)
from heatcheck.warehouse import ArrowFrames, DiskFrames, disk_frames, sql


def create_staging_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(sql("staging/create_staging_tables"))


def loaded_files(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, int, float], str]:
    """What the ingest log already holds: {(path, size, mtime): checksum}."""
    rows = con.execute(sql("staging/select_loaded_files")).fetchall()
    return {(file, size, mtime): digest for file, size, mtime, digest in rows}


def stage_all(con: duckdb.DuckDBPyConnection, batch: Batch, ingested_at: datetime) -> dict[str, int]:
    """stage_batch for the batch, then for each part of its large files in turn (whose log lines
    join the batch's files); returns the rows handed to each table."""
    with disk_frames(con) as frames:
        counts = Counter(stage_batch(con, batch, ingested_at, frames))
        for outcome, parts in batch.large:
            for part in parts:
                counts.update(stage_batch(con, part, ingested_at, frames))
            batch.files.append(outcome)
    batch.large = []
    return {name: counts[name] for name in ("tickets", "messages", "status_changes", "quarantined")}


def stage_batch(
    con: duckdb.DuckDBPyConnection, batch: Batch, ingested_at: datetime, frames: DiskFrames | None = None
) -> dict[str, int]:
    """Merge the batch into staging and log every file; returns the rows handed to each table.
    `frames` hands the batch's rows to DuckDB from files, for a transaction of many batches."""
    frames = frames or ArrowFrames(con)
    checksums = batch.checksums
    tickets = _concat([r.tickets for r in batch.results], TICKET_SCHEMA)
    messages = _concat([r.messages for r in batch.results], MESSAGE_SCHEMA)
    changes = _concat([r.status_changes for r in batch.results], STATUS_CHANGE_SCHEMA)
    quarantine = _concat([r.quarantine for r in batch.results], QUARANTINE_SCHEMA)
    field_changes = _concat([r.field_changes for r in batch.results], FIELD_CHANGE_SCHEMA).unique(
        ["ticket_id", "field", "changed_at"], keep="last", maintain_order=True
    )
    agents = _concat([r.agents for r in batch.results], AGENT_SCHEMA).unique(
        "agent_id", keep="last", maintain_order=True
    )
    # MERGE needs one incoming row per key: within a batch the newest ticket version wins too,
    # and of two with one updated_at the later record (reversed, then a stable sort).
    tickets = (
        tickets.reverse()
        .sort("updated_at", descending=True, nulls_last=True, maintain_order=True)
        .unique("ticket_id", keep="first")
    )
    messages = messages.unique("message_id", keep="last", maintain_order=True)
    changes = changes.unique(["ticket_id", "status", "changed_at"], keep="first", maintain_order=True)
    quarantine = quarantine.with_columns(file_checksum=pl.col("source_file").replace_strict(checksums, default=None))
    log = pl.DataFrame(
        [asdict(f) for f in batch.files if f.checksum],  # a path that does not exist has no file to log
        schema={
            "path": pl.String,
            "checksum": pl.String,
            "size_bytes": pl.Int64,
            "modified_at": pl.Float64,
            "format": pl.String,
            "rows_read": pl.Int64,
            "loaded": pl.Int64,
            "quarantined": pl.Int64,
            "status": pl.String,
            "error": pl.String,
        },
    ).rename({"path": "file"})

    for name, frame in (
        ("incoming_tickets", tickets),
        ("incoming_messages", messages),
        ("incoming_status_changes", changes),
        ("incoming_quarantine", quarantine),
        ("incoming_ingest_log", log),
        ("incoming_agents", agents),
        ("incoming_field_changes", field_changes),
    ):
        frames.register(name, frame)
    if not batch.withdrawn.is_empty():
        frames.register("withdrawn_records", batch.withdrawn)
        con.execute(sql("staging/delete_withdrawn_messages"))
        frames.unregister("withdrawn_records")
    con.execute(sql("staging/merge_tickets"))
    con.execute(sql("staging/merge_messages"))
    con.execute(sql("staging/merge_status_changes"))
    con.execute(sql("staging/merge_agents"))
    con.execute(sql("staging/merge_field_changes"))
    con.execute(sql("staging/insert_quarantine"), {"ingested_at": ingested_at})
    con.execute(sql("staging/insert_ingest_log"), {"ingested_at": ingested_at})
    for name in (
        "incoming_tickets",
        "incoming_messages",
        "incoming_status_changes",
        "incoming_quarantine",
        "incoming_ingest_log",
        "incoming_agents",
        "incoming_field_changes",
    ):
        frames.unregister(name)
    return {
        "tickets": tickets.height,
        "messages": messages.height,
        "status_changes": changes.height,
        "quarantined": quarantine.height,
    }


def _concat(frames: list[pl.DataFrame], schema: dict[str, pl.DataType]) -> pl.DataFrame:
    return pl.concat([conform(frame, schema) for frame in frames]) if frames else pl.DataFrame(schema=schema)
