"""Targets judged by the priority in force, and the assignee history (issue 11), on a hand-built
Zendesk API export through the real pipeline.

Ticket 1 opens urgent on Monday 2 March 2026 at 09:00 New York (14:00 UTC); the first public
reply comes at 11:00 (120 business minutes, over urgent's 60); the next day the priority is
lowered to normal (480), which is what the export's ticket record says. Judged by the export-time
priority the first update was on time; judged by the priority in force, it was slow. It is
assigned to agent 9001 half an hour after it opened and reassigned to 9002 the next day.
"""

import json

import duckdb
import pytest

from heatcheck.home import Home
from tests.conftest import run_pipeline

TICKETS = {
    "tickets": [
        {
            "id": 1,
            "created_at": "2026-03-02T14:00:00Z",
            "updated_at": "2026-03-03T14:00:00Z",
            "status": "solved",
            "priority": "normal",
            "requester_id": 100,
            "assignee_id": 9002,
            "subject": "Office offline",
        }  # fmt: skip
    ],
    "users": [
        {"id": 100, "name": "Pat Customer", "role": "end-user", "email": "pat@example.org"},
        {"id": 9001, "name": "Dana Reyes", "role": "agent", "email": "dana@acme.example"},
        {"id": 9002, "name": "Sam Okafor", "role": "admin", "email": "sam@acme.example"},
    ],
}


def _audit(number, at, author, *events):
    return {"id": number, "ticket_id": 1, "created_at": at, "author_id": author, "events": list(events)}


AUDITS = {
    "audits": [
        _audit(
            1,
            "2026-03-02T14:00:00Z",
            100,
            {"id": 11, "type": "Comment", "author_id": 100, "body": "Our whole office is offline", "public": True},
            {"id": 12, "type": "Create", "field_name": "priority", "value": "urgent"},
            {"id": 13, "type": "Create", "field_name": "status", "value": "new"},
        ),  # fmt: skip
        _audit(
            2, "2026-03-02T14:30:00Z", 9001, {"id": 21, "type": "Change", "field_name": "assignee_id", "value": "9001"}
        ),
        _audit(
            3,
            "2026-03-02T16:00:00Z",
            9001,
            {"id": 31, "type": "Comment", "author_id": 9001, "body": "We are looking at the line now", "public": True},
            {"id": 32, "type": "Change", "field_name": "status", "value": "open"},
        ),  # fmt: skip
        _audit(
            4,
            "2026-03-03T13:00:00Z",
            9002,
            {"id": 41, "type": "Change", "field_name": "priority", "value": "normal"},
            {"id": 42, "type": "Change", "field_name": "assignee_id", "value": "9002"},
        ),  # fmt: skip
        _audit(
            5,
            "2026-03-03T14:00:00Z",
            9002,
            {"id": 51, "type": "Comment", "author_id": 9002, "body": "Fixed, the line is back", "public": True},
            {"id": 52, "type": "Change", "field_name": "status", "value": "solved"},
        ),  # fmt: skip
    ]
}


@pytest.fixture(scope="module")
def ticket(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("field_history")
    (root / "tickets.json").write_text(json.dumps(TICKETS))
    (root / "audits.json").write_text(json.dumps(AUDITS))
    home = Home.at(root / "home")
    run_pipeline(home, [root / "tickets.json", root / "audits.json"])
    with duckdb.connect(str(home.snapshot), read_only=True) as con:
        return con.sql("SELECT * FROM ticket_metrics WHERE ticket_id = 'zendesk:1'").pl().to_dicts()[0]


def test_targets_use_the_priority_in_force_when_the_clock_stopped(ticket):
    assert ticket["priority"] == "normal"  # the export's ticket record
    assert ticket["target_priority"] == "urgent"
    assert ticket["first_update_target_minutes"] == 60
    assert ticket["time_to_first_update_business_minutes"] == 120
    assert ticket["slow_first_update"] is True


def test_the_assignee_history_gives_first_last_stations_and_unassigned_time(ticket):
    assert (ticket["first_assignee_id"], ticket["last_assignee_id"]) == ("zendesk:user:9001", "zendesk:user:9002")
    assert ticket["assignee_stations"] == 2
    assert ticket["unassigned_minutes"] == 30
    assert ticket["assignee_name"] == "Sam Okafor"
