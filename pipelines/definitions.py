"""The one Definitions object: every asset, the resources, the jobs the command line, the
schedule and the sensors run."""

from __future__ import annotations

from dagster import AssetSelection, Definitions, define_asset_job, definitions, in_process_executor

from assets import ingest, labels
from assets.models import dbt_cli, mart_keys, metric_models
from assets.reports import weekly_report_asset
from assets.resources import HeatcheckHome
from assets.snapshot import analyst_snapshot_asset
from heatcheck.home import default_home
from heatcheck.user_files import local_timezone
from pipelines.schedules import weekly_schedule
from pipelines.sensors import inbox_sensor, marts_sensor, weeks_sensor

# Everything, for one week (the schedule) or a backfill of weeks.
PIPELINE_JOB = "heatcheck_pipeline"
# The three steps of a run on new exports, as the command line and the sensors chain them:
# ingest; label the weeks it touched, all in one run; rebuild the marts, the report and the snapshot.
INGEST_JOB = "heatcheck_ingest"
LABELS_JOB = "heatcheck_weeks"
MARTS_JOB = "heatcheck_marts"

PYTHON_STAGES = [ingest.staged_exports, labels.message_sentiment, labels.message_labels, labels.ticket_labels]
WEEKLY_STAGES = AssetSelection.assets(labels.message_sentiment, labels.message_labels, labels.ticket_labels)


def build_assets() -> list:
    """Ingest and labels in Python, the dbt models, then the report and the snapshot after them."""
    models = metric_models()
    written = [key for stage in PYTHON_STAGES for key in stage.keys] + list(models.keys)
    return [*PYTHON_STAGES, models, weekly_report_asset(mart_keys()), analyst_snapshot_asset(written)]


def build_definitions(home: str | None = None, warehouse_connection: str | None = None) -> Definitions:
    """Definitions for one Heatcheck home (the command line passes --home; Dagster uses the default)."""
    resource = HeatcheckHome(root=str(home or default_home()), warehouse_connection=warehouse_connection)
    timezone = local_timezone(resource.home())
    pipeline = define_asset_job(
        PIPELINE_JOB,
        selection=AssetSelection.all(),
        description="Ingest, label the run's weeks, measure, report, publish.",
    )
    ingest_only = define_asset_job(
        INGEST_JOB,
        selection=AssetSelection.assets(ingest.staged_exports),
        description="Ingest exports into staging (the weeks sensor then labels the weeks they touched).",
    )
    weeks = define_asset_job(
        LABELS_JOB,
        selection=WEEKLY_STAGES,
        description="Sentiment, practices, signals and ticket labels of the run's weeks.",
    )
    # The marts run on their own: in a run over a range of weeks, Dagster 1.13 plans an
    # unpartitioned asset once per week of the range (57 models x 327 weeks on twcs_head_threads,
    # whose 911 tickets reach back to 2011, made the bookkeeping most of the run).
    marts = define_asset_job(
        MARTS_JOB,
        selection=AssetSelection.all() - AssetSelection.assets(ingest.staged_exports) - WEEKLY_STAGES,
        description="The dbt models, the weekly report and the analyst snapshot.",
    )
    return Definitions(
        assets=build_assets(),
        jobs=[pipeline, ingest_only, weeks, marts],
        schedules=[weekly_schedule(PIPELINE_JOB, timezone)],
        sensors=[inbox_sensor(INGEST_JOB), weeks_sensor(ingest_only, weeks), marts_sensor(weeks, marts)],
        resources={"heatcheck": resource, "dbt": dbt_cli()},
        # A process per step would import Polars and Plotly again for each: on small machines the
        # in-process executor is faster, and the stages run in order anyway.
        executor=in_process_executor,
    )


@definitions
def defs() -> Definitions:
    """What `dagster dev -w workspace.yaml` loads, built when Dagster asks rather than on import:
    importing this module (as the command line does) must not read the default home's settings."""
    return build_definitions()
