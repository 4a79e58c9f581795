"""FastVader scores every text exactly as vaderSentiment does: the VADER paper's ground truth and
generated texts that pile up the rules' corner cases, with the default lexicon and with one
changed as the product changes it."""

from __future__ import annotations

import random
from collections.abc import Iterable

import pytest
from vaderSentiment import vaderSentiment
from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    NEGATE,
    SENTIMENT_LADEN_IDIOMS,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
)

from heatcheck.labeling.fast_vader import FastVader
from tests.conftest import shared

GROUND_TRUTH = "vader_hutto_icwsm2014_ground_truth"
# Rows per file, as PROVENANCE.md gives them.
GROUND_TRUTH_ROWS = {
    "tweets_GroundTruth.txt": 4200,
    "amazonReviewSnippets_GroundTruth.txt": 3708,
    "movieReviewSnippets_GroundTruth.txt": 10605,
    "nytEditorialSnippets_GroundTruth.txt": 5190,
}
MADE_UP_WORDS = {"hcrule0": -2.5, "hcrule1": 1.5, "hcrule2": 0.0, "hcrule3": 3, "but": 0.8, "least": -0.4}
CHANGED_VALENCES = {"good": 2.0, "great": 1.0, "kind": 1.9, "no": -1.0, "bad": -2.0, "doubt": 0.0}

NEGATIONS = [*NEGATE, "isn't", "don't", "DON'T", "Can't", "wouldn't", "ain't", "n't", "no", "nor", "or"]
FILLERS = (
    "the a my your order refund is was it to for of this that and I we you me at very so right stop bus "
    "heart death kiss die yeah just enough kind sort least doubt without never hand mouth smoke ball"
).split()
EMOTICONS = [":)", ":(", ":D", ":-)", ":-(", "<3", ":/", ";)", ":P", "(:", "xD", "^_^", "D:"]
FOREIGN = (
    "très bien mauvais génial déçu ¡excelente! muy bueno no me gusta malo хорошо плохо ОЧЕНЬ "
    "Отлично 素晴らしい 悪い です。 ΟΔΟΣ ΑΣ. İYİ İstanbul İİ, straße ß"
).split()
PUNCTUATION = ["!", "!!", "!!!!", "!!!!!!", "?", "??", "???", "?!?!", ".", "...", ",", ";", "-"]
SPACES = [" ", " ", " ", " ", "  ", "\t", "\n", " \u00a0", "\u3000"]


def _by_valence(lexicon: dict[str, float], per_value: int, rng: random.Random) -> list[str]:
    """A few lexicon words of every valence the lexicon holds, emoticons included."""
    words: dict[float, list[str]] = {}
    for word, valence in sorted(lexicon.items()):
        words.setdefault(valence, []).append(word)
    return [word for group in words.values() for word in rng.sample(group, min(per_value, len(group)))]


def generated_texts(count: int, seed: int) -> list[str]:
    """`count` texts of up to ~40 pieces drawn from pools of words that trigger VADER's rules."""
    rng = random.Random(seed)
    reference = SentimentIntensityAnalyzer()
    emojis = sorted(reference.emojis)
    pools = {
        "lexicon": (_by_valence(reference.lexicon, 3, rng), 30),
        "booster": (sorted(BOOSTER_DICT), 10),
        "negation": (NEGATIONS + ["never so", "never this", "NEVER so", "without doubt", "without a doubt"], 8),
        "but": (["but", "BUT", "But", "but,", "but..."], 5),
        "least": (["least", "at least", "very least", "LEAST", "the least"], 3),
        "hedge": (["kind of", "sort of", "KIND OF", "kind"], 3),
        "idiom": (sorted(SPECIAL_CASES) + sorted(SENTIMENT_LADEN_IDIOMS), 4),
        "made-up": (sorted(MADE_UP_WORDS), 3),
        "filler": (FILLERS, 25),
        "emoticon": (EMOTICONS, 3),
        "emoji": (emojis, 3),
        "foreign": (FOREIGN, 4),
        "punctuation": (PUNCTUATION, 4),
    }
    names = list(pools)
    weights = [weight for _, weight in pools.values()]
    texts = ["", " ", "   ", "\t\n", "\u3000", "!", "?!", ":)", "😁", "no", "NO", "but", "good", "GOOD!!!"]
    while len(texts) < count:
        shape = rng.random()
        size = rng.randint(1, 3) if shape < 0.15 else rng.randint(0, 40) if shape < 0.95 else 0
        pieces: list[str] = []
        for _ in range(size):
            if pieces and rng.random() < 0.1:
                # Repeated words give repeated scores, which VADER's "but" rule mixes up.
                piece = rng.choice(pieces)
            else:
                piece = rng.choice(pools[rng.choices(names, weights)[0]][0])
            if rng.random() < 0.12:
                piece = piece.upper()
            if rng.random() < 0.1:
                piece = rng.choice(["(", '"', "'", "...", "*"]) + piece
            if rng.random() < 0.15:
                piece += rng.choice([*PUNCTUATION, ")", '"', "'"])
            pieces.append(piece)
        text = ""
        for piece in pieces:
            # Emoji and punctuation are sometimes glued to the word before them.
            text += ("" if text and rng.random() < 0.1 else rng.choice(SPACES)) + piece
        texts.append(text if rng.random() < 0.8 else text.strip())
    return texts[:count]


def assert_same_scores(reference: SentimentIntensityAnalyzer, fast: FastVader, texts: Iterable[str]) -> int:
    """All four scores equal with == for every text; the first mismatches are named. Returns how
    many texts VADER found any sentiment in, so a test can tell it checked more than neutrals."""
    mismatches = []
    scored = 0
    for text in texts:
        expected = reference.polarity_scores(text)
        actual = fast.polarity_scores(text)
        if actual != expected or list(actual) != list(expected):
            mismatches.append((text, expected, actual))
        scored += expected["compound"] != 0
    shown = "\n".join(f"{text!r}\n  vader: {expected}\n  fast:  {actual}" for text, expected, actual in mismatches[:5])
    assert not mismatches, f"{len(mismatches)} texts score differently, the first ones:\n{shown}"
    return scored


@pytest.fixture(scope="module")
def reference() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return generated_texts(12_000, seed=20140601)


def test_the_vader_papers_ground_truth_scores_identically(reference: SentimentIntensityAnalyzer):
    fast = FastVader(reference.lexicon, reference.emojis)
    texts = []
    for name, rows in GROUND_TRUTH_ROWS.items():
        lines = shared(f"{GROUND_TRUTH}/{name}").read_text(encoding="utf-8").splitlines()
        file_texts = [line.split("\t", 2)[2] for line in lines if line]
        assert len(file_texts) == rows, name
        texts += file_texts
    assert assert_same_scores(reference, fast, texts) > 15_000


def test_generated_texts_score_identically(reference: SentimentIntensityAnalyzer, texts: list[str]):
    assert len(texts) >= 10_000
    assert sum("but" in text.lower() for text in texts) > 2_000
    assert assert_same_scores(reference, FastVader(reference.lexicon, reference.emojis), texts) > 6_000


def test_generated_texts_score_identically_with_a_changed_lexicon(texts: list[str]):
    """Made-up and changed words, negative valences 1.5 times heavier, as the product's overlay."""
    reference = SentimentIntensityAnalyzer()
    reference.lexicon.update(MADE_UP_WORDS)
    reference.lexicon.update(CHANGED_VALENCES)
    for word, valence in reference.lexicon.items():
        if valence < 0:
            reference.lexicon[word] = valence * 1.5
    fast = FastVader(reference.lexicon, reference.emojis)
    assert assert_same_scores(reference, fast, texts) > 6_000


def test_later_changes_to_the_lexicon_are_not_seen(reference: SentimentIntensityAnalyzer):
    lexicon = dict(reference.lexicon)
    fast = FastVader(lexicon, reference.emojis)
    lexicon["good"] = -3.0
    assert fast.polarity_scores("good") == reference.polarity_scores("good")


@pytest.mark.slow
def test_a_hundred_thousand_generated_texts_score_identically(reference: SentimentIntensityAnalyzer):
    texts = generated_texts(100_000, seed=1)
    assert assert_same_scores(reference, FastVader(reference.lexicon, reference.emojis), texts) > 50_000


def scores_and_words_of(analyser: SentimentIntensityAnalyzer, monkeypatch: pytest.MonkeyPatch):
    """The reference's polarity_scores with the words it read, as its own SentiText split them
    (emoji already described), lower-cased as its rules compare them."""
    read: list[list[str]] = []

    class Recorded(vaderSentiment.SentiText):
        def __init__(self, text, *args):
            super().__init__(text, *args)
            read.append([word.lower() for word in self.words_and_emoticons])

    monkeypatch.setattr(vaderSentiment, "SentiText", Recorded)

    def scores_and_words(text: str) -> tuple[dict[str, float], list[str]]:
        read.clear()
        return analyser.polarity_scores(text), read[0]

    return scores_and_words


def test_the_words_read_are_the_references(reference, texts, monkeypatch):
    fast = FastVader(reference.lexicon, reference.emojis)
    slow = scores_and_words_of(reference, monkeypatch)
    sample = [*texts[:4000], "😡abc", "ok😡 😡😡 fine", "İstanbul İİ"]
    differing = [text for text in sample if fast.scores_and_words(text) != slow(text)]
    assert not differing, differing[:5]


def test_the_products_scores_are_what_the_reference_analysers_give(texts: list[str], monkeypatch):
    """SentimentScorer scores through FastVader; swapping the reference analysers back in changes
    no plain score, no product score, label or evidence (the overlay lexicon is the modified one)."""
    from heatcheck.labeling.playbook import load_playbook
    from heatcheck.labeling.sentiment import SentimentScorer

    rules = load_playbook().sentiment_rules()
    fast, slow = SentimentScorer(rules), SentimentScorer(rules)
    slow._plain_scores = slow._plain.polarity_scores
    slow._overlay_scores = scores_and_words_of(slow._overlay, monkeypatch)
    sample = texts[:3000] + ["Thanks for the 3 hour delay. Love it.", "@united not on hold again!!! 😡"]
    fast_rows, slow_rows = fast.score_texts(sample), slow.score_texts(sample)
    differing = [i for i, (a, b) in enumerate(zip(fast_rows.rows(), slow_rows.rows(), strict=True)) if a != b]
    assert not differing, [sample[i] for i in differing[:5]]
