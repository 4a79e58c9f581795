"""The analysts' snapshot: a copy of the warehouse published after each run, hiding what the
privacy settings say.

Analysts read the copy, never the live file, so an open session never blocks the pipeline. The
copy is made table by table: the text columns pass through `redact_contact_details` (unless a team
turns that off) and, when asked, customer ids are stored hashed. The live warehouse keeps the
originals. All of it is SQL over whole tables, so it runs at DuckDB's speed on millions of rows.

A new week changes few rows, so the snapshot is updated rather than made again whenever it can
be: the previous file is copied, and only the rows of the messages and tickets whose rows changed
are rewritten (`heatcheck/snapshot_rows.py`). It is made whole when there is no previous copy,
the layout of the warehouse changed (tables, columns, comments, views), the privacy choices or
the product's code changed, or the previous copy is not the one the warehouse last recorded.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import shutil
from itertools import groupby
from pathlib import Path

import duckdb

from heatcheck.redaction import prepare_redaction, quoted, redacted_column
from heatcheck.snapshot_rows import (
    MARKS_SCHEMA,
    GroupedTable,
    changed_groups,
    content_checksum,
    prepare_groups,
    record_groups,
    rewrite_groups,
)
from heatcheck.warehouse import Warehouse, sql

# The storage format of the analyst snapshot: the one DuckDB 1.5 clients (duckdb-cli 1.5.6) read.
SNAPSHOT_STORAGE_VERSION = "v1.5.0"

# Columns that hold the id of a person: a customer's value in them is hashed when asked.
PEOPLE_COLUMNS = frozenset({"requester_id", "author_id", "assignee_id", "agent_id", "owner"})


def publish_snapshot(
    warehouse: Warehouse,
    snapshot: Path,
    redact: bool = True,
    customer_id_salt: str | None = None,
    made_by: str = "",
) -> Path | None:
    """Copy the live database to `snapshot` for analysts; atomic for anyone who has it open.

    `redact` replaces contact details in text columns; a `customer_id_salt` stores customer ids
    hashed with it. `made_by` fingerprints the settings and code: when it changes, the snapshot
    is made whole. An open analyst session keeps reading the file it opened (the rename gives
    newcomers a new file, it does not rewrite the old one), so analysts never block the pipeline.
    """
    path = warehouse.local_path
    if path is None:
        return None
    snapshot.parent.mkdir(parents=True, exist_ok=True)
    with warehouse.connect() as con:
        # All of it under the writer's lock, rename included, so two runs publish one after the
        # other in the order they wrote and never share the half-written copy.
        partial = snapshot.with_name(f".{snapshot.name}.partial")
        partial.unlink(missing_ok=True)  # left by a killed run
        live = con.execute("SELECT current_database()").fetchone()[0]
        if redact:
            prepare_redaction(con)
        if customer_id_salt is not None:
            con.execute(sql("snapshot/create_customer_ids"), {"salt": customer_id_salt})
        layout = _layout(con, live, redact, customer_id_salt, made_by)
        prepare_groups(con)
        last = con.execute(sql("snapshot/select_published_copy")).fetchone()  # (layout, copy id) or None
        previous = snapshot.exists() and last is not None and last[0] == layout
        if previous:
            shutil.copyfile(snapshot, partial)  # updated in place below, if it is the copy recorded
        # Written in an older storage format, so the DuckDB 1.x clients and BI drivers the
        # registries serve can open it too (DuckDB 2.0's own format is version 69).
        target = str(partial).replace("'", "''")  # ATTACH takes no bound parameters
        con.execute(f"ATTACH '{target}' AS snapshot (STORAGE_VERSION '{SNAPSHOT_STORAGE_VERSION}')")
        try:
            in_place = previous and last[1] == _copy_id(con)
            if previous and not in_place:  # another copy than the one recorded: start from nothing
                con.execute("DETACH snapshot")
                partial.unlink(missing_ok=True)
                con.execute(f"ATTACH '{target}' AS snapshot (STORAGE_VERSION '{SNAPSHOT_STORAGE_VERSION}')")
            copied = copy_database(con, live, "snapshot", redact, customer_id_salt is not None, in_place)
            # The copy's id names what it holds (layout and rows), so it is the same for two runs
            # that publish the same rows, and differs from the previous file's whenever they differ.
            copy_id = hashlib.sha256(f"{layout}:{content_checksum(con, copied)}".encode()).hexdigest()[:32]
            now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
            con.execute(sql("snapshot/create_published"), {"published_at": now, "copy_id": copy_id})
        finally:
            con.execute("DETACH snapshot")
        # The marks say what the new copy holds before it is renamed into place: a run stopped
        # in between leaves marks whose id the file on disk has only if it holds those very rows;
        # otherwise the next run makes the snapshot whole.
        con.begin()
        record_groups(con, copied)
        con.execute(sql("snapshot/record_published_copy"), {"layout": layout, "copy_id": copy_id})
        con.commit()
        os.replace(partial, snapshot)
    return snapshot


def copy_database(
    con: duckdb.DuckDBPyConnection, source: str, target: str, redact: bool, hash_customer_ids: bool, in_place: bool
) -> list[GroupedTable]:
    """Schemas, tables, views and comments of `source` into the attached `target`, then each
    table's rows through a SELECT that redacts and hashes as asked: all of them, or when the
    target already holds the previous copy (`in_place`), only the groups of rows that changed.
    Needs `prepare_groups`, and `prepare_redaction` and the customer ids as asked, on the
    connection; the tables copied."""
    if not in_place:
        con.execute(f"COPY FROM DATABASE {quoted(source)} TO {quoted(target)} (SCHEMA)")  # names, not values
        con.execute(f"DROP SCHEMA IF EXISTS {quoted(target)}.{MARKS_SCHEMA} CASCADE")  # the live warehouse's own
    columns = con.execute(sql("snapshot/select_table_columns"), {"database": source}).fetchall()
    copied = []
    for (schema, table), table_columns in groupby(columns, key=lambda column: column[:2]):
        if schema == MARKS_SCHEMA:
            continue
        names = [(name, data_type) for _, _, name, data_type in table_columns]
        select = ", ".join(
            f"{_copied(name, data_type, redact, hash_customer_ids)} AS {quoted(name)}" for name, data_type in names
        )
        grouped = GroupedTable.of(schema, table, [name for name, _ in names])
        changed_groups(con, source, grouped)
        # Identifiers from the catalog, quoted; no values in the statement.
        rewrite_groups(con, source, target, grouped, select, everything=not in_place)
        copied.append(grouped)
    return copied


def _copied(name: str, data_type: str, redact: bool, hash_customer_ids: bool) -> str:
    """The snapshot's expression for one column of a table being copied."""
    if hash_customer_ids and name in PEOPLE_COLUMNS and data_type == "VARCHAR":
        return f"hashed_if_customer({quoted(name)})"
    return (redact and redacted_column(quoted(name), name, data_type)) or quoted(name)


def _layout(con: duckdb.DuckDBPyConnection, live: str, redact: bool, customer_id_salt: str | None, made_by: str) -> str:
    """What a snapshot updated in place must have been made with: the live layout, the privacy
    choices, the settings and code, and with hashing on, the set of customers (a new customer
    hashes ids in rows that did not change)."""
    digest = hashlib.sha256(f"{SNAPSHOT_STORAGE_VERSION}:{redact}:{made_by}\n".encode())
    digest.update(repr(con.execute(sql("snapshot/select_layout"), {"database": live}).fetchall()).encode())
    if customer_id_salt is not None:
        digest.update(hashlib.sha256(customer_id_salt.encode()).digest())
        digest.update(repr(con.execute(sql("snapshot/summarise_customer_ids")).fetchall()).encode())
    return digest.hexdigest()


def _copy_id(con: duckdb.DuckDBPyConnection) -> str | None:
    """The id the attached previous snapshot was published with, if it says."""
    try:
        row = con.execute(sql("snapshot/select_copy_id")).fetchone()
    except duckdb.CatalogException:  # a snapshot older than in-place updates
        return None
    return None if row is None else row[0]
