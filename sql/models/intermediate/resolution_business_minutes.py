"""Business minutes from each ticket's creation to its first and to its last solve."""

from heatcheck.metrics.timing import with_business_minutes
from heatcheck.user_files import schedule_in


def model(dbt, session):
    schedule = schedule_in(dbt.config.get("heatcheck_home"))
    solves = dbt.ref("ticket_resolution_times").pl()
    solves = with_business_minutes(
        solves, "created_at", "first_solved_at", "first_resolution_business_minutes", schedule
    )
    solves = with_business_minutes(solves, "created_at", "last_solved_at", "full_resolution_business_minutes", schedule)
    return solves.select("ticket_id", "first_resolution_business_minutes", "full_resolution_business_minutes")
