"""The deadline each follow-up promise set ("within 24 hours", "by Friday", "tomorrow"), and the
phrase that set it; one business day when the promise names none."""

from heatcheck.metrics.business_time import BusinessSchedule
from heatcheck.metrics.timing import promise_deadlines
from heatcheck.user_files import settings_in


def model(dbt, session):
    settings = settings_in(dbt.config.get("heatcheck_home"))
    schedule = BusinessSchedule.from_settings(settings)
    candidates = dbt.ref("promise_candidates").pl()
    return promise_deadlines(candidates, schedule, settings.promises.default_deadline_business_days)
