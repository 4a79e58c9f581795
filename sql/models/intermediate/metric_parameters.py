"""The settings the marts compute with: the clock targets are judged on and the word-of-mouth
estimates, kept as a table so every number can be traced to the parameters behind it."""

from heatcheck.metrics.timing import metric_parameters
from heatcheck.user_files import settings_in


def model(dbt, session):
    return metric_parameters(settings_in(dbt.config.get("heatcheck_home")))
