"""The evaluation's metrics are right on hand-computed examples, its report shows both sides, and on
real human-labelled data the product beats plain VADER without wrecking general text."""

from __future__ import annotations

from pathlib import Path
from statistics import correlation

import pytest

from heatcheck.labeling import evaluation
from heatcheck.labeling.evaluation import (
    GROUND_TRUTH,
    GROUND_TRUTH_FILES,
    accuracy,
    confusion_matrix,
    macro_f1,
    per_class_scores,
    read_airline_dev,
    read_ground_truth,
    run_evaluation,
)
from heatcheck.labeling.sentiment import SentimentRules, SentimentScorer, plain_label

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"

# Four items, hand-counted: rows are the truth, columns the prediction (negative, neutral, positive).
TRUTH = ["negative", "negative", "neutral", "positive"]
PREDICTED = ["negative", "neutral", "neutral", "negative"]


def test_accuracy_is_the_share_of_exact_agreements():
    assert accuracy(TRUTH, PREDICTED) == 0.5


def test_the_confusion_matrix_has_a_row_per_true_label_and_a_column_per_prediction():
    assert confusion_matrix(TRUTH, PREDICTED) == [[1, 1, 0], [0, 1, 0], [1, 0, 0]]


def test_per_class_precision_recall_and_f1():
    scores = per_class_scores(TRUTH, PREDICTED)
    assert scores["negative"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert scores["neutral"]["precision"] == 0.5
    assert scores["neutral"]["recall"] == 1.0
    assert scores["neutral"]["f1"] == pytest.approx(2 / 3)
    # Never predicted and never hit: zero, not a division error.
    assert scores["positive"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_macro_f1_weighs_every_label_equally():
    assert macro_f1(TRUTH, PREDICTED) == pytest.approx((0.5 + 2 / 3 + 0.0) / 3)


def test_a_ground_truth_text_keeps_its_quotes_and_tabs_split_only_the_three_columns(tmp_path: Path):
    path = tmp_path / "tiny_GroundTruth.txt"
    path.write_bytes(b'1_1\t2.5\tHe said "great" and meant it\r\n2\t-1.25\tnot "good\r\n')
    rated = read_ground_truth(path)
    assert rated["id"].to_list() == ["1_1", "2"]
    assert rated["rating"].to_list() == [2.5, -1.25]
    assert rated["text"].to_list() == ['He said "great" and meant it', 'not "good']


def write_tiny_shared_data(root: Path) -> None:
    """A stand-in for ../shared/data with the same file layout and encodings, a few rows each."""
    airline = root / evaluation.AIRLINE_DEV
    airline.parent.mkdir(parents=True)
    airline.write_bytes(
        "_unit_id,airline_sentiment,text\n"
        "1,negative,@united thanks for the 3 hour delay\n"
        "2,neutral,Can you tell me when the gate opens?\n"
        "3,positive,Thank you so much \u00e9quipe!\n".encode("latin-1")
    )
    (root / GROUND_TRUTH).mkdir(parents=True)
    for file_name in GROUND_TRUTH_FILES.values():
        (root / GROUND_TRUTH / file_name).write_text(
            "1\t3.1\tI love it\r\n2\t-2.5\tthis is awful\r\n3\t0.1\tit is a chair\r\n", encoding="utf-8"
        )


def test_the_report_shows_plain_vader_beside_the_product_in_titled_sections(tmp_path: Path):
    write_tiny_shared_data(tmp_path)
    report = run_evaluation(tmp_path, SentimentRules.from_playbook(None, "playbook.yaml"))
    airline_at = report.index("== Airline tweets")
    ground_truth_at = report.index("== VADER ground truth")
    assert airline_at < ground_truth_at
    assert "plain VADER" in report and "product" in report
    for label in ("negative", "neutral", "positive"):
        assert label in report[airline_at:ground_truth_at]
    assert "product macro-F1 on even rows" in report[airline_at:ground_truth_at]
    for name in GROUND_TRUTH_FILES:
        assert f"\n{name} " in report[ground_truth_at:]


@pytest.fixture(scope="module")
def shipped_scorer() -> SentimentScorer:
    """The product as shipped: the scorer built from the shipped playbook."""
    return SentimentScorer(evaluation.load_rules())


def test_on_the_airline_dev_half_the_product_reaches_macro_f1_068_and_beats_plain_vader(shipped_scorer):
    tweets = read_airline_dev(SHARED_DATA)
    scored = shipped_scorer.score_texts(tweets["text"].to_list())
    truth = tweets["label"].to_list()
    product = macro_f1(truth, scored["sentiment"].to_list())
    plain = macro_f1(truth, [plain_label(c) for c in scored["vader_compound"]])
    assert product >= 0.68
    assert product > plain


def test_on_the_vader_tweets_the_product_correlates_with_people_almost_as_well_as_plain_vader(shipped_scorer):
    rated = read_ground_truth(SHARED_DATA / GROUND_TRUTH / GROUND_TRUTH_FILES["tweets"])
    scored = shipped_scorer.score_texts(rated["text"].to_list())
    ratings = rated["rating"].to_list()
    plain = correlation(scored["vader_compound"].to_list(), ratings)
    product = correlation(scored["compound"].to_list(), ratings)
    assert product >= plain - 0.02
