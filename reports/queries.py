"""Run the report's SQL (reports/sql/*.sql) against the marts and hand back plain rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from heatcheck.warehouse import sql_file

REPORT_SQL = Path(__file__).resolve().parent / "sql"


def rows(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> list[dict[str, Any]]:
    """Every row of reports/sql/<name>.sql, as dicts keyed by column, with values bound as $params."""
    result = con.execute(sql_file(REPORT_SQL / f"{name}.sql"), params)
    columns = [column[0] for column in result.description]
    return [dict(zip(columns, row)) for row in result.fetchall()]


def one(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> dict[str, Any] | None:
    """The first row of reports/sql/<name>.sql, or None when it returns none."""
    found = rows(con, name, **params)
    return found[0] if found else None
