"""Agents by name: the exports' user tables name the ids, one person answering on two desks is
merged by work e-mail or by agents.yaml, and the marts an analyst reads carry the names."""

import polars as pl
import pytest

from heatcheck.agents import agent_aliases
from heatcheck.errors import UserFileError
from heatcheck.home import Home
from tests.conftest import run_pipeline, snapshot_rows


def test_the_demo_names_its_agents_and_merges_each_person_across_desks(demo_home):
    # the demo's agents answer the canonical desk and the Fivetran desk under two ids each
    assert snapshot_rows(demo_home, "SELECT count(*) FROM agents WHERE agent_name = 'Maya Kowalski'") == [(2,)]
    assert snapshot_rows(
        demo_home, "SELECT count(DISTINCT person_id) FROM agents WHERE agent_name = 'Maya Kowalski'"
    ) == [(1,)]
    # one row a week per person, named
    assert (
        snapshot_rows(
            demo_home,
            "SELECT count(*) FROM agent_weekly WHERE agent_name = 'Maya Kowalski' GROUP BY week_start HAVING count(*) > 1",
        )
        == []
    )
    assert snapshot_rows(demo_home, "SELECT count(*) FROM agent_weekly WHERE agent_name LIKE 'zendesk:user:%'") == [
        (0,)
    ]
    named = snapshot_rows(
        demo_home,
        "SELECT count(*) FILTER (WHERE assignee_name IS NULL) FROM ticket_metrics WHERE assignee_id IS NOT NULL",
    )
    assert named == [(0,)]


def test_an_agents_file_merges_ids_no_export_links(tmp_path):
    home = Home.at(tmp_path / "home")
    home.root.mkdir(parents=True)
    home.agents_file.write_text("people:\n  Pat Lee: [agent:pat, 'twitter:42']\n", encoding="utf-8")
    messages = tmp_path / "messages.csv"
    pl.DataFrame(
        {
            "message_id": ["m1", "m2", "m3", "m4"],
            "ticket_id": ["T1", "T1", "T2", "T2"],
            "author_id": ["c1", "agent:pat", "c2", "twitter:42"],
            "author_role": ["customer", "agent", "customer", "agent"],
            "created_at": [
                "2026-03-02T09:00:00Z",
                "2026-03-02T09:30:00Z",
                "2026-03-03T09:00:00Z",
                "2026-03-03T10:00:00Z",
            ],
            "body": ["my order is late", "sorry, checking now", "where is my refund", "refund sent"],
            "assignee_id": ["agent:pat", "agent:pat", "twitter:42", "twitter:42"],
        }
    ).write_csv(messages)
    run_pipeline(home, [messages])
    assert snapshot_rows(home, "SELECT DISTINCT person_id, agent_name FROM agents") == [("agent:pat", "Pat Lee")]
    assert snapshot_rows(home, "SELECT agent_name, sum(tickets) FROM agent_weekly GROUP BY agent_name") == [
        ("Pat Lee", 2)
    ]


def test_an_alias_claimed_by_two_people_is_refused(tmp_path):
    path = tmp_path / "agents.yaml"
    path.write_text("people:\n  A: [x@y.com]\n  B: [X@y.com]\n", encoding="utf-8")
    with pytest.raises(UserFileError, match="x@y.com"):
        agent_aliases(path)
