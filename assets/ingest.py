"""Ingest stage: ticket exports from the inbox (or given paths) into the staging tables."""

from datetime import UTC, datetime

from dagster import AssetExecutionContext, Config, MaterializeResult, MetadataValue, asset
from pydantic import Field

from assets.resources import HeatcheckHome
from heatcheck.labeling.playbook import playbook_version
from heatcheck.readers.batch import read_batch
from heatcheck.readers.plausibility import PlausibleTimes
from heatcheck.staging import create_staging_tables, loaded_files, stage_all
from heatcheck.user_files import playbook, settings
from heatcheck.weeks import weeks_to_run


class IngestConfig(Config):
    paths: list[str] = Field(
        default_factory=list, description="Export files or folders to ingest; empty means the inbox folder."
    )


@asset(group_name="ingest", kinds={"duckdb"})
def staged_exports(context: AssetExecutionContext, config: IngestConfig, heatcheck: HeatcheckHome) -> MaterializeResult:
    """Tickets, messages and status changes in staging; bad rows in quarantine; every file in the ingest log.

    A file already loaded (same checksum) is skipped, so re-ingesting changes nothing. The whole
    batch commits in one transaction.
    """
    home = heatcheck.home()
    home.inbox.mkdir(parents=True, exist_ok=True)
    paths = config.paths or [str(home.inbox)]
    ingested_at = datetime.now(UTC).replace(tzinfo=None)
    rules = settings(home)
    plausible = PlausibleTimes.around(rules.ingest.earliest, ingested_at, rules.ingest.latest_after_ingest_hours)
    with heatcheck.warehouse().transaction() as con:
        create_staging_tables(con)
        batch = read_batch(paths, rules.timezone, loaded_files(con), plausible)
        counts = stage_all(con, batch, ingested_at)
        # Which weeks the labels must now cover: what the run after this one (the command line's,
        # or the one the weeks sensor asks for) works on.
        weeks, anything_to_label = weeks_to_run(con, playbook_version(playbook(home)))
    for outcome in batch.files:
        if outcome.status == "failed":
            context.log.error(outcome.error)
        else:
            context.log.info(
                f"{outcome.path}: {outcome.format}, {outcome.rows_read} read, {outcome.loaded} loaded, "
                f"{outcome.quarantined} quarantined"
            )
    if batch.unchanged:
        context.log.info(f"{len(batch.unchanged)} file(s) already ingested, skipped")
    return MaterializeResult(
        metadata={
            "files_loaded": len(batch.files) - len(batch.failed),
            "files_unchanged": len(batch.unchanged),
            "failed_files": MetadataValue.json([f.error for f in batch.failed]),
            "weeks_to_run": MetadataValue.json([week.isoformat() for week in weeks] if weeks else []),
            "anything_to_label": anything_to_label,
            **{f"rows_{name}": value for name, value in counts.items()},
        }
    )
