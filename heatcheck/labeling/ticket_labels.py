"""Ticket labels (SPEC section 4): how the ticket ended, whether and why the customer complained,
and how the customer's mood moved from the first message to the last. Every label carries the
evidence that decided it.

The conversation is what the customer saw: customer messages and public agent messages. Bots,
system events and internal notes are left out.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from heatcheck.labeling.playbook import Playbook
from heatcheck.labeling.practices import ROW, START, find_phrases, prepare_texts

# SPEC section 4: the signals that make an opening a complaint (gratitude and confusion do not).
COMPLAINT_SIGNALS = (
    "anger",
    "sarcasm",
    "demand",
    "churn_threat",
    "escalation_request",
    "public_shaming",
    "abusive",
)
# A customer whose last word threatens to leave or shames the company in public has not calmed
# down, however mild that word's sentiment: such a ticket is never a recovery.
NO_RECOVERY_SIGNALS = ("churn_threat", "public_shaming")
# How far the customer's last message must fall below their opening to count as worsened.
WORSENED_DROP = 0.3
SOLVED_STATUSES = ("solved", "closed")
OPEN_STATUSES = ("new", "open", "pending", "hold")

TICKET_LABEL_SCHEMA: dict[str, pl.DataType] = {
    "ticket_id": pl.String,
    "resolution": pl.String,
    "resolution_source": pl.String,
    "resolution_evidence": pl.String,
    "root_cause": pl.String,
    "root_cause_evidence": pl.String,
    "complaint": pl.Boolean,
    "complaint_evidence": pl.String,
    "start_sentiment": pl.Float64,
    "end_sentiment": pl.Float64,
    "start_label": pl.String,
    "end_label": pl.String,
    "de_escalated": pl.Boolean,
    "worsened": pl.Boolean,
}


def label_tickets(
    tickets: pl.DataFrame,
    messages: pl.DataFrame,
    message_labels: pl.DataFrame,
    status_changes: pl.DataFrame,
    playbook: Playbook,
) -> pl.DataFrame:
    """One row per ticket of `tickets` (columns in TICKET_LABEL_SCHEMA).

    - resolution: from the status history when the ticket has one (last status solved or closed:
      resolved; open again after a solve, or never solved: unresolved), else from the words of
      the last turns (see _read_last_turns), else from the ticket's current status.
    - complaint: the customer's opening (their messages before the first agent reply) is
      negative or shows anger, sarcasm, demand, churn_threat, escalation_request,
      public_shaming or abusive.
    - root_cause: for a complaint, the first cause in playbook order with a cue anywhere in the
      customer's words, or `other`; `none` for a ticket that is no complaint.
    - start/end sentiment and labels, de_escalated, worsened: see _customer_mood.
    """
    talk = _conversation(messages)
    mood = _customer_mood(talk).join(_ends_threatening(talk, message_labels), on="ticket_id", how="left")
    mood = mood.with_columns(
        de_escalated=pl.when(pl.col("_ends_threatening").fill_null(False))
        .then(pl.lit(False))
        .otherwise(pl.col("de_escalated"))
    ).drop("_ends_threatening")
    complaints = _complaints(talk, message_labels, mood)
    causes = _root_causes(talk, complaints, playbook)
    resolutions = _resolutions(tickets, talk, message_labels, status_changes, playbook)
    labelled = tickets.select("ticket_id")
    for part in (resolutions, causes, complaints, mood):
        labelled = labelled.join(part, on="ticket_id", how="left", maintain_order="left")
    # A ticket the customer never wrote in (agent outreach, bot only) has no opening to judge.
    silent = pl.col("complaint").is_null()
    return labelled.with_columns(
        complaint=pl.col("complaint").fill_null(False),
        complaint_evidence=pl.when(silent).then(pl.lit("the customer never wrote")).otherwise("complaint_evidence"),
        root_cause=pl.col("root_cause").fill_null("none"),
        root_cause_evidence=pl.col("root_cause_evidence").fill_null("not a complaint"),
    ).select([pl.col(name).cast(dtype) for name, dtype in TICKET_LABEL_SCHEMA.items()])


def _conversation(messages: pl.DataFrame) -> pl.DataFrame:
    """Customer and public agent messages in order, each with its position in the ticket.

    `opening` marks the customer's messages before the first agent reply to them; `later` marks
    the customer's messages after it.
    """
    role = pl.col("author_role")
    talk = (
        messages.with_row_index(ROW)
        .filter((role == "customer") | ((role == "agent") & pl.col("is_public").fill_null(True)))
        .sort("ticket_id", "created_at", ROW, nulls_last=True)
        .with_columns(position=pl.int_range(pl.len()).over("ticket_id"))
    )
    is_customer = role == "customer"
    talk = talk.with_columns(_first_customer=pl.col("position").filter(is_customer).min().over("ticket_id"))
    reply = (role == "agent") & (pl.col("position") > pl.col("_first_customer"))
    first_reply = pl.col("position").filter(reply).min().over("ticket_id")
    return talk.with_columns(_first_reply=first_reply).with_columns(
        opening=is_customer & (pl.col("_first_reply").is_null() | (pl.col("position") < pl.col("_first_reply"))),
        later=is_customer & (pl.col("position") > pl.col("_first_reply")).fill_null(False),
    )


def _customer_mood(talk: pl.DataFrame) -> pl.DataFrame:
    """Sentiment at the start and the end of the conversation, from the customer's side.

    The opening is read as its strongest feeling, so a chat opened with "hi" and then a rant
    opens negative: start_label is negative when any opening message is, else positive when
    any is, else neutral; start_sentiment is the compound of the message that set the label
    (the lowest, the highest) or the mean of a neutral opening. The end is the customer's last
    message. de_escalated (opened negative, ended not negative) and worsened (end - start <=
    -0.3, WORSENED_DROP) are null unless the customer wrote again after an agent replied.
    """
    customers = talk.filter(pl.col("author_role") == "customer")
    negative, positive = pl.col("sentiment") == "negative", pl.col("sentiment") == "positive"
    opening = (
        customers.filter("opening")
        .group_by("ticket_id")
        .agg(
            start_label=pl.when(negative.any())
            .then(pl.lit("negative"))
            .when(positive.any())
            .then(pl.lit("positive"))
            .otherwise(pl.lit("neutral")),
            start_sentiment=pl.when(negative.any())
            .then(pl.col("compound").min())
            .when(positive.any())
            .then(pl.col("compound").max())
            .otherwise(pl.col("compound").mean()),
        )
    )
    ending = customers.group_by("ticket_id").agg(
        end_sentiment=pl.col("compound").last(),
        end_label=pl.col("sentiment").last(),
        _wrote_again=pl.col("later").any(),
    )
    change = (pl.col("end_sentiment") - pl.col("start_sentiment")).round(6)
    return opening.join(ending, on="ticket_id").select(
        "ticket_id",
        "start_sentiment",
        "end_sentiment",
        "start_label",
        "end_label",
        de_escalated=pl.when("_wrote_again").then(
            (pl.col("start_label") == "negative") & (pl.col("end_label") != "negative")
        ),
        worsened=pl.when("_wrote_again").then(change <= -WORSENED_DROP),
    )


def _ends_threatening(talk: pl.DataFrame, message_labels: pl.DataFrame) -> pl.DataFrame:
    """ticket_id of each ticket whose last customer message carries a NO_RECOVERY_SIGNALS signal."""
    last = (
        talk.filter(pl.col("author_role") == "customer")
        .group_by("ticket_id", maintain_order=True)
        .agg(message_id=pl.col("message_id").last())
    )
    threats = message_labels.filter((pl.col("kind") == "signal") & pl.col("label").is_in(NO_RECOVERY_SIGNALS))
    return last.join(threats.select("message_id").unique(), on="message_id", how="semi").select(
        "ticket_id", _ends_threatening=pl.lit(True)
    )


def _complaints(talk: pl.DataFrame, message_labels: pl.DataFrame, mood: pl.DataFrame) -> pl.DataFrame:
    """complaint and complaint_evidence: the complaint signals of the opening, and its sentiment."""
    opening = talk.filter("opening").select("ticket_id", "message_id", "position")
    signals = (
        message_labels.filter((pl.col("kind") == "signal") & pl.col("label").is_in(COMPLAINT_SIGNALS))
        .join(opening, on="message_id")
        .sort("ticket_id", "position")
        .group_by("ticket_id", maintain_order=True)
        .agg(_signals=pl.format('{} "{}" ({})', "label", "phrase", "rule").str.join("; "))
    )
    opened_negative = pl.col("start_label") == "negative"
    negative_note = pl.format("opened negative (compound {})", pl.col("start_sentiment").round(2))
    return (
        mood.select("ticket_id", "start_label", "start_sentiment")
        .join(signals, on="ticket_id", how="left")
        .select(
            "ticket_id",
            complaint=pl.col("_signals").is_not_null() | opened_negative,
            complaint_evidence=pl.when(pl.col("_signals").is_not_null() & opened_negative)
            .then(pl.concat_str(pl.col("_signals"), negative_note, separator="; "))
            .when(pl.col("_signals").is_not_null())
            .then(pl.col("_signals"))
            .when(opened_negative)
            .then(negative_note)
            .otherwise(pl.format("opened {} with no complaint signal", "start_label")),
        )
    )


def _root_causes(talk: pl.DataFrame, complaints: pl.DataFrame, playbook: Playbook) -> pl.DataFrame:
    """root_cause and its evidence: the first cause in playbook order, then the earliest cue."""
    # Only complaints get a cause, so only their customers' words are searched.
    complained = complaints.filter(pl.col("complaint").fill_null(False)).select("ticket_id")
    customers = prepare_texts(
        talk.filter(pl.col("author_role") == "customer").join(complained, on="ticket_id", how="semi")
    )
    priority = {cause: rank for rank, cause in enumerate(playbook.root_causes)}
    cues = (
        find_phrases(customers, playbook.root_causes)
        .join(customers.select(ROW, "ticket_id", "position"), on=ROW)
        .sort("ticket_id", pl.col("label").replace_strict(priority, return_dtype=pl.Int32), "position", START)
        .unique("ticket_id", keep="first", maintain_order=True)
        .select("ticket_id", _cause="label", _cue=pl.format('"{}" ({})', "phrase", "rule"))
    )
    complaint = pl.col("complaint").fill_null(False)
    return (
        complaints.select("ticket_id", "complaint")
        .join(cues, on="ticket_id", how="left")
        .select(
            "ticket_id",
            root_cause=pl.when(~complaint).then(pl.lit("none")).otherwise(pl.col("_cause").fill_null("other")),
            root_cause_evidence=pl.when(~complaint)
            .then(pl.lit("not a complaint"))
            .otherwise(pl.col("_cue").fill_null("a complaint with no root-cause cue in the customer's words")),
        )
    )


def _resolutions(
    tickets: pl.DataFrame,
    talk: pl.DataFrame,
    message_labels: pl.DataFrame,
    status_changes: pl.DataFrame,
    playbook: Playbook,
) -> pl.DataFrame:
    """resolution, resolution_source and resolution_evidence of every ticket."""
    from_history = _from_status_history(status_changes)
    undecided = tickets.join(from_history, on="ticket_id", how="anti")
    from_words = _from_last_turns(undecided, talk, message_labels, playbook)
    undecided = undecided.join(from_words, on="ticket_id", how="anti")
    return pl.concat([from_history, from_words, _from_ticket_status(undecided)])


def _from_status_history(status_changes: pl.DataFrame) -> pl.DataFrame:
    """Tickets whose last known status tells how they ended.

    Last status solved or closed: resolved. Open again after a solve: unresolved (reopened).
    Never solved: unresolved. A last status outside both (unknown) leaves the ticket to the words.
    """
    last = pl.col("status").last()
    solved = pl.col("status").is_in(SOLVED_STATUSES)
    per_ticket = (
        status_changes.filter(pl.col("status").is_not_null())
        .with_row_index("_order")
        .sort("ticket_id", "changed_at", "_order", nulls_last=True)
        .group_by("ticket_id", maintain_order=True)
        .agg(
            _last=last,
            _last_at=pl.col("changed_at").last().dt.to_string("%Y-%m-%d %H:%M"),
            _solved=pl.col("status").filter(solved).last(),
            _solved_at=pl.col("changed_at").filter(solved).last().dt.to_string("%Y-%m-%d %H:%M"),
        )
    )
    reopened = pl.col("_last").is_in(OPEN_STATUSES) & pl.col("_solved").is_not_null()
    return per_ticket.filter(pl.col("_last").is_in(SOLVED_STATUSES + OPEN_STATUSES)).select(
        "ticket_id",
        resolution=pl.when(pl.col("_last").is_in(SOLVED_STATUSES))
        .then(pl.lit("resolved"))
        .otherwise(pl.lit("unresolved")),
        resolution_source=pl.lit("status_history"),
        resolution_evidence=pl.when(pl.col("_last").is_in(SOLVED_STATUSES))
        .then(pl.format("last status {} at {}", "_last", "_last_at"))
        .when(reopened)
        .then(pl.format("reopened: {} at {} after {} at {}", "_last", "_last_at", "_solved", "_solved_at"))
        .otherwise(pl.format("never solved: last status {} at {}", "_last", "_last_at")),
    )


@dataclass
class _Turn:
    """One of the last turns: who wrote it and the resolution cues it holds, as evidence strings."""

    role: str
    cues: dict[str, str]


def _from_last_turns(
    tickets: pl.DataFrame, talk: pl.DataFrame, message_labels: pl.DataFrame, playbook: Playbook
) -> pl.DataFrame:
    """Tickets whose last turns tell how they ended (see _read_last_turns)."""
    rules = playbook.resolution
    last_turns = prepare_texts(
        talk.join(tickets.select("ticket_id"), on="ticket_id", how="semi")
        # Signed, as a ticket may hold fewer messages than last_turns.
        .filter(pl.col("position") >= pl.len().over("ticket_id").cast(pl.Int64) - rules.last_turns)
    )
    cues = find_phrases(
        last_turns,
        {"resolved": rules.resolved, "unresolved": rules.unresolved, "awaiting_customer": rules.awaiting_customer},
    )
    redirects = message_labels.filter((pl.col("kind") == "practice") & (pl.col("label") == "redirect_channel"))
    evidence = pl.concat(
        [
            cues.join(last_turns.select(ROW, "message_id"), on=ROW).select("message_id", "label", "phrase", "rule"),
            redirects.select("message_id", pl.lit("redirected").alias("label"), "phrase", "rule"),
        ]
    )
    cues_by_message: dict[str, dict[str, str]] = {}
    for message_id, label, phrase, rule in evidence.iter_rows():
        cues_by_message.setdefault(message_id, {})[label] = f'"{phrase}" ({rule})'
    turns: dict[str, list[_Turn]] = {}
    for ticket_id, message_id, role in last_turns.select("ticket_id", "message_id", "author_role").iter_rows():
        turns.setdefault(ticket_id, []).append(_Turn(role, cues_by_message.get(message_id, {})))
    decided = []
    for ticket_id, status in tickets.select("ticket_id", "status").iter_rows():
        verdict = _read_last_turns(turns.get(ticket_id, []), status)
        if verdict is not None:
            decided.append((ticket_id, verdict[0], "last_turns", verdict[1]))
    return pl.DataFrame(
        decided, schema=["ticket_id", "resolution", "resolution_source", "resolution_evidence"], orient="row"
    ).cast(pl.String)


def _read_last_turns(turns: list[_Turn], status: str | None) -> tuple[str, str] | None:
    """How the conversation ended, newest turn first: the first turn that tells decides.

    A turn tells when it says the problem is still there (unresolved, checked first: "thanks,
    but it still fails"), that it is gone (resolved), or when an agent moves the conversation
    to DM, e-mail or phone (redirected). A conversation that ends on an agent message waiting
    for the customer, who never answered, on a ticket that is over (not new, open, pending or
    on hold), was abandoned.
    """
    ended = status not in OPEN_STATUSES
    for age, turn in enumerate(reversed(turns)):
        for resolution in ("unresolved", "resolved", "redirected"):
            if resolution in turn.cues and (resolution != "redirected" or turn.role == "agent"):
                return resolution, f"{turn.role} wrote {turn.cues[resolution]}"
        if age == 0 and turn.role == "agent" and "awaiting_customer" in turn.cues and ended:
            return "abandoned", f"agent wrote {turn.cues['awaiting_customer']} and the customer never replied"
    return None


def _from_ticket_status(tickets: pl.DataFrame) -> pl.DataFrame:
    """The last resort: the ticket's current status, or unknown."""
    status = pl.col("status")
    return tickets.select(
        "ticket_id",
        resolution=pl.when(status.is_in(SOLVED_STATUSES))
        .then(pl.lit("resolved"))
        .when(status.is_in(OPEN_STATUSES))
        .then(pl.lit("unresolved"))
        .otherwise(pl.lit("unknown")),
        resolution_source=pl.lit("ticket_status"),
        resolution_evidence=pl.format(
            "no status history and no telling words in the last turns; ticket status {}", status.fill_null("unknown")
        ),
    )
