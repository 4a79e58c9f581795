"""Agent practices and customer signals, each with a positive, a negative and an exception example
written from its definition in SPEC section 4, asserting the label and the phrase behind it."""

from __future__ import annotations

import re
from typing import NamedTuple

import polars as pl
import pytest

from heatcheck.labeling.playbook import REQUIRED_LABELS, Playbook, WordPattern, load_playbook
from heatcheck.labeling.practices import LABEL_SCHEMA, label_messages

PLAYBOOK = load_playbook()
SIGNALS = set(REQUIRED_LABELS["signals"])


class Case(NamedTuple):
    label: str
    text: str
    phrase: str | None  # None: the label must not be found
    rule: str | None = None  # checked when given; otherwise any pattern of the label that finds the phrase


POSITIVE = [
    Case("acknowledge", "I see that your order went to the wrong address.", "see that your"),
    Case("apologize", "I'm so sorry for the delay on your order.", "sorry"),
    Case("empathize", "That must be so frustrating after waiting all week.", "That must be so frustrating"),
    Case("empathize", "That sounds really frustrating, and I'd feel the same.", "That sounds really frustrating"),
    Case("empathize", "I understand how frustrating this must be.", "understand how frustrating"),
    Case("acknowledge", "I've read through your message about the double charge.", "I've read through your message"),
    Case("doublespeak", "We are experiencing higher than normal volumes.", "higher than normal volumes"),
    Case("doublespeak", "Your satisfaction is our top priority.", "Your satisfaction is our top priority"),
    Case("open_question", "What have you tried so far?", "What have you tried"),
    Case("follow_up_promise", "I'll check on this and message you again tomorrow.", "and message you again"),
    Case("positive_language", "I can look into that for you right away.", "I can look"),
    Case("negative_language", "We can't refund a used item.", "We can't"),
    Case("blame", "You should have checked the size chart before ordering.", "You should have checked"),
    Case(
        "doublespeak",
        "We apologise for any inconvenience this may have caused.",
        "any inconvenience this may have caused",
    ),
    Case("solution_offered", "I've issued a full refund to your card.", "I've issued"),
    Case("open_question", "Could you tell me what happened when you tried to log in?", "Could you tell me"),
    Case("expectation_set", "The refund will reach your account within 3 business days.", "within 3 business days"),
    Case("escalation", "I've passed this to our billing team.", "passed this to our billing team"),
    Case("follow_up_promise", "We'll get back to you once we hear from the courier.", "We'll get back to you"),
    Case("redirect_channel", "Please send us a DM with your order number.", "send us a DM"),
    Case("closing_door_open", "Let us know if there's anything else!", "Let us know if"),
    Case("anger", "I'm furious about this order.", "furious"),
    Case("anger", "WHERE IS MY REFUND", "WHERE IS MY REFUND", "anger.caps_shouting"),
    Case("anger", "Where is my refund!!!", "!!!", "anger.exclamations"),
    Case("anger", "Worst service I have ever had.", "Worst service I have ever"),
    Case("anger", "I've been waiting 3 days and nobody has helped me.", "nobody has helped"),
    Case("sarcasm", "Thanks for the 3 hour delay.", "Thanks for the 3 hour delay"),
    Case("demand", "I want a refund.", "I want a refund"),
    Case("demand", "Fix this now!", "Fix this now"),
    Case("confusion", "I'm not angry, just confused.", "confused"),
    Case("confusion", "Am I doing something wrong?", "Am I doing something wrong"),
    Case("churn_threat", "Fix it or I'll cancel my subscription.", "cancel my subscription"),
    Case("churn_threat", "I'm seriously thinking about switching to another brand.", "thinking about switching"),
    Case("escalation_request", "I want to speak to a manager.", "speak to a manager"),
    Case("public_shaming", "@acme shame on you, your service is a joke", "shame on you"),
    Case("public_shaming", "Everyone: do NOT buy from @acme.", "do NOT buy from"),
    Case("abusive", "You are useless.", "You are useless"),
    Case("gratitude", "Thank you so much for sorting this!", "Thank you"),
    Case("gratitude", "I can't thank you enough!", "can't thank you enough"),
]

NEGATIVE = [
    Case("acknowledge", "Your order was delivered yesterday.", None),
    Case("apologize", "Your order is on its way.", None),
    Case("empathize", "The parcel left our warehouse on Monday.", None),
    Case("positive_language", "The item is out of stock.", None),
    Case("negative_language", "We can refund the item today.", None),
    Case("negative_language", "No problem at all!", None),
    Case("negative_language", "No worries, happy to help.", None),
    Case("blame", "We checked the size chart for you.", None),
    Case("doublespeak", "Sorry your parcel was late; I've refunded the delivery fee.", None),
    Case("solution_offered", "Thanks for getting in touch about your order.", None),
    Case("open_question", "Is your app up to date?", None),
    Case("expectation_set", "Your refund has been approved.", None),
    Case("escalation", "I've looked at your bill.", None),
    Case("follow_up_promise", "The courier delivered it this morning.", None),
    Case("redirect_channel", "Your order number is 12345.", None),
    Case("closing_door_open", "Your account is now active.", None),
    Case("anger", "Where is my refund?", None),
    Case("sarcasm", "Thanks for the quick reply.", None),
    Case("demand", "Could I get some help with my order?", None),
    Case("confusion", "I understand, thanks.", None),
    Case("churn_threat", "I just renewed my subscription.", None),
    Case("escalation_request", "The manager at the store was lovely.", None),
    Case("public_shaming", "@acme my order is late", None),
    Case("abusive", "This app is useless.", None),
    Case("gratitude", "My order still hasn't arrived.", None),
]

# A pattern of the label matches each of these, and an exception or a negation cancels it.
EXCEPTION = [
    Case("acknowledge", "I don't understand what you mean by that.", None),
    Case("acknowledge", "I don't understand your frustration here.", None),
    Case("apologize", "Sorry, but you entered the wrong address.", None),
    Case("apologize", "There's no need to apologize!", None),
    Case("empathize", "I don't understand how this happened.", None),
    Case("positive_language", "I'm not sure we can look into that today.", None),
    Case("negative_language", "We can't wait to help you!", None),
    Case("negative_language", "I can't thank you enough for your patience.", None),
    Case("blame", "This is not your fault at all.", None),
    Case("doublespeak", "We're going forward with your refund today.", None),
    Case("solution_offered", "We can't issue a refund for this order.", None),
    Case("open_question", "Could you tell me your order number?", None),
    Case("expectation_set", "I can't say when it will be fixed.", None),
    Case("escalation", "I cannot escalate this any further.", None),
    Case("follow_up_promise", "I can't promise we'll get back to you today.", None),
    Case("redirect_channel", "There's no need to DM us, we can sort it here.", None),
    Case("closing_door_open", "Please don't reach out again about this.", None),
    Case("anger", "I'm not angry, just confused.", None),
    Case("anger", "THANK YOU SO MUCH!!!", None),
    Case("sarcasm", "Oh great, that worked!", None),
    Case("demand", "I don't need it asap, take your time.", None),
    Case("confusion", "I'm not confused anymore, thanks!", None),
    Case("churn_threat", "I'm not going to cancel my subscription, I just want it fixed.", None),
    Case("escalation_request", "I don't want to speak to a manager, just fix it.", None),
    Case("public_shaming", "I'm not going to post this everywhere, I just want a refund.", None),
    Case("abusive", "I'm not saying you are incompetent, but this is slow.", None),
    Case("gratitude", "Thanks for nothing.", None),
    Case("gratitude", "I don't appreciate being ignored.", None),
]


def messages(*rows: tuple[str, str], **columns) -> pl.DataFrame:
    """Public messages from (author_role, body) pairs, with ids m0, m1, ... and extra columns."""
    return pl.DataFrame(
        {
            "message_id": [f"m{i}" for i in range(len(rows))],
            "author_role": [role for role, _ in rows],
            "is_public": [True] * len(rows),
            "body_clean": [body for _, body in rows],
            **columns,
        }
    )


def labels_of(case: Case, playbook: Playbook = PLAYBOOK) -> pl.DataFrame:
    """The case's label as found in its text, written by the customer or the agent as its kind needs."""
    role = "customer" if case.label in SIGNALS else "agent"
    found = label_messages(messages((role, case.text), channel=["twitter"]), playbook)
    return found.filter(pl.col("label") == case.label)


def case_id(case: Case) -> str:
    return f"{case.label}: {case.text}"


@pytest.mark.parametrize("case", POSITIVE, ids=case_id)
def test_a_label_is_found_with_the_phrase_and_the_rule_that_found_it(case: Case):
    found = labels_of(case)
    assert found.select("kind", "phrase").rows() == [("signal" if case.label in SIGNALS else "practice", case.phrase)]
    rule = found["rule"][0]
    if case.rule is not None:
        assert rule == case.rule
    else:
        # The rule named as evidence is the pattern that finds the phrase.
        index = int(re.fullmatch(rf"{case.label}\.patterns\[(\d+)\]", rule).group(1))
        section = PLAYBOOK.signals if case.label in SIGNALS else PLAYBOOK.practices
        assert WordPattern(section[case.label].patterns[index]).search(case.phrase) is not None


@pytest.mark.parametrize("case", NEGATIVE + EXCEPTION, ids=case_id)
def test_a_label_is_not_found_where_its_definition_does_not_hold(case: Case):
    assert labels_of(case).is_empty()


@pytest.mark.parametrize("case", EXCEPTION, ids=case_id)
def test_each_exception_example_is_cancelled_by_an_exception_or_a_negation(case: Case):
    """Without the label's exceptions and negators the example would be labelled: it tests them."""
    raw = PLAYBOOK.model_dump()
    section = "signals" if case.label in SIGNALS else "practices"
    raw[section][case.label].update(unless=[], unless_same_clause=[], negators=[])
    if section == "signals":
        raw[section][case.label].update(unless_signals=[])
    assert not labels_of(case, Playbook.model_validate(raw)).is_empty()


def test_every_label_has_a_positive_a_negative_and_an_exception_example():
    for table in (POSITIVE, NEGATIVE, EXCEPTION):
        assert {case.label for case in table} == set(REQUIRED_LABELS["practices"]) | SIGNALS


def test_practices_are_read_in_public_agent_messages_only():
    sorry = "I'm so sorry for the trouble."
    frame = messages(("agent", sorry), ("agent", sorry), ("customer", sorry), ("bot", sorry)).with_columns(
        is_public=pl.Series([True, False, True, True])
    )
    found = label_messages(frame, PLAYBOOK)
    assert found.filter(pl.col("kind") == "practice")["message_id"].to_list() == ["m0"]


def test_signals_are_read_in_customer_messages_only():
    furious = "I'm furious about this."
    found = label_messages(messages(("agent", furious), ("customer", furious), ("system", furious)), PLAYBOOK)
    assert found.filter(pl.col("label") == "anger")["message_id"].to_list() == ["m1"]


def test_public_shaming_counts_only_on_public_channels():
    shaming = "Shame on you, everyone avoid @acme"
    frame = messages(("customer", shaming), ("customer", shaming), channel=["Twitter", "email"])
    shamed = label_messages(frame, PLAYBOOK).filter(pl.col("label") == "public_shaming")
    assert shamed.select("message_id", "phrase").rows() == [("m0", "Shame on you")]
    channel_unknown = label_messages(messages(("customer", shaming)), PLAYBOOK)
    assert channel_unknown.filter(pl.col("label") == "public_shaming").is_empty()


def test_each_label_keeps_its_earliest_phrase_once():
    found = label_messages(messages(("agent", "We apologise, and sorry again for the wait. So sorry.")), PLAYBOOK)
    apologies = found.filter(pl.col("label") == "apologize")
    assert apologies.select("phrase", "rule").rows() == [("apologise", "apologize.patterns[1]")]


def test_a_phrase_is_shown_as_written_even_with_curly_apostrophes():
    frame = messages(("agent", "We can\u2019t refund it."), ("customer", "I don\u2019t appreciate it."))
    found = label_messages(frame, PLAYBOOK)
    assert found.select("message_id", "label", "phrase").rows() == [("m0", "negative_language", "We can\u2019t")]


def test_no_messages_give_an_empty_table_with_the_label_columns():
    empty = messages().cast({"message_id": pl.String, "author_role": pl.String, "body_clean": pl.String})
    found = label_messages(empty, PLAYBOOK)
    assert found.is_empty() and found.schema == pl.Schema(LABEL_SCHEMA)


def test_two_rules_at_one_place_give_the_same_evidence_whatever_else_is_in_the_batch():
    """'WHAT THE HECK' is an anger phrase and shouting at once: the rule kept must not depend on
    how many other messages are labelled with it (Polars sorts unstably unless told)."""
    shouted = "WHAT THE HECK is wrong with my order"
    alone = label_messages(messages(("customer", shouted)), PLAYBOOK).filter(pl.col("label") == "anger")
    crowd = [("customer", f"WHAT THE HECK happened to order {n}") for n in range(20_000)]
    among_many = label_messages(messages(*crowd, ("customer", shouted)), PLAYBOOK).filter(pl.col("label") == "anger")
    assert among_many["rule"].unique().to_list() == alone["rule"].to_list()
