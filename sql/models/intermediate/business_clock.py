"""Business minutes from each ticket's clock start to its first update (or its wait so far),
under the team's schedule: holidays, weekday hours and daylight-saving changes are Python's job."""

from heatcheck.metrics.business_time import BusinessSchedule
from heatcheck.metrics.timing import clock_business_minutes
from heatcheck.user_files import settings_in


def model(dbt, session):
    schedule = BusinessSchedule.from_settings(settings_in(dbt.config.get("heatcheck_home")))
    return clock_business_minutes(dbt.ref("clock_intervals").pl(), schedule)
