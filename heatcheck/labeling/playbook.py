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

The `sentiment:` section belongs to the sentiment labeler, which validates it; here it stays a
raw mapping.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import polars as pl
import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from heatcheck.errors import PlaybookError
from heatcheck.labeling.sentiment import SentimentRules

DEFAULT_PATH = Path(__file__).with_name("playbook.yaml")

REQUIRED_LABELS = {
    "practices": (
        "acknowledge", "apologize", "empathize", "positive_language", "negative_language", "blame",
        "doublespeak", "solution_offered", "open_question", "expectation_set", "escalation",
        "follow_up_promise", "redirect_channel", "closing_door_open",
    ),
    "signals": (
        "anger", "sarcasm", "demand", "confusion", "churn_threat", "escalation_request",
        "public_shaming", "abusive", "gratitude",
    ),
    "root_causes": ("service_failure", "product_knowledge_gap", "expectation_mismatch"),
}
# The pipeline decides these from the absence of cues, so no phrase list may claim them.
COMPUTED_ROOT_CAUSES = ("other", "none")

_LABEL_NAME = re.compile(r"[a-z][a-z0-9_]*")
_CLAUSE_END = re.compile(r"[.!?;:,\n]")
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
    clause_start = max((m.end() for m in _CLAUSE_END.finditer(text, 0, start)), default=0)
    next_end = _CLAUSE_END.search(text, end)
    return clause_start, next_end.end() if next_end else len(text)


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

    def first_match(self, text: str) -> Found | None:
        """The earliest phrase in `text` that no exception and no negation cancels."""
        best: Found | None = None
        for index, pattern in enumerate(self.patterns):
            for match in pattern.finditer(text):
                if best is not None and match.start() >= best.start:
                    break
                if not self.cancels(text, match.start(), match.end()):
                    best = Found(match.start(), match.end(), match.group(), index)
                    break
        return best

    def cancels(self, text: str, start: int, end: int, negation: bool = True) -> bool:
        """Whether an exception (or, with `negation`, a negating word) cancels text[start:end]."""
        if any(m.start() < end and start < m.end() for p in self.unless for m in p.finditer(text)):
            return True
        clause_start, clause_end = clause_around(text, start, end)
        if any(p.search(text, clause_start, clause_end) for p in self.unless_same_clause):
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

    def model_post_init(self, context: Any) -> None:
        """Compile once: a rule is matched against every message."""
        self._matcher = Matcher(self)

    @property
    def prefilter(self) -> str:
        """One regex for Polars that every matching text matches (and some others: no word edges)."""
        return "(?i)" + "|".join(f"(?:{p})" for p in self.patterns)

    def first_match(self, text: str) -> Found | None:
        """The earliest phrase in `text` that no exception and no negation cancels."""
        return self._matcher.first_match(text)

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
        """The sentiment section as validated rules; an error names this playbook's file."""
        return SentimentRules.from_playbook(self.sentiment, self.path)


def load_playbook(path: Path | None = None) -> Playbook:
    """Read and validate a playbook (by default the one shipped beside this module).

    Raises PlaybookError naming the file, the dotted key (or the line, for a YAML syntax error)
    and the problem.
    """
    path = Path(path) if path is not None else DEFAULT_PATH
    raw = _read_yaml(path)
    try:
        playbook = Playbook.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        raise PlaybookError(str(path), _dotted(first["loc"]), _problem(first)) from None
    _check_labels(playbook, str(path))
    playbook._path = str(path)
    return playbook


def playbook_version(playbook: Playbook) -> str:
    """A short hash of the validated content: it changes whenever a label could change.

    Key order is kept, because the order of root causes is their priority.
    """
    content = json.dumps(playbook.model_dump(mode="json"), default=str, ensure_ascii=False)
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:12]


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses a key given twice, which YAML would silently resolve to the last."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        """The mapping, once every key is known to be there only once."""
        seen: set = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            # Unhashable keys are left to SafeLoader, which explains them itself.
            if isinstance(key, str | int | float | bool) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} is given twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _read_yaml(path: Path) -> dict:
    """The file's top-level mapping; PlaybookError for an unreadable file or bad YAML."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PlaybookError(str(path), "(file)", f"cannot be read: {getattr(error, 'strerror', None) or error}") from None
    try:
        raw = yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        where = f"line {mark.line + 1}" if mark else "(file)"
        problem = getattr(error, "problem", None) or getattr(error, "context", None) or str(error)
        raise PlaybookError(str(path), where, f"YAML syntax error: {problem}") from None
    if not isinstance(raw, dict):
        sections = ", ".join(Playbook.model_fields)
        raise PlaybookError(str(path), "(top level)", f"expected a mapping of sections: {sections}")
    return raw


def _dotted(loc: tuple) -> str:
    """Pydantic's error location as the key a reader looks for: practices.apologize.patterns[2]."""
    key = ""
    for part in loc:
        if isinstance(part, int):
            key += f"[{part}]"
        elif part != "[key]":
            key += f".{part}" if key else str(part)
    return key or "(top level)"


def _known_keys() -> list[str]:
    """Every key the playbook format knows, to suggest the one a typo meant."""
    models = (Playbook, PhraseRule, SignalRule, Shouting, ResolutionRules)
    return sorted({name for model in models for name in model.model_fields})


def _problem(error: dict) -> str:
    """Pydantic's message, said the way a playbook editor needs it."""
    kind, loc = error["type"], error["loc"]
    if kind == "extra_forbidden":
        if len(loc) == 1:
            return "unknown section; the playbook has " + ", ".join(Playbook.model_fields)
        near = difflib.get_close_matches(str(loc[-1]), _known_keys(), n=1)
        return "unknown key" + (f" (did you mean {near[0]!r}?)" if near else "")
    if kind == "missing":
        return "required section is missing" if len(loc) == 1 else "required key is missing"
    if kind == "value_error":
        return str(error["ctx"]["error"])
    return error["msg"]


def _check_labels(playbook: Playbook, path: str) -> None:
    """Every label the SPEC names must be there; the computed root causes must not."""
    for section, labels in REQUIRED_LABELS.items():
        present = getattr(playbook, section)
        for label in labels:
            if label not in present:
                raise PlaybookError(path, f"{section}.{label}", "required label is missing")
    for label in COMPUTED_ROOT_CAUSES:
        if label in playbook.root_causes:
            problem = f"'{label}' is decided by the pipeline from the absence of cues, not by phrases"
            raise PlaybookError(path, f"root_causes.{label}", problem)
