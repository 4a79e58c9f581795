"""Run the report's SQL (sql/reports/*.sql) against the marts and hand back plain rows."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import duckdb

REPORT_SQL_DIR = Path(__file__).resolve().parents[1] / "sql" / "reports"


@cache
def report_sql(name: str) -> str:
    """The text of sql/reports/<name>.sql."""
    return (REPORT_SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def rows(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> list[dict[str, Any]]:
    """Every row of sql/reports/<name>.sql, as dicts keyed by column, with values bound as $params."""
    result = con.execute(report_sql(name), params)
    columns = [column[0] for column in result.description]
    return [dict(zip(columns, row)) for row in result.fetchall()]


def one(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> dict[str, Any] | None:
    """The first row of sql/reports/<name>.sql, or None when it returns none."""
    found = rows(con, name, **params)
    return found[0] if found else None
