"""The playbook loads, says exactly what is wrong with a bad edit, and a phrase edit relabels."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from heatcheck.errors import UserFileError
from heatcheck.labeling.playbook import DEFAULT_PATH, REQUIRED_LABELS, PhraseRule, load_playbook, playbook_version
from heatcheck.labeling.practices import label_messages

SHIPPED = DEFAULT_PATH.read_text(encoding="utf-8")


def edited_copy(tmp_path: Path, old: str, new: str) -> Path:
    """The shipped playbook with one edit, written to tmp_path."""
    assert SHIPPED.count(old) == 1, f"the shipped playbook no longer holds {old!r} exactly once"
    path = tmp_path / "playbook.yaml"
    path.write_text(SHIPPED.replace(old, new), encoding="utf-8")
    return path


def line_of(text: str, fragment: str) -> int:
    """The 1-based line of `text` where `fragment` starts."""
    return text[: text.index(fragment)].count("\n") + 1


def test_the_shipped_playbook_has_every_label_the_spec_names():
    playbook = load_playbook()
    for section, labels in REQUIRED_LABELS.items():
        assert set(labels) <= set(getattr(playbook, section)), section
    assert playbook.path == str(DEFAULT_PATH)
    assert isinstance(playbook.sentiment, dict)


def test_a_phrase_added_to_a_copy_of_the_playbook_labels_messages_with_no_code_change(tmp_path: Path):
    message = pl.DataFrame(
        {
            "message_id": ["m1"],
            "author_role": ["agent"],
            "is_public": [True],
            "body_clean": ["My bad, that one is on me."],
        }
    )
    before = label_messages(message, load_playbook())
    assert "apologize" not in before["label"].to_list()

    edited = edited_copy(tmp_path, "      - apologi[sz]e\n", "      - apologi[sz]e\n      - my bad\n")
    after = label_messages(message, load_playbook(edited)).filter(pl.col("label") == "apologize")

    assert after.select("phrase", "rule").rows() == [("My bad", "apologize.patterns[2]")]


def test_the_version_follows_the_content_not_the_comments(tmp_path: Path):
    shipped = playbook_version(load_playbook())
    copy = tmp_path / "copy.yaml"
    copy.write_text(SHIPPED, encoding="utf-8")
    assert playbook_version(load_playbook(copy)) == shipped
    commented = edited_copy(tmp_path, "  apologize:\n", "  # reviewed by the CX lead\n  apologize:\n")
    assert playbook_version(load_playbook(commented)) == shipped
    rephrased = edited_copy(tmp_path, "      - apologi[sz]e\n", "      - apologi[sz]e\n      - my bad\n")
    assert playbook_version(load_playbook(rephrased)) != shipped


@pytest.mark.parametrize(
    ("old", "new", "key", "problem"),
    [
        pytest.param(
            "      - apologi[sz]e\n",
            "      - apologi[sz]e\n      - (unclosed\n",
            "practices.apologize.patterns[2]",
            "invalid regular expression: missing ), unterminated subpattern",
            id="bad regex",
        ),
        pytest.param(
            "      - apologi[sz]e\n",
            "      - apologi[sz]e\n      - sorry(?= now)\n",
            "practices.apologize.patterns[2]",
            "invalid regular expression for Polars: look-around",
            id="regex Polars cannot run",
        ),
        pytest.param(
            "      - apologi[sz]e\n",
            "      - apologi[sz]e\n      - (sorry)?\n",
            "practices.apologize.patterns[2]",
            "pattern matches empty text",
            id="pattern matching everything",
        ),
        pytest.param(
            "  empathize:\n", "  empathise:\n", "practices.empathize", "required label is missing", id="missing label"
        ),
        pytest.param(
            "      caps_words: 3",
            "      caps_words: three",
            "signals.anger.shouting.caps_words",
            "input should be a valid integer",
            id="wrong type",
        ),
        pytest.param(
            "    patterns:\n      - sorry\n",
            "    patterns: sorry\n",
            "practices.apologize.patterns",
            "input should be a valid list",
            id="phrase instead of a list",
        ),
        pytest.param(
            "  apologize:\n    description:",
            "  apologize:\n    negation_windw: 2\n    description:",
            "practices.apologize.negation_windw",
            "unknown key (did you mean 'negation_window'?)",
            id="misspelt key",
        ),
        pytest.param(
            "resolution:\n", "escalations: {}\nresolution:\n", "escalations", "unknown section", id="unknown section"
        ),
        pytest.param(
            "    unless_signals: [sarcasm]",
            "    unless_signals: [sarcsm]",
            "signals.gratitude.unless_signals[0]",
            "'sarcsm' is not another signal",
            id="unknown signal excluded",
        ),
        pytest.param(
            "root_causes:\n",
            "root_causes:\n  other:\n    description: anything else\n    patterns: [misc]\n",
            "root_causes.other",
            "decided by the pipeline",
            id="computed root cause",
        ),
    ],
)
def test_a_malformed_playbook_names_the_file_the_key_and_the_problem(tmp_path, old, new, key, problem):
    path = edited_copy(tmp_path, old, new)
    with pytest.raises(UserFileError) as raised:
        load_playbook(path)
    assert (raised.value.path, raised.value.key) == (str(path), key)
    assert problem in raised.value.problem
    assert str(raised.value).startswith(f"{path}: {key}: ")


def test_a_yaml_syntax_error_names_its_line(tmp_path: Path):
    path = edited_copy(tmp_path, "  last_turns: 3\n", "  last_turns: 3: 4\n")
    with pytest.raises(UserFileError) as raised:
        load_playbook(path)
    assert raised.value.key == f"line {line_of(path.read_text(), 'last_turns: 3: 4')}"
    assert raised.value.problem.startswith("YAML syntax error: mapping values are not allowed")


def test_a_label_given_twice_is_refused_rather_than_silently_dropped(tmp_path: Path):
    duplicate = "  gratitude:\n    description: said twice\n    patterns: [cheers]\n"
    path = edited_copy(tmp_path, "# Root causes, in priority order", duplicate + "# Root causes, in priority order")
    with pytest.raises(UserFileError) as raised:
        load_playbook(path)
    assert raised.value.key == f"line {line_of(path.read_text(), duplicate)}"
    assert "'gratitude' is given twice" in raised.value.problem


def test_a_missing_file_is_named(tmp_path: Path):
    with pytest.raises(UserFileError) as raised:
        load_playbook(tmp_path / "nowhere.yaml")
    assert raised.value.path == str(tmp_path / "nowhere.yaml")
    assert raised.value.problem == "not found"


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("a bug in the app", "bug"),
        ("debugging the app", None),  # a pattern never matches inside a word
        ("the app bugs out", None),
        ("we can help", "we can"),
        ("we can't help", None),  # nor stops short of a contraction
    ],
)
def test_patterns_match_whole_words_only(text, phrase):
    rule = PhraseRule(description="test", patterns=["bug", "we can"])
    found = rule.first_match(text)
    assert (found.phrase if found else None) == phrase


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("I'm sorry.", "sorry"),
        ("I'm not sorry.", None),  # the negator is among the 3 words before
        ("Not that I was asked, but I am truly sorry.", "sorry"),  # it is in another clause
        ("Never did I think I would say I am sorry.", "sorry"),  # it is more than 3 words before
        ("Sorry to hear it.", None),  # the match is part of an exception
        ("Is that sorry?", None),  # an exception in the same clause
        ("Sorry. Is that clear?", "Sorry"),  # an exception in another clause
    ],
)
def test_exceptions_and_negation_cancel_a_match_only_where_they_apply(text, phrase):
    rule = PhraseRule(
        description="test",
        patterns=["sorry"],
        unless=["sorry to hear"],
        unless_same_clause=[r"\?"],
        negators=["not", "never"],
        negation_window=3,
    )
    found = rule.first_match(text)
    assert (found.phrase if found else None) == phrase


@pytest.mark.parametrize(
    ("pattern", "text", "selected"),
    [
        ("ty", "a city", False),  # starts with a letter: never inside a word
        ("ty", "ty!", True),
        ("ty", "é ty", True),
        ("(dm|pm) us", "admin us", False),
        (r"\?{2,}", "why??", True),  # starts with punctuation: anywhere
        (r"(great )?wait", "a long wait", True),
        (r"(\w+ )?wait", "awaiting", False),
        (r"#?sale", "big#sale", True),  # may start with "#", so no edge is demanded
    ],
)
def test_the_polars_preselection_skips_matches_inside_words_only_where_that_is_safe(pattern, text, selected):
    from heatcheck.labeling.playbook import prefilter_part

    assert pl.Series([text]).str.contains("(?i)" + prefilter_part(pattern)).item() is selected


def test_the_polars_preselection_never_changes_a_label(monkeypatch):
    """Polars says which patterns and exceptions a text may hold; Python searching only those must
    find exactly what searching everything finds."""
    from heatcheck.labeling import practices
    from heatcheck.labeling.practices import find_phrases, prepare_texts

    monkeypatch.setattr(practices, "ASK_POLARS_FROM_TEXTS", 0)  # ask Polars even for a few texts

    playbook = load_playbook()
    texts = [
        "So sorry, but you entered the wrong address. Please DM us!",
        "I don't need it asap.",
        "THANK YOU SO MUCH!!! Great, another outage.",
        "Not sure why my café order was charged twice??",
        "We can't wait to help. Let us know if there's anything else.",
        "é sorry: no worries, it's fixed now",
        "Thanks for nothing. Worst service ever, avoid @acme.",
        "Can you tell me your order number? Thanks.",
    ]
    frame = prepare_texts(pl.DataFrame({"body_clean": texts}).with_row_index("_row"))
    for section in (playbook.practices, playbook.signals, playbook.root_causes):
        found = {
            (row, label): (phrase, rule) for row, label, phrase, rule, _ in find_phrases(frame, section).iter_rows()
        }
        for row, text in enumerate(texts):
            for label, rule in section.items():
                match = rule.first_match(text)
                expected = (
                    (text[match.start : match.end], f"{label}.patterns[{match.pattern_index}]") if match else None
                )
                assert found.get((row, label)) == expected, (label, text)
