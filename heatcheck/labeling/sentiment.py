"""Sentiment of a message: plain VADER next to the product's score (SPEC section 4).

Plain VADER misreads support text: "refund" and "outage" are not in its lexicon, an apology reads
as negative, "thanks for the 3 hour delay" reads as positive, and courtesy in a question ("can you
please help?") reads as praise. The product's score corrects this with the playbook's `sentiment:`
section, so a CX lead can add a word without touching code:

- `ignore`: spans that address or link rather than feel (`@united` must not score as "united").
- `lexicon`: words whose valence (VADER's -4..4 scale) replaces or adds to VADER's lexicon.
- `phrases`: a phrase ("on hold", "sorry for the trouble") scores as one word of a given valence;
  VADER still applies its negation, booster and "but" rules around it.
- `sarcasm`: praise ("thanks for") followed in the same sentence by trouble ("delay") scores as a
  complaint.
- `requests`: in a question or request for information, a positive score is courtesy and is damped.
- `complaint_sentence`: a message of several sentences with one clear complaint among them reads
  as a complaint unless the whole is warm ("Delayed 3 hours. Thanks!" is not praise).
- `negative_weight`: how much more a negative word counts than a positive one in support text.
- `neutral_band`: where the product's label turns negative and positive. It may be lopsided:
  courtesy ("thanks", "please") lifts support text, so a positive label can ask for more.

Words that punctuation joins ("delayed...wow") are split first, as VADER splits on spaces only.
The overlay runs in a second VADER analyser with its own merged lexicon, so the plain columns stay
exactly what vaderSentiment computes. Each score keeps the evidence that moved it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import math
import multiprocessing
import os
import re
import signal
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Annotated, Any

import polars as pl
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from heatcheck.errors import UserFileError
from heatcheck.labeling.fast_vader import FastVader
from heatcheck.labeling.required_text import match_start, may_match, required_text, widened
from heatcheck.yaml_files import dotted_key

# SPEC section 4: plain VADER is positive at compound >= 0.05 and negative at <= -0.05.
PLAIN_NEUTRAL_BAND = 0.05

# Punctuation between two letters, which hides both words from VADER ("delay...killing").
_JOINED_WORDS = re.compile(r"(?<=[^\W\d_])[.…!?,;:/]+(?=[^\W\d_])")

# ASCII texts but those holding \x1c-\x1f, which Python's \s matches and Rust's does not: there
# Rust's regex matches as Python's does (no case folding onto ASCII letters either), so a widened
# rule it does not find cannot match.
_RUST_LIKE_PYTHON = r"^[\x00-\x1b\x20-\x7f]*$"

# Rules become made-up words in the overlay lexicon, named with a prefix no language uses.
_STAND_IN = "hcrule"

SCORES_SCHEMA = {
    "text": pl.String,
    "vader_neg": pl.Float64,
    "vader_neu": pl.Float64,
    "vader_pos": pl.Float64,
    "vader_compound": pl.Float64,
    "compound": pl.Float64,
    "sentiment": pl.String,
    "evidence": pl.List(pl.String),
}

Valence = Annotated[float, Field(ge=-4.0, le=4.0)]


def _single_word(word: str) -> str:
    """Lexicon keys are single lower-case words, because VADER looks words up one at a time."""
    word = word.strip().lower()
    if not word or any(ch.isspace() for ch in word):
        raise ValueError("a lexicon entry is one word; put phrases under sentiment.phrases")
    return word


def _valid_pattern(pattern: str) -> str:
    """Reject a regular expression that does not compile, or that matches empty text and so
    would fire between any two letters."""
    try:
        compiled = re.compile(pattern, re.I)
    except re.error as error:
        raise ValueError(f"not a valid regular expression: {error}") from None
    if any(match.end() == match.start() for probe in ("", "a b") for match in compiled.finditer(probe)):
        raise ValueError("the pattern matches empty text; it must match at least one character")
    return pattern


def _not_blank(phrase: str) -> str:
    """A phrase has at least one word."""
    if not phrase.strip():
        raise ValueError("a phrase must have at least one word")
    return phrase


def _phrase_alternation(phrases: Sequence[str]) -> str:
    """One regex for a list of literal phrases: any run of spaces matches, words match whole."""
    alternatives = sorted({phrase.strip().lower() for phrase in phrases}, key=len, reverse=True)
    parts = [r"\s+".join(re.escape(word) for word in phrase.split()) for phrase in alternatives]
    return r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)"


Pattern = Annotated[str, AfterValidator(_valid_pattern)]
Phrase = Annotated[str, AfterValidator(_not_blank)]
Phrases = Annotated[list[Phrase], Field(min_length=1)]


class PhraseRule(BaseModel):
    """A phrase that scores as one word of `valence`, given as literal `phrases` or a `pattern`,
    or a whole text that scores as one word when any of the `any_of` patterns is found in it.

    With `keep_words` the phrase's own words still count and `valence` comes on top: for cues
    such as "never" or "didn't", which VADER needs to keep as negations of the next word.
    """

    model_config = ConfigDict(extra="forbid")

    valence: Valence
    phrases: list[Phrase] = []
    pattern: Pattern | None = None
    any_of: list[Pattern] = []
    keep_words: bool = False

    @model_validator(mode="after")
    def _one_way_to_match(self) -> PhraseRule:
        """Exactly one of phrases, pattern or any_of, so the rule's meaning is plain to read."""
        if [bool(self.phrases), bool(self.pattern), bool(self.any_of)].count(True) != 1:
            raise ValueError("give one of phrases, pattern or any_of")
        if self.any_of and self.keep_words:
            raise ValueError("keep_words does not apply to any_of, which stands for the whole text")
        return self

    def regex(self) -> str:
        """The regular expression this rule matches (for any_of: the whole text, if one is found)."""
        if self.any_of:
            return rf"(?s)\A.*?(?:{'|'.join(f'(?:{p})' for p in self.any_of)}).*\Z"
        return self.pattern or _phrase_alternation(self.phrases)

    def rewrite(self, match: re.Match, stand_in: str) -> str:
        """The stand-in word in place of the phrase, or before it when the words are kept."""
        return f" {stand_in} {match.group()}" if self.keep_words else f" {stand_in} "


class SarcasmRule(BaseModel):
    """Praise followed within a few words of one sentence by trouble: the praise scores as `valence`."""

    model_config = ConfigDict(extra="forbid")

    valence: Annotated[float, Field(ge=-4.0, le=0.0)]
    praise: Phrases
    trouble: Phrases
    within_words: Annotated[int, Field(ge=0, le=20)] = 6

    def regex(self) -> str:
        """Praise, then trouble at most `within_words` words later; the praise is group 'praise'."""
        # The gap never crosses . ! or ?: "Thanks for the help. My bag was lost" is not sarcasm.
        gap = rf"(?:[^\w.!?]+\w+){{0,{self.within_words}}}?[^\w.!?]+"
        return f"(?P<praise>{_phrase_alternation(self.praise)}){gap}{_phrase_alternation(self.trouble)}"

    def rewrite(self, match: re.Match, stand_in: str) -> str:
        """The stand-in word in place of the praise; the trouble keeps its own valence."""
        start, end = (position - match.start() for position in match.span("praise"))
        whole = match.group()
        return f"{whole[:start]} {stand_in} {whole[end:]}"


class RequestRule(BaseModel):
    """A question or request for information: a positive score there is courtesy, so damp it."""

    model_config = ConfigDict(extra="forbid")

    cues: Annotated[list[Pattern], Field(min_length=1)]
    damping: Annotated[float, Field(ge=0.0, le=1.0)]


class ComplaintSentence(BaseModel):
    """One sentence scoring at most `at_most` makes a mildly positive or neutral message negative.

    VADER sums a whole text, so courtesy in one sentence ("Thanks.", "Super.") outweighs a
    complaint in another. Support customers rarely praise and complain in one breath: a message
    that is warm as a whole (compound at `unless_whole_from` or more) keeps its score.
    """

    model_config = ConfigDict(extra="forbid")

    at_most: Annotated[float, Field(gt=-1.0, lt=0.0)]
    unless_whole_from: Annotated[float, Field(gt=0.0, le=1.0)]


# Sentence ends for complaint_sentence: ., ! or ? followed by a space, or a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


class NeutralBand(BaseModel):
    """Negative at compound <= negative_at, positive at >= positive_at, neutral in between."""

    model_config = ConfigDict(extra="forbid")

    negative_at: Annotated[float, Field(gt=-1.0, lt=0.0)] = -PLAIN_NEUTRAL_BAND
    positive_at: Annotated[float, Field(gt=0.0, lt=1.0)] = PLAIN_NEUTRAL_BAND

    def label(self, compound: float) -> str:
        """The label of a compound score."""
        if compound >= self.positive_at:
            return "positive"
        if compound <= self.negative_at:
            return "negative"
        return "neutral"


class SentimentRules(BaseModel):
    """The playbook's `sentiment:` section, validated. Without one, the product is plain VADER."""

    model_config = ConfigDict(extra="forbid")

    neutral_band: NeutralBand = NeutralBand()
    negative_weight: Annotated[float, Field(ge=1.0, le=3.0)] = 1.0
    ignore: dict[str, Pattern] = {}
    lexicon: dict[Annotated[str, AfterValidator(_single_word)], Valence] = {}
    phrases: dict[str, PhraseRule] = {}
    sarcasm: dict[str, SarcasmRule] = {}
    requests: RequestRule | None = None
    complaint_sentence: ComplaintSentence | None = None

    @field_validator("lexicon", mode="before")
    @classmethod
    def _words_are_text(cls, lexicon: Any) -> Any:
        """YAML reads unquoted yes/no/on/off as true/false; say so instead of "not a string"."""
        if isinstance(lexicon, dict):
            for word in lexicon:
                if not isinstance(word, str):
                    raise ValueError(
                        f"{word!r} is not a word: quote words that YAML reads as true/false or as "
                        "numbers, e.g. 'yes': 0.5"
                    )
        return lexicon

    @classmethod
    def from_playbook(cls, section: dict | None, path: str) -> SentimentRules:
        """Validate the `sentiment:` section of the playbook at `path`; UserFileError names the key."""
        try:
            return cls.model_validate(section or {})
        except ValidationError as error:
            first = error.errors()[0]
            problem = first["msg"].removeprefix("Value error, ")
            raise UserFileError(path, dotted_key(("sentiment", *first["loc"])), problem) from None


# The name the playbook gives the sarcasm signal's phrases when they feed the sentiment score.
SARCASM_SIGNAL_PHRASES = "signal_sarcasm"


def plain_label(compound: float) -> str:
    """VADER's own label for a compound score, with SPEC's cut at plus or minus 0.05."""
    return NeutralBand().label(compound)


def _raw_sum(compound: float) -> float:
    """Undo VADER's normalisation x / sqrt(x^2 + 15), to damp a score on VADER's own scale."""
    compound = max(-0.9999, min(0.9999, compound))
    return compound * math.sqrt(15 / (1 - compound * compound))


def _normalise(raw: float) -> float:
    """VADER's normalisation, rounded as VADER rounds."""
    return round(raw / math.sqrt(raw * raw + 15), 4)


def _runs_in_rust(pattern: str) -> bool:
    """Whether Rust's regex (as Polars runs it) takes this pattern."""
    try:
        pl.Series([""], dtype=pl.String).str.contains(pattern)
    except pl.exceptions.ComputeError:
        return False
    return True


class _StartFirst:
    """A regex searched for only in texts that hold what its matches start with (match_start):
    the playbook's whole-word patterns open with a lookaround, which Python's `re` enters at
    every position of a text, while the rest it finds by a fast scan for its first characters."""

    def __init__(self, pattern: str, flags: int):
        self.whole = re.compile(pattern, flags)
        start = match_start(pattern)
        self.start = re.compile(start, flags) if start else None

    def search(self, text: str) -> bool:
        return (self.start is None or self.start.search(text) is not None) and self.whole.search(text) is not None


def _gates(rule: PhraseRule | SarcasmRule) -> list[tuple[_StartFirst | None, frozenset[str] | None]]:
    """(search, required strings) pairs, one of which must pass for the rule to match a text.

    A rule's own regex needs no separate search, only its required strings. An any_of rule is
    one alternation of dozens of patterns, which Python tries at every position of a text: each
    pattern searched alone, behind its own required strings, decides the same far faster (with
    DOTALL, as the whole-text regex has it).
    """
    if isinstance(rule, PhraseRule) and rule.any_of:
        return [(_StartFirst(pattern, re.I | re.S), required_text(pattern)) for pattern in rule.any_of]
    return [(None, required_text(rule.regex()))]


def _found_before_rewrites(required: frozenset[str] | None) -> bool:
    """Whether a gate's required strings can be looked for once, in the text before any rule
    rewrites it: a rewrite only puts " hcruleN " in place of a match, so it can hide a required
    string but never make one, unless the string has an outer space or is part of a stand-in."""
    return required is not None and not any(
        part != part.strip() or part in f"{_STAND_IN}0123456789" for part in required
    )


def _gates_let_through(gates, text: str, lowered: str, ascii_text: bool, present: frozenset[str]) -> bool:
    """Whether any gate lets the text through: its required strings (exact for ASCII text only)
    are in the lower-cased text, and its search, if it has one, finds something. `present` holds
    the required strings found before the rewrites; a gate whose strings are not among them can
    only be checked on the text as it now stands."""
    for search, required, early in gates:
        if early and ascii_text and required.isdisjoint(present):
            continue
        if not early and not may_match(required, lowered, ascii_text):
            continue
        if search is None or search.search(text):
            return True
    return False


class SentimentScorer:
    """Scores texts with plain VADER and with the playbook overlay. Build one per process."""

    def __init__(self, rules: SentimentRules):
        """Load VADER's lexicon twice: once plain, once with the overlay and the rule words merged."""
        self.rules = rules
        self._plain = SentimentIntensityAnalyzer()
        self._overlay = SentimentIntensityAnalyzer()
        self._overlay.lexicon.update(rules.lexicon)
        self._ignore = [(name, re.compile(pattern, re.I)) for name, pattern in rules.ignore.items()]
        # Each phrase or sarcasm rule rewrites its match into a made-up word that the overlay
        # lexicon knows, so VADER's negation ("not on hold") and boosters still apply to it.
        # Each rule also keeps gates that decide cheaply whether it can match a text at all.
        self._rules: list[tuple[str, PhraseRule | SarcasmRule, re.Pattern, str]] = []
        self._gates: list[list[tuple[_StartFirst | None, frozenset[str] | None, bool]]] = []
        for name, rule in [*rules.sarcasm.items(), *rules.phrases.items()]:
            stand_in = f"{_STAND_IN}{len(self._rules)}"
            self._overlay.lexicon[stand_in] = rule.valence
            self._rules.append((name, rule, re.compile(rule.regex(), re.I), stand_in))
            self._gates.append(
                [(search, required, _found_before_rewrites(required)) for search, required in _gates(rule)]
            )
        # Every early gate's required strings, looked for in all texts of a batch at once.
        # An ASCII text is tried only against the rules one of whose strings it holds, and the
        # rules with a gate that can only be checked as the text stands.
        self._rules_by_string: dict[str, set[int]] = {}
        self._always_tried: set[int] = set()
        for index, gates in enumerate(self._gates):
            for _search, required, early in gates:
                if not early:
                    self._always_tried.add(index)
                    continue
                for part in required:
                    self._rules_by_string.setdefault(part, set()).add(index)
        self._early_strings = sorted(self._rules_by_string)
        # Each rule widened to what Rust's regex can run (its lookarounds out), to find in one pass
        # over a batch the few texts each rule can match; Python's `re` then tries only those.
        self._widened: dict[int, str] = {}
        for index, (_name, _rule, pattern, _stand_in) in enumerate(self._rules):
            wide = widened(pattern.pattern)
            if wide is not None and _runs_in_rust(f"(?i){wide}"):
                self._widened[index] = f"(?i){wide}"
        self._requests = [re.compile(cue, re.I) for cue in rules.requests.cues] if rules.requests else []
        # Sarcasm is never praise, however warm its words ("Great, another outage. Love it."):
        # a text any sarcasm rule (or the sarcasm signal's phrases) matched scores at most 0.
        self._sarcastic = {f"rule:{name}:" for name in [*rules.sarcasm, SARCASM_SIGNAL_PHRASES]}
        # A complaint outweighs the courtesy around it ("thanks, but my bag is lost"): every
        # negative word and phrase of the overlay analyser counts negative_weight times.
        for word, valence in self._overlay.lexicon.items():
            if valence < 0:
                self._overlay.lexicon[word] = valence * rules.negative_weight
        # Overlay words that differ from VADER's own lexicon are the ones worth naming as evidence.
        self._changed_words = {
            word for word, valence in rules.lexicon.items() if self._plain.lexicon.get(word) != valence
        }
        # Scoring goes through FastVader, built from the finished lexicons: the same scores as the
        # analysers above (a differential test holds it to that), several times faster.
        self._plain_scores = FastVader(self._plain.lexicon, self._plain.emojis).polarity_scores
        self._overlay_scores = FastVader(self._overlay.lexicon, self._overlay.emojis).scores_and_words

    def score_texts(self, texts: Sequence[str | None]) -> pl.DataFrame:
        """One row per text, in order: plain VADER scores, the product's compound, label and evidence."""
        distinct = list(dict.fromkeys(texts))
        prepared = [self._prepare(text or "") for text in distinct]
        rewritten_texts = [rewritten for rewritten, _evidence in prepared]
        present = self._required_strings_present(rewritten_texts)
        candidates = self._rules_that_may_match(rewritten_texts)
        scored = {
            text: self._score(text or "", rewritten, evidence, found, rules)
            for text, (rewritten, evidence), found, rules in zip(distinct, prepared, present, candidates, strict=True)
        }
        columns = {"text": list(texts)}
        for column in list(SCORES_SCHEMA)[1:]:
            columns[column] = [scored[text][column] for text in texts]
        return pl.DataFrame(columns, schema=SCORES_SCHEMA)

    def score_one(self, text: str) -> dict:
        """One text's scores as score_texts gives them, without batching (for comparisons)."""
        rewritten, evidence = self._prepare(text)
        present, candidates = self._required_strings_present([rewritten]), self._rules_that_may_match([rewritten])
        return self._score(text, rewritten, evidence, present[0], candidates[0])

    def _required_strings_present(self, texts: list[str]) -> list[frozenset[str]]:
        """Per text, which early gates' required strings it holds (lower-cased), found in all the
        texts in one Aho-Corasick pass in Rust (Polars) rather than by one Python substring test
        per rule and string."""
        if not self._early_strings:
            return [frozenset()] * len(texts)
        lowered = pl.Series(texts, dtype=pl.String).str.to_lowercase()
        return [frozenset(found) for found in lowered.str.extract_many(self._early_strings, overlapping=True)]

    def _rules_that_may_match(self, texts: list[str]) -> list[set[int] | None]:
        """Per text, the rules that can match it as it stands (None: any can), from each widened
        rule searched in all the texts at once by Rust's regex (Polars), lookaround-free and many
        times faster than Python's `re` trying a rule at every position of a text that lacks it."""
        frame = pl.DataFrame({"text": texts}, schema={"text": pl.String})
        found = frame.select(
            pl.col("text").str.contains(_RUST_LIKE_PYTHON).alias("like_python"),
            *(pl.col("text").str.contains(wide).alias(str(index)) for index, wide in self._widened.items()),
        )
        unwidened = set(range(len(self._rules))) - set(self._widened)
        candidates = [set(unwidened) if like else None for like in found["like_python"]]
        for index in self._widened:
            for row in found[str(index)].arg_true():
                if candidates[row] is not None:
                    candidates[row].add(index)
        return candidates

    def _prepare(self, text: str) -> tuple[str, list[str]]:
        """The text the rules read: handles and links out, joined words split; and the evidence."""
        evidence: list[str] = []
        rewritten = self._strip_ignored(text, evidence)
        return self._split_joined_words(rewritten, evidence), evidence

    def _score(self, text: str, rewritten: str, evidence: list[str], present: frozenset[str],
               candidates: set[int] | None) -> dict:  # fmt: skip
        """Score one distinct text, given as written and as _prepare left it."""
        plain = self._plain_scores(text)
        rewritten = self._apply_rules(rewritten, evidence, present, candidates)
        overlay, words = self._overlay_scores(rewritten)
        compound = overlay["compound"]
        compound = self._damp_requests(rewritten, compound, evidence)
        compound = self._complaint_sentence(rewritten, compound, evidence)
        if compound > 0 and any(line.startswith(tuple(self._sarcastic)) for line in evidence):
            compound = 0.0
            evidence.append("capped: sarcasm never reads as praise")
        # Evidence explains a difference from plain VADER, so a text scored the same needs none
        # (and its words need not be read again).
        evidence = evidence + self._word_evidence(words) if compound != plain["compound"] else []
        return {
            "vader_neg": plain["neg"],
            "vader_neu": plain["neu"],
            "vader_pos": plain["pos"],
            "vader_compound": plain["compound"],
            "compound": compound,
            "sentiment": self.rules.neutral_band.label(compound),
            "evidence": evidence,
        }

    def _strip_ignored(self, text: str, evidence: list[str]) -> str:
        """Blank out handles and links, naming each: even one without a feeling word can move the
        score, as VADER compares the capitals of all words ("@JetBlue GREAT")."""
        for name, pattern in self._ignore:
            found = [f"ignored:{name}: {match.group()}" for match in pattern.finditer(text)]
            if found:
                evidence += found
                text = pattern.sub(" ", text)
        return text

    def _split_joined_words(self, text: str, evidence: list[str]) -> str:
        """Put a space after punctuation that joins two words, naming each join."""
        if not _JOINED_WORDS.search(text):
            return text
        evidence += [f"split: {token}" for token in text.split() if _JOINED_WORDS.search(token)]
        return _JOINED_WORDS.sub(r"\g<0> ", text)

    def _apply_rules(self, text: str, evidence: list[str], present: frozenset[str],
                     candidates: set[int] | None) -> str:  # fmt: skip
        """Rewrite each phrase and sarcasm rule's matches into its stand-in word, in playbook order.

        An ASCII text without any of a rule's required strings cannot match it and skips it (the
        required strings are exact for ASCII only; stand-in words are ASCII, so a text stays so).
        Until a rule rewrites it, a text also skips the rules not among its `candidates` (found on
        the text as _prepare left it; a rewrite can make a match, "no" before a stand-in word).
        """
        ascii_text = text.isascii()
        lowered = text.lower()
        if ascii_text:
            tried = set(self._always_tried).union(*(self._rules_by_string[part] for part in present))
            indices = sorted(tried)
        else:
            indices = range(len(self._rules))
        for index in indices:
            if candidates is not None and index not in candidates:
                continue
            (name, rule, pattern, stand_in), gates = self._rules[index], self._gates[index]
            if not _gates_let_through(gates, text, lowered, ascii_text, present):
                continue

            def rewrite(match: re.Match, name=name, rule=rule, stand_in=stand_in) -> str:
                evidence.append(f"rule:{name}: {' '.join(match.group().split())}")
                return rule.rewrite(match, stand_in)

            rewritten = pattern.sub(rewrite, text)
            if rewritten != text:
                text, lowered, candidates = rewritten, rewritten.lower(), None
        return text

    def _damp_requests(self, text: str, compound: float, evidence: list[str]) -> float:
        """A positive score in a question or request for information is mostly courtesy."""
        if compound <= 0:
            return compound
        for cue in self._requests:
            match = cue.search(text)
            if match:
                evidence.append(f"rule:request: {match.group().strip()}")
                return _normalise(_raw_sum(compound) * self.rules.requests.damping)
        return compound

    def _complaint_sentence(self, text: str, compound: float, evidence: list[str]) -> float:
        """Just below the negative cut when one sentence of a lukewarm message is a clear complaint.

        Just below, not the sentence's own score: the message is a complaint, but how bad it is
        stays a matter for the words of the whole (a cut that never overstates keeps the score's
        correlation with human ratings).
        """
        rule, band = self.rules.complaint_sentence, self.rules.neutral_band
        if rule is None or not band.negative_at < compound < rule.unless_whole_from:
            return compound
        sentences = [sentence for sentence in _SENTENCE_END.split(text) if sentence.strip()]
        if len(sentences) < 2:
            return compound
        scored = [(self._overlay_scores(sentence)[0]["compound"], sentence) for sentence in sentences]
        worst, sentence = min(scored, key=lambda pair: pair[0])
        if worst > rule.at_most:
            return compound
        evidence.append(f"complaint sentence: {self._readable(sentence)}")
        return round(band.negative_at - 0.0001, 4)

    def _readable(self, text: str) -> str:
        """A rewritten text with each stand-in word shown as its rule's name."""
        for name, _rule, _pattern, stand_in in reversed(self._rules):  # hcrule12 before hcrule1
            text = text.replace(stand_in, f"[{name}]")
        return " ".join(text.split())

    def _word_evidence(self, words: list[str]) -> list[str]:
        """Overlay words among the words VADER read (emoji by their description, "😢" is "crying
        face"), and the plain negative words that negative_weight made heavier."""
        words = {word for word in words if not word.startswith(_STAND_IN)}
        evidence = [f"lexicon:{word}" for word in sorted(words & self._changed_words)]
        weighted = sorted(w for w in words - self._changed_words if self._plain.lexicon.get(w, 0) < 0)
        if weighted and self.rules.negative_weight != 1:
            evidence.append(f"negative_weight: {', '.join(weighted)}")
        return evidence


def with_cut_noted(scores: pl.DataFrame, characters: pl.Series, limit: int) -> pl.DataFrame:
    """Say in the evidence of a text longer than `limit` that only its leading part was scored."""
    note = pl.format("cut: scored on the first {} of {} characters", pl.lit(limit), pl.col("_characters"))
    cut = pl.col("_characters") > limit
    return (
        scores.with_columns(_characters=characters.alias("_characters"))
        .with_columns(evidence=pl.when(cut).then(pl.concat_list("evidence", note)).otherwise("evidence"))
        .drop("_characters")
    )


# Below this many texts, starting worker processes (each imports Polars and loads VADER) costs
# more than it saves. Chunks stay small so scores reach the warehouse as they are made instead of
# piling up in memory (a scored text is held as Python objects until its chunk is done).
PARALLEL_FROM_TEXTS = 20_000
CHUNK_TEXTS = 10_000
_worker_scorer: SentimentScorer | None = None
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _start_worker(rules: SentimentRules) -> None:
    global _worker_scorer
    _die_with_parent()
    _worker_scorer = SentimentScorer(rules)


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when the process that started it dies, so a run killed with
    SIGKILL (which no Python handler sees) leaves no 185 MB scorer behind. Elsewhere a no-op."""
    if sys.platform != "linux":
        return
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() == 1:  # the parent died before the request was made
        os._exit(1)


def _score_in_worker(texts: list[str]) -> pl.DataFrame:
    return _worker_scorer.score_texts(texts)


def score_on_all_cores(
    rules: SentimentRules, texts: Sequence[str], workers: int | None = None, parallel_from: int = PARALLEL_FROM_TEXTS
) -> Iterator[pl.DataFrame]:
    """score_texts across the machine's cores for a large backlog (scoring is pure Python, so
    threads would not help), yielding chunks of scores in input order; a small batch is scored
    in this process as one chunk."""
    workers = workers or os.cpu_count() or 1
    if workers < 2 or len(texts) < parallel_from:
        yield SentimentScorer(rules).score_texts(texts)
        return
    size = min(CHUNK_TEXTS, -(-len(texts) // (workers * 4)))  # several chunks a worker evens out long texts
    chunks = (list(texts[start : start + size]) for start in range(0, len(texts), size))
    # spawn, not fork: the Dagster process runs threads, and forking a threaded process can hang.
    with ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context("spawn"), initializer=_start_worker, initargs=(rules,)
    ) as pool:
        yield from pool.map(_score_in_worker, chunks)
