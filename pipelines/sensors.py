"""The sensors: the inbox sensor asks for an ingest run whenever export files land in (or change
in) the inbox folder; the weeks sensor follows every successful ingest run with one run labelling
the weeks it touched, and the marts sensor follows that with the marts, report and snapshot."""

import hashlib

from dagster import (
    AssetKey,
    DagsterEventType,
    DagsterRunStatus,
    DefaultSensorStatus,
    RunRequest,
    RunStatusSensorContext,
    SensorEvaluationContext,
    SkipReason,
    run_status_sensor,
    sensor,
)

from assets.resources import HeatcheckHome
from assets.weeks import tags_for_weeks
from heatcheck.inbox import new_inbox_files


def inbox_sensor(job_name: str):
    @sensor(
        job_name=job_name,
        minimum_interval_seconds=60,
        default_status=DefaultSensorStatus.STOPPED,
        description="Ingests export files new to the inbox folder.",
    )
    def inbox_exports(context: SensorEvaluationContext, heatcheck: HeatcheckHome):
        files, cursor = new_inbox_files(heatcheck.home().inbox, context.cursor)
        context.update_cursor(cursor)
        if not files:
            return SkipReason("nothing new in the inbox")
        run_key = hashlib.sha256(cursor.encode()).hexdigest()[:16]
        return RunRequest(run_key=run_key, run_config={"ops": {"staged_exports": {"config": {"paths": files}}}})

    return inbox_exports


def weeks_of_ingest(instance, run_id: str) -> list[str]:
    """The weeks (Mondays) an ingest run's materialization says the labels must now cover."""
    for entry in instance.all_logs(run_id, of_type=DagsterEventType.ASSET_MATERIALIZATION):
        materialization = entry.asset_materialization
        if materialization is not None and materialization.asset_key == AssetKey("staged_exports"):
            return list(materialization.metadata["weeks_to_run"].value)
    return []


def weeks_sensor(ingest_job, weeks_job):
    @run_status_sensor(
        name="weeks_after_ingest",
        run_status=DagsterRunStatus.SUCCESS,
        monitored_jobs=[ingest_job],
        request_job=weeks_job,
        default_status=DefaultSensorStatus.STOPPED,
        description="After an ingest run: one run labelling the weeks it touched.",
    )
    def weeks_after_ingest(context: RunStatusSensorContext):
        weeks = weeks_of_ingest(context.instance, context.dagster_run.run_id)
        if not weeks:
            return SkipReason("the warehouse holds no tickets yet")
        return RunRequest(run_key=context.dagster_run.run_id, tags=tags_for_weeks(weeks))

    return weeks_after_ingest


def marts_sensor(weeks_job, marts_job):
    @run_status_sensor(
        name="marts_after_weeks",
        run_status=DagsterRunStatus.SUCCESS,
        monitored_jobs=[weeks_job],
        request_job=marts_job,
        default_status=DefaultSensorStatus.STOPPED,
        description="After the weeks are labelled: the marts, the weekly report and the analyst snapshot.",
    )
    def marts_after_weeks(context: RunStatusSensorContext):
        return RunRequest(run_key=context.dagster_run.run_id)

    return marts_after_weeks
