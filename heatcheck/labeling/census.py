"""A census of the labels on real support threads: how often each practice and signal fires on
the Twitter threads of ../shared/data, with an example of the evidence, so a reader can judge
whether the counts are plausible and the evidence reads right."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from heatcheck.labeling.playbook import Playbook
from heatcheck.labeling.practices import label_messages
from heatcheck.labeling.sentiment import SentimentScorer
from heatcheck.labeling.ticket_labels import label_tickets
from heatcheck.readers import twcs
from heatcheck.readers.detect import detect

THREADS = Path("twcs_head_threads") / "twcs_head_threads.csv"


def twitter_threads_section(shared_data: Path, playbook: Playbook, scorer: SentimentScorer) -> str:
    """Per-label counts with one example each, and the ticket label distributions."""
    threads = twcs.read([detect(shared_data / THREADS)])
    scores = scorer.score_texts(threads.messages["body_clean"].fill_null("").to_list())
    messages = threads.messages.with_columns(scores.select("compound", "sentiment"), channel=pl.lit("twitter"))
    found = label_messages(messages, playbook)
    tickets = label_tickets(threads.tickets, messages, found, threads.status_changes, playbook)

    lines = [
        f"{threads.tickets.height} threads, {messages.height} messages "
        f"({(messages['author_role'] == 'agent').sum()} agent, {(messages['author_role'] == 'customer').sum()} customer)",
        "",
        f"{'label':<20} {'kind':<9} {'messages':>8}  example evidence (rule: phrase)",
    ]
    examples = (
        found.sort("message_id")
        .group_by("label", maintain_order=True)
        .agg(
            kind=pl.col("kind").first(),
            messages=pl.col("message_id").n_unique(),
            rule=pl.col("rule").first(),
            phrase=pl.col("phrase").first(),
        )
        .sort(["kind", "messages"], descending=[False, True])
    )
    for row in examples.iter_rows(named=True):
        lines.append(f'{row["label"]:<20} {row["kind"]:<9} {row["messages"]:>8}  {row["rule"]}: "{row["phrase"]}"')
    for column in ("resolution", "root_cause", "complaint", "de_escalated", "worsened"):
        counts = tickets.group_by(column).len().sort("len", descending=True)
        lines.append(f"{column}: " + ", ".join(f"{value}={n}" for value, n in counts.iter_rows()))
    return "\n".join(lines)
