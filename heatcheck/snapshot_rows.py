"""Which rows of the analyst snapshot a run must rewrite: the groups of rows that changed.

Each table's rows are grouped by message (`message_id`), else by ticket (`ticket_id`), else by
its first column, which is the grain of most tables (the week of the weekly marts, the text hash
of the sentiment cache); a group's fingerprint is its row count and the sum of its rows' hashes, as
`heatcheck/up_to_date.py` fingerprints a table. The live warehouse keeps the fingerprints of what
the snapshot holds (schema snapshot_marks, never copied: hashes of unredacted text are not for
analysts). A new week then rewrites the groups of the messages and tickets it added or changed,
and the weeks it falls in, every other group of the previous copy stays as it was, and what the
snapshot holds is what a copy made whole would hold (tests/test_snapshot_in_place.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from heatcheck.redaction import quoted
from heatcheck.warehouse import sql

MARKS_SCHEMA = "snapshot_marks"
GROUP_COLUMNS = ("message_id", "ticket_id")  # the first a table has groups its rows, else its first column


@dataclass(frozen=True)
class GroupedTable:
    """A table of the warehouse and the column its rows are grouped by."""

    schema: str
    table: str
    group_column: str

    @classmethod
    def of(cls, schema: str, table: str, columns: list[str]) -> GroupedTable:
        return cls(schema, table, next((name for name in GROUP_COLUMNS if name in columns), columns[0]))

    @property
    def key(self) -> str:
        """The table's name in the marks."""
        return f"{self.schema}.{self.table}"

    def in_database(self, database: str) -> str:
        return f"{quoted(database)}.{quoted(self.schema)}.{quoted(self.table)}"

    @property
    def group(self) -> str:
        return quoted(self.group_column)


def prepare_groups(con: duckdb.DuckDBPyConnection) -> None:
    """The marks table in the live warehouse, and an empty list of this publication's changes."""
    con.execute(sql("snapshot/create_row_groups"))


def changed_groups(con: duckdb.DuckDBPyConnection, source: str, table: GroupedTable) -> None:
    """Add the table's new, changed and gone groups to this publication's changes."""
    query = sql("snapshot/select_changed_row_groups").format(table=table.in_database(source), group=table.group)
    con.execute(query, {"table_name": table.key})


def rewrite_groups(
    con: duckdb.DuckDBPyConnection, source: str, target: str, table: GroupedTable, columns: str, everything: bool
) -> None:
    """Write the table's rows into the snapshot `target` through the SELECT list `columns`: all of
    them into a copy made whole, or only the changed groups' into the previous copy."""
    names = {"target": table.in_database(target), "source": table.in_database(source), "columns": columns}
    if everything:
        con.execute(sql("snapshot/insert_all_rows").format(**names))
        return
    con.execute(sql("snapshot/delete_changed_rows").format(group=table.group, **names), {"table_name": table.key})
    con.execute(sql("snapshot/insert_changed_rows").format(group=table.group, **names), {"table_name": table.key})


def content_checksum(con: duckdb.DuckDBPyConnection, tables: list[GroupedTable]) -> str:
    """A checksum of what the snapshot holds once this publication's changes are recorded."""
    row = con.execute(sql("snapshot/summarise_row_groups_after"), {"tables": [table.key for table in tables]})
    return ":".join(str(value) for value in row.fetchone())


def record_groups(con: duckdb.DuckDBPyConnection, tables: list[GroupedTable]) -> None:
    """Say that the snapshot now holds this publication's changes (inside the caller's transaction)."""
    con.execute(sql("snapshot/record_row_groups"), {"tables": [table.key for table in tables]})
