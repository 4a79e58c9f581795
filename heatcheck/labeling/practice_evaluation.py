"""How well the practice and signal rules agree with a careful reader (SPEC section 8).

Measured on practices_dev (hand-labelled agent replies and customer tweets, kept outside the
project): precision, recall, F1 and support per label, and micro figures over the labels with
enough examples to mean something. `misses` lists, for one label, the texts the rules missed and
the ones they flagged wrongly, with the evidence that fired, so a playbook editor sees what to fix.

The texts go through the same cleaning as an ingested message (body_clean) and are read as public
Twitter messages, which is what they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from heatcheck.labeling.evaluation import LabelScore
from heatcheck.labeling.playbook import Playbook
from heatcheck.labeling.practices import label_messages
from heatcheck.readers.text import clean_body

PRACTICES_DEV = Path("practices_dev")
# A micro figure over labels with fewer examples than this would swing on one text.
MICRO_MIN_SUPPORT = 8


@dataclass(frozen=True)
class Side:
    """One half of the dev set: whose messages, in which file, labelled with which section."""

    title: str
    file_name: str
    author_role: str
    section: str
    kind: str  # the kind of the label rows: practice or signal


SIDES = (
    Side("Agent practices", "agent_practices.csv", "agent", "practices", "practice"),
    Side("Customer signals", "customer_signals.csv", "customer", "signals", "signal"),
)


@dataclass(frozen=True)
class Miss:
    """A text where the rules and the reader disagree on a label, with what the rules found."""

    tweet_id: str
    kind: str  # "missed" (the reader gave the label) or "false alarm" (only the rules did)
    text: str
    evidence: tuple[tuple[str, str, str], ...]  # (label, rule, phrase) of every label found


def read_side(shared_data: Path, side: Side) -> pl.DataFrame:
    """tweet_id, text and the reader's labels (a list) of one dev file."""
    frame = pl.read_csv(Path(shared_data) / PRACTICES_DEV / side.file_name, infer_schema=False)
    return frame.select(
        "tweet_id",
        "text",
        labels=pl.col("labels").fill_null("").str.split("|").list.eval(pl.element().filter(pl.element() != "")),
    )


def found_labels(texts: pl.DataFrame, side: Side, playbook: Playbook) -> pl.DataFrame:
    """The rules' label rows (message_id is the tweet_id) for texts written by the side's author."""
    messages = texts.select(
        message_id="tweet_id",
        author_role=pl.lit(side.author_role),
        is_public=pl.lit(True),
        body_clean=pl.col("text").map_elements(clean_body, return_dtype=pl.String),
        channel=pl.lit("twitter"),
    )
    return label_messages(messages, playbook).filter(pl.col("kind") == side.kind)


def score_labels(truth: dict[str, set[str]], found: dict[str, set[str]], labels: Sequence[str]) -> list[LabelScore]:
    """Per-label agreement of `found` with `truth` (each: text id -> labels)."""
    scores = []
    for label in labels:
        true = {key for key, value in truth.items() if label in value}
        flagged = {key for key, value in found.items() if label in value}
        scores.append(LabelScore(label, len(true & flagged), len(flagged - true), len(true - flagged)))
    return scores


def micro_scores(scores: Sequence[LabelScore], min_support: int = MICRO_MIN_SUPPORT) -> LabelScore:
    """Hits, false alarms and misses pooled over the labels with at least `min_support` examples."""
    counted = [score for score in scores if score.support >= min_support]
    return LabelScore(
        f"micro (support >= {min_support})",
        sum(s.true_positives for s in counted),
        sum(s.false_positives for s in counted),
        sum(s.false_negatives for s in counted),
    )


@dataclass(frozen=True)
class SideResult:
    """One side measured: the texts, what the reader and the rules said, and the scores."""

    side: Side
    texts: pl.DataFrame
    found: pl.DataFrame
    scores: list[LabelScore]

    @property
    def micro(self) -> LabelScore:
        """The pooled figures over the labels with enough examples."""
        return micro_scores(self.scores)


def measure_side(shared_data: Path, side: Side, playbook: Playbook) -> SideResult:
    """Read one dev file, label it with the playbook, and score every label of the side's section."""
    texts = read_side(shared_data, side)
    found = found_labels(texts, side, playbook)
    truth = dict(texts.select("tweet_id", "labels").iter_rows())
    truth = {key: set(value) for key, value in truth.items()}
    flagged: dict[str, set[str]] = {}
    for message_id, label in found.select("message_id", "label").iter_rows():
        flagged.setdefault(message_id, set()).add(label)
    labels = list(getattr(playbook, side.section))
    return SideResult(side, texts, found, score_labels(truth, flagged, labels))


def side_text(result: SideResult) -> str:
    """The table of one side: a line per label and the micro line."""
    lines = [
        f"{result.texts.height} texts",
        "",
        f"{'label':22}{'precision':>10}{'recall':>8}{'F1':>7}{'support':>9}{'found':>7}",
    ]
    for score in [*result.scores, result.micro]:
        found = score.true_positives + score.false_positives
        lines.append(
            f"{score.label:22}{score.precision:>10.3f}{score.recall:>8.3f}{score.f1:>7.3f}{score.support:>9}{found:>7}"
        )
    return "\n".join(lines)


def practice_sections(shared_data: Path, playbook: Playbook) -> list[tuple[str, str]]:
    """The report's sections, one per side, as (title, text)."""
    return [
        (f"{result.side.title} on practices_dev (hand-labelled)", side_text(result))
        for result in (measure_side(shared_data, side, playbook) for side in SIDES)
    ]


def side_of(label: str, playbook: Playbook) -> Side:
    """The side whose section holds `label`; ValueError naming the labels there are."""
    for side in SIDES:
        if label in getattr(playbook, side.section):
            return side
    known = ", ".join(label for side in SIDES for label in getattr(playbook, side.section))
    raise ValueError(f"unknown label {label!r}; the labels are {known}")


def misses(shared_data: Path, playbook: Playbook, label: str) -> tuple[LabelScore, list[Miss]]:
    """The label's score and every dev text where the rules and the reader disagree on it."""
    result = measure_side(shared_data, side_of(label, playbook), playbook)
    evidence: dict[str, list[tuple[str, str, str]]] = {}
    for message_id, found_label, rule, phrase in result.found.select(
        "message_id", "label", "rule", "phrase"
    ).iter_rows():
        evidence.setdefault(message_id, []).append((found_label, rule, phrase))
    disagreements = []
    for tweet_id, text, labels in result.texts.iter_rows():
        by_reader = label in labels
        by_rules = any(found == label for found, _, _ in evidence.get(tweet_id, []))
        if by_reader != by_rules:
            kind = "missed" if by_reader else "false alarm"
            disagreements.append(Miss(tweet_id, kind, text, tuple(evidence.get(tweet_id, []))))
    disagreements.sort(key=lambda miss: miss.kind != "missed")
    score = next(score for score in result.scores if score.label == label)
    return score, disagreements


def misses_text(label: str, score: LabelScore, found: Sequence[Miss]) -> str:
    """The misses of one label as printable text: the label's figures, then each text and its evidence."""
    lines = [
        f"{label}: precision {score.precision:.3f}, recall {score.recall:.3f}, F1 {score.f1:.3f}, "
        f"support {score.support}; {score.false_negatives} missed, {score.false_positives} false alarms"
    ]
    for miss in found:
        lines += ["", f"[{miss.kind}] {miss.tweet_id}: {' '.join(miss.text.split())}"]
        own = [item for item in miss.evidence if item[0] == label]
        others = [item for item in miss.evidence if item[0] != label]
        lines += [f'    fired: {rule}: "{phrase}"' for _, rule, phrase in own]
        if others:
            lines.append("    other labels: " + "; ".join(f'{rule}: "{phrase}"' for _, rule, phrase in others))
    return "\n".join(lines)
