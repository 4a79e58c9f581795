"""The analysts' snapshot: a copy of the warehouse refreshed at the end of every run."""

from collections.abc import Sequence

from dagster import AssetExecutionContext, AssetKey, AssetsDefinition, MaterializeResult, asset

from assets.resources import HeatcheckHome
from heatcheck.privacy import customer_id_salt
from heatcheck.snapshot import publish_snapshot
from heatcheck.up_to_date import definitions_fingerprint, fingerprint, record
from heatcheck.user_files import privacy


def analyst_snapshot_asset(written: Sequence[AssetKey]) -> AssetsDefinition:
    """The snapshot asset, after every asset that writes the warehouse."""

    @asset(group_name="publish", deps=written, kinds={"duckdb"})
    def analyst_snapshot(context: AssetExecutionContext, heatcheck: HeatcheckHome) -> MaterializeResult:
        """A read-only copy of the warehouse for ad hoc queries, so an open analyst session never
        blocks the pipeline. Tables and views: tickets, messages, status_changes, quarantine,
        ingest_log and the marts. Contact details in text are redacted and customer ids hashed as
        the home's privacy.yaml says."""
        home = heatcheck.home()
        hide = privacy(home)
        salt = customer_id_salt(home.customer_id_salt_file) if hide.hash_customer_ids else None
        definitions = definitions_fingerprint(home)
        snapshot = publish_snapshot(
            heatcheck.warehouse(),
            home.snapshot,
            redact=hide.redact_contact_details,
            customer_id_salt=salt,
            made_by=definitions,
        )
        with heatcheck.warehouse().connect() as con:
            record(con, "analyst_snapshot", fingerprint(con, home, definitions))
        if snapshot is None:
            context.log.info("The warehouse is not a local file: analysts query it directly.")
            return MaterializeResult(metadata={"path": "(none)"})
        context.log.info(f"Analyst snapshot refreshed: {snapshot}")
        return MaterializeResult(
            metadata={
                "path": str(snapshot),
                "size_bytes": snapshot.stat().st_size,
                "contact_details_redacted": hide.redact_contact_details,
                "customer_ids_hashed": hide.hash_customer_ids,
            }
        )

    return analyst_snapshot
