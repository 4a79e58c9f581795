"""The chart and wording fixes an analyst asked for, on hand-made rows (no warehouse needed)."""

from datetime import date

from reports import figures, takeaways
from reports.formatting import percent_change

WEEKS = [
    {"week_start": date(2026, 11, 2), "median_time_to_first_update_business_minutes": 100.0,
     "p90_time_to_first_update_business_minutes": 150.0},
    {"week_start": date(2026, 11, 16), "median_time_to_first_update_business_minutes": 120.0,
     "p90_time_to_first_update_business_minutes": 170.0},
]  # fmt: skip
TARGETS = [
    {"priority": "urgent", "first_update_target_minutes": 60.0},
    {"priority": "normal", "first_update_target_minutes": 960.0},
]


def test_a_week_without_tickets_is_a_gap_on_the_time_axis_not_skipped():
    filled = figures.every_week(WEEKS)
    assert [w["week_start"] for w in filled] == [date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16)]
    assert filled[1]["median_time_to_first_update_business_minutes"] is None


def test_the_first_update_axis_fits_the_data_and_names_the_targets_above_it():
    figure = figures.first_update_trend(WEEKS, TARGETS)
    top = figure.layout.yaxis.range[1]
    assert 170 / 60 <= top < 960 / 60, "a 16-hour target must not flatten a 2-hour median"
    notes = " ".join(a.text for a in figure.layout.annotations)
    assert "urgent target 1h" in notes and "targets above the chart: normal 16h" in notes


def test_a_percentage_of_a_tiny_base_is_not_shown():
    assert percent_change(41, 3) is None
    assert percent_change(44, 40) == 0.1
    headline = takeaways.headlines(
        {"tickets": 41, "complaints": 2, "median_time_to_first_update_business_minutes": None,
         "broken_promises": 0, "left_hanging": 0},
        {"tickets": 3, "median_time_to_first_update_business_minutes": None},
    )  # fmt: skip
    assert "41 tickets (from 3 the week before)" in headline and "%" not in headline


def test_the_root_cause_takeaway_leads_with_a_named_cause_not_other():
    causes = [{"root_cause": "other", "complaints": 30}, {"root_cause": "billing", "complaints": 12},
              {"root_cause": "delivery", "complaints": 5}]  # fmt: skip
    said = takeaways.themes([], causes)
    assert "the leading cause was billing (12 of 47, 30 with no cause the playbook recognises)" in said


def test_the_sankey_says_what_its_colours_mean():
    shifts = [{"start_label": "negative", "end_label": "positive", "tickets": 3, "complaints": 3}]
    notes = " ".join(a.text for a in figures.sentiment_shift(shifts).layout.annotations)
    assert "ended better" in notes and "ended worse" in notes


def test_times_are_shown_on_the_team_s_clock_with_its_zone():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from reports.formatting import local_time

    assert local_time(datetime(2026, 3, 2, 14, 30), ZoneInfo("America/New_York")) == "Mon 2 Mar 09:30 EST"
    assert local_time(datetime(2026, 7, 1, 8, 0), ZoneInfo("Europe/London")) == "Wed 1 Jul 09:00 BST"
