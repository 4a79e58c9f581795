"""Business minutes of each stretch a ticket spent in one status, under the team's schedule."""

from heatcheck.metrics.timing import with_business_minutes
from heatcheck.user_files import schedule_in


def model(dbt, session):
    schedule = schedule_in(dbt.config.get("heatcheck_home"))
    periods = dbt.ref("status_periods").pl()
    return with_business_minutes(periods, "started_at", "ended_at", "business_minutes", schedule)
