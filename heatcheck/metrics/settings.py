"""The metrics settings file: business hours, targets, word-of-mouth parameters, promise defaults
and how much data the practice effects need.

`settings.yaml` beside this module holds every default and the comments a CX lead reads. A
user's file (the pipeline passes $HEATCHECK_HOME/settings.yaml when it exists) is laid over it
key by key, so it only needs the values that differ. The merged result is validated here; a
value that does not validate raises `UserFileError` naming the file and the dotted key.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays as holiday_calendars
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    field_validator,
    model_validator,
)

from heatcheck.yaml_files import read_yaml, validated

DEFAULT_SETTINGS_PATH = Path(__file__).with_name("settings.yaml")

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_CLOCK_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
MINUTES_PER_DAY = 24 * 60


def _positive(value: float) -> float:
    """Reject zero and negative targets and counts."""
    if value <= 0:
        raise ValueError("must be a positive number")
    return value


def _percent_as_share(value: Any) -> Any:
    """Read "4%" as 0.04, since a CX lead is as likely to write one as the other."""
    if isinstance(value, str) and value.strip().endswith("%"):
        try:
            return float(value.strip()[:-1]) / 100
        except ValueError:
            raise ValueError("must be a share such as 0.04 or 4%") from None
    return value


def _share(value: float) -> float:
    """Accept a share between 0 and 1."""
    if not 0 <= value <= 1:
        raise ValueError("must be a share between 0 and 1 (0.04 or 4% for four in a hundred)")
    return value


PositiveNumber = Annotated[float, AfterValidator(_positive)]
PositiveCount = Annotated[int, AfterValidator(_positive)]
Share = Annotated[float, BeforeValidator(_percent_as_share), AfterValidator(_share)]


def _clock_minutes(value: Any) -> int:
    """Minutes after local midnight for "09:00"; "24:00" is the end of the day."""
    # YAML reads an unquoted 9:00 as the base-60 number 540, which is already minutes after midnight.
    if isinstance(value, int) and not isinstance(value, bool):
        minutes = value
    else:
        match = _CLOCK_TIME.match(str(value).strip())
        if not match or int(match[2]) >= 60:
            raise ValueError(f'{value!r} is not a time like "09:00"')
        minutes = int(match[1]) * 60 + int(match[2])
    if not 0 <= minutes <= MINUTES_PER_DAY:
        raise ValueError(f'{value!r} is not a time between "00:00" and "24:00"')
    return minutes


class Strict(BaseModel):
    """Base for every section: unknown keys are spelling mistakes, and settings never change."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class OpeningHours(Strict):
    """One day's opening and closing time, in minutes after local midnight."""

    opens: int
    closes: int

    @model_validator(mode="before")
    @classmethod
    def _from_pair(cls, value: Any) -> Any:
        """Read the file's ["09:00", "17:00"] form."""
        if not isinstance(value, (list, tuple)) or len(value) != 2:
            raise ValueError('must be an opening and a closing time like ["09:00", "17:00"], or null when closed')
        opens, closes = (_clock_minutes(item) for item in value)
        if closes <= opens:
            raise ValueError("the closing time must be after the opening time")
        return {"opens": opens, "closes": closes}


class WeekHours(Strict):
    """Opening hours for each day of the week; None when closed all day."""

    monday: OpeningHours | None
    tuesday: OpeningHours | None
    wednesday: OpeningHours | None
    thursday: OpeningHours | None
    friday: OpeningHours | None
    saturday: OpeningHours | None
    sunday: OpeningHours | None

    @model_validator(mode="after")
    def _open_some_day(self) -> WeekHours:
        """A week with no open hours would make every business deadline unreachable."""
        if all(getattr(self, day) is None for day in WEEKDAYS):
            raise ValueError("at least one day must have opening hours")
        return self

    def for_weekday(self, weekday: int) -> OpeningHours | None:
        """Hours for a weekday numbered as `date.weekday()` does (Monday is 0)."""
        return getattr(self, WEEKDAYS[weekday])


class Target(Strict):
    """Response targets for one priority."""

    first_update_minutes: PositiveNumber
    update_gap_minutes: PositiveNumber
    # The SLA on the customer's total wait (new, open, on hold); when a priority leaves it out,
    # the `default` priority's applies.
    requester_wait_minutes: PositiveNumber | None = None


class Estimate(Strict):
    """A published rule of thumb and where it comes from."""

    value: float
    source: str


class ShareEstimate(Estimate):
    """A rule of thumb that is a share of customers."""

    value: Share


class CountEstimate(Estimate):
    """A rule of thumb that is a number of people."""

    value: PositiveNumber


class ComplaintRateEstimate(ShareEstimate):
    """The share who complain: never zero, because the estimate divides by it."""

    @field_validator("value")
    @classmethod
    def _some_complain(cls, value: float) -> float:
        """Dividing by zero complainers would make the iceberg infinite."""
        if value == 0:
            raise ValueError("must be more than 0: the estimate divides by it")
        return value


class WordOfMouth(Strict):
    """Parameters of the complaint-to-word-of-mouth estimate (SPEC section 6)."""

    complaint_rate: ComplaintRateEstimate
    tell_share: ShareEstimate
    audience: CountEstimate


class Promises(Strict):
    """How follow-up promises are held to account."""

    default_deadline_business_days: PositiveNumber


class PracticeEffects(Strict):
    """How much data the adjusted practice effects need before they are shown (marts.practice_effects)."""

    min_complaints: PositiveCount
    min_agent_complaints: PositiveCount
    min_practice_complaints: PositiveCount


class Ingest(Strict):
    """What an export may hold before a record is quarantined or a body is cut for labelling."""

    earliest: date
    latest_after_ingest_hours: PositiveNumber
    label_characters: PositiveCount


class Settings(Strict):
    """Everything in settings.yaml, validated."""

    timezone: str
    business_hours: WeekHours
    holidays: list[date]
    holiday_country: str | None
    target_clock: Literal["business", "calendar"]
    targets: dict[str, Target]
    word_of_mouth: WordOfMouth
    promises: Promises
    ingest: Ingest
    practice_effects: PracticeEffects

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, name: str) -> str:
        """Only names from the time zone database, so daylight saving is known."""
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{name!r} is not a time zone name such as America/New_York or Europe/London") from None
        return name

    @field_validator("holiday_country")
    @classmethod
    def _known_country(cls, code: str | None) -> str | None:
        """Only countries the holidays package has calendars for."""
        if code is not None and code.upper() not in holiday_calendars.list_supported_countries():
            raise ValueError(f"{code!r} is not a country code the holiday calendars know, such as US or GB")
        return code.upper() if code else None

    @field_validator("targets")
    @classmethod
    def _has_default(cls, targets: dict[str, Target]) -> dict[str, Target]:
        """Priority names match in lower case (the ticket mart joins on lower(trim(priority))),
        and tickets without one need the default."""
        lowered = {name.strip().lower(): target for name, target in targets.items()}
        if "default" not in lowered:
            raise ValueError("needs a `default` entry for tickets with no or an unlisted priority")
        return lowered


def load_settings(path: Path | None = None) -> Settings:
    """Read the shipped settings, lay the user's file at `path` over them, and validate."""
    settings = read_yaml(DEFAULT_SETTINGS_PATH)
    if path is not None:
        settings = _merge(settings, read_yaml(path))
    return validated(Settings, settings, path or DEFAULT_SETTINGS_PATH, "a setting")


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Lay `override` over `base`: sections merge key by key, any other value replaces."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merged[key] = _merge(base[key], value)
        else:
            merged[key] = value
    return merged
