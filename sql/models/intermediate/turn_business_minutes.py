"""Business minutes each customer turn waited, under the team's schedule."""

from heatcheck.metrics.timing import with_business_minutes
from heatcheck.user_files import schedule_in


def model(dbt, session):
    turns = dbt.ref("customer_turns").project("ticket_id, turn, turn_started_at, wait_ended_at").pl()
    schedule = schedule_in(dbt.config.get("heatcheck_home"))
    minutes = with_business_minutes(turns, "turn_started_at", "wait_ended_at", "wait_business_minutes", schedule)
    return minutes.select("ticket_id", "turn", "wait_business_minutes")
