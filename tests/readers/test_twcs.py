"""Customer Support on Twitter, read from the real head slice in ../shared/data."""

import csv

from heatcheck.readers import twcs
from heatcheck.readers.detect import detect
from tests.conftest import TWCS_HEAD, shared


def _read():
    return twcs.read([detect(shared("twcs_head_threads/twcs_head_threads.csv"))])


def test_the_head_slice_gives_911_threads_and_3499_messages():
    result = _read()
    assert result.tickets.height == 911
    assert result.messages.height == 3499
    assert result.messages["message_id"].n_unique() == 3499


def test_roles_come_from_inbound():
    with TWCS_HEAD.open(newline="", encoding="utf-8") as handle:
        inbound = {row["tweet_id"]: row["inbound"] for row in csv.DictReader(handle) if row["author_id"]}
    result = _read()
    for message_id, role in result.messages.select("message_id", "author_role").iter_rows():
        expected = "customer" if inbound[message_id.removeprefix("twcs:")] == "True" else "agent"
        assert role == expected, message_id


def test_the_empty_duplicate_of_tweet_3398_is_quarantined_with_its_reason():
    result = _read()
    assert result.quarantine.height == 1
    row = result.quarantine.row(0, named=True)
    assert "duplicate of tweet_id 3398" in row["reason"]
    assert '"tweet_id":"3398"' in row["raw"]
    kept = result.messages.filter(result.messages["message_id"] == "twcs:3398")
    assert kept["body"][0].startswith("@116510 I am sorry")


def test_a_reply_chain_is_one_ticket():
    # Tweets 1, 2 and 3 of the dataset answer each other (3 <- 1 <- 2).
    messages = _read().messages
    tickets = messages.filter(messages["message_id"].is_in(["twcs:1", "twcs:2", "twcs:3"]))["ticket_id"]
    assert tickets.n_unique() == 1
    assert tickets.len() == 3


def test_each_ticket_names_its_company_as_team_and_first_customer_as_requester():
    result = _read()
    ticket_id = result.messages.filter(result.messages["message_id"] == "twcs:1")["ticket_id"][0]
    ticket = result.tickets.filter(result.tickets["ticket_id"] == ticket_id).row(0, named=True)
    assert ticket["team"] == "sprintcare"
    assert ticket["requester_id"] == "115712"
    assert ticket["channel"] == "twitter"
