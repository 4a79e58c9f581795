"""VADER's polarity_scores, bit for bit, several times faster (vaderSentiment 3.3.2).

The reference spends most of its time on work that does not depend on the sentiment words: it
rebuilds every text character by character to replace emoji, lower-cases the whole token list
again in each rule it applies to each sentiment word, builds idiom strings around every sentiment
word, and its "but" rule calls `list.index` once per token. FastVader lower-cases and strips the
tokens once per text, replaces emoji only in a text that has one, and then visits only the tokens
found in the lexicon; a text with no such token is neutral straight away.

Exactness is the design constraint: every rule, quirks included, is applied in the reference's
order with the same float operations, so the four scores compare equal with `==`. The quirks kept
on purpose are noted where they are applied. Every table is built from the lexicon and emoji
dicts given to the constructor (the product passes a modified lexicon); only the rule constants
come from vaderSentiment. The dicts are copied, so changes made to them afterwards are not seen,
unlike an analyser whose `.lexicon` is edited in place.

Tokens never contain whitespace, so the reference's idiom strings ("kiss of death") are matched
here as word tuples: the same test, without building strings.
"""

from __future__ import annotations

import math
import re
import string

from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    C_INCR,
    N_SCALAR,
    NEGATE,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
)

_PUNCTUATION = string.punctuation
_NEGATIONS = frozenset(NEGATE)
_SO_THIS = ("so", "this")
_NOT_ASCII = "[^\x00-\x7f]"


def _ngrams(phrases: dict[str, float], size: int) -> dict[tuple[str, ...], float]:
    """The phrases of `size` words, keyed by word tuple as consecutive tokens would spell them."""
    return {tuple(phrase.split(" ")): value for phrase, value in phrases.items() if phrase.count(" ") == size - 1}


_SPECIAL_2 = _ngrams(SPECIAL_CASES, 2)
_SPECIAL_3 = _ngrams(SPECIAL_CASES, 3)
_BOOSTER_2 = _ngrams(BOOSTER_DICT, 2)
_BOOSTER_3 = _ngrams(BOOSTER_DICT, 3)
# Every sequence the idiom rule tests starts at one of the four words around the sentiment word,
# so where none of them starts an idiom the rule cannot fire.
_IDIOM_STARTS = frozenset(words[0] for table in (_SPECIAL_2, _SPECIAL_3, _BOOSTER_2, _BOOSTER_3) for words in table)


class FastVader:
    """polarity_scores of a SentimentIntensityAnalyzer with this lexicon and these emoji.

    Falls back to a reference analyser built with the same dicts for:
    - input that is not a str (the reference iterates it as it is, or raises);
    - a text with a lexicon word whose valence is NaN: the "but" rule finds scores with
      `list.index`, which finds NaN by identity only, and that is not worth mirroring.
    """

    def __init__(self, lexicon: dict[str, float], emojis: dict[str, str]):
        """Copy the dicts and build the emoji tables from them."""
        self._lexicon = dict(lexicon)
        self._emojis = dict(emojis)
        self._nan_words = frozenset(word for word, valence in self._lexicon.items() if valence != valence)
        self._reference: SentimentIntensityAnalyzer | None = None
        # The reference tests one character at a time, so a longer key (a flag, a skin-tone or ZWJ
        # sequence) never matches as a whole; only its single-character parts that are keys do.
        self._emoji_chars = frozenset(key for key in self._emojis if len(key) == 1)
        ascii_emoji = sorted(char for char in self._emoji_chars if char.isascii())
        # An ASCII text cannot hold an emoji, unless the emoji dict made an ASCII character one.
        self._ascii_emoji = bool(ascii_emoji)
        candidates = _NOT_ASCII + ("|[" + "".join(map(re.escape, ascii_emoji)) + "]" if ascii_emoji else "")
        self._emoji_candidates = re.compile(candidates)
        self._space_is_emoji = " " in self._emoji_chars

    def polarity_scores(self, text: str) -> dict[str, float]:
        """The reference's {"neg", "neu", "pos", "compound"} for `text`, equal with ==."""
        if not isinstance(text, str):
            return self._fallback(text)
        return self.scores_and_words(text)[0]

    def scores_and_words(self, text: str) -> tuple[dict[str, float], list[str]]:
        """polarity_scores of a str, and the words VADER looked up in it (lower case, outer
        punctuation stripped, emoji read as their descriptions), for evidence without a second
        pass over the text."""
        original = text
        ascii_text = text.isascii()
        if (self._ascii_emoji or not ascii_text) and not self._emoji_chars.isdisjoint(text):
            text = self._describe_emoji(text)
            ascii_text = text.isascii()
        # The reference strips the text here; split() and the "!" and "?" counts do not need it.
        if ascii_text:
            # ASCII lower-casing maps character to character, so lower-casing the text before
            # splitting and stripping gives the reference's per-word lower() (and its lengths).
            lowered = text.lower()
            tokens = None
            words = [s if len(s := token.strip(_PUNCTUATION)) > 2 else token for token in lowered.split()]
        else:
            # Not so elsewhere: "İ" lower-cases to two characters, which moves the "<= 2 characters
            # is an emoticon" cut of the punctuation strip. So strip first and lower each word.
            lowered = None
            tokens = text.split()
            words = [(s if len(s := token.strip(_PUNCTUATION)) > 2 else token).lower() for token in tokens]
        count = len(words)
        if not count:
            return {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}, words
        lexicon = self._lexicon
        if lexicon.keys().isdisjoint(words):
            # Every token scores 0: the sum is 0.0, so compound 0.0, and neutral is count / count.
            return {"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.0}, words
        hits = [i for i, word in enumerate(words) if word in lexicon]
        if self._nan_words and not self._nan_words.isdisjoint(words[i] for i in hits):
            return self._fallback(original), words

        # ALL CAPS counts only when some but not all tokens are. Stripping removes only uncased
        # characters, so a raw token's isupper() is its word's.
        cap_diff = False
        upper: list[bool] = []
        if lowered != text:
            upper = list(map(str.isupper, tokens if tokens is not None else text.split()))
            cap_diff = 0 < upper.count(True) < count

        positions: list[int] = []
        scores: list[float] = []
        last = count - 1
        for i in hits:
            word = words[i]
            # Boosters and the "kind" of "kind of" modify their neighbours and score 0 themselves.
            if word in BOOSTER_DICT or (word == "kind" and i < last and words[i + 1] == "of"):
                continue
            valence = self._valence(words, upper, cap_diff, i)
            if valence != 0:
                positions.append(i)
                scores.append(valence)
        if "but" in words:
            _but_check(words.index("but"), positions, scores)
        return _score_valence(scores, count - len(scores), text), words

    def _valence(self, words: list[str], upper: list[bool], cap_diff: bool, i: int) -> float:
        """sentiment_valence() for the lexicon word at `i`, its helpers inlined."""
        lexicon = self._lexicon
        word = words[i]
        valence = lexicon[word]
        one = words[i - 1] if i > 0 else None
        two = words[i - 2] if i > 1 else None
        three = words[i - 3] if i > 2 else None
        if word == "no" and i != len(words) - 1 and words[i + 1] in lexicon:
            valence = 0.0
        if one == "no" or two == "no" or (three == "no" and one in ("or", "nor")):
            valence = lexicon[word] * N_SCALAR
        # The reference subtracts for a valence of exactly 0 too ("NO" before a lexicon word).
        if cap_diff and upper[i]:
            if valence > 0:
                valence += C_INCR
            else:
                valence -= C_INCR

        # A preceding word that is itself in the lexicon neither boosts nor negates.
        if one is not None and one not in lexicon:
            scalar = _scalar(one, valence, cap_diff and upper[i - 1]) if one in BOOSTER_DICT else 0.0
            valence = valence + scalar
            if one in _NEGATIONS or "n't" in one:
                valence = valence * N_SCALAR
        if two is not None and two not in lexicon:
            scalar = _scalar(two, valence, cap_diff and upper[i - 2]) if two in BOOSTER_DICT else 0.0
            if scalar != 0:
                scalar = scalar * 0.95
            valence = valence + scalar
            if two == "never" and one in _SO_THIS:
                valence = valence * 1.25
            elif two == "without" and one == "doubt":
                pass
            elif two in _NEGATIONS or "n't" in two:
                valence = valence * N_SCALAR
        if three is not None and three not in lexicon:
            scalar = _scalar(three, valence, cap_diff and upper[i - 3]) if three in BOOSTER_DICT else 0.0
            if scalar != 0:
                scalar = scalar * 0.9
            valence = valence + scalar
            # The reference's and/or precedence: "so" or "this" just before the word boosts it by
            # 1.25 with or without a "never".
            if (three == "never" and two in _SO_THIS) or one in _SO_THIS:
                valence = valence * 1.25
            elif three == "without" and (two == "doubt" or one == "doubt"):
                pass
            elif three in _NEGATIONS or "n't" in three:
                valence = valence * N_SCALAR
            if not _IDIOM_STARTS.isdisjoint((three, two, one, word)):
                valence = _special_idioms_check(valence, words, i)

        # _least_check(): a "least" that is itself in the lexicon does not negate.
        if one == "least" and "least" not in lexicon and two not in ("at", "very"):
            valence = valence * N_SCALAR
        return valence

    def _describe_emoji(self, text: str) -> str:
        """The text with each emoji character replaced by its description, after a space unless
        it starts the text or follows a space; as in the reference, nothing follows it."""
        parts = []
        done = 0
        for match in self._emoji_candidates.finditer(text):
            description = self._emojis.get(match.group())
            if description is None:
                continue
            start = match.start()
            parts.append(text[done:start])
            if start and (text[start - 1] != " " or self._space_is_emoji):
                parts.append(" ")
            parts.append(description)
            done = start + 1
        parts.append(text[done:])
        return "".join(parts)

    def _fallback(self, text) -> dict[str, float]:
        """Score with a reference analyser holding copies of the same dicts, built on first use."""
        if self._reference is None:
            self._reference = SentimentIntensityAnalyzer()
            self._reference.lexicon = dict(self._lexicon)
            self._reference.emojis = dict(self._emojis)
        return self._reference.polarity_scores(text)


def _scalar(booster: str, valence: float, shouted: bool) -> float:
    """scalar_inc_dec() for a booster word: its sign follows the valence as changed so far, and
    ALL CAPS adds C_INCR away from zero (down for a valence of exactly 0)."""
    scalar = BOOSTER_DICT[booster]
    if valence < 0:
        scalar *= -1
    if shouted:
        if valence > 0:
            scalar += C_INCR
        else:
            scalar -= C_INCR
    return scalar


def _special_idioms_check(valence: float, words: list[str], i: int) -> float:
    """The reference's _special_idioms_check(): an idiom replaces the valence outright, and
    "kind of" or "sort of" before the word adds the dampener whatever the valence's sign."""
    zero, one, two, three = words[i], words[i - 1], words[i - 2], words[i - 3]
    for sequence in ((one, zero), (two, one, zero), (two, one), (three, two, one), (three, two)):
        special = (_SPECIAL_2 if len(sequence) == 2 else _SPECIAL_3).get(sequence)
        if special is not None:
            valence = special
            break
    last = len(words) - 1
    if last > i:
        special = _SPECIAL_2.get((zero, words[i + 1]))
        if special is not None:
            valence = special
    if last > i + 1:
        special = _SPECIAL_3.get((zero, words[i + 1], words[i + 2]))
        if special is not None:
            valence = special
    for n_gram in ((three, two, one), (three, two), (two, one)):
        booster = (_BOOSTER_2 if len(n_gram) == 2 else _BOOSTER_3).get(n_gram)
        if booster is not None:
            valence = valence + booster
    return valence


def _but_check(but: int, positions: list[int], scores: list[float]) -> None:
    """The reference's _but_check() on the non-zero scores, in place.

    The reference walks all scores and rescales the *first* score equal to the current one
    (`list.index`), so of repeated values one is rescaled twice and another never. Zeros stay
    zero however often they are rescaled, so only the non-zero scores need the walk.
    """
    for k in range(len(scores)):
        score = scores[k]
        first = scores.index(score)
        if positions[first] < but:
            scores[first] = score * 0.5
        elif positions[first] > but:
            scores[first] = score * 1.5


def _score_valence(scores: list[float], neutral: int, text: str) -> dict[str, float]:
    """The reference's score_valence() from the non-zero scores in token order and the count of
    zero ones; leaving the zeros out changes no sum, as adding 0 to a float keeps its value."""
    sum_s = float(sum(scores))
    # Punctuation is counted on the whole text, emoji descriptions included ("ON! arrow").
    ep_count = text.count("!")
    if ep_count > 4:
        ep_count = 4
    ep_amplifier = ep_count * 0.292
    qm_count = text.count("?")
    qm_amplifier = 0
    if qm_count > 1:
        qm_amplifier = qm_count * 0.18 if qm_count <= 3 else 0.96
    punct_emph_amplifier = ep_amplifier + qm_amplifier
    if sum_s > 0:
        sum_s += punct_emph_amplifier
    elif sum_s < 0:
        sum_s -= punct_emph_amplifier
    compound = sum_s / math.sqrt((sum_s * sum_s) + 15)
    if compound < -1.0:
        compound = -1.0
    elif compound > 1.0:
        compound = 1.0

    # _sift_sentiment_scores(): each non-zero score also counts 1 towards its side.
    pos_sum = 0.0
    neg_sum = 0.0
    for score in scores:
        if score > 0:
            pos_sum += float(score) + 1
        if score < 0:
            neg_sum += float(score) - 1
    if pos_sum > math.fabs(neg_sum):
        pos_sum += punct_emph_amplifier
    elif pos_sum < math.fabs(neg_sum):
        neg_sum -= punct_emph_amplifier
    total = pos_sum + math.fabs(neg_sum) + neutral
    return {
        "neg": round(math.fabs(neg_sum / total), 3),
        "neu": round(math.fabs(neutral / total), 3),
        "pos": round(math.fabs(pos_sum / total), 3),
        "compound": round(compound, 4),
    }
