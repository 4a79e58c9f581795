"""Who answers: one person may reply under several ids (a Zendesk user and a Twitter handle,
two Zendesk instances). The exports merge them by work e-mail; `agents.yaml` in the home names
the rest, so a person gets one coaching page and one row a week:

    people:
      Maya Kowalski: [agent:maya.k, "twitter:115990", maya@acme.example]

Each alias is an agent id as the exports spell it (author_id, assignee_id) or an e-mail address.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
from pydantic import BaseModel, ConfigDict, Field, field_validator

from heatcheck.errors import UserFileError
from heatcheck.yaml_files import read_yaml, validated

ALIAS_SCHEMA = {"alias": pl.String, "person": pl.String}


class AgentAliases(BaseModel):
    model_config = ConfigDict(extra="forbid")

    people: dict[str, list[str]] = Field(default_factory=dict)

    @field_validator("people")
    @classmethod
    def _aliases_are_text(cls, people: dict[str, list]) -> dict[str, list[str]]:
        for name, aliases in people.items():
            if not name.strip() or not aliases:
                raise ValueError(f"{name!r} needs a name and at least one id or e-mail address")
        return {name.strip(): [str(alias).strip() for alias in aliases] for name, aliases in people.items()}


def agent_aliases(path: Path) -> pl.DataFrame:
    """(alias, person) rows from an agents file; none when the file does not exist. An alias
    claimed by two people fails, naming it: the merge would otherwise be a coin toss."""
    if not path.exists():
        return pl.DataFrame(schema=ALIAS_SCHEMA)
    aliases = validated(AgentAliases, read_yaml(path, "a `people:` list"), path, "a key")
    rows = [
        (alias.lower() if "@" in alias else alias, person)
        for person, names in aliases.people.items()
        for alias in names
    ]
    seen: dict[str, str] = {}
    for alias, person in rows:
        if seen.setdefault(alias, person) != person:
            raise UserFileError(str(path), f"people.{person}", f"{alias!r} is listed for {seen[alias]!r} too")
    return pl.DataFrame(rows, schema=ALIAS_SCHEMA, orient="row").unique()
