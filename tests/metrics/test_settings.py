"""The settings file: defaults that work without it, overrides key by key, errors that name the key."""

from pathlib import Path

import pytest

from heatcheck.errors import UserFileError
from heatcheck.metrics.settings import load_settings
from heatcheck.metrics.timing import priority_targets


def write(tmp_path: Path, text: str) -> Path:
    """A user's settings file holding `text`."""
    path = tmp_path / "settings.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_settings_work_without_a_user_file():
    settings = load_settings()
    assert settings.timezone == "America/New_York"
    assert (settings.business_hours.monday.opens, settings.business_hours.monday.closes) == (9 * 60, 17 * 60)
    assert settings.business_hours.saturday is None and settings.business_hours.sunday is None
    assert settings.holiday_country == "US"
    assert settings.target_clock == "business"
    assert settings.targets["urgent"].first_update_minutes == 60
    assert settings.word_of_mouth.complaint_rate.value == 0.04
    assert settings.word_of_mouth.tell_share.value == 0.8
    assert settings.word_of_mouth.audience.value == 10
    assert "4%" in settings.word_of_mouth.complaint_rate.source
    assert settings.promises.default_deadline_business_days == 1


def test_a_user_file_changes_only_what_it_names(tmp_path):
    path = write(tmp_path, 'timezone: Europe/London\nbusiness_hours:\n  saturday: ["10:00", "14:00"]\n')
    settings = load_settings(path)
    assert settings.timezone == "Europe/London"
    assert (settings.business_hours.saturday.opens, settings.business_hours.saturday.closes) == (600, 840)
    assert settings.business_hours.friday.closes == 17 * 60
    assert settings.targets["urgent"].first_update_minutes == 60


def test_an_empty_user_file_keeps_every_default(tmp_path):
    assert load_settings(write(tmp_path, "# nothing to change yet\n")) == load_settings()


def test_unquoted_clock_times_still_mean_clock_times(tmp_path):
    # YAML turns an unquoted 9:00 into the number 540.
    path = write(tmp_path, "business_hours:\n  monday: [9:00, 17:30]\n  sunday: ['00:00', '24:00']\n")
    settings = load_settings(path)
    assert (settings.business_hours.monday.opens, settings.business_hours.monday.closes) == (540, 1050)
    assert (settings.business_hours.sunday.opens, settings.business_hours.sunday.closes) == (0, 1440)


def test_shares_may_be_written_as_percentages(tmp_path):
    settings = load_settings(write(tmp_path, 'word_of_mouth:\n  complaint_rate: {value: "3.7%"}\n'))
    assert settings.word_of_mouth.complaint_rate.value == pytest.approx(0.037)
    assert "4%" in settings.word_of_mouth.complaint_rate.source  # the source line stays unless replaced


def test_a_team_can_add_its_own_priority_names_beside_the_default(tmp_path):
    settings = load_settings(
        write(tmp_path, "targets:\n  ' P1 ': {first_update_minutes: 15, update_gap_minutes: 30}\n")
    )
    assert settings.targets["p1"].first_update_minutes == 15  # matched in lower case, as the mart joins
    assert settings.targets["urgent"].first_update_minutes == 60
    assert "default" in settings.targets


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        (
            "targets:\n  urgent: {first_update_minutes: -5}\n",
            "targets.urgent.first_update_minutes",
            "must be a positive",
        ),
        ("targets:\n  urgent: {update_gap_minutes: soon}\n", "targets.urgent.update_gap_minutes", "valid number"),
        ("targets:\n  p1: {first_update_minutes: 15}\n", "targets.p1.update_gap_minutes", "is missing"),
        ('business_hours:\n  monday: ["17:00", "09:00"]\n', "business_hours.monday", "closing time must be after"),
        ('business_hours:\n  monday: "9 to 5"\n', "business_hours.monday", "opening and a closing time"),
        ('business_hours:\n  monday: ["09:75", "17:00"]\n', "business_hours.monday", "not a time"),
        (
            "business_hours: {monday: null, tuesday: null, wednesday: null, thursday: null, friday: null}\n",
            "business_hours",
            "at least one day",
        ),
        ("busines_hours: {}\n", "busines_hours", "check the spelling"),
        ("timezone: Eastern\n", "timezone", "not a time zone name"),
        ("holiday_country: XX\n", "holiday_country", "country code"),
        ("holidays: [2026-12-24, boxing day]\n", "holidays[1]", "valid date"),
        ("target_clock: wall\n", "target_clock", "'business' or 'calendar'"),
        ("word_of_mouth:\n  tell_share: {value: 1.4}\n", "word_of_mouth.tell_share.value", "between 0 and 1"),
        ("word_of_mouth:\n  complaint_rate: {value: 0}\n", "word_of_mouth.complaint_rate.value", "more than 0"),
        ("word_of_mouth:\n  audience: {value: 0}\n", "word_of_mouth.audience.value", "must be a positive number"),
        ("promises: {default_deadline_business_days: 0}\n", "promises.default_deadline_business_days", "positive"),
    ],
)
def test_a_bad_setting_names_the_file_and_the_key(tmp_path, text, key, problem):
    path = write(tmp_path, text)
    with pytest.raises(UserFileError) as raised:
        load_settings(path)
    assert raised.value.path == str(path)
    assert raised.value.key == key
    assert problem in raised.value.problem


def test_a_file_that_is_not_yaml_names_the_line(tmp_path):
    with pytest.raises(UserFileError) as raised:
        load_settings(write(tmp_path, "timezone: UTC\ntargets: [unclosed\n"))
    assert raised.value.key == "line 3"
    assert raised.value.problem.startswith("YAML syntax error: ")


def test_a_missing_user_file_is_reported(tmp_path):
    with pytest.raises(UserFileError, match="not found"):
        load_settings(tmp_path / "absent.yaml")


def test_a_priority_without_a_requester_wait_target_takes_the_default_one(tmp_path):
    settings = load_settings(
        write(tmp_path, "targets:\n  p1:\n    first_update_minutes: 30\n    update_gap_minutes: 60\n")
    )
    table = {row["priority"]: row for row in priority_targets(settings).iter_rows(named=True)}
    assert table["p1"]["requester_wait_minutes"] is None  # ticket_targets falls back to `default`
    assert table["default"]["requester_wait_minutes"] == 1920
    assert table["urgent"]["requester_wait_minutes"] == 480
