"""Where Heatcheck keeps things: one home folder (`--home` or HEATCHECK_HOME, default ./data)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


def default_home() -> Path:
    return Path(os.environ.get("HEATCHECK_HOME", "data")).resolve()


@dataclass(frozen=True)
class Home:
    root: Path
    warehouse_connection: str  # a DuckDB connection string; a file in the home by default

    @classmethod
    def at(cls, root: str | Path, warehouse: str | None = None) -> Home:
        root = Path(root).resolve()
        return cls(root, warehouse or os.environ.get("HEATCHECK_WAREHOUSE") or str(root / "warehouse.duckdb"))

    @property
    def inbox(self) -> Path:
        """Drop exports here; every run ingests what is new."""
        return self.root / "inbox"

    @property
    def snapshot(self) -> Path:
        """The analysts' read-only copy of the warehouse, refreshed after each run."""
        return self.root / "analyst.duckdb"

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    @property
    def dbt_target(self) -> Path:
        """dbt's compiled models, run results and logs for this home's runs."""
        return self.root / "dbt"

    @property
    def dagster(self) -> Path:
        """DAGSTER_HOME for runs started by the command line, so the UI shows their history."""
        return self.root / "dagster"

    @property
    def settings_file(self) -> Path:
        """Overrides the default business hours, targets and word-of-mouth parameters."""
        return self.root / "settings.yaml"

    @property
    def agents_file(self) -> Path:
        """Names one person who answers under several ids or addresses (agents.yaml)."""
        return self.root / "agents.yaml"

    @property
    def playbook_file(self) -> Path:
        """Overrides the default phrase playbook."""
        return self.root / "playbook.yaml"

    @property
    def privacy_file(self) -> Path:
        """Overrides what the analyst snapshot and the exports hide."""
        return self.root / "privacy.yaml"

    @property
    def customer_id_salt_file(self) -> Path:
        """The salt customer ids are hashed with in the snapshot, when the privacy settings ask."""
        return self.root / "customer_id.salt"
