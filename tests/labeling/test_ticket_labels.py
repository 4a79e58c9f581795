"""Ticket labels on hand-built conversations: how each ended, whether and why the customer
complained, and how their mood moved."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import NamedTuple

import polars as pl
import pytest

from heatcheck.labeling.playbook import load_playbook
from heatcheck.labeling.practices import label_messages
from heatcheck.labeling.ticket_labels import TICKET_LABEL_SCHEMA, label_tickets

PLAYBOOK = load_playbook()
START = datetime(2025, 1, 6, 9, 0)


class Turn(NamedTuple):
    role: str
    text: str
    compound: float = 0.0
    public: bool = True

    @property
    def sentiment(self) -> str:
        """The label the scorer gives, with SPEC's cut at plus or minus 0.05."""
        return "positive" if self.compound >= 0.05 else "negative" if self.compound <= -0.05 else "neutral"


def label(turns: list[Turn], status: str = "solved", history: list[str] | None = None) -> dict:
    """The labels of one ticket "t1" whose messages come an hour apart and whose status history,
    when given, runs a day apart."""
    tickets = pl.DataFrame({"ticket_id": ["t1"], "status": [status], "csat": [None], "created_at": [START]})
    messages = pl.DataFrame(
        {
            "message_id": [f"m{i}" for i in range(len(turns))],
            "ticket_id": ["t1"] * len(turns),
            "author_role": [turn.role for turn in turns],
            "is_public": [turn.public for turn in turns],
            "created_at": [START + timedelta(hours=i) for i in range(len(turns))],
            "body_clean": [turn.text for turn in turns],
            "compound": [turn.compound for turn in turns],
            "sentiment": [turn.sentiment for turn in turns],
        },
        schema_overrides={"compound": pl.Float64},
    )
    history = history or []
    status_changes = pl.DataFrame(
        {
            "ticket_id": ["t1"] * len(history),
            "status": history,
            "changed_at": [START + timedelta(days=i) for i in range(len(history))],
        },
        schema={"ticket_id": pl.String, "status": pl.String, "changed_at": pl.Datetime("us")},
    )
    labels = label_tickets(tickets, messages, label_messages(messages, PLAYBOOK), status_changes, PLAYBOOK)
    assert labels.schema == pl.Schema(TICKET_LABEL_SCHEMA)
    return labels.row(0, named=True)


def test_a_customer_calmed_down_is_de_escalated():
    ticket = label(
        [
            Turn("customer", "This is ridiculous, my parcel never arrived.", -0.6),
            Turn("agent", "I'm so sorry! I've sent a replacement today."),
            Turn("customer", "Thanks, that's great.", 0.7),
        ]
    )
    assert (ticket["start_sentiment"], ticket["end_sentiment"]) == (-0.6, 0.7)
    assert (ticket["start_label"], ticket["end_label"]) == ("negative", "positive")
    assert ticket["de_escalated"] is True and ticket["worsened"] is False


@pytest.mark.parametrize(
    "last_word",
    ["Fine. I'm switching to another provider next month.", "OK. I will cancel my account and go elsewhere."],
)
def test_a_customer_whose_last_word_threatens_to_leave_is_never_a_recovery(last_word: str):
    """Neutral words, a closing threat: the mood score alone would call it de-escalated."""
    ticket = label(
        [
            Turn("customer", "This is ridiculous, my parcel never arrived.", -0.6),
            Turn("agent", "I'm so sorry! I've sent a replacement today."),
            Turn("customer", last_word, 0.0),
        ]
    )
    assert ticket["start_label"] == "negative" and ticket["end_label"] != "negative"
    assert ticket["de_escalated"] is False


def test_a_customer_who_stays_negative_is_not_de_escalated():
    ticket = label(
        [
            Turn("customer", "My parcel never arrived.", -0.4),
            Turn("agent", "Sorry about that, could you send your order number?"),
            Turn("customer", "It is 1234. Still nothing.", -0.2),
        ]
    )
    assert ticket["de_escalated"] is False


@pytest.mark.parametrize(
    ("start", "end", "worsened"),
    [(0.0, -0.5, True), (0.2, -0.1, True), (0.2, -0.09, False), (-0.5, -0.1, False)],
)
def test_worsened_means_ending_at_least_0_3_lower_than_the_opening(start, end, worsened):
    ticket = label(
        [
            Turn("customer", "Hi, how do I change my delivery address?", start),
            Turn("agent", "Go to Settings and choose Addresses."),
            Turn("customer", "There is no such menu in the app.", end),
        ]
    )
    assert ticket["worsened"] is worsened


def test_mood_change_is_unknown_when_the_customer_never_wrote_after_a_reply():
    ticket = label([Turn("customer", "My parcel never arrived.", -0.6), Turn("customer", "Hello?", 0.0)])
    assert ticket["end_sentiment"] == 0.0
    assert ticket["de_escalated"] is None and ticket["worsened"] is None


def test_the_opening_is_read_as_its_strongest_feeling_until_the_first_agent_reply():
    ticket = label(
        [
            Turn("customer", "Hi there", 0.0),
            Turn("agent", "Auto-reply: we got your message.", public=False),
            Turn("customer", "My card was charged twice.", -0.5),
            Turn("agent", "I've refunded the second charge."),
            Turn("customer", "This is ridiculous, it happened again", -0.8),
        ]
    )
    # The internal note did not end the opening; the public reply did, so the later anger is not in it.
    assert (ticket["start_label"], ticket["start_sentiment"]) == ("negative", -0.5)
    assert ticket["complaint_evidence"] == "opened negative (compound -0.5)"


def test_a_neutral_opening_with_a_complaint_signal_is_a_complaint():
    ticket = label([Turn("customer", "I want to speak to a manager.", 0.0), Turn("agent", "Of course.")])
    assert ticket["complaint"] is True
    assert ticket["complaint_evidence"] == 'escalation_request "speak to a manager" (escalation_request.patterns[0])'


def test_a_negative_opening_without_a_signal_is_a_complaint():
    ticket = label([Turn("customer", "My parcel is late.", -0.4), Turn("agent", "Let me check.")])
    assert ticket["complaint"] is True
    assert ticket["complaint_evidence"] == "opened negative (compound -0.4)"


def test_a_neutral_question_is_no_complaint_and_has_no_root_cause():
    ticket = label(
        [
            Turn("customer", "How do I change my address?", 0.0),
            Turn("agent", "Go to Settings."),
            Turn("customer", "I'm so angry, it's broken", -0.7),  # after the reply: not the opening
        ]
    )
    assert (ticket["complaint"], ticket["complaint_evidence"]) == (False, "opened neutral with no complaint signal")
    assert (ticket["root_cause"], ticket["root_cause_evidence"]) == ("none", "not a complaint")


@pytest.mark.parametrize(
    ("opening", "cause", "evidence"),
    [
        ("The app is down again and I can't log in.", "service_failure", '"is down" (service_failure.patterns[1])'),
        (
            "I was told it would arrive Monday, and it's delayed.",
            "service_failure",
            '"delayed" (service_failure.patterns[9])',
        ),
        (
            "I expected the plan to include roaming.",
            "expectation_mismatch",
            '"I expected" (expectation_mismatch.patterns[0])',
        ),
        (
            "Can't figure out where the invoices are.",
            "product_knowledge_gap",
            '"Can\'t figure out" (product_knowledge_gap.patterns[3])',
        ),
        ("Your prices are far too high.", "other", "a complaint with no root-cause cue in the customer's words"),
    ],
)
def test_the_root_cause_of_a_complaint_is_the_first_cause_in_playbook_order(opening, cause, evidence):
    ticket = label([Turn("customer", opening, -0.5), Turn("agent", "Sorry about that.")])
    assert (ticket["root_cause"], ticket["root_cause_evidence"]) == (cause, evidence)


STILL_BROKEN = [
    Turn("customer", "The app keeps crashing.", -0.5),
    Turn("agent", "Please try reinstalling it."),
    Turn("customer", "It is still not working.", -0.4),
]


def test_the_status_history_decides_over_the_words_of_the_last_turns():
    ticket = label(STILL_BROKEN, status="solved", history=["new", "open", "solved"])
    assert (ticket["resolution"], ticket["resolution_source"]) == ("resolved", "status_history")
    assert ticket["resolution_evidence"] == "last status solved at 2025-01-08 09:00"


def test_without_a_history_the_last_turns_decide():
    ticket = label(STILL_BROKEN, status="solved")
    assert (ticket["resolution"], ticket["resolution_source"]) == ("unresolved", "last_turns")
    assert ticket["resolution_evidence"] == 'customer wrote "still not" (unresolved.patterns[0])'


def test_a_ticket_reopened_after_a_solve_and_left_open_is_unresolved():
    ticket = label(STILL_BROKEN, status="open", history=["new", "solved", "open"])
    assert (ticket["resolution"], ticket["resolution_source"]) == ("unresolved", "status_history")
    assert ticket["resolution_evidence"] == "reopened: open at 2025-01-08 09:00 after solved at 2025-01-07 09:00"


def test_a_customer_saying_it_worked_resolves_the_ticket():
    ticket = label(
        [
            Turn("customer", "The app keeps crashing.", -0.5),
            Turn("agent", "Please try reinstalling it."),
            Turn("customer", "That worked, thank you!", 0.6),
        ],
        status="unknown",
    )
    assert (ticket["resolution"], ticket["resolution_source"]) == ("resolved", "last_turns")
    assert ticket["resolution_evidence"] == 'customer wrote "That worked" (resolved.patterns[3])'


def test_words_that_it_still_fails_outweigh_words_that_it_worked():
    ticket = label(
        [
            Turn("customer", "The app keeps crashing.", -0.5),
            Turn("agent", "Please try reinstalling it."),
            Turn("customer", "That worked for a day, but it is still crashing.", -0.3),
        ],
        status="unknown",
    )
    assert ticket["resolution"] == "unresolved"
    assert ticket["resolution_evidence"] == 'customer wrote "still crashing" (unresolved.patterns[0])'


def test_an_agent_asking_whether_it_is_fixed_does_not_resolve_it():
    ticket = label(
        [Turn("customer", "The app keeps crashing.", -0.5), Turn("agent", "Has that fixed it?")],
        status="open",
    )
    assert (ticket["resolution"], ticket["resolution_source"]) == ("unresolved", "ticket_status")


def test_a_question_the_customer_never_answered_on_an_ended_ticket_is_abandoned():
    ticket = label(
        [Turn("customer", "The app keeps crashing.", -0.5), Turn("agent", "Could you send us a screenshot?")],
        status="solved",
    )
    assert (ticket["resolution"], ticket["resolution_source"]) == ("abandoned", "last_turns")
    assert ticket["resolution_evidence"] == (
        'agent wrote "Could you send" (awaiting_customer.patterns[2]) and the customer never replied'
    )


def test_a_question_on_a_ticket_still_pending_is_not_abandoned_yet():
    ticket = label(
        [Turn("customer", "The app keeps crashing.", -0.5), Turn("agent", "Could you send us a screenshot?")],
        status="pending",
    )
    assert ticket["resolution"] == "unresolved"


def test_a_closing_courtesy_question_is_not_waiting_for_an_answer():
    ticket = label(
        [
            Turn("customer", "Where is my invoice?", 0.0),
            Turn("agent", "It is attached. Anything else I can help with?"),
        ],
        status="closed",
    )
    assert (ticket["resolution"], ticket["resolution_source"]) == ("resolved", "ticket_status")


@pytest.mark.parametrize(
    "turns",
    [
        [Turn("customer", "@acme my order is late", -0.4), Turn("agent", "Sorry! Please DM us your order number.")],
        [
            Turn("customer", "@acme my order is late", -0.4),
            Turn("agent", "Sorry! Please DM us your order number."),
            Turn("customer", "Done", 0.0),
        ],
    ],
    ids=["redirect last", "customer moved over"],
)
def test_a_conversation_moved_to_direct_messages_is_redirected(turns):
    ticket = label(turns, status="unknown")
    assert (ticket["resolution"], ticket["resolution_source"]) == ("redirected", "last_turns")
    assert ticket["resolution_evidence"] == 'agent wrote "DM us" (redirect_channel.patterns[1])'


def test_a_ticket_with_no_messages_and_no_history_is_unknown():
    tickets = pl.DataFrame({"ticket_id": ["t9"], "status": [None], "csat": [None], "created_at": [START]})
    messages = pl.DataFrame(
        schema={
            "message_id": pl.String,
            "ticket_id": pl.String,
            "author_role": pl.String,
            "is_public": pl.Boolean,
            "created_at": pl.Datetime("us"),
            "body_clean": pl.String,
            "compound": pl.Float64,
            "sentiment": pl.String,
        }
    )
    status_changes = pl.DataFrame(schema={"ticket_id": pl.String, "status": pl.String, "changed_at": pl.Datetime("us")})
    labels = label_tickets(tickets, messages, label_messages(messages, PLAYBOOK), status_changes, PLAYBOOK)
    ticket = labels.row(0, named=True)
    assert (ticket["resolution"], ticket["resolution_source"]) == ("unknown", "ticket_status")
    assert (ticket["complaint"], ticket["complaint_evidence"]) == (False, "the customer never wrote")
    assert ticket["root_cause"] == "none"
    assert ticket["start_sentiment"] is None and ticket["de_escalated"] is None
