"""SPEC section 6 checked by hand on a small week, and its parameters taken from the settings."""

import pytest

from heatcheck.home import Home
from tests.conftest import run_pipeline, snapshot_rows
from tests.test_metrics import write_export

TICKETS = [
    ("angry_bad_csat", "normal", "solved", "2026-03-03T15:00:00Z", "bad"),
    ("angry_good_csat", "normal", "solved", "2026-03-03T15:00:00Z", "good"),
    ("angry_unresolved", "normal", "open", "2026-03-03T15:00:00Z", None),
    ("calm_question", "normal", "solved", "2026-03-03T15:00:00Z", None),
]
MESSAGES = [
    ("angry_bad_csat", "customer", True, "2026-03-03T15:00:00Z", "This is ridiculous, you charged me twice!"),
    ("angry_bad_csat", "agent", True, "2026-03-03T15:20:00Z", "I've refunded the second charge."),
    ("angry_good_csat", "customer", True, "2026-03-03T15:00:00Z", "This is ridiculous, you charged me twice!"),
    ("angry_good_csat", "agent", True, "2026-03-03T15:20:00Z", "I've refunded the second charge."),
    ("angry_unresolved", "customer", True, "2026-03-03T15:00:00Z", "Worst service ever, my heating is still broken!"),
    ("calm_question", "customer", True, "2026-03-03T15:00:00Z", "Hi, can you tell me when the store opens?"),
    ("calm_question", "agent", True, "2026-03-03T15:20:00Z", "We open at nine."),
]
STATUS = [
    ("angry_bad_csat", "solved", "2026-03-03T15:30:00Z"),
    ("angry_good_csat", "solved", "2026-03-03T15:30:00Z"),
    ("calm_question", "solved", "2026-03-03T15:30:00Z"),
]
WEEK = "2026-03-02"


def _week(home):
    [row] = snapshot_rows(
        home,
        "SELECT complaints, dissatisfied, silent_dissatisfied, word_of_mouth_reach, "
        "complaint_to_wom_risk, avoidable_reach, complaint_rate, tell_share, audience "
        "FROM word_of_mouth_weekly WHERE week_start = ?",
        [WEEK],
    )
    return row


@pytest.fixture
def small_week(tmp_path):
    home = Home.at(tmp_path / "home")
    export = write_export(tmp_path / "export", TICKETS, MESSAGES, STATUS)
    run_pipeline(home, export)
    return home, export


def test_the_risk_follows_the_spec_by_hand(small_week):
    home, _ = small_week
    # Three complaints (C = 3); dissatisfied: the bad CSAT and the unresolved one (D = 2).
    complaints, dissatisfied, silent, reach, risk, avoidable, r, s, a = _week(home)
    assert (complaints, dissatisfied) == (3, 2)
    assert (r, s, a) == (0.04, 0.8, 10)
    assert silent == pytest.approx(3 * (1 - 0.04) / 0.04)  # 72 who never complained
    assert reach == pytest.approx((2 + 72) * 0.8 * 10)  # 592 people
    assert risk == pytest.approx(592 / 3)
    assert avoidable == pytest.approx(2 * 0.8 * 10)


def test_changing_a_parameter_changes_the_figures_on_the_next_run(small_week):
    home, _ = small_week
    home.settings_file.write_text(
        "word_of_mouth:\n  complaint_rate:\n    value: 0.1\n    source: one in ten, for the test\n"
    )
    run_pipeline(home)  # no new exports: the settings alone change the marts
    complaints, dissatisfied, silent, reach, *_ = _week(home)
    assert silent == pytest.approx(3 * 0.9 / 0.1)
    assert reach == pytest.approx((2 + 27) * 0.8 * 10)
