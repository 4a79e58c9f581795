"""Time to first update on the real Twitter threads equals an independent computation from the CSV."""

import csv
import statistics
from collections import defaultdict
from datetime import datetime

import pytest

from tests.conftest import TWCS_HEAD, snapshot_rows


def independent_first_update_minutes() -> dict[str, float]:
    """Thread -> minutes from its first customer tweet to the first company tweet after it,
    with threads found by a breadth-first walk of the reply links (no project code)."""
    with TWCS_HEAD.open(newline="", encoding="utf-8") as handle:
        tweets = {row["tweet_id"]: row for row in csv.DictReader(handle) if row["author_id"]}
    links = defaultdict(set)
    for tweet_id, row in tweets.items():
        for other in [row["in_response_to_tweet_id"], *row["response_tweet_id"].split(",")]:
            if other in tweets:
                links[tweet_id].add(other)
                links[other].add(tweet_id)
    seen, result = set(), {}
    for start in tweets:
        if start in seen:
            continue
        thread, queue = [], [start]
        seen.add(start)
        while queue:
            current = queue.pop()
            thread.append(current)
            for other in links[current] - seen:
                seen.add(other)
                queue.append(other)
        when = {t: datetime.strptime(tweets[t]["created_at"], "%a %b %d %H:%M:%S %z %Y") for t in thread}
        root = min(thread, key=lambda t: (when[t], int(t)))
        customer_times = [when[t] for t in thread if tweets[t]["inbound"] == "True"]
        if not customer_times:
            continue
        first_customer = min(customer_times)
        replies = [when[t] for t in thread if tweets[t]["inbound"] == "False" and when[t] >= first_customer]
        if replies:
            result[f"twcs:{root}"] = (min(replies) - first_customer).total_seconds() / 60
    return result


def test_every_thread_matches_the_independent_computation(twitter_home):
    expected = independent_first_update_minutes()
    measured = dict(
        snapshot_rows(
            twitter_home,
            "SELECT ticket_id, time_to_first_update_minutes FROM ticket_metrics "
            "WHERE time_to_first_update_minutes IS NOT NULL",
        )
    )
    assert len(expected) == 910
    assert measured.keys() == expected.keys()
    for ticket_id, minutes in expected.items():
        assert measured[ticket_id] == pytest.approx(minutes), ticket_id
    median = statistics.median(measured.values())
    print(f"\nTWCS head threads: median time to first update {median:.2f} minutes over {len(measured)} threads")
    assert median == pytest.approx(13.5, abs=0.1)  # PROVENANCE.md measured 810 s
