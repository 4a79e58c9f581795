"""The chance a customer ends dissatisfied: fitted on closed tickets, applied to open ones."""

import polars as pl
import pytest

from heatcheck.metrics.dissatisfaction import FEATURES, MIN_RATED, dissatisfaction_chances


def _tickets(rows: list[dict]) -> pl.DataFrame:
    base = {name: 0.0 for name in FEATURES} | {"is_open": False, "csat": None, "rule_dissatisfied": False}
    return pl.DataFrame([base | {"ticket_id": str(i)} | row for i, row in enumerate(rows)])


def _closed_rated(count: int) -> list[dict]:
    """Closed, rated tickets: the angrier the end, the likelier a bad rating (not separable)."""
    rows = []
    for i in range(count):
        end = -1 + 2 * i / (count - 1)
        bad = (end < 0) != (i % 7 == 0)  # a few exceptions each way
        rows.append({"end_sentiment": end, "csat": "bad" if bad else "good", "complaint": 1.0})
    return rows


def test_open_tickets_are_ranked_by_how_the_conversation_is_going():
    open_tickets = [
        {"ticket_id": "calm", "is_open": True, "end_sentiment": 0.8, "complaint": 1.0},
        {"ticket_id": "angry", "is_open": True, "end_sentiment": -0.8, "complaint": 1.0},
    ]
    chances = dissatisfaction_chances(_tickets(_closed_rated(60) + open_tickets))
    by_id = dict(chances.select("ticket_id", "dissatisfaction_chance").iter_rows())
    assert 0 < by_id["calm"] < 0.5 < by_id["angry"] < 1
    trained = chances.filter(pl.col("trained_on").is_not_null())
    assert set(trained["trained_on"]) == {"csat"} and trained.height == 60
    assert chances.filter(pl.col("ticket_id").is_in(["calm", "angry"]))["trained_on"].is_null().all()


def test_the_fit_is_calibrated_on_its_training_tickets():
    chances = dissatisfaction_chances(_tickets(_closed_rated(60)))
    # A fitted logistic regression with an intercept matches the observed rate on average
    # (exactly without a penalty; the small ridge keeps it close).
    observed = chances["observed_dissatisfied"].cast(pl.Float64).mean()
    assert chances["dissatisfaction_chance"].mean() == pytest.approx(observed, abs=0.02)


def test_without_enough_ratings_the_rule_on_closed_complaints_is_the_outcome():
    few_ratings = _closed_rated(MIN_RATED - 5)
    complaints = [
        {"complaint": 1.0, "resolved": float(i % 2), "rule_dissatisfied": i % 2 == 0, "csat": None} for i in range(30)
    ]
    chances = dissatisfaction_chances(_tickets([{**row, "csat": None} for row in few_ratings] + complaints))
    assert set(chances["trained_on"].drop_nulls()) == {"rule"}


def test_too_few_closed_tickets_give_the_observed_rate():
    chances = dissatisfaction_chances(
        _tickets([{"complaint": 1.0, "rule_dissatisfied": True}, {"complaint": 1.0}, {"is_open": True}])
    )
    assert chances["dissatisfaction_chance"].to_list() == [0.5, 0.5, 0.5]
