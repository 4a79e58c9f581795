"""A rule's gates (required strings, and for an any_of rule its patterns searched one by one) only
ever skip texts the rule cannot match: the product's sentiment rows are the same with the gates as
without them, on real support text and on generated text."""

from __future__ import annotations

import re

import polars as pl
import pytest

from heatcheck.labeling.evaluation import read_airline_dev
from heatcheck.labeling.playbook import load_playbook
from heatcheck.labeling.required_text import match_start, required_text, widened
from heatcheck.labeling.sentiment import _RUST_LIKE_PYTHON, SentimentScorer
from tests.conftest import SHARED_DATA, TWCS_HEAD
from tests.labeling.test_fast_vader import generated_texts


@pytest.mark.parametrize(
    ("pattern", "required"),
    [
        ("sorry", {"sorry"}),
        ("(sorry|apologi[sz]e)", {"sorry", "apologi"}),
        (r"\b(?:on\s+hold|hung\s+up)\b", {"hold", "hung"}),
        (r"thanks? for (the )?delay", {"thank"}),  # the longest run ("s?" may be absent)
        (r"(a|b)+c", {"c"}),  # as long as {"a", "b"} and narrower
        (r"x*", None),  # may match nothing at all
        (r"(sorry|\w+)", None),  # one branch needs no particular text
        (r"[^a]bc", {"bc"}),
        ("çava", None),  # IGNORECASE folds some non-ASCII letters onto ASCII ones
    ],
)
def test_the_required_strings_of_a_pattern(pattern: str, required: set[str] | None):
    found = required_text(pattern)
    assert (None if found is None else set(found)) == required


def test_every_match_contains_a_required_string():
    """Each gate of the shipped sentiment rules, on the airline tweets: whatever its regex (or its
    own search, for an any_of rule) matches holds one of its required strings."""
    scorer = SentimentScorer(load_playbook().sentiment_rules())
    texts = read_airline_dev(SHARED_DATA)["text"].to_list()
    checked = 0
    for (name, _rule, pattern, _stand_in), gates in zip(scorer._rules, scorer._gates, strict=True):
        for search, required, _early in gates:
            if required is None:
                continue
            for text in texts:
                for match in (search.whole if search else pattern).finditer(text):
                    assert any(part in match.group().lower() for part in required), (name, match.group())
                    checked += 1
    assert checked > 1000


@pytest.mark.parametrize(
    ("pattern", "start"),
    [
        (r"(?:(?<!\w)(?<!\w')|(?=\W))(?:oh great)(?!\w)", r"(?:oh great)(?!\w)"),  # whole_words
        (r"(?=(?:a)b)(?!(?:ab)c)(?:a)b", r"(?:a)b"),  # a phrase behind its exceptions
        (r"(?=[)(])x", "x"),  # a class holding parentheses
        (r"(?s)a.b", None),  # an inline flag changes what the rest matches: kept
        (r"(?:ab)c", None),  # the opening group consumes text
        (r"(?=a)", None),  # nothing left to search for
        (r"abc", None),
    ],
)
def test_the_start_of_a_pattern(pattern: str, start: str | None):
    assert match_start(pattern) == start


def test_every_match_of_a_gate_starts_where_its_start_matches(support_texts: list[str]):
    """The shipped any_of gates on real and generated support text: each match of the whole
    pattern begins at a match of match_start's pattern, so searching for that first loses none."""
    scorer = SentimentScorer(load_playbook().sentiment_rules())
    checked = 0
    for gates in scorer._gates:
        for search, _required, _early in gates:
            if search is None or search.start is None:
                continue
            for text in support_texts:
                for match in search.whole.finditer(text):
                    assert search.start.match(text, match.start()), (search.whole.pattern, text)
                    checked += 1
    assert checked > 100


@pytest.mark.parametrize(
    ("pattern", "wide"),
    [
        (r"(?<!\w)oh great(?!\w)", "oh great"),
        (r"(?=(?:a)b)(?!(?:ab)c)(?:a)b", "(?:a)b"),  # nested groups inside a lookahead
        (r"[(?=]x(?!y)", "[(?=]x"),  # "(?=" inside a class is no lookaround
        (r"\(?=x", r"\(?=x"),  # nor is an escaped parenthesis
        (r"[]a](?!b)", "[]a]"),  # a class opening with a literal "]"
        (r"a(?=b)+", None),  # a quantified lookaround: dropping it would quantify "a"
        (r"late$", None),  # Python's "$" also matches before a final newline
        (r"a(?=b", None),  # unbalanced: left to re.compile to reject
    ],
)
def test_the_widened_pattern(pattern: str, wide: str | None):
    assert widened(pattern) == wide


def test_every_text_a_rule_matches_is_found_by_its_widened_pattern(support_texts: list[str]):
    """The shipped rules on real and generated support text: wherever Python's regex finds a rule,
    Rust's (in Polars) finds its widened pattern, so skipping the texts Polars does not find loses
    nothing."""
    scorer = SentimentScorer(load_playbook().sentiment_rules())
    frame = pl.DataFrame({"text": support_texts})
    checked = 0
    for index, wide in scorer._widened.items():
        pattern = scorer._rules[index][2]
        found = frame.select(pl.col("text").str.contains(wide))["text"].to_list()
        for text, by_polars in zip(support_texts, found, strict=True):
            if re.match(_RUST_LIKE_PYTHON, text) and pattern.search(text):
                assert by_polars, (pattern.pattern, text)
                checked += 1
    assert len(scorer._widened) >= 20
    assert checked > 100


@pytest.fixture(scope="module")
def support_texts() -> list[str]:
    """Real customer and agent text (Twitter threads, airline tweets) and generated VADER text."""
    threads = pl.read_csv(TWCS_HEAD, infer_schema=False)["text"].drop_nulls().to_list()
    airline = read_airline_dev(SHARED_DATA)["text"].to_list()
    return threads + airline + generated_texts(3000, seed=11)


def test_skipping_rules_changes_no_score_label_or_evidence(support_texts: list[str]):
    rules = load_playbook().sentiment_rules()
    skipping, searching = SentimentScorer(rules), SentimentScorer(rules)
    # No gates: every rule's own regex runs on every text, any_of rules as one whole-text regex.
    searching._gates = [[(None, None, False)] for _ in searching._gates]
    searching._always_tried, searching._rules_by_string, searching._early_strings = (
        set(range(len(searching._gates))),
        {},
        [],
    )
    searching._widened = {}  # and no Polars search for the rules a text may match
    fast_rows, slow_rows = skipping.score_texts(support_texts), searching.score_texts(support_texts)
    differing = [i for i, (a, b) in enumerate(zip(fast_rows.rows(), slow_rows.rows(), strict=True)) if a != b]
    assert not differing, [support_texts[i] for i in differing[:5]]
    # The comparison means something only if rules fired and were skipped on these texts.
    assert fast_rows["evidence"].list.len().sum() > 1000
    assert sum(all(required is not None for _, required, _ in gates) for gates in skipping._gates) >= 20
    assert any(search is not None for gates in skipping._gates for search, _, _ in gates)  # an any_of rule
