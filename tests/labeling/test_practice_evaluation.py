"""The practice and signal figures are counted right on hand-made data, the misses show a playbook
editor what to fix, the shipped rules reach the agreed agreement on the hand-labelled dev set, and
no playbook phrase is a quote of a dev-set text."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import yaml

from heatcheck.labeling.playbook import DEFAULT_PATH, load_playbook
from heatcheck.labeling.practice_evaluation import (
    PRACTICES_DEV,
    SIDES,
    LabelScore,
    measure_side,
    micro_scores,
    misses,
    misses_text,
    practice_sections,
    score_labels,
)

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
needs_dev_set = pytest.mark.skipif(not (SHARED_DATA / PRACTICES_DEV).is_dir(), reason="practices_dev is not here")


def test_precision_recall_and_f1_are_counted_per_label():
    truth = {"a": {"x"}, "b": {"x", "y"}, "c": set(), "d": {"y"}}
    found = {"a": {"x"}, "c": {"x"}, "d": {"y"}}
    x, y = score_labels(truth, found, ["x", "y"])
    assert (x.true_positives, x.false_positives, x.false_negatives, x.support) == (1, 1, 1, 2)
    assert (x.precision, x.recall, x.f1) == (0.5, 0.5, 0.5)
    assert (y.precision, y.recall) == (1.0, 0.5)
    assert y.f1 == pytest.approx(2 / 3)


def test_a_label_never_found_nor_given_scores_zero_rather_than_failing():
    never = LabelScore("blame", 0, 0, 0)
    assert (never.precision, never.recall, never.f1, never.support) == (0.0, 0.0, 0.0, 0)


def test_the_micro_figures_pool_only_labels_with_enough_examples():
    scores = [LabelScore("common", 8, 2, 0), LabelScore("rare", 0, 5, 7)]
    micro = micro_scores(scores, min_support=8)
    assert (micro.true_positives, micro.false_positives, micro.false_negatives) == (8, 2, 0)
    assert micro.precision == 0.8 and micro.recall == 1.0


def write_tiny_dev_set(root: Path) -> None:
    """A stand-in for practices_dev with the same layout: a few invented texts per side."""
    folder = root / PRACTICES_DEV
    folder.mkdir(parents=True)
    rows = {
        "agent_practices.csv": [
            ("1", "So sorry about that! Please DM us your order number.", "apologize|redirect_channel"),
            ("2", "Thanks for flying with us today.", "redirect_channel"),
            ("3", "Sorry, the lounge is closed.", ""),
        ],
        "customer_signals.csv": [("4", "This is ridiculous.", "anger"), ("5", "Thanks!", "gratitude")],
    }
    for file_name, texts in rows.items():
        with (folder / file_name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["tweet_id", "text", "labels"])
            writer.writerows(texts)


def test_misses_list_what_the_rules_missed_and_flagged_wrongly_with_the_evidence(tmp_path: Path):
    write_tiny_dev_set(tmp_path)
    playbook = load_playbook()
    score, found = misses(tmp_path, playbook, "apologize")
    assert [(miss.tweet_id, miss.kind) for miss in found] == [("3", "false alarm")]
    assert ("apologize", "apologize.patterns[0]", "Sorry") in found[0].evidence
    assert (score.true_positives, score.false_positives, score.false_negatives) == (1, 1, 0)

    score, found = misses(tmp_path, playbook, "redirect_channel")
    assert [(miss.tweet_id, miss.kind) for miss in found] == [("2", "missed")]
    text = misses_text("redirect_channel", score, found)
    assert "[missed] 2: Thanks for flying with us today." in text
    assert text.startswith("redirect_channel: precision 1.000, recall 0.500")


def test_misses_of_an_unknown_label_name_the_labels_there_are(tmp_path: Path):
    write_tiny_dev_set(tmp_path)
    with pytest.raises(ValueError, match="unknown label 'apology'.*apologize"):
        misses(tmp_path, load_playbook(), "apology")


def test_the_report_has_a_section_per_side_with_every_label_and_the_micro_line(tmp_path: Path):
    write_tiny_dev_set(tmp_path)
    playbook = load_playbook()
    sections = dict(practice_sections(tmp_path, playbook))
    agent = sections["Agent practices on practices_dev (hand-labelled)"]
    customer = sections["Customer signals on practices_dev (hand-labelled)"]
    assert all(f"\n{label} " in agent for label in playbook.practices)
    assert all(f"\n{label} " in customer for label in playbook.signals)
    assert "micro (support >= 8)" in agent and "micro (support >= 8)" in customer


@needs_dev_set
@pytest.mark.parametrize("side", SIDES, ids=lambda side: side.title)
def test_on_the_dev_set_each_side_reaches_precision_085_and_recall_075(side):
    result = measure_side(SHARED_DATA, side, load_playbook())
    assert result.micro.precision >= 0.85 and result.micro.recall >= 0.75
    for score in result.scores:
        if score.support >= 20:
            assert score.recall >= 0.60, score.label


# ---- no playbook phrase may quote a dev-set text -------------------------------------------------

QUOTE_WORDS = 6
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def literal_words(pattern: str) -> list[str]:
    """The words a regular expression spells out, in order, once its syntax is taken away."""
    text = re.sub(r"\\[a-zA-Z]", " ", pattern.lower())  # \w, \d, \b ... are classes, not letters
    text = re.sub(r"\[[^\]]*\]", " ", text)  # a character class is not a word
    text = re.sub(r"\{\d*,?\d*\}", " ", text)
    return _WORD.findall(text)


def word_runs(words: list[str], length: int = QUOTE_WORDS) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + length]) for i in range(len(words) - length + 1)}


def playbook_strings(node) -> list[str]:
    """Every string of the playbook (patterns, phrases, exceptions, descriptions)."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [text for key, value in node.items() for text in playbook_strings(key) + playbook_strings(value)]
    if isinstance(node, list):
        return [text for item in node for text in playbook_strings(item)]
    return []


def dev_word_runs() -> set[tuple[str, ...]]:
    runs: set[tuple[str, ...]] = set()
    for side in SIDES:
        with (SHARED_DATA / PRACTICES_DEV / side.file_name).open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                runs |= word_runs(_WORD.findall(row["text"].lower().replace("\u2019", "'")))
    return runs


def quotes(strings: list[str], runs: set[tuple[str, ...]]) -> list[tuple[str, tuple[str, ...]]]:
    return [(text, run) for text in strings for run in word_runs(literal_words(text)) if run in runs]


@needs_dev_set
def test_no_playbook_phrase_quotes_six_words_in_a_row_of_a_dev_set_text():
    strings = playbook_strings(yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8")))
    assert quotes(strings, dev_word_runs()) == []


@needs_dev_set
def test_the_quote_check_catches_a_copied_phrase_even_inside_regex_syntax():
    runs = dev_word_runs()
    quoted = next(iter(sorted(runs)))
    pattern = rf"(?:\b{' '.join(quoted[:3])}\b)[ ,]*{' +'.join(quoted[3:])}"
    assert quotes([pattern], runs) == [(pattern, quoted)]


def test_literal_words_drop_regex_syntax():
    assert literal_words(r"(i|we)('ll| will) \w+ pass (it |this )?on[.!]") == [
        "i",
        "we",
        "ll",
        "will",
        "pass",
        "it",
        "this",
        "on",
    ]
