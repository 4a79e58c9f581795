"""The home's agents.yaml as (alias, person) rows: ids and e-mail addresses one person answers
under (heatcheck.agents)."""

from heatcheck.agents import agent_aliases
from heatcheck.home import Home


def model(dbt, session):
    home = dbt.config.get("heatcheck_home")
    return agent_aliases(Home.at(home).agents_file)
