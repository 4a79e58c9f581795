"""Business minutes each customer turn waited, under the team's schedule."""

from heatcheck.metrics.business_time import BusinessSchedule
from heatcheck.metrics.timing import turn_business_minutes
from heatcheck.user_files import settings_in


def model(dbt, session):
    schedule = BusinessSchedule.from_settings(settings_in(dbt.config.get("heatcheck_home")))
    turns = dbt.ref("customer_turns").project("ticket_id, turn, turn_started_at, wait_ended_at").pl()
    return turn_business_minutes(turns, schedule)
