"""Agent practices and customer signals of every message, with the phrase and rule behind each.

Practices are read in public agent messages only: an internal note is not what the customer saw.
Signals are read in customer messages. Speed comes from letting Polars (Rust regex, all cores)
pick the few messages a label's patterns could match; Python then checks word edges, exceptions
and negation on those messages only.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import repeat

import polars as pl

from heatcheck.labeling.playbook import EVERYTHING, PhraseRule, Playbook, Possible, SignalRule

LABEL_SCHEMA: dict[str, pl.DataType] = {
    "message_id": pl.String,
    "kind": pl.String,
    "label": pl.String,
    "phrase": pl.String,
    "rule": pl.String,
}

# Polars compiles a regex anew on each call, which costs about what Python spends searching a
# hundred or two texts with it: below this many candidate texts, Python searches every pattern itself.
ASK_POLARS_FROM_TEXTS = 200

# Working columns: the row a phrase came from, where it starts (to order evidence), the text read.
ROW, START, _TEXT = "_row", "_start", "_text"
_FOUND_SCHEMA: dict[str, pl.DataType] = {
    ROW: pl.UInt32,
    "label": pl.String,
    "phrase": pl.String,
    "rule": pl.String,
    START: pl.Int64,
}


def label_messages(messages: pl.DataFrame, playbook: Playbook) -> pl.DataFrame:
    """One row per (message, label) found: message_id, kind, label, phrase, rule.

    `messages` needs message_id, author_role, is_public and body_clean; with a `channel` column,
    signals limited to some channels (public_shaming) apply there, and without one they do not
    apply at all. A message whose is_public is unknown counts as public.
    Each label keeps its earliest phrase in the message. A text that recurs with the same role,
    visibility and channel (macros, bot replies, "Thank you!") is read once.
    """
    keys = ["author_role", "is_public", "body_clean", *(["channel"] if "channel" in messages.columns else [])]
    messages = messages.with_columns(pl.col("is_public").fill_null(True))
    distinct = (
        messages.unique(keys, maintain_order=True)
        .select(keys)
        .with_columns(message_id=pl.int_range(pl.len()).cast(pl.String))
    )
    found = _label_each(distinct, playbook).rename({"message_id": "_text_id"})
    return (
        messages.select("message_id", *keys)
        .join(distinct.rename({"message_id": "_text_id"}), on=keys, nulls_equal=True)
        .join(found, on="_text_id")
        .select(list(LABEL_SCHEMA))
    )


def _label_each(messages: pl.DataFrame, playbook: Playbook) -> pl.DataFrame:
    """label_messages for messages read one by one."""
    prepared = prepare_texts(messages.with_row_index(ROW))
    agents = prepared.filter((pl.col("author_role") == "agent") & pl.col("is_public"))
    customers = prepared.filter(pl.col("author_role") == "customer")
    found = [
        find_phrases(agents, playbook.practices).with_columns(kind=pl.lit("practice")),
        _find_signals(customers, playbook.signals).with_columns(kind=pl.lit("signal")),
    ]
    label_order = {label: rank for rank, label in enumerate([*playbook.practices, *playbook.signals])}
    return (
        pl.concat(found)
        # Stable: two rules of a label can match at one place ("WHAT THE HECK" is a phrase and
        # shouting); the one found first wins, whatever else is in the batch.
        .sort(ROW, pl.col("label").replace_strict(label_order, return_dtype=pl.Int32), START, maintain_order=True)
        .unique([ROW, "label"], keep="first", maintain_order=True)
        .join(prepared.select(ROW, "message_id"), on=ROW, how="left")
        .select([pl.col(name).cast(dtype) for name, dtype in LABEL_SCHEMA.items()])
    )


def prepare_texts(frame: pl.DataFrame) -> pl.DataFrame:
    """Add the text the rules read: body_clean with curly apostrophes made straight.

    One character for one keeps every position, so a phrase is cut from body_clean as written.
    """
    body = pl.col("body_clean").fill_null("")
    return frame.with_columns(body_clean=body, **{_TEXT: body.str.replace_all("[\u2018\u2019]", "'")})


def find_phrases(frame: pl.DataFrame, rules: Mapping[str, PhraseRule]) -> pl.DataFrame:
    """Every label of `rules` in every row of `frame` (from prepare_texts, with a _row column).

    Returns _row, label, phrase, rule, _start: one row per (row, label), the earliest phrase.
    """
    if frame.is_empty() or not rules:
        return pl.DataFrame(schema=_FOUND_SCHEMA)
    candidates = frame.select(
        ROW,
        "body_clean",
        _TEXT,
        *[pl.col(_TEXT).str.contains(rule.prefilter).alias(f"_may_{label}") for label, rule in rules.items()],
    )
    found = []
    for label, rule in rules.items():
        maybe = candidates.filter(pl.col(f"_may_{label}")).select(ROW, "body_clean", _TEXT)
        matcher = rule.matcher
        possibles = _possible(maybe, rule) if maybe.height >= ASK_POLARS_FROM_TEXTS else repeat(EVERYTHING)
        for (row, body, text), possible in zip(maybe.iter_rows(), possibles):
            match = matcher.first_match(text, possible)
            if match is not None:
                rule_name = f"{label}.patterns[{match.pattern_index}]"
                found.append((row, label, body[match.start : match.end], rule_name, match.start))
    return pl.DataFrame(found, schema=_FOUND_SCHEMA, orient="row")


def _possible(frame: pl.DataFrame, rule: PhraseRule) -> Iterator[Possible]:
    """For each text, which of the rule's patterns and exceptions Polars finds may be there: Python,
    which is far slower at regular expressions, then searches only those."""
    text = pl.col(_TEXT)
    exceptions = [text.str.contains(p) if p else pl.lit(False) for p in rule.unless_prefilters]
    patterns = rule.pattern_prefilters
    flags = frame.select(
        *[text.str.contains(p).alias(f"_p{i}") for i, p in enumerate(patterns)],
        *[flag.alias(f"_e{i}") for i, flag in enumerate(exceptions)],
    )
    indices = range(len(patterns))
    for row in flags.iter_rows():
        yield Possible([i for i in indices if row[i]], row[-2], row[-1])


def _find_signals(customers: pl.DataFrame, signals: Mapping[str, SignalRule]) -> pl.DataFrame:
    """Signals in customer messages: phrases on the channels each signal applies to, and shouting."""
    found = [_find_shouting(customers, label, rule) for label, rule in signals.items() if rule.shouting]
    for channels, group in _group_by_channels(signals).items():
        on_channels = customers if channels is None else _on_channels(customers, channels)
        found.append(find_phrases(on_channels, group))
    return _without_excluded_signals(pl.concat(found), signals)


def _without_excluded_signals(found: pl.DataFrame, signals: Mapping[str, SignalRule]) -> pl.DataFrame:
    """Drop a signal from a message that also carries one of the signals its rule names in unless_signals."""
    excluded = [(label, rule.unless_signals) for label, rule in signals.items() if rule.unless_signals]
    if not excluded:
        return found
    labels_of_row = found.group_by(ROW).agg(_labels=pl.col("label"))
    drop = pl.lit(False)
    for label, others in excluded:
        drop = drop | ((pl.col("label") == label) & pl.col("_labels").list.eval(pl.element().is_in(others)).list.any())
    return found.join(labels_of_row, on=ROW, how="left").filter(~drop).drop("_labels")


def _group_by_channels(signals: Mapping[str, SignalRule]) -> dict[tuple[str, ...] | None, dict[str, SignalRule]]:
    """Signals grouped by the channels they are limited to (None: every channel)."""
    groups: dict[tuple[str, ...] | None, dict[str, SignalRule]] = {}
    for label, rule in signals.items():
        key = tuple(rule.channels) if rule.channels is not None else None
        groups.setdefault(key, {})[label] = rule
    return groups


def _on_channels(customers: pl.DataFrame, channels: tuple[str, ...]) -> pl.DataFrame:
    """Messages on one of `channels`; none when the messages carry no channel."""
    if "channel" not in customers.columns:
        return customers.clear()
    return customers.filter(pl.col("channel").str.to_lowercase().is_in(channels))


def _find_shouting(customers: pl.DataFrame, label: str, rule: SignalRule) -> pl.DataFrame:
    """Runs of ALL-CAPS words and of "!" (rules <label>.caps_shouting, <label>.exclamations).

    The signal's exceptions still apply ("THANK YOU SO MUCH!!!" is not anger); negation does not,
    as there is no phrase to negate.
    """
    shouting = rule.shouting
    runs = {}
    if shouting.caps_words:
        # Words of two or more capitals, so "I" and "A" neither make nor break a run.
        word = r"\p{Lu}[\p{Lu}']+"
        runs["caps_shouting"] = rf"{word}(?:[\s,]+{word}){{{shouting.caps_words - 1},}}"
    if shouting.exclamation_marks:
        runs["exclamations"] = rf"!{{{shouting.exclamation_marks},}}"
    found = []
    for name, pattern in runs.items():
        matches = customers.select(ROW, "body_clean", _TEXT, _runs=pl.col(_TEXT).str.extract_all(pattern))
        for row, body, text, phrases in matches.filter(pl.col("_runs").list.len() > 0).iter_rows():
            match = _first_uncancelled(rule, text, phrases)
            if match is not None:
                start, end = match
                found.append((row, label, body[start:end], f"{label}.{name}", start))
    return pl.DataFrame(found, schema=_FOUND_SCHEMA, orient="row")


def _first_uncancelled(rule: PhraseRule, text: str, phrases: list[str]) -> tuple[int, int] | None:
    """Where the first of `phrases` (found in order in `text`) that no exception cancels is."""
    position = 0
    for phrase in phrases:
        start = text.index(phrase, position)
        position = start + len(phrase)
        if not rule.cancels(text, start, position, negation=False):
            return start, position
    return None
