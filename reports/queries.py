"""Run the report's SQL (sql/reports/*.sql) against the marts and hand back plain rows."""

from __future__ import annotations

from typing import Any

import duckdb

from assets.warehouse import sql


def rows(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> list[dict[str, Any]]:
    """Every row of sql/reports/<name>.sql, as dicts keyed by column, with values bound as $params."""
    result = con.execute(sql(f"reports/{name}"), params)
    columns = [column[0] for column in result.description]
    return [dict(zip(columns, row)) for row in result.fetchall()]


def one(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> dict[str, Any] | None:
    """The first row of sql/reports/<name>.sql, or None when it returns none."""
    found = rows(con, name, **params)
    return found[0] if found else None
