"""The first-update and update-gap targets per priority from the settings, `default` included."""

from heatcheck.metrics.timing import priority_targets
from heatcheck.user_files import settings_in


def model(dbt, session):
    return priority_targets(settings_in(dbt.config.get("heatcheck_home")))
