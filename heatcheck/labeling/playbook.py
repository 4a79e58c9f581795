"""The playbook: the editable phrases behind every practice, signal, root-cause and resolution
label (SPEC section 4), validated on load.

Each label is a rule a CX lead can read:

    apologize:
      description: a sincere apology
      patterns: ["sorry", "apologi[sz]e"]      # case-insensitive regular expressions
      unless: ["sorry to hear"]                # a match inside one of these does not count
      unless_same_clause: ['\\?']              # nor one in the same clause as one of these
      negators: ["not", "never", "\\w+n't"]    # nor one with a negating word just before it
      negation_window: 3                       # ... among the 3 words before it in its clause

Patterns match whole words ("bug" never matches "debugging", "we can" never matches "we can't").
A clause ends at . ! ? ; : , or a line break. Patterns must be valid both for Python and for the
Rust engine Polars uses to pre-select messages, so look-arounds and back-references are refused.
Polars also tells, text by text, which patterns and exceptions may be there at all, so Python
checks word edges, exceptions and negation only where they can matter.

A customer signal may also name `unless_signals` (gratitude is not read in a sarcastic message)
and a `sentiment_valence`: its phrases then count in the product's sentiment too, so sarcasm's
praise does not make a complaint read as positive.

The `sentiment:` section belongs to the sentiment labeler, which validates it; here it stays a
raw mapping.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from re import _constants as sre  # the parser's own names, to read a pattern's structure
from re import _parser as sre_parser
from typing import Annotated, Any

import polars as pl
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr

from heatcheck.errors import UserFileError
from heatcheck.labeling.sentiment import PhraseRule as SentimentPhrase
from heatcheck.labeling.sentiment import SentimentRules
from heatcheck.yaml_files import read_yaml, validated

DEFAULT_PATH = Path(__file__).with_name("playbook.yaml")

REQUIRED_LABELS = {
    "practices": (
        "acknowledge",
        "apologize",
        "empathize",
        "positive_language",
        "negative_language",
        "blame",
        "doublespeak",
        "solution_offered",
        "open_question",
        "expectation_set",
        "escalation",
        "follow_up_promise",
        "redirect_channel",
        "closing_door_open",
    ),
    "signals": (
        "anger",
        "sarcasm",
        "demand",
        "confusion",
        "churn_threat",
        "escalation_request",
        "public_shaming",
        "abusive",
        "gratitude",
    ),
    "root_causes": ("service_failure", "product_knowledge_gap", "expectation_mismatch"),
}
# The pipeline decides these from the absence of cues, so no phrase list may claim them.
COMPUTED_ROOT_CAUSES = ("other", "none")

_LABEL_NAME = re.compile(r"[a-z][a-z0-9_]*")
_CLAUSE_END = re.compile(r"[.!?;:,\n]")
_THROUGH_LAST_CLAUSE_END = re.compile(r".*[.!?;:,\n]", re.DOTALL)
_WORD = re.compile(r"[\w']+")
# Texts on which a pattern that can match nothing at all (an empty match) shows it.
_EMPTY_MATCH_PROBES = ("", "a b")


def whole_words(pattern: str) -> str:
    """Wrap a pattern so it matches whole words only, a contraction counting as one word.

    A match that begins with a letter may not follow a letter ("debug" is not "bug") nor a
    letter and an apostrophe ("don't" is not "t"); one that ends with a letter may not be
    followed by a letter nor by an apostrophe and a letter ("we can" is not in "we can't").
    Ends that are punctuation ("?", "!!!", ":(") match anywhere.
    """
    return rf"(?:(?<!\w)(?<!\w')|(?=\W))(?:{pattern})(?:(?!\w|'\w)|(?<=\W))"


# Word characters in ASCII: each is a word character for Python too, so demanding none of them before
# a pattern keeps the pre-selection a superset of the whole-word matches (and cheap for Rust, which
# slows down on Unicode classes).
_ASCII_WORD_CHAR = "0-9A-Za-z_"
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _begins_with_word(items: list) -> bool:
    """Whether every match of a parsed regex sequence begins with a word character; False when unsure."""
    for position, (op, arg) in enumerate(items):
        if op is sre.AT:  # ^, \b and the like take no character: the next item decides
            continue
        if op in _REPEATS:
            low, _high, inner = arg
            if not _begins_with_word(inner):
                return False
            return low > 0 or _begins_with_word(items[position + 1 :])
        if op is sre.SUBPATTERN:
            return _begins_with_word(arg[-1])
        if op is sre.BRANCH:
            return all(_begins_with_word(branch) for branch in arg[1])
        if op is sre.LITERAL:
            return _is_word_char(chr(arg))
        if op is sre.IN:
            return all(_word_set_item(kind, value) for kind, value in arg)
        return False
    return False


def _word_set_item(kind, value) -> bool:
    """Whether an item of a character set ([...]) holds word characters only."""
    if kind is sre.LITERAL:
        return _is_word_char(chr(value))
    if kind is sre.RANGE:
        low, high = value
        return any(low >= ord(a) and high <= ord(b) for a, b in (("0", "9"), ("A", "Z"), ("a", "z")))
    return kind is sre.CATEGORY and value in (sre.CATEGORY_WORD, sre.CATEGORY_DIGIT)


def prefilter_part(pattern: str) -> str:
    """The pattern for the Polars pre-selection: a superset of its whole-word matches.

    A pattern whose matches all begin with a word character can only match after a non-word
    character or at the start, which Rust checks cheaply; this keeps "ty" from selecting "city".
    """
    if _begins_with_word(sre_parser.parse(pattern)):
        return rf"(?:^|[^{_ASCII_WORD_CHAR}])(?:{pattern})"
    return f"(?:{pattern})"


def _valid_regex(pattern: str) -> str:
    """Refuse a pattern that Python or Polars cannot compile, or that matches empty text."""
    try:
        compiled = re.compile(whole_words(pattern), re.IGNORECASE)
    except re.error as error:
        raise ValueError(f"invalid regular expression: {error}") from None
    try:
        pl.Series([""], dtype=pl.String).str.contains(pattern)
    except pl.exceptions.ComputeError as error:
        reason = next((line for line in str(error).splitlines() if line.startswith("error:")), str(error))
        raise ValueError(f"invalid regular expression for Polars: {reason.removeprefix('error: ')}") from None
    if any(m.end() == m.start() for probe in _EMPTY_MATCH_PROBES for m in compiled.finditer(probe)):
        raise ValueError("pattern matches empty text, so it would match every message")
    return pattern


def _label_name(name: str) -> str:
    """Label names become column values and rule names, so keep them plain."""
    if not _LABEL_NAME.fullmatch(name):
        raise ValueError("a label name is lower_snake_case, like positive_language")
    return name


Regex = Annotated[str, AfterValidator(_valid_regex)]
LabelName = Annotated[str, AfterValidator(_label_name)]


@dataclass(frozen=True)
class Found:
    """One phrase that counts: where it is, what it says and which pattern found it."""

    start: int
    end: int
    phrase: str
    pattern_index: int


class WordPattern:
    """A pattern compiled to match whole words (see whole_words), quickly.

    Python cannot skip ahead over text when a regex starts with a look-around, so the bare
    pattern finds where a match could first start and the whole-word one searches from there:
    no whole-word match can start earlier than the first bare one.
    """

    __slots__ = ("bare", "whole")

    def __init__(self, pattern: str):
        self.bare = re.compile(pattern, re.IGNORECASE)
        self.whole = re.compile(whole_words(pattern), re.IGNORECASE)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match]:
        """Whole-word matches in text[pos:endpos]."""
        endpos = len(text) if endpos is None else endpos
        first = self.bare.search(text, pos, endpos)
        return self.whole.finditer(text, first.start(), endpos) if first else iter(())

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        """The first whole-word match in text[pos:endpos], if any."""
        return next(self.finditer(text, pos, endpos), None)


def clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause holding text[start:end]: after the last clause end before it, through the next one."""
    last_end = _THROUGH_LAST_CLAUSE_END.match(text, 0, start)
    clause_start = last_end.end() if last_end else 0
    next_end = _CLAUSE_END.search(text, end)
    return clause_start, next_end.end() if next_end else len(text)


@dataclass(frozen=True)
class Possible:
    """What Polars found a text may hold, so Python checks only that: the indices of the patterns
    that may match, and whether any exception or same-clause exception may."""

    patterns: Sequence[int] | None = None  # None: every pattern
    unless: bool = True
    unless_same_clause: bool = True


EVERYTHING = Possible()


class Matcher:
    """A rule compiled once, as plain Python objects, because it runs on every candidate message."""

    __slots__ = ("patterns", "unless", "unless_same_clause", "negator", "negation_window")

    def __init__(self, rule: PhraseRule):
        self.patterns = [WordPattern(p) for p in rule.patterns]
        self.unless = [WordPattern(p) for p in rule.unless]
        self.unless_same_clause = [WordPattern(p) for p in rule.unless_same_clause]
        negators = "|".join(f"(?:{p})" for p in rule.negators)
        self.negator = re.compile(negators, re.IGNORECASE) if negators else None
        self.negation_window = rule.negation_window

    def first_match(self, text: str, possible: Possible = EVERYTHING) -> Found | None:
        """The earliest phrase in `text` that no exception and no negation cancels."""
        best: Found | None = None
        indices = range(len(self.patterns)) if possible.patterns is None else possible.patterns
        for index in indices:
            for match in self.patterns[index].finditer(text):
                if best is not None and match.start() >= best.start:
                    break
                if not self.cancels(text, match.start(), match.end(), possible=possible):
                    best = Found(match.start(), match.end(), match.group(), index)
                    break
        return best

    def cancels(self, text: str, start: int, end: int, negation: bool = True, possible: Possible = EVERYTHING) -> bool:
        """Whether an exception (or, with `negation`, a negating word) cancels text[start:end]."""
        if possible.unless and any(m.start() < end and start < m.end() for p in self.unless for m in p.finditer(text)):
            return True
        if not (possible.unless_same_clause and self.unless_same_clause) and not (negation and self.negator):
            return False
        clause_start, clause_end = clause_around(text, start, end)
        if possible.unless_same_clause and any(
            p.search(text, clause_start, clause_end) for p in self.unless_same_clause
        ):
            return True
        if negation and self.negator is not None:
            words_before = _WORD.findall(text, clause_start, start)[-self.negation_window :]
            return any(self.negator.fullmatch(word) for word in words_before)
        return False


class PhraseRule(BaseModel):
    """A label found by phrases, with its exceptions and negation (the module docstring shows one)."""

    model_config = ConfigDict(extra="forbid")

    description: Annotated[str, Field(min_length=1)]
    patterns: Annotated[list[Regex], Field(min_length=1)]
    unless: list[Regex] = []
    unless_same_clause: list[Regex] = []
    negators: list[Regex] = []
    negation_window: Annotated[int, Field(ge=1, le=10)] = 3

    _matcher: Matcher = PrivateAttr()
    _pattern_prefilters: list[str] = PrivateAttr()

    def model_post_init(self, context: Any) -> None:
        """Compile once: a rule is matched against every message."""
        self._matcher = Matcher(self)
        self._pattern_prefilters = ["(?i)" + prefilter_part(p) for p in self.patterns]

    @property
    def matcher(self) -> Matcher:
        """The compiled rule, for loops over many texts."""
        return self._matcher

    @property
    def prefilter(self) -> str:
        """One regex for Polars that every matching text matches (and some others: word edges are
        only partly checked)."""
        return "(?i)" + "|".join(p.removeprefix("(?i)") for p in self._pattern_prefilters)

    @property
    def pattern_prefilters(self) -> list[str]:
        """One such regex per pattern, to tell which patterns a text may hold."""
        return self._pattern_prefilters

    @property
    def unless_prefilters(self) -> tuple[str | None, str | None]:
        """Regexes for Polars that every text with an exception (`unless`, `unless_same_clause`) matches."""
        return tuple(
            ("(?i)" + "|".join(f"(?:{p})" for p in group)) if group else None
            for group in (self.unless, self.unless_same_clause)
        )

    def first_match(self, text: str, possible: Possible = EVERYTHING) -> Found | None:
        """The earliest phrase in `text` that no exception and no negation cancels; `possible` may say
        which patterns and exceptions can be there at all, so the others are not searched."""
        return self._matcher.first_match(text, possible)

    def cancels(self, text: str, start: int, end: int, negation: bool = True) -> bool:
        """Whether an exception (or, with `negation`, a negating word) cancels text[start:end]."""
        return self._matcher.cancels(text, start, end, negation)


class Shouting(BaseModel):
    """Anger shown by typing rather than words: runs of ALL-CAPS words, runs of "!"."""

    model_config = ConfigDict(extra="forbid")

    caps_words: Annotated[int, Field(ge=2, le=20)] | None = None
    exclamation_marks: Annotated[int, Field(ge=2, le=20)] | None = None


class SignalRule(PhraseRule):
    """A customer signal: phrases, optionally shouting, optionally only on some channels."""

    shouting: Shouting | None = None
    # Only messages whose ticket channel is one of these; none at all when the channel is unknown.
    channels: list[Annotated[str, AfterValidator(str.lower)]] | None = None
    # Not on a message that carries one of these signals: the praise in sarcasm is not gratitude.
    unless_signals: list[LabelName] = []
    # The signal's phrases also count in the product's sentiment, each as one word of this valence
    # (VADER's -4..4 scale): the praise in sarcasm must not make a complaint read as positive.
    sentiment_valence: Annotated[float, Field(ge=-4.0, le=4.0)] | None = None


class ResolutionRules(BaseModel):
    """Words of the last turns that tell how a ticket ended, when there is no status history."""

    model_config = ConfigDict(extra="forbid")

    last_turns: Annotated[int, Field(ge=1, le=20)] = 3
    resolved: PhraseRule
    unresolved: PhraseRule
    awaiting_customer: PhraseRule


class Playbook(BaseModel):
    """The whole validated playbook. `path` says which file it came from."""

    model_config = ConfigDict(extra="forbid")

    sentiment: dict
    practices: dict[LabelName, PhraseRule]
    signals: dict[LabelName, SignalRule]
    root_causes: dict[LabelName, PhraseRule]
    resolution: ResolutionRules

    _path: str = PrivateAttr(default="")

    @property
    def path(self) -> str:
        """The file the playbook was read from, for error messages further down the pipeline."""
        return self._path

    def sentiment_rules(self) -> SentimentRules:
        """The sentiment section as validated rules, with each signal that carries a sentiment_valence
        as a phrase rule ahead of the section's phrases (its sarcasm rules still come first); an
        error names this playbook's file."""
        rules = SentimentRules.from_playbook(self.sentiment, self.path)
        from_signals = {
            f"signal_{label}": SentimentPhrase(valence=rule.sentiment_valence, any_of=_found_anywhere(rule))
            for label, rule in self.signals.items()
            if rule.sentiment_valence is not None
        }
        return rules.model_copy(update={"phrases": {**from_signals, **rules.phrases}}) if from_signals else rules


def _found_anywhere(rule: SignalRule) -> list[str]:
    """The rule's phrases as whole-word regexes, for a sentiment rule that scores the whole of a
    text holding one as the one word the rule stands for: the praise around sarcasm is part of
    it. A phrase inside one of the rule's exceptions does not count (when the exception starts
    where the phrase does, which is how exceptions are written); negation is not checked here."""
    unless = "|".join(f"(?:{p})" for p in rule.unless)
    if not unless:
        return [whole_words(p) for p in rule.patterns]
    # The phrase is looked for first and the exceptions only where it starts: the same matches
    # as testing the exceptions first, without trying them at every position of every text.
    guard = f"(?!{whole_words(unless)})"
    return [f"(?={whole_words(p)}){guard}{whole_words(p)}" for p in rule.patterns]


def load_playbook(path: Path | None = None) -> Playbook:
    """Read and validate a playbook (by default the one shipped beside this module).

    Raises UserFileError naming the file, the dotted key (or the line, for a YAML syntax error)
    and the problem.
    """
    path = Path(path) if path is not None else DEFAULT_PATH
    raw = read_yaml(path, top_level="a mapping of sections: " + ", ".join(Playbook.model_fields))
    playbook = validated(Playbook, raw, path, "a playbook key", describe=_problem)
    _check_labels(playbook, str(path))
    playbook._path = str(path)
    return playbook


def playbook_version(playbook: Playbook) -> str:
    """A short hash of the validated content: it changes whenever a label could change.

    Key order is kept, because the order of root causes is their priority.
    """
    content = json.dumps(playbook.model_dump(mode="json"), default=str, ensure_ascii=False)
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:12]


def _known_keys() -> list[str]:
    """Every key the playbook format knows, to suggest the one a typo meant."""
    models = (Playbook, PhraseRule, SignalRule, Shouting, ResolutionRules)
    return sorted({name for model in models for name in model.model_fields})


def _problem(error: dict) -> str | None:
    """Pydantic's message, said the way a playbook editor needs it."""
    kind, loc = error["type"], error["loc"]
    if kind == "extra_forbidden":
        if len(loc) == 1:
            return "unknown section; the playbook has " + ", ".join(Playbook.model_fields)
        near = difflib.get_close_matches(str(loc[-1]), _known_keys(), n=1)
        return "unknown key" + (f" (did you mean {near[0]!r}?)" if near else "")
    if kind == "missing":
        return "required section is missing" if len(loc) == 1 else "required key is missing"
    return None  # the shared wording


def _check_labels(playbook: Playbook, path: str) -> None:
    """Every label the SPEC names must be there; the computed root causes must not."""
    for section, labels in REQUIRED_LABELS.items():
        present = getattr(playbook, section)
        for label in labels:
            if label not in present:
                raise UserFileError(path, f"{section}.{label}", "required label is missing")
    for label, rule in playbook.signals.items():
        for index, other in enumerate(rule.unless_signals):
            if other not in playbook.signals or other == label:
                problem = f"'{other}' is not another signal of this playbook"
                raise UserFileError(path, f"signals.{label}.unless_signals[{index}]", problem)
    for label in COMPUTED_ROOT_CAUSES:
        if label in playbook.root_causes:
            problem = f"'{label}' is decided by the pipeline from the absence of cues, not by phrases"
            raise UserFileError(path, f"root_causes.{label}", problem)
