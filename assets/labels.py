"""Labels stage: sentiment, agent practices, customer signals and ticket labels.

Each asset reads only what is new since the last run (texts never scored, messages never read,
tickets whose inputs changed) under the current playbook, in the run's weeks (a ticket and its
messages belong to the week the ticket was created in); a playbook edit changes its version and
so relabels everything on the next run. Each asset writes in one transaction.
"""

import time

import polars as pl
from dagster import AssetExecutionContext, MaterializeResult, asset

from assets.resources import HeatcheckHome
from assets.weeks import ONE_RUN, WEEKS, week_window
from heatcheck.labeling.playbook import playbook_version
from heatcheck.labeling.practices import label_messages
from heatcheck.labeling.sentiment import score_on_all_cores, with_cut_noted
from heatcheck.labeling.ticket_labels import label_tickets
from heatcheck.labeling.vocabulary import label_vocabulary
from heatcheck.user_files import playbook, settings
from heatcheck.warehouse import disk_frames, in_slices, register, sql

# Texts read from the warehouse at a time: each slice is scored by the cores together, and a
# history of ten million messages never sits in memory whole (a million texts held as Python
# strings with their scores is about 1 GB).
SCORE_SLICE = 1_000_000
# Messages labelled at a time: one slice's bodies and labels in memory, a progress line each.
LABEL_SLICE = 200_000


def _prepare(con) -> None:
    con.execute(sql("labels/create_label_tables"))


@asset(group_name="labels", deps=["staged_exports"], kinds={"duckdb"}, partitions_def=WEEKS, backfill_policy=ONE_RUN)
def message_sentiment(context: AssetExecutionContext, heatcheck: HeatcheckHome) -> MaterializeResult:
    """VADER scores as vaderSentiment computes them beside the product's score (VADER plus the
    playbook's support-domain overlay and rules), with evidence; each distinct text scored once."""
    book = playbook(heatcheck.home())
    version = playbook_version(book)
    with heatcheck.warehouse().transaction() as con, disk_frames(con) as frames:
        _prepare(con)
        con.execute(sql("labels/delete_stale_sentiment"), {"playbook_version": version})
        limit = settings(heatcheck.home()).ingest.label_characters
        todo, slices = in_slices(
            con,
            sql("labels/select_unscored_texts"),
            {"label_characters": limit, **week_window(context)},
            SCORE_SLICE,
        )
        if todo:
            context.log.info(f"Scoring {todo:,} new distinct texts")
        rules = book.sentiment_rules()
        done, began = 0, time.monotonic()
        for texts in slices:
            start = 0
            for scores in score_on_all_cores(rules, texts["text"].to_list()):
                chunk = texts.slice(start, scores.height)
                start += scores.height
                done += scores.height
                rate = done / max(time.monotonic() - began, 1e-9)
                context.log.info(f"Scored {done:,} of {todo:,} texts ({rate:,.0f} texts/s)")
                scores = with_cut_noted(scores, chunk["characters"], limit)
                frames.register(
                    "scored_texts",
                    scores.drop("text").with_columns(text_hash=chunk["text_hash"], playbook_version=pl.lit(version)),
                )
                con.execute(sql("labels/insert_text_sentiment"))
                frames.unregister("scored_texts")
        total = con.execute("SELECT count(*) FROM labels.text_sentiment").fetchone()[0]
    return MaterializeResult(metadata={"texts_scored": todo, "distinct_texts": total, "playbook_version": version})


@asset(group_name="labels", deps=["staged_exports"], kinds={"duckdb"}, partitions_def=WEEKS, backfill_policy=ONE_RUN)
def message_labels(context: AssetExecutionContext, heatcheck: HeatcheckHome) -> MaterializeResult:
    """Agent practices on public agent messages and customer signals on customer messages, one
    row per label found with the matched phrase and playbook rule as evidence; and the playbook's
    label vocabulary, which the marts pivot over."""
    book = playbook(heatcheck.home())
    version = playbook_version(book)
    with heatcheck.warehouse().transaction() as con, disk_frames(con) as frames:
        _prepare(con)
        limit = settings(heatcheck.home()).ingest.label_characters
        todo, slices = in_slices(
            con,
            sql("labels/select_unlabelled_messages"),
            {"playbook_version": version, "label_characters": limit, **week_window(context)},
            LABEL_SLICE,
        )
        done, labels_found, began = 0, 0, time.monotonic()
        for messages in slices:
            found = label_messages(messages, book)
            frames.register("relabelled_messages", messages.select("message_id", "text_hash"))
            frames.register("new_message_labels", found)
            con.execute(sql("labels/delete_relabelled_messages"))
            con.execute(sql("labels/delete_relabelled_message_marks"))
            con.execute(sql("labels/insert_message_labels"))
            con.execute(sql("labels/insert_labelled_messages"), {"playbook_version": version})
            frames.unregister("relabelled_messages")
            frames.unregister("new_message_labels")
            done, labels_found = done + messages.height, labels_found + found.height
            if todo > LABEL_SLICE:
                rate = done / max(time.monotonic() - began, 1e-9)
                context.log.info(f"Labelled {done:,} of {todo:,} messages ({rate:,.0f} messages/s)")
        context.log.info(f"Read {todo:,} messages, found {labels_found:,} practices and signals")
        register(con, "current_vocabulary", label_vocabulary(book))
        con.execute(sql("labels/replace_label_vocabulary"))
        con.unregister("current_vocabulary")
    return MaterializeResult(metadata={"messages_read": todo, "labels_found": labels_found})


# Tickets labelled per batch: about 200k messages' bodies in memory at once (4-5 messages a ticket).
TICKET_CHUNK = 50_000


@asset(
    group_name="labels",
    deps=["message_sentiment", "message_labels"],
    kinds={"duckdb"},
    partitions_def=WEEKS,
    backfill_policy=ONE_RUN,
)
def ticket_labels(context: AssetExecutionContext, heatcheck: HeatcheckHome) -> MaterializeResult:
    """Per ticket: resolution, root cause, complaint, customer sentiment at start and end,
    de-escalated and worsened, each with its evidence. Only tickets whose inputs changed are relabelled."""
    book = playbook(heatcheck.home())
    version = playbook_version(book)
    with heatcheck.warehouse().transaction() as con, disk_frames(con) as frames:
        _prepare(con)
        todo = con.sql(
            sql("labels/select_tickets_to_label"), params={"playbook_version": version, **week_window(context)}
        ).pl()
        # A batch of tickets at a time: a history's bodies never sit in memory all at once.
        for start in range(0, todo.height, TICKET_CHUNK):
            register(con, "tickets_to_label", todo.slice(start, TICKET_CHUNK))
            inputs = {
                name: con.sql(sql(f"labels/select_ticket_inputs_{name}")).pl()
                for name in ("tickets", "messages", "message_labels", "status_changes")
            }
            labelled = label_tickets(
                inputs["tickets"], inputs["messages"], inputs["message_labels"], inputs["status_changes"], book
            )
            del inputs
            frames.register("new_ticket_labels", labelled)
            con.execute(sql("labels/delete_relabelled_tickets"))
            con.execute(sql("labels/insert_ticket_labels"), {"playbook_version": version})
            frames.unregister("new_ticket_labels")
            con.unregister("tickets_to_label")
            if todo.height > TICKET_CHUNK:
                done = min(start + TICKET_CHUNK, todo.height)
                context.log.info(f"Labelled {done:,} of {todo.height:,} tickets")
        context.log.info(f"Labelled {todo.height:,} new or changed tickets")
    return MaterializeResult(metadata={"tickets_labelled": todo.height})
