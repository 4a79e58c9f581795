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


def _after(name: str, watched_job, next_job, description: str, request):
    """A sensor that answers each successful run of `watched_job` with `request(context)`, a run
    of `next_job` (or a reason to skip); the finished run's id is the run key, so once only."""
    return run_status_sensor(
        name=name,
        run_status=DagsterRunStatus.SUCCESS,
        monitored_jobs=[watched_job],
        request_job=next_job,
        default_status=DefaultSensorStatus.STOPPED,
        description=description,
    )(request)


def weeks_sensor(ingest_job, weeks_job):
    def weeks_after_ingest(context: RunStatusSensorContext):
        weeks = weeks_of_ingest(context.instance, context.dagster_run.run_id)
        if not weeks:
            return SkipReason("the warehouse holds no tickets yet")
        return RunRequest(run_key=context.dagster_run.run_id, tags=tags_for_weeks(weeks))

    return _after(
        "weeks_after_ingest",
        ingest_job,
        weeks_job,
        "After an ingest run: one run labelling the weeks it touched.",
        weeks_after_ingest,
    )


def marts_sensor(weeks_job, marts_job):
    def marts_after_weeks(context: RunStatusSensorContext):
        return RunRequest(run_key=context.dagster_run.run_id)

    return _after(
        "marts_after_weeks",
        weeks_job,
        marts_job,
        "After the weeks are labelled: the marts, the weekly report and the analyst snapshot.",
        marts_after_weeks,
    )
