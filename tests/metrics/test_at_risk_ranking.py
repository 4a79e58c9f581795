"""Open complaints are ranked by the estimated chance that the customer ends dissatisfied, so the
report's at-risk table puts first the ticket where acting now avoids the most word of mouth."""

from datetime import date

import duckdb
import pytest

from heatcheck.home import Home
from reports.queries import rows
from tests.conftest import run_pipeline
from tests.test_metrics import write_export

OPENING = "My heating is broken AGAIN, this is ridiculous and nobody helps!"
FURIOUS = "This is useless, it is still broken and I am furious."
RECOVERED = ["I'm sorry. I've refunded this month and reset your boiler.", "Thanks, that fixed it!"]
LOST = ["Please restart the boiler.", FURIOUS]


def _conversation(ticket: str, agent: str, customer: str, day: int) -> list[tuple]:
    at = f"2026-03-{day:02d}T"
    return [
        (ticket, "customer", True, at + "15:00:00Z", OPENING),
        (ticket, "agent", True, at + "15:30:00Z", agent),
        (ticket, "customer", True, at + "16:00:00Z", customer),
    ]


# Twelve closed complaints to learn from: six recovered, six lost. Then two open complaints
# that are alike but for how the customer sounds now; by name, the calm one sorts first.
CLOSED = [(f"closed_{i:02d}", RECOVERED if i % 2 else LOST) for i in range(12)]
TICKETS = [(ticket, "normal", "solved", "2026-03-09T15:00:00Z", None) for ticket, _ in CLOSED] + [
    ("a_open_calm", "normal", "open", "2026-03-10T15:00:00Z", None),
    ("b_open_furious", "normal", "open", "2026-03-10T15:00:00Z", None),
]
MESSAGES = [message for ticket, (agent, customer) in CLOSED for message in _conversation(ticket, agent, customer, 9)]
MESSAGES += _conversation("a_open_calm", "Please restart the boiler.", "Ok, I will try that now.", 10)
MESSAGES += _conversation("b_open_furious", "Please restart the boiler.", FURIOUS, 10)


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory):
    root = tmp_path_factory.mktemp("at_risk")
    home = Home.at(root / "home")
    run_pipeline(home, write_export(root / "export", TICKETS, MESSAGES, []))
    with duckdb.connect(str(home.snapshot), read_only=True) as con:
        yield con


def test_the_chance_is_fitted_on_the_closed_complaints(snapshot):
    trained = snapshot.execute(
        "select trained_on, sum(tickets), sum(tickets * observed_rate) from dissatisfaction_calibration group by all"
    ).fetchall()
    assert trained == [("rule", 12, pytest.approx(6))]


def test_open_tickets_at_risk_are_ranked_by_the_chance_of_a_dissatisfied_customer(snapshot):
    at_risk = rows(snapshot, "select_open_tickets_at_risk", week_start=date(2026, 3, 9), limit=10)
    assert [row["ticket_id"] for row in at_risk] == ["b_open_furious", "a_open_calm"]
    furious, calm = (row["avoidable_reach"] for row in at_risk)
    assert 0 < calm < furious < 0.8 * 10  # below tell_share x audience: neither is lost yet
