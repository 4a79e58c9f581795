"""The deadline each follow-up promise set ("within 24 hours", "by Friday", "tomorrow"), and the
phrase that set it; one business day when the promise names none.

Incremental: parsing is Python, one promise at a time, so a week's build parses only the promises
it has not stored with the same inputs (new ones, and any whose ticket, moment, text or schedule
changed) and keeps the rest. The yml's post-hook drops promises that are no longer candidates.
A change to the product's code makes the pipeline run dbt with --full-refresh (assets/models.py).
"""

from heatcheck.metrics.business_time import BusinessSchedule
from heatcheck.metrics.timing import promise_deadlines, with_deadline_inputs
from heatcheck.user_files import settings_in


def model(dbt, session):
    dbt.config(materialized="incremental", unique_key="message_id", incremental_strategy="delete+insert")
    settings = settings_in(dbt.config.get("heatcheck_home"))
    schedule = BusinessSchedule.from_settings(settings)
    default_days = settings.promises.default_deadline_business_days
    candidates = with_deadline_inputs(dbt.ref("promise_candidates").pl(), schedule, default_days)
    if dbt.is_incremental:
        stored = session.sql(f"select message_id, deadline_inputs from {dbt.this}").pl()
        candidates = candidates.join(stored, on=["message_id", "deadline_inputs"], how="anti")
    return promise_deadlines(candidates, schedule, default_days)
