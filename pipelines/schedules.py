"""The weekly schedule: Monday morning, after the week has ended, the pipeline ingests the inbox
and builds the week just finished (its partition of every weekly asset, and its report), so the
leadership report is waiting at the start of the day."""

from datetime import UTC

from dagster import DefaultScheduleStatus, RunRequest, ScheduleEvaluationContext, schedule

from heatcheck.weeks import last_complete_week


def weekly_schedule(job_name: str, timezone: str):
    @schedule(
        name="weekly_report_schedule",
        job_name=job_name,
        cron_schedule="0 6 * * 1",
        execution_timezone=timezone,
        default_status=DefaultScheduleStatus.STOPPED,
        description="Every Monday 06:00 in the team's time zone: ingest the inbox and build and report last week.",
    )
    def weekly_report_schedule(context: ScheduleEvaluationContext) -> RunRequest:
        week = last_complete_week(context.scheduled_execution_time.astimezone(UTC)).isoformat()
        return RunRequest(run_key=week, partition_key=week)

    return weekly_report_schedule
