"""Metrics stage: the marts of SPEC sections 5 and 6, rebuilt in one transaction, with Dagster
asset checks that run the SQL data tests of sql/checks (zero offending rows = pass)."""

from dagster import (
    AssetCheckResult,
    AssetCheckSpec,
    AssetExecutionContext,
    AssetSpec,
    MaterializeResult,
    multi_asset,
)

from assets.metrics.build import MART_TABLES, build_marts
from heatcheck.user_files import settings
from heatcheck.warehouse import sql
from assets.resources import HeatcheckHome

CHECKS = {
    "ticket_metrics": ("ticket_metrics_one_row_per_ticket", "first_update_not_before_creation",
                       "business_minutes_within_calendar"),
    "weekly_kpis": ("weekly_totals_match_tickets",),
}


@multi_asset(
    specs=[AssetSpec(table, group_name="marts", deps=["ticket_labels"], kinds={"duckdb"},
                     description=f"marts.{table}: see docs/data_dictionary.md")
           for table in MART_TABLES],
    check_specs=[AssetCheckSpec(check, asset=table) for table, checks in CHECKS.items() for check in checks],
)
def metric_marts(context: AssetExecutionContext, heatcheck: HeatcheckHome):
    """Every mart rebuilt from staging and labels with the current settings (targets, hours,
    word-of-mouth parameters), so a settings change shows on the next run."""
    with heatcheck.warehouse().transaction() as con:
        rows = build_marts(con, settings(heatcheck.home()))
        outcomes = {
            check: con.execute(f"SELECT count(*) FROM ({sql('checks/' + check)})").fetchone()[0]
            for checks in CHECKS.values() for check in checks
        }
    context.log.info("Marts rebuilt: " + ", ".join(f"{table} {count:,}" for table, count in rows.items()))
    for table in MART_TABLES:
        yield MaterializeResult(asset_key=table, metadata={"rows": rows[table]})
    for table, checks in CHECKS.items():
        for check in checks:
            yield AssetCheckResult(asset_key=table, check_name=check, passed=outcomes[check] == 0,
                                   metadata={"offending_rows": outcomes[check]})

