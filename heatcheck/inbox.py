"""What is new in the inbox since a sensor last looked: plain file bookkeeping, no Dagster."""

from __future__ import annotations

import json
from pathlib import Path

from heatcheck.readers.batch import export_files


def new_inbox_files(inbox: Path, cursor: str | None) -> tuple[list[str], str]:
    """Files added or changed since `cursor` (JSON of {path: [size, mtime]}), and the new cursor.

    A file still being copied changes size between looks; it is picked up again once it settles,
    and re-ingesting an unchanged file is skipped by checksum anyway.
    """
    seen = json.loads(cursor) if cursor else {}
    stats = {str(path): path.stat() for path in export_files([inbox])} if inbox.exists() else {}
    now = {path: [stat.st_size, stat.st_mtime] for path, stat in stats.items()}
    fresh = sorted(path for path, state in now.items() if seen.get(path) != state)
    return fresh, json.dumps(now, sort_keys=True)
