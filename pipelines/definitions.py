"""The one Definitions object: every asset, the resources, the job the command line runs."""

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
from pipelines.sensors import inbox_sensor

PIPELINE_JOB = "heatcheck_pipeline"

PYTHON_STAGES = [ingest.staged_exports, labels.message_sentiment, labels.message_labels, labels.ticket_labels]


def build_assets() -> list:
    """Ingest and labels in Python, the dbt models, then the report and the snapshot after them."""
    models = metric_models()
    written = [key for stage in PYTHON_STAGES for key in stage.keys] + list(models.keys)
    return [*PYTHON_STAGES, models, weekly_report_asset(mart_keys()), analyst_snapshot_asset(written)]


def build_definitions(home: str | None = None, warehouse_connection: str | None = None) -> Definitions:
    """Definitions for one Heatcheck home (the command line passes --home; Dagster uses the default)."""
    resource = HeatcheckHome(root=str(home or default_home()), warehouse_connection=warehouse_connection)
    timezone = local_timezone(resource.home())
    return Definitions(
        assets=build_assets(),
        jobs=[
            define_asset_job(
                PIPELINE_JOB, selection=AssetSelection.all(), description="Ingest, label, measure, report, publish."
            )
        ],
        schedules=[weekly_schedule(PIPELINE_JOB, timezone)],
        sensors=[inbox_sensor(PIPELINE_JOB)],
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
