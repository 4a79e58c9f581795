"""The analysts' snapshot: a copy of the warehouse published after each run, hiding what the
privacy settings say.

Analysts read the copy, never the live file, so an open session never blocks the pipeline. The
copy is made table by table: the text columns pass through `redact_contact_details` (unless a team
turns that off) and, when asked, customer ids are stored hashed. The live warehouse keeps the
originals. All of it is SQL over whole tables, so it runs at DuckDB's speed on millions of rows.
"""

from __future__ import annotations

import os
from itertools import groupby
from pathlib import Path

import duckdb

from heatcheck.redaction import prepare_redaction, quoted, redacted_column
from heatcheck.warehouse import Warehouse, sql

# The storage format of the analyst snapshot: the one DuckDB 1.5 clients (duckdb-cli 1.5.6) read.
SNAPSHOT_STORAGE_VERSION = "v1.5.0"

# Columns that hold the id of a person: a customer's value in them is hashed when asked.
PEOPLE_COLUMNS = frozenset({"requester_id", "author_id", "assignee_id", "agent_id", "owner"})


def publish_snapshot(
    warehouse: Warehouse, snapshot: Path, redact: bool = True, customer_id_salt: str | None = None
) -> Path | None:
    """Copy the live database to `snapshot` for analysts; atomic for anyone who has it open.

    `redact` replaces contact details in text columns; a `customer_id_salt` stores customer ids
    hashed with it. An open analyst session keeps reading the file it opened (the rename gives
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
        # Written in an older storage format, so the DuckDB 1.x clients and BI drivers the
        # registries serve can open it too (DuckDB 2.0's own format is version 69).
        target = str(partial).replace("'", "''")  # ATTACH takes no bound parameters
        con.execute(f"ATTACH '{target}' AS snapshot (STORAGE_VERSION '{SNAPSHOT_STORAGE_VERSION}')")
        try:
            copy_database(con, live, "snapshot", redact, customer_id_salt)
        finally:
            con.execute("DETACH snapshot")
        os.replace(partial, snapshot)
    return snapshot


def copy_database(
    con: duckdb.DuckDBPyConnection, source: str, target: str, redact: bool, customer_id_salt: str | None
) -> None:
    """Schemas, tables, views and comments of `source` into the attached `target`, then each
    table's rows through a SELECT that redacts and hashes as asked."""
    con.execute(f"COPY FROM DATABASE {quoted(source)} TO {quoted(target)} (SCHEMA)")  # names, not values
    if redact:
        prepare_redaction(con)
    if customer_id_salt is not None:
        con.execute(sql("snapshot/create_customer_ids"), {"salt": customer_id_salt})
    columns = con.execute(sql("snapshot/select_table_columns"), {"database": source}).fetchall()
    for (schema, table), table_columns in groupby(columns, key=lambda column: column[:2]):
        select = ", ".join(
            f"{_copied(name, data_type, redact, customer_id_salt is not None)} AS {quoted(name)}"
            for _, _, name, data_type in table_columns
        )
        name = f"{quoted(schema)}.{quoted(table)}"
        # Identifiers from the catalog, quoted; no values in the statement.
        con.execute(f"INSERT INTO {quoted(target)}.{name} BY NAME SELECT {select} FROM {quoted(source)}.{name}")


def _copied(name: str, data_type: str, redact: bool, hash_customer_ids: bool) -> str:
    """The snapshot's expression for one column of a table being copied."""
    if hash_customer_ids and name in PEOPLE_COLUMNS and data_type == "VARCHAR":
        return f"hashed_if_customer({quoted(name)})"
    return (redact and redacted_column(quoted(name), name, data_type)) or quoted(name)
