"""What each practice does to de-escalation and resolution with the other practices and the case
mix held equal, over all teams, per team and per agent: heatcheck.metrics.practice_effects."""

from heatcheck.metrics.practice_effects import practice_effects
from heatcheck.user_files import settings_in


def model(dbt, session):
    minimums = settings_in(dbt.config.get("heatcheck_home")).practice_effects
    return practice_effects(dbt.ref("practice_effect_features").pl(), minimums)
