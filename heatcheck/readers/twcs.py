"""Customer Support on Twitter (TWCS): one row per tweet; a thread of replies is one ticket.

Threads are the connected components of the reply graph (a tweet and the tweet it answers, and
the replies it lists), found with a union-find over the tweets present in the batch; references
to tweets outside it are normal for TWCS and ignored. `inbound` tells the customer.
"""

from __future__ import annotations

import polars as pl

from heatcheck.readers.common import is_blank, load_table, quarantine_rows, split_rejected
from heatcheck.readers.detect import Detected
from heatcheck.readers.model import ReadResult, combine
from heatcheck.readers.text import with_body_clean
from heatcheck.readers.timestamps import to_utc


def read(files: list[Detected], local_tz: str = "UTC") -> ReadResult:
    """Read TWCS files; threads may span the files of one batch."""
    parts, tweets = [], []
    for detected in files:
        frame, broken = load_table(detected)
        good, rejected = _valid_tweets(frame, detected.path, local_tz)
        tweets.append(good)
        parts.append(
            ReadResult(
                format="twcs",
                files=[detected.path],
                rows_read={detected.path: frame.height + broken.height},
                quarantine=pl.concat([broken, rejected]),
            )
        )
    result = combine("twcs", parts)
    all_tweets = pl.concat(tweets)
    # A tweet already kept from an earlier file of the batch is a duplicate here too.
    repeated = all_tweets.filter(pl.col("tweet_id").cum_count().over("tweet_id") > 1)
    if not repeated.is_empty():
        all_tweets = all_tweets.filter(pl.col("tweet_id").cum_count().over("tweet_id") == 1)
        result.quarantine = pl.concat(
            [
                result.quarantine,
                pl.concat(
                    [
                        quarantine_rows(group, file, "duplicate tweet_id: an earlier file of this batch has it")
                        for (file,), group in repeated.group_by("source_file")
                    ]
                ),
            ]
        )
    threaded = _with_thread(all_tweets)
    result.messages = with_body_clean(_messages(threaded))
    result.tickets = _tickets(threaded)
    return result


def _valid_tweets(frame: pl.DataFrame, path: str, local_tz: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    frame = frame.with_columns(
        pl.col(c).cast(pl.String).str.strip_chars()
        for c in ("tweet_id", "author_id", "inbound", "in_response_to_tweet_id", "response_tweet_id")
        if c in frame.columns
    ).with_columns(_parsed_created_at=pl.col("created_at"))
    frame = to_utc(frame, ["_parsed_created_at"], local_tz)
    inbound = pl.col("inbound").str.to_lowercase()
    first_row_of_id = pl.col("source_record").first().over("tweet_id")
    good, rejected = split_rejected(
        frame,
        [
            (is_blank("tweet_id"), "missing tweet_id"),
            (~pl.col("tweet_id").str.contains(r"^\d+$"), pl.format("tweet_id '{}' is not a number", "tweet_id")),
            (
                pl.col("tweet_id").cum_count().over("tweet_id") > 1,
                pl.format("duplicate of tweet_id {} (first at record {})", "tweet_id", first_row_of_id),
            ),
            (is_blank("author_id"), "missing author_id"),
            (~inbound.is_in(["true", "false"]).fill_null(False), "inbound is not True or False"),
            (is_blank("created_at"), "missing created_at"),
            (pl.col("_parsed_created_at").is_null(), pl.format("created_at '{}' is not a timestamp", "created_at")),
        ],
        path,
    )
    good = good.with_columns(
        is_inbound=inbound == "true",
        source_file=pl.lit(path),
    )
    return good, rejected


def _with_thread(tweets: pl.DataFrame) -> pl.DataFrame:
    """Add thread_root: the earliest tweet of each connected reply component."""
    ids = tweets["tweet_id"].to_list()
    parent = {tweet_id: tweet_id for tweet_id in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    replies = tweets["response_tweet_id"].fill_null("").to_list()
    answers = tweets["in_response_to_tweet_id"].fill_null("").to_list()
    for tweet_id, answered, replied in zip(ids, answers, replies):
        for other in [answered, *replied.split(",")]:
            other = other.strip()
            if other in parent:
                a, b = find(tweet_id), find(other)
                if a != b:
                    parent[a] = b
    component = pl.Series("component", [find(tweet_id) for tweet_id in ids])
    ordered = tweets.with_columns(component).sort("_parsed_created_at", pl.col("tweet_id").cast(pl.Int64))
    return ordered.with_columns(thread_root=pl.col("tweet_id").first().over("component"))


def _messages(tweets: pl.DataFrame) -> pl.DataFrame:
    return tweets.select(
        message_id="twcs:" + pl.col("tweet_id"),
        ticket_id="twcs:" + pl.col("thread_root"),
        author_id="author_id",
        author_role=pl.when("is_inbound").then(pl.lit("customer")).otherwise(pl.lit("agent")),
        is_public=pl.lit(True),
        created_at="_parsed_created_at",
        body=pl.col("text").fill_null(""),
        source_file="source_file",
        source_record="source_record",
    )


def _tickets(tweets: pl.DataFrame) -> pl.DataFrame:
    customer = pl.col("author_id").filter(pl.col("is_inbound"))
    company = pl.col("author_id").filter(~pl.col("is_inbound"))
    return (
        tweets.group_by("thread_root", maintain_order=True)
        .agg(
            created_at=pl.col("_parsed_created_at").min(),
            updated_at=pl.col("_parsed_created_at").max(),
            requester_id=customer.first(),
            assignee_id=company.first(),
            source_file=pl.col("source_file").first(),
            source_record=pl.col("source_record").first(),
        )
        .select(
            ticket_id="twcs:" + pl.col("thread_root"),
            source=pl.lit("twcs"),
            created_at="created_at",
            updated_at="updated_at",
            status=pl.lit("unknown"),
            channel=pl.lit("twitter"),
            requester_id="requester_id",
            assignee_id="assignee_id",
            # The company account is the team a CX lead knows (AppleSupport, AmazonHelp...).
            team="assignee_id",
            source_file="source_file",
            source_record="source_record",
        )
    )
