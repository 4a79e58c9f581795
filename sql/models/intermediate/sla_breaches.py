"""When each SLA target passed, on the clock the targets are judged on (settings: target_clock)."""

from heatcheck.metrics.business_time import BusinessSchedule
from heatcheck.metrics.sla import sla_breaches
from heatcheck.user_files import settings_in


def model(dbt, session):
    settings = settings_in(dbt.config.get("heatcheck_home"))
    schedule = BusinessSchedule.from_settings(settings)
    return sla_breaches(dbt.ref("sla_stretches").pl(), schedule, settings.target_clock)
