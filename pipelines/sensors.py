"""The inbox sensor: a run whenever export files land in (or change in) the inbox folder."""

import hashlib

from dagster import DefaultSensorStatus, RunRequest, SensorEvaluationContext, SkipReason, sensor

from assets.resources import HeatcheckHome
from heatcheck.inbox import new_inbox_files


def inbox_sensor(job_name: str):
    @sensor(
        job_name=job_name,
        minimum_interval_seconds=60,
        default_status=DefaultSensorStatus.STOPPED,
        description="Runs the pipeline on export files new to the inbox folder.",
    )
    def inbox_exports(context: SensorEvaluationContext, heatcheck: HeatcheckHome):
        files, cursor = new_inbox_files(heatcheck.home().inbox, context.cursor)
        context.update_cursor(cursor)
        if not files:
            return SkipReason("nothing new in the inbox")
        run_key = hashlib.sha256(cursor.encode()).hexdigest()[:16]
        return RunRequest(run_key=run_key, run_config={"ops": {"staged_exports": {"config": {"paths": files}}}})

    return inbox_exports
