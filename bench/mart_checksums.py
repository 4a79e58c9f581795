"""Print a checksum of every mart in a warehouse, so two builds can be compared row for row.

    python bench/mart_checksums.py data/warehouse.duckdb > before.txt
    ... change the models, rebuild ...
    python bench/mart_checksums.py data/warehouse.duckdb | diff before.txt -

Columns are taken in name order and rows in sorted order, so a model that only moves a column
or changes its row order keeps its checksum; any changed value does not. Doubles are rounded to
9 decimals first: a sum of doubles may differ in its last bit with the order DuckDB's threads
add them in, which is not a change of the model.
"""

from __future__ import annotations

import sys

import duckdb


def mart_checksums(con: duckdb.DuckDBPyConnection, schema: str = "marts") -> dict[str, tuple[int, str]]:
    """{table: (rows, md5 of its sorted rows)} for every table in `schema`."""
    tables = [
        row[0]
        for row in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = ? ORDER BY table_name", [schema]
        ).fetchall()
    ]
    sums = {}
    for table in tables:
        columns = sorted(
            con.execute(
                "SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = ? AND table_name = ?",
                [schema, table],
            ).fetchall()
        )
        values = [f'round("{name}", 9)' if kind == "DOUBLE" else f'"{name}"' for name, kind in columns]
        row_text = "CAST(row(" + ", ".join(values) + ") AS VARCHAR)"
        # Identifiers come from the catalog, not from input: they cannot be bound as parameters.
        sums[table] = con.execute(
            f"SELECT count(*), md5(coalesce(string_agg(r, chr(10) ORDER BY r), '')) "
            f'FROM (SELECT {row_text} AS r FROM {schema}."{table}")'
        ).fetchone()
    return sums


def main() -> None:
    with duckdb.connect(sys.argv[1], read_only=True) as con:
        for table, (rows, digest) in mart_checksums(con).items():
            print(f"{table:<28} {rows:>8} {digest}")


if __name__ == "__main__":
    main()
