"""The editable files a CX lead owns: settings (hours, targets, risk parameters) and the playbook.

A file in the Heatcheck home overrides the defaults shipped beside the code.
"""

from __future__ import annotations

from assets.home import Home


def local_timezone(home: Home) -> str:
    """The time zone for business hours and for timestamps that carry none."""
    from assets.metrics.settings import load_settings

    return load_settings(home.settings_file if home.settings_file.exists() else None).timezone
