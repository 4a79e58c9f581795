"""Query results written to files with DuckDB's own writers: CSV, Parquet, JSON; Excel via Polars.

Every column type works (lists such as `tags` and `evidence`, structs, timestamps), because the
writers take DuckDB's types directly instead of going through a text table.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import polars as pl

from heatcheck.errors import HeatcheckError

FORMATS = {".csv": "csv", ".parquet": "parquet", ".json": "json", ".jsonl": "json", ".xlsx": "xlsx"}
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?")


def relation_for(con: duckdb.DuckDBPyConnection, table_or_sql: str) -> duckdb.DuckDBPyRelation:
    """A table or view name (`ticket_metrics`, `marts.weekly_kpis`), or any SELECT."""
    try:
        if _NAME.fullmatch(table_or_sql):
            return con.table(table_or_sql)
        relation = con.sql(table_or_sql)
    except duckdb.Error as error:
        raise HeatcheckError(f"query failed: {one_line(error)}") from None
    if relation is None:
        raise HeatcheckError("query failed: the statement returns no rows to export (is it a SELECT?)")
    return relation


def export(relation: duckdb.DuckDBPyRelation, target: Path) -> int:
    """Write `relation` to `target` in the format its suffix names; returns the rows written."""
    kind = FORMATS.get(target.suffix.lower())
    if kind is None:
        raise HeatcheckError(f"{target}: unknown export format; use one of {', '.join(sorted(FORMATS))}")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        if kind == "csv":
            relation.write_csv(str(target), header=True)
        elif kind == "parquet":
            relation.write_parquet(str(target))
        elif kind == "json":
            relation.query("result", f"COPY result TO '{_quoted(target)}' (FORMAT json)")  # COPY binds no parameters
        else:
            relation.pl().with_columns(_as_text_if_nested(relation)).write_excel(str(target))
    except duckdb.Error as error:
        raise HeatcheckError(f"{target}: could not be written: {one_line(error)}") from None
    return relation.aggregate("count(*)").fetchall()[0][0]


def one_line(error: Exception) -> str:
    """DuckDB's message on one line, its hint ("Did you mean ...") kept."""
    return " ".join(line.strip() for line in str(error).splitlines() if line.strip())


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def _as_text_if_nested(relation: duckdb.DuckDBPyRelation) -> list:
    """Excel cells hold scalars: lists and structs become their text."""
    nested = [
        name
        for name, kind in zip(relation.columns, relation.dtypes)
        if str(kind).endswith("[]") or str(kind).startswith(("STRUCT", "MAP"))
    ]
    return [pl.col(name).map_elements(str, return_dtype=pl.String) for name in nested]
