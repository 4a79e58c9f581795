"""What a regular expression cannot match without: a few literal strings, one of which every match
contains, so a text holding none of them can skip the expression.

Python's `re` tries an alternation of dozens of phrases at every position of every text, and the
playbook's sentiment rules are such alternations: searching for a handful of plain substrings
first is many times cheaper. The strings are read off the parsed expression (a run of literal
characters, a group, a repeat of at least one, a branch of alternatives that each need one), so
they are a necessary condition, never a guess.

They are lower case, for expressions compiled with re.IGNORECASE: compare them with the lower-cased
text. That is exact for ASCII text only (under IGNORECASE, Unicode folds "ſ" to "s" and "K" to
"k"), so a caller checks ASCII texts this way and runs the expression on the rest.
"""

from __future__ import annotations

from re import _constants as sre  # the parser's own names, to read a pattern's structure
from re import _parser as sre_parser

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
# A character class of at most this many letters ("[sz]") still narrows the search usefully.
_SMALL_CLASS = 3


def required_text(pattern: str) -> frozenset[str] | None:
    """Lower-case strings, one of which is in every match of `pattern`; None when none can be named
    (then every text must be searched). Non-ASCII strings give None, as IGNORECASE may fold them
    onto ASCII letters."""
    needed = _sequence(list(sre_parser.parse(pattern)))
    if needed is None or not all(text.isascii() for text in needed):
        return None
    return frozenset(needed)


def may_match(required: frozenset[str] | None, lowered: str, ascii_text: bool) -> bool:
    """Whether a text can match an expression with these required strings: always for a
    non-ASCII text or when none could be named, else when its lower-cased form holds one."""
    return not ascii_text or required is None or any(part in lowered for part in required)


# Groups that may open a pattern without consuming text; inline flags ("(?s)") are not among them,
# as dropping one would change what the rest matches.
_LOOKAROUND_OR_GROUP = ("(?:", "(?=", "(?!", "(?<=", "(?<!")


def match_start(pattern: str) -> str | None:
    """The pattern without the lookarounds it opens with, or None when it opens with none.

    Every match of `pattern` starts with a match of what is left, at the same place, so searching
    for that first is a necessary condition, never a guess. Python's `re` scans quickly for a
    pattern's first characters but cannot when it opens with a lookaround (a whole-word check such
    as `(?:(?<!\\w)(?<!\\w')|(?=\\W))`): it then enters the lookaround at every position.
    """
    rest = pattern
    while rest.startswith(_LOOKAROUND_OR_GROUP):
        end = _group_end(rest)
        if end is None or sre_parser.parse(rest[:end]).getwidth() != (0, 0):
            break
        rest = rest[end:]
    return rest if rest != pattern and rest else None


_LOOKAROUNDS = ("(?=", "(?!", "(?<=", "(?<!")


def widened(pattern: str) -> str | None:
    """The pattern with its lookarounds left out, for a regex engine without them (Rust's, in
    Polars), or None when that cannot be done safely.

    A lookaround only narrows where a match may be and consumes nothing, so every match of
    `pattern` is, at the same place, a match of what is left: a text the wider pattern does not
    match cannot match `pattern`, a necessary condition as required_text's strings are. Refused: a
    quantified lookaround (dropping it would leave its quantifier on what came before) and "$"
    (Python's also matches before a final newline, Rust's only at the very end).
    """
    kept, index, in_class = [], 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            kept.append(pattern[index : index + 2])
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            end = index + 1
            end += pattern[end : end + 1] == "^"
            end += pattern[end : end + 1] == "]"  # "[]a]" and "[^]a]" hold a literal "]"
            kept.append(pattern[index:end])
            index, in_class = end, True
            continue
        elif char == "$":
            return None
        elif pattern.startswith(_LOOKAROUNDS, index):
            end = _group_end(pattern[index:])
            if end is None or pattern[index + end : index + end + 1] in tuple("*+?{"):
                return None
            index += end
            continue
        kept.append(char)
        index += 1
    return "".join(kept)


def _group_end(pattern: str) -> int | None:
    """Where the group that opens `pattern` closes (just past its ")"), escapes and classes skipped."""
    depth, index, in_class = 0, 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            index += 1
            index += pattern[index : index + 1] == "^"
            index += pattern[index : index + 1] == "]"  # "[]a]" and "[^]a]" hold a literal "]"
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return None


def _sequence(items: list) -> set[str] | None:
    """The best requirement among a sequence's items: every item must match, so any one will do."""
    candidates: list[set[str]] = []
    run = ""
    for op, arg in items:
        if op is sre.LITERAL:
            run += chr(arg).lower()
            continue
        if run:
            candidates.append({run})
            run = ""
        needed = _item(op, arg)
        if needed:
            candidates.append(needed)
    if run:
        candidates.append({run})
    if not candidates:
        return None
    # The longest shortest string, then the fewest: the rarest strings skip the most texts.
    return max(candidates, key=lambda strings: (min(map(len, strings)), -len(strings)))


def _item(op, arg) -> set[str] | None:
    """The requirement of one parsed item that is not a literal character."""
    if op is sre.SUBPATTERN:
        return _sequence(list(arg[-1]))
    if op is sre.BRANCH:
        branches = [_sequence(list(branch)) for branch in arg[1]]
        return set().union(*branches) if all(branches) else None
    if op in _REPEATS:
        low, _high, inner = arg
        return _sequence(list(inner)) if low > 0 else None
    if op is sre.IN and len(arg) <= _SMALL_CLASS and all(kind is sre.LITERAL for kind, _ in arg):
        return {chr(value).lower() for _, value in arg}
    return None  # anchors, lookarounds, ., \w and the like need no particular text
