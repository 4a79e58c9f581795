"""The product's sentiment reads support text as people do, keeps plain VADER untouched beside it,
and takes its words from the playbook."""

from __future__ import annotations

import copy

import polars as pl
import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from heatcheck.errors import UserFileError
from heatcheck.labeling.playbook import load_playbook
from heatcheck.labeling.sentiment import SentimentRules, SentimentScorer, plain_label


@pytest.fixture(scope="module")
def shipped_section() -> dict:
    """The `sentiment:` section of the shipped playbook, as YAML gives it."""
    return load_playbook().sentiment


@pytest.fixture(scope="module")
def scorer(shipped_section: dict) -> SentimentScorer:
    """One scorer for the module, as the pipeline builds one per process."""
    return SentimentScorer(SentimentRules.from_playbook(shipped_section, "playbook.yaml"))


def scored(scorer: SentimentScorer, text: str) -> dict:
    """The scores row of one text."""
    return scorer.score_texts([text]).row(0, named=True)


def test_plain_vader_columns_are_exactly_what_vadersentiment_computes(scorer: SentimentScorer):
    texts = [
        "@united thanks for the 3 hour delay",
        "I'm so sorry for the trouble",
        "I want a refund, my order is still broken",
        "The BEST support team ever!!! :)",
        "",
    ]
    vader = SentimentIntensityAnalyzer()
    scores = scorer.score_texts(texts)
    for text, row in zip(texts, scores.iter_rows(named=True), strict=True):
        expected = vader.polarity_scores(text)
        assert (row["vader_neg"], row["vader_neu"], row["vader_pos"], row["vader_compound"]) == (
            expected["neg"],
            expected["neu"],
            expected["pos"],
            expected["compound"],
        ), text


def test_a_refund_for_a_still_broken_order_is_negative(scorer: SentimentScorer):
    row = scored(scorer, "I want a refund, my order is still broken")
    assert row["sentiment"] == "negative"
    assert row["compound"] < row["vader_compound"]
    assert {"lexicon:refund", "lexicon:still"} <= set(row["evidence"])


def test_thanks_for_a_three_hour_delay_is_a_sarcastic_complaint(scorer: SentimentScorer):
    row = scored(scorer, "thanks for the 3 hour delay")
    assert plain_label(row["vader_compound"]) == "positive"
    assert row["sentiment"] == "negative"
    assert any(item.startswith("rule:sarcastic_thanks: thanks for the 3 hour") for item in row["evidence"])


def test_thanks_that_fixed_it_stays_positive(scorer: SentimentScorer):
    row = scored(scorer, "thank you so much, that fixed it")
    assert row["sentiment"] == "positive"
    assert not any(item.startswith("rule:sarcastic") for item in row["evidence"])


@pytest.mark.parametrize(
    "question",
    [
        "Can you tell me when the store opens?",
        "Could you please help me change my seat? Thanks!",
        # requests without a question mark: the courtesy around them is not praise
        "can you please link my two bookings. Thanks",
        "pls send me the form, thank you",
        "I need my receipt resent to my new address. Thanks",
    ],
)
def test_a_request_for_information_is_neutral(scorer: SentimentScorer, question: str):
    assert scored(scorer, question)["sentiment"] == "neutral"


@pytest.mark.parametrize("text", ["you guys rock", "the crew went above and beyond", "hats off to the night shift"])
def test_idioms_of_praise_read_as_praise(scorer: SentimentScorer, text: str):
    row = scored(scorer, text)
    assert plain_label(row["vader_compound"]) == "neutral"
    assert row["sentiment"] == "positive"
    assert any(item.startswith("rule:service_praise: ") for item in row["evidence"])


def test_an_agent_apology_is_not_labelled_negative(scorer: SentimentScorer):
    row = scored(scorer, "I'm so sorry for the trouble")
    assert plain_label(row["vader_compound"]) == "negative"
    assert row["sentiment"] != "negative"
    assert "rule:apology: so sorry for the trouble" in row["evidence"]


def test_a_handle_is_an_address_not_a_feeling(scorer: SentimentScorer):
    row = scored(scorer, "@united my bag arrived")
    assert plain_label(row["vader_compound"]) == "positive"
    assert row["sentiment"] == "neutral"
    assert row["evidence"] == ["ignored:handle: @united"]


def test_negation_still_applies_around_a_phrase(scorer: SentimentScorer):
    assert scored(scorer, "I was not on hold")["compound"] > scored(scorer, "I was on hold")["compound"]


def test_evidence_is_empty_when_the_product_agrees_with_plain_vader(scorer: SentimentScorer):
    row = scored(scorer, "I love this, great job!")
    assert row["compound"] == row["vader_compound"]
    assert row["evidence"] == []


@pytest.mark.parametrize(
    "text",
    ["@JetBlue GREAT", "my phone died 😢", "delayed...wow", "thanks for the 3 hour delay", "not bad at all"],
)
def test_where_the_product_differs_from_plain_vader_the_evidence_says_why(scorer: SentimentScorer, text: str):
    row = scored(scorer, text)
    assert row["compound"] != row["vader_compound"]
    assert row["evidence"]


def test_a_word_added_to_the_overlay_changes_its_score(shipped_section: dict):
    text = "my parcel is on backorder"
    edited = copy.deepcopy(shipped_section)
    edited["lexicon"]["backorder"] = -2.0
    before = scored(SentimentScorer(SentimentRules.from_playbook(shipped_section, "playbook.yaml")), text)
    after = scored(SentimentScorer(SentimentRules.from_playbook(edited, "playbook.yaml")), text)
    assert before["sentiment"] == "neutral"
    assert after["sentiment"] == "negative"
    assert after["evidence"] == ["lexicon:backorder"]


def test_without_a_sentiment_section_the_product_is_plain_vader():
    scorer = SentimentScorer(SentimentRules.from_playbook(None, "playbook.yaml"))
    scores = scorer.score_texts(["@united thanks for the 3 hour delay", "so sorry", "meh"])
    assert scores["compound"].to_list() == scores["vader_compound"].to_list()
    assert scores["sentiment"].to_list() == [plain_label(c) for c in scores["vader_compound"]]


def test_rows_follow_the_input_and_each_distinct_text_is_scored_once(shipped_section: dict):
    scorer = SentimentScorer(SentimentRules.from_playbook(shipped_section, "playbook.yaml"))
    calls = []
    plain_scores = scorer._plain_scores
    scorer._plain_scores = lambda text: calls.append(text) or plain_scores(text)
    scores = scorer.score_texts(["still broken", "thanks!", "still broken", None])
    assert scores["text"].to_list() == ["still broken", "thanks!", "still broken", None]
    assert scores["sentiment"].to_list() == ["negative", "positive", "negative", "neutral"]
    assert sorted(calls) == ["", "still broken", "thanks!"]


@pytest.mark.parametrize(
    ("compound", "label"),
    [(0.05, "positive"), (0.0499, "neutral"), (0.0, "neutral"), (-0.0499, "neutral"), (-0.05, "negative")],
)
def test_plain_label_cuts_at_five_hundredths(compound: float, label: str):
    assert plain_label(compound) == label


@pytest.mark.parametrize(
    ("edit", "key"),
    [
        (lambda s: s["lexicon"].update(refund="very bad"), "sentiment.lexicon.refund"),
        (lambda s: s["lexicon"].update({"refund": 9}), "sentiment.lexicon.refund"),
        (lambda s: s["lexicon"].update({"on hold": -1.5}), "sentiment.lexicon.on hold"),
        (lambda s: s["lexicon"].update({True: 0.5}), "sentiment.lexicon"),
        (lambda s: s["phrases"]["on_hold"].update(pattern="on hold"), "sentiment.phrases.on_hold"),
        (lambda s: s["phrases"]["apology"].update(pattern="sorry ("), "sentiment.phrases.apology.pattern"),
        (lambda s: s["phrases"]["on_hold"].update(phrases=["on hold", " "]), "sentiment.phrases.on_hold.phrases[1]"),
        (lambda s: s["ignore"].update(anything="x*"), "sentiment.ignore.anything"),
        (lambda s: s["neutral_band"].update(positive_at=2), "sentiment.neutral_band.positive_at"),
        (lambda s: s["sarcasm"]["sarcastic_thanks"].update(praise=[]), "sentiment.sarcasm.sarcastic_thanks.praise"),
        (lambda s: s.update(lexicn={}), "sentiment.lexicn"),
    ],
)
def test_a_malformed_section_names_the_file_and_the_key(shipped_section: dict, edit, key: str):
    section = copy.deepcopy(shipped_section)
    edit(section)
    with pytest.raises(UserFileError) as raised:
        SentimentRules.from_playbook(section, "my/playbook.yaml")
    assert raised.value.path == "my/playbook.yaml"
    assert raised.value.key == key


def test_scoring_on_all_cores_gives_the_same_rows_in_the_same_order():
    from heatcheck.labeling.evaluation import load_rules
    from heatcheck.labeling.sentiment import SentimentScorer, score_on_all_cores

    rules = load_rules()
    texts = [f"order {n} is {'still broken' if n % 3 else 'fixed, thanks!'}" for n in range(300)]
    chunks = list(score_on_all_cores(rules, texts, workers=2, parallel_from=100))
    assert len(chunks) > 1
    assert pl.concat(chunks).equals(SentimentScorer(rules).score_texts(texts))


@pytest.fixture(scope="module")
def product_scorer() -> SentimentScorer:
    """The scorer as the pipeline builds it: the playbook's sentiment rules with the signals' phrases."""
    return SentimentScorer(load_playbook().sentiment_rules())


SARCASTIC = [
    "Great, another outage. Love paying for this. Wow, what amazing service.",
    "Thanks for nothing, three days and still no refund. Brilliant work.",
    "Oh wonderful, the app logged me out again. Really loving it.",
]


@pytest.mark.parametrize("text", SARCASTIC)
def test_a_message_carrying_the_sarcasm_signal_never_scores_positive(product_scorer: SentimentScorer, text: str):
    from heatcheck.labeling.practices import label_messages

    message = pl.DataFrame(
        {
            "message_id": ["m"],
            "author_role": ["customer"],
            "is_public": [True],
            "body_clean": [text],
            "channel": ["twitter"],
        }
    )
    assert "sarcasm" in label_messages(message, load_playbook())["label"].to_list()
    scored = product_scorer.score_texts([text]).row(0, named=True)
    assert scored["compound"] <= 0
    # The sentiment section's own sarcasm rule may have read it first; either way a sarcasm rule says why.
    assert any(item.startswith(("rule:signal_sarcasm: ", "rule:sarcastic")) for item in scored["evidence"])
    assert scored["vader_compound"] == SentimentIntensityAnalyzer().polarity_scores(text)["compound"]


def test_relief_that_the_sarcasm_signal_excepts_keeps_its_praise(product_scorer: SentimentScorer):
    assert product_scorer.score_texts(["Oh great, that worked, thank you!"])["sentiment"].item() == "positive"


def test_without_a_sentiment_valence_the_sarcasm_signal_leaves_the_score_alone():
    playbook = load_playbook()
    signals = {label: rule.model_copy(update={"sentiment_valence": None}) for label, rule in playbook.signals.items()}
    rules = playbook.model_copy(update={"signals": signals}).sentiment_rules()
    assert not any(name.startswith("signal_") for name in rules.phrases)
    assert rules == SentimentRules.from_playbook(playbook.sentiment, playbook.path)


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for the 3 hour delay! You are the best, amazing, wonderful, fantastic crew, love you all!!!",
        "Great, another outage. Love paying for this. Wow, what amazing service.",
        "Thanks for the delay, really appreciate it, brilliant stuff, awesome, super happy!",
    ],
)
def test_a_sarcastic_text_never_scores_positive_however_warm_its_words(text: str):
    row = SentimentScorer(load_playbook().sentiment_rules()).score_texts([text]).row(0, named=True)
    assert plain_label(row["vader_compound"]) == "positive", "plain VADER reads these as praise"
    assert row["compound"] <= 0 and row["sentiment"] != "positive"


def test_the_sarcasm_cap_leaves_sincere_praise_alone():
    row = SentimentScorer(load_playbook().sentiment_rules()).score_texts(["Thank you so much, the new app is great!"])
    assert row.row(0, named=True)["sentiment"] == "positive"


@pytest.mark.parametrize(
    "text",
    [
        "Almost half an hour on hold and my phone battery is dying. Thanks for your loyalty.",
        "My bag is lost. Super, thanks a lot guys!",
        "The app crashed and deleted my whole basket!\nGreat work, really.",
    ],
)
def test_one_clear_complaint_sentence_makes_a_lukewarm_message_a_complaint(scorer: SentimentScorer, text: str):
    row = scored(scorer, text)
    assert row["sentiment"] == "negative", row
    assert any(line.startswith("complaint sentence: ") for line in row["evidence"]), row["evidence"]


def test_a_warm_message_keeps_its_praise_beside_a_complaint_sentence(scorer: SentimentScorer):
    text = "The flight was delayed. But the crew were wonderful, kind and funny, thank you so much!"
    row = scored(scorer, text)
    assert row["sentiment"] == "positive", row
    assert not any(line.startswith("complaint sentence") for line in row["evidence"])


def test_a_single_sentence_is_scored_whole(shipped_section: dict):
    """The rule looks for a complaint among several sentences; one sentence is its own score."""
    text = "Thanks for the update, although the wait was annoying"
    without = dict(shipped_section, complaint_sentence=None)
    with_rule = scored(SentimentScorer(SentimentRules.model_validate(shipped_section)), text)
    plain_rule = scored(SentimentScorer(SentimentRules.model_validate(without)), text)
    assert with_rule["compound"] == plain_rule["compound"]


def test_an_any_of_rule_scores_the_whole_text_as_its_word(shipped_section: dict):
    section = copy.deepcopy(shipped_section)
    section["phrases"] = {"mocking": {"valence": -3.0, "any_of": ["yeah right", "as if"]}}
    row = scored(SentimentScorer(SentimentRules.model_validate(section)), "Great service, yeah right. Love it!")
    assert row["compound"] < 0
    assert row["evidence"][0] == "rule:mocking: Great service, yeah right. Love it!"


@pytest.mark.parametrize(
    "rule",
    [
        {"valence": 1.0},
        {"valence": 1.0, "pattern": "a", "any_of": ["b"]},
        {"valence": 1.0, "any_of": ["b"], "keep_words": True},
    ],
)
def test_a_phrase_rule_matches_one_way(shipped_section: dict, rule: dict):
    section = copy.deepcopy(shipped_section)
    section["phrases"] = {"odd": rule}
    with pytest.raises(UserFileError, match="sentiment.phrases.odd"):
        SentimentRules.from_playbook(section, "playbook.yaml")


def test_one_text_alone_scores_as_it_does_in_a_batch(scorer: SentimentScorer):
    texts = ["thanks for the 3 hour delay", "@united my bag arrived", "Nobody answered. Thanks!", "😢 lost again"]
    batch = scorer.score_texts(texts).drop("text").to_dicts()
    assert [scorer.score_one(text) for text in texts] == batch
