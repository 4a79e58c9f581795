"""How well the product's sentiment agrees with people, next to plain VADER (SPEC section 8).

Two measures, both on real human-labelled data kept outside the project:

- airline tweets with crowd labels (the dev half; an unseen half is kept elsewhere): accuracy,
  macro-F1, per-class precision/recall/F1 and the confusion matrix, plain VADER beside the product;
- the VADER paper's human-rated texts: Pearson r between compound and the mean human rating, so an
  overlay that helps support text cannot quietly wreck general text.

The report is a list of titled sections, so further sections can be appended; `heatcheck
evaluate` adds the label census of the Twitter threads (census.py) and prints it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from statistics import correlation

import polars as pl

from heatcheck.labeling.playbook import load_playbook
from heatcheck.labeling.sentiment import SentimentRules, SentimentScorer, plain_label

LABELS = ("negative", "neutral", "positive")
AIRLINE_DEV = Path("twitter_us_airline_sentiment") / "airline_sentiment_dev.csv"
GROUND_TRUTH = Path("vader_hutto_icwsm2014_ground_truth")
GROUND_TRUTH_FILES = {
    "tweets": "tweets_GroundTruth.txt",
    "amazon": "amazonReviewSnippets_GroundTruth.txt",
    "movie": "movieReviewSnippets_GroundTruth.txt",
    "nyt": "nytEditorialSnippets_GroundTruth.txt",
}


def accuracy(truth: Sequence[str], predicted: Sequence[str]) -> float:
    """Share of items whose predicted label equals the true one."""
    return sum(t == p for t, p in zip(truth, predicted, strict=True)) / len(truth)


def confusion_matrix(truth: Sequence[str], predicted: Sequence[str], labels: Sequence[str] = LABELS) -> list[list[int]]:
    """Counts with one row per true label and one column per predicted label, in `labels` order."""
    position = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for t, p in zip(truth, predicted, strict=True):
        matrix[position[t]][position[p]] += 1
    return matrix


@dataclass(frozen=True)
class LabelScore:
    """Agreement on one label: hits, false alarms and misses, and the ratios made of them."""

    label: str
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def support(self) -> int:
        """How many texts the reader gave this label."""
        return self.true_positives + self.false_negatives

    @property
    def precision(self) -> float:
        """Share of the texts the rules flagged that the reader labelled too (0 when none flagged)."""
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        """Share of the reader's texts that the rules flagged (0 when the reader gave none)."""
        return self.true_positives / self.support if self.support else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def per_class_scores(
    truth: Sequence[str], predicted: Sequence[str], labels: Sequence[str] = LABELS
) -> dict[str, dict[str, float]]:
    """Precision, recall and F1 of each label; 0 where a ratio has nothing to divide by."""
    matrix = confusion_matrix(truth, predicted, labels)
    scores = {}
    for i, label in enumerate(labels):
        hits = matrix[i][i]
        score = LabelScore(label, hits, sum(row[i] for row in matrix) - hits, sum(matrix[i]) - hits)
        scores[label] = {"precision": score.precision, "recall": score.recall, "f1": score.f1}
    return scores


def macro_f1(truth: Sequence[str], predicted: Sequence[str], labels: Sequence[str] = LABELS) -> float:
    """Unweighted mean of the per-label F1, so the rare neutral and positive classes count fully."""
    scores = per_class_scores(truth, predicted, labels)
    return sum(score["f1"] for score in scores.values()) / len(labels)


def read_airline_dev(shared_data: Path) -> pl.DataFrame:
    """The airline dev half: text and crowd label (the file is latin-1, not UTF-8)."""
    frame = pl.read_csv(shared_data / AIRLINE_DEV, encoding="latin-1", infer_schema=False)
    return frame.select("text", label="airline_sentiment")


def read_ground_truth(path: Path) -> pl.DataFrame:
    """A VADER ground-truth file: tab-separated id, mean human rating, text; no header, no quoting."""
    return pl.read_csv(
        path,
        separator="\t",
        has_header=False,
        quote_char=None,
        new_columns=["id", "rating", "text"],
        schema_overrides={"id": pl.String, "rating": pl.Float64, "text": pl.String},
    )


def airline_section(shared_data: Path, scorer: SentimentScorer) -> str:
    """Accuracy, macro-F1, per-class scores and confusion matrices on the airline dev half."""
    tweets = read_airline_dev(shared_data)
    scored = scorer.score_texts(tweets["text"].to_list())
    truth = tweets["label"].to_list()
    sides = {
        "plain VADER": [plain_label(c) for c in scored["vader_compound"]],
        "product": scored["sentiment"].to_list(),
    }
    band = scorer.rules.neutral_band
    lines = [f"{len(truth)} tweets; product neutral between {band.negative_at} and {band.positive_at}", ""]
    lines += _agreement_lines(truth, sides) + _halves_lines(truth, sides["product"])
    lines += [""] + _per_class_lines(truth, sides)
    for side, predicted in sides.items():
        lines += [""] + _confusion_lines(side, truth, predicted)
    return "\n".join(lines)


def _agreement_lines(truth: Sequence[str], sides: dict[str, list[str]]) -> list[str]:
    """Accuracy and macro-F1, one line per side."""
    lines = [f"{'':14}{'accuracy':>10}{'macro-F1':>10}"]
    for side, predicted in sides.items():
        lines.append(f"{side:14}{accuracy(truth, predicted):>10.3f}{macro_f1(truth, predicted):>10.3f}")
    return lines


def _halves_lines(truth: Sequence[str], predicted: Sequence[str]) -> list[str]:
    """The product's macro-F1 on even and odd rows apart: the rules were read off even rows only,
    so the odd rows are the nearest thing here to tweets the rules have never seen."""
    even, odd = macro_f1(truth[0::2], predicted[0::2]), macro_f1(truth[1::2], predicted[1::2])
    return [f"product macro-F1 on even rows {even:.3f}, on odd rows {odd:.3f}"]


def _per_class_lines(truth: Sequence[str], sides: dict[str, list[str]]) -> list[str]:
    """Precision, recall and F1 of each label, the sides next to each other."""
    lines = [f"{'per class':14}" + "".join(f"{side + ' P/R/F1':>26}" for side in sides)]
    per_side = {side: per_class_scores(truth, predicted) for side, predicted in sides.items()}
    for label in LABELS:
        cells = ["{precision:.3f} {recall:.3f} {f1:.3f}".format(**per_side[side][label]) for side in sides]
        lines.append(f"{label:14}" + "".join(f"{cell:>26}" for cell in cells))
    return lines


def _confusion_lines(side: str, truth: Sequence[str], predicted: Sequence[str]) -> list[str]:
    """One side's confusion matrix with its labels."""
    lines = [f"{side}: rows are the crowd label, columns the predicted label"]
    lines.append(f"{'':14}" + "".join(f"{label:>10}" for label in LABELS))
    for label, row in zip(LABELS, confusion_matrix(truth, predicted), strict=True):
        lines.append(f"{label:14}" + "".join(f"{count:>10}" for count in row))
    return lines


def ground_truth_section(shared_data: Path, scorer: SentimentScorer) -> str:
    """Pearson r of compound against the mean human rating, for each VADER ground-truth file."""
    lines = [f"{'file':10}{'texts':>8}{'plain VADER':>14}{'product':>10}"]
    for name, file_name in GROUND_TRUTH_FILES.items():
        rated = read_ground_truth(shared_data / GROUND_TRUTH / file_name)
        scored = scorer.score_texts(rated["text"].to_list())
        ratings = rated["rating"].to_list()
        plain = correlation(scored["vader_compound"].to_list(), ratings)
        product = correlation(scored["compound"].to_list(), ratings)
        lines.append(f"{name:10}{len(ratings):>8}{plain:>14.3f}{product:>10.3f}")
    return "\n".join(lines)


def evaluation_sections(shared_data: Path, scorer: SentimentScorer) -> list[tuple[str, str]]:
    """The report's sections as (title, text); append to the list to add one."""
    return [
        ("Airline tweets, crowd labels (dev half)", airline_section(shared_data, scorer)),
        ("VADER ground truth: Pearson r with the mean human rating", ground_truth_section(shared_data, scorer)),
    ]


def render_sections(sections: Sequence[tuple[str, str]]) -> str:
    """Titled sections as one printable text."""
    return "\n\n".join(f"== {title} ==\n{text}" for title, text in sections)


def run_evaluation(shared_data: Path, rules: SentimentRules) -> str:
    """The printable evaluation report for the given sentiment rules."""
    return render_sections(evaluation_sections(Path(shared_data), SentimentScorer(rules)))


def load_rules(playbook: Path | None = None) -> SentimentRules:
    """The sentiment rules of a playbook file (by default the one shipped with Heatcheck)."""
    return load_playbook(playbook).sentiment_rules()
