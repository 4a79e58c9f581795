"""The editable files a CX lead owns: settings (hours, targets, risk parameters), the playbook
and the privacy settings.

A file in the Heatcheck home overrides the defaults shipped beside the code.
"""

from __future__ import annotations

from heatcheck.home import Home
from heatcheck.labeling.playbook import Playbook, load_playbook
from heatcheck.metrics.business_time import BusinessSchedule
from heatcheck.metrics.settings import Settings, load_settings
from heatcheck.privacy import Privacy, load_privacy


def settings(home: Home) -> Settings:
    """Business hours, targets and word-of-mouth parameters for this home."""
    return load_settings(home.settings_file if home.settings_file.exists() else None)


def playbook(home: Home) -> Playbook:
    """The phrase playbook for this home."""
    return load_playbook(home.playbook_file if home.playbook_file.exists() else None)


def privacy(home: Home) -> Privacy:
    """What the analyst snapshot and the exports of this home hide."""
    return load_privacy(home.privacy_file if home.privacy_file.exists() else None)


def local_timezone(home: Home) -> str:
    """The time zone for business hours and for timestamps that carry none."""
    return settings(home).timezone


def settings_in(root: str) -> Settings:
    """The settings of the home at `root` (the dbt Python models know the home by its path)."""
    return settings(Home.at(root))


def schedule_in(root: str) -> BusinessSchedule:
    """The business schedule of the home at `root`."""
    return BusinessSchedule.from_settings(settings_in(root))
