"""How numbers read in the reports."""

import pytest

from reports.coaching import file_slug
from reports.formatting import business_duration, change_phrase, duration


@pytest.mark.parametrize(
    ("minutes", "calendar", "business"),
    [
        (None, "—", "—"),
        (0.4, "0m", "0m"),
        (45, "45m", "45m"),
        (60, "1h", "1h"),
        (130, "2h 10m", "2h 10m"),
        (47 * 60 + 59, "47h 59m", "47h 59m"),
        (3 * 24 * 60 + 4 * 60 + 20, "3d 4h", "76h 20m"),
    ],
)
def test_durations_read_as_a_person_says_them(minutes, calendar: str, business: str) -> None:
    assert duration(minutes) == calendar
    assert business_duration(minutes) == business


@pytest.mark.parametrize(
    ("now", "before", "phrase"),
    [
        (130, 94, "rose 38% to 130 (from 94)"),
        (9, 12, "fell 25% to 9 (from 12)"),
        (4, 4, "held at 4"),
        (3, 0, "rose from 0 to 3"),
        (5, None, "was 5 (no week before to compare)"),
    ],
)
def test_a_change_says_which_way_and_how_far(now, before, phrase: str) -> None:
    assert change_phrase(now, before) == phrase


def test_file_names_are_safe_and_keep_different_names_apart() -> None:
    names = ["zendesk:361", "zendesk/361", "Tech Support", "tech-support", "../../etc", "ana"]
    slugs = [file_slug(name) for name in names]
    assert len(set(slugs)) == len(slugs)
    assert all(slug and set(slug) <= set("abcdefghijklmnopqrstuvwxyz0123456789-_") for slug in slugs)
    assert file_slug("ana") == "ana"
