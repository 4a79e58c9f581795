"""The weekly schedule: Monday morning, after the week has ended, the whole pipeline runs on the
inbox so the leadership report for the week just finished is waiting at the start of the day."""

from dagster import DefaultScheduleStatus, ScheduleDefinition


def weekly_schedule(job_name: str, timezone: str) -> ScheduleDefinition:
    return ScheduleDefinition(
        name="weekly_report_schedule",
        job_name=job_name,
        cron_schedule="0 6 * * 1",
        execution_timezone=timezone,
        default_status=DefaultScheduleStatus.STOPPED,
        description="Every Monday 06:00 in the team's time zone: ingest the inbox and report last week.",
    )
