"""Business minutes from each ticket's clock start to its first update (or its wait so far),
under the team's schedule: holidays, weekday hours and daylight-saving changes are Python's job."""

from heatcheck.metrics.timing import with_business_minutes
from heatcheck.user_files import schedule_in


def model(dbt, session):
    intervals = dbt.ref("clock_intervals").pl()
    schedule = schedule_in(dbt.config.get("heatcheck_home"))
    minutes = with_business_minutes(intervals, "clock_start_at", "clock_end_at", "clock_business_minutes", schedule)
    return minutes.select("ticket_id", "clock_business_minutes")
