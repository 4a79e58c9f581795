"""Build the metric marts: intermediate SQL models, the two Python steps (business minutes and
promise deadlines), then the marts and their column comments. Knows tables, not Dagster."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl
import yaml

from heatcheck.metrics.business_time import BusinessSchedule
from heatcheck.metrics.settings import Settings
from heatcheck.metrics.timing import clock_business_minutes, promise_deadlines, turn_business_minutes
from heatcheck.warehouse import SQL_DIR, sql

# In build order, as paths under sql/. The owner rollup is an intermediate table built from the
# ticket mart, so it comes between the marts it reads and the marts that read it.
INTERMEDIATE_MODELS = tuple(f"intermediate/{name}" for name in (
    "create_schema", "create_data_horizon", "create_conversation", "create_status_history",
    "create_plain_thanks", "create_ticket_clock", "create_customer_turns", "create_ticket_practices",
))
MART_MODELS = (
    *(f"marts/{name}" for name in (
        "create_schema", "create_wilson_interval", "create_ticket_metrics", "create_message_facts",
        "create_follow_up_gaps")),
    "intermediate/create_weekly_by_owner",
    *(f"marts/{name}" for name in (
        "create_weekly_kpis", "create_agent_weekly", "create_team_weekly", "create_practice_outcomes",
        "create_complaint_themes_weekly", "create_word_of_mouth_weekly", "create_analyst_views")),
)
MART_TABLES = (
    "ticket_metrics", "message_facts", "follow_up_gaps", "weekly_kpis", "agent_weekly", "team_weekly",
    "practice_outcomes", "complaint_themes_weekly", "word_of_mouth_weekly",
)
SCHEMA_FILE = SQL_DIR / "marts" / "schema.yml"


def build_marts(con: duckdb.DuckDBPyConnection, settings: Settings) -> dict[str, int]:
    """Rebuild every mart from staging and labels; returns the row count of each."""
    schedule = BusinessSchedule.from_settings(settings)
    for model in INTERMEDIATE_MODELS:
        con.execute(sql(model))
    _measure_business_time(con, schedule)
    _find_promise_deadlines(con, schedule, settings.promises.default_deadline_business_days)

    con.register("priority_targets", _targets(settings))
    parameters = {
        "target_clock": settings.target_clock,
        "complaint_rate": settings.word_of_mouth.complaint_rate.value,
        "tell_share": settings.word_of_mouth.tell_share.value,
        "audience": settings.word_of_mouth.audience.value,
    }
    for model in MART_MODELS:
        text = sql(model)
        con.execute(text, {name: value for name, value in parameters.items() if f"${name}" in text})
    con.unregister("priority_targets")
    apply_comments(con)
    return {table: con.execute(f"SELECT count(*) FROM marts.{table}").fetchone()[0] for table in MART_TABLES}


def _measure_business_time(con: duckdb.DuckDBPyConnection, schedule: BusinessSchedule) -> None:
    con.register("measured_clock", clock_business_minutes(con.sql(sql("intermediate/select_clock_intervals")).pl(), schedule))
    con.execute(sql("intermediate/create_business_clock"))
    con.unregister("measured_clock")
    con.register("measured_turns", turn_business_minutes(con.sql(sql("intermediate/select_turn_intervals")).pl(), schedule))
    con.execute(sql("intermediate/create_turn_business_minutes"))
    con.unregister("measured_turns")


def _find_promise_deadlines(con: duckdb.DuckDBPyConnection, schedule: BusinessSchedule, default_days: float) -> None:
    promises = con.sql(sql("intermediate/select_promises")).pl()
    con.register("promise_deadlines", promise_deadlines(promises, schedule, default_days))
    con.execute(sql("intermediate/create_promises"))
    con.unregister("promise_deadlines")


def _targets(settings: Settings) -> pl.DataFrame:
    """The settings' targets per priority as a table the SQL can join (`default` included)."""
    return pl.DataFrame(
        [(name.lower(), target.first_update_minutes, target.update_gap_minutes) for name, target in settings.targets.items()],
        schema={"priority": pl.String, "first_update_minutes": pl.Float64, "update_gap_minutes": pl.Float64},
        orient="row",
    )


def column_docs(path: Path = SCHEMA_FILE) -> dict[str, dict[str, str]]:
    """{mart: {column or _table: description}} from sql/marts/schema.yml."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def apply_comments(con: duckdb.DuckDBPyConnection) -> None:
    """COMMENT ON every mart and its columns, so DESCRIBE and duckdb_columns() explain them."""
    columns = {
        (table, column)
        for table, column in con.execute(
            "SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name = 'marts'"
        ).fetchall()
    }
    for table, docs in column_docs().items():
        for column, text in docs.items():
            literal = "'" + str(text).replace("'", "''") + "'"  # COMMENT ON takes no parameters
            if column == "_table":
                con.execute(f"COMMENT ON TABLE marts.{table} IS {literal}")
            elif (table, column) in columns:
                con.execute(f"COMMENT ON COLUMN marts.{table}.{column} IS {literal}")
