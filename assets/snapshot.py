"""The analysts' snapshot: a copy of the warehouse refreshed at the end of every run."""

from dagster import AssetExecutionContext, MaterializeResult, asset

from assets.metrics.build import MART_TABLES
from assets.resources import HeatcheckHome

# Everything the snapshot must include: the last writes of every stage.
SNAPSHOT_AFTER = ["staged_exports", "message_sentiment", "message_labels", "ticket_labels", *MART_TABLES]


@asset(group_name="publish", deps=SNAPSHOT_AFTER, kinds={"duckdb"})
def analyst_snapshot(context: AssetExecutionContext, heatcheck: HeatcheckHome) -> MaterializeResult:
    """A read-only copy of the warehouse for ad hoc queries, so an open analyst session never
    blocks the pipeline. Tables and views: tickets, messages, status_changes, quarantine,
    ingest_log and the marts."""
    home = heatcheck.home()
    snapshot = heatcheck.warehouse().publish_snapshot(home.snapshot)
    if snapshot is None:
        context.log.info("The warehouse is not a local file: analysts query it directly.")
        return MaterializeResult(metadata={"path": "(none)"})
    context.log.info(f"Analyst snapshot refreshed: {snapshot}")
    return MaterializeResult(metadata={"path": str(snapshot), "size_bytes": snapshot.stat().st_size})
