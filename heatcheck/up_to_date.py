"""Whether the marts, the weekly report and the analyst snapshot already show what the warehouse
holds, so a run with nothing new skips dbt and the steps after it instead of rebuilding them all.

The marts are made of three things only: the tables the Python stages write (dbt's sources), the
home's settings files, and the product's code (the models, the report, the labelers); no model
reads the clock. A fingerprint of the three says whether any changed: a table by its row count
and the sum of its rows' hashes (an upsert that changes a row changes the sum), a file by its
bytes. The report and the snapshot each record the fingerprint they were made from; when both
match the current one, nothing downstream of dbt can differ from what is already there.
"""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path

import duckdb
import yaml

from heatcheck.home import Home
from heatcheck.warehouse import sql

PROJECT = Path(__file__).resolve().parents[1]
SOURCES = PROJECT / "sql" / "models" / "staging" / "_sources.yml"
# Everything whose change can change a mart or the report: dbt's project, the product's package
# (the labelers and metrics the Python models import) and the report's code and templates.
CODE = [
    PROJECT / "sql" / "models",
    PROJECT / "sql" / "macros",
    PROJECT / "sql" / "dbt_project.yml",
    PROJECT / "heatcheck",
    PROJECT / "reports",
]
CODE_SUFFIXES = {".py", ".sql", ".yml", ".yaml", ".html", ".css", ".j2", ".jinja", ".js"}
CONSUMERS = ("weekly_report", "analyst_snapshot")


def source_tables() -> list[str]:
    """schema.table of every dbt source, from the project's own list."""
    sources = yaml.safe_load(SOURCES.read_text(encoding="utf-8"))["sources"]
    return [f'"{source["schema"]}"."{table["name"]}"' for source in sources for table in source["tables"]]


def fingerprint(con: duckdb.DuckDBPyConnection, home: Home, definitions: str | None = None) -> str | None:
    """The inputs fingerprint, or None when a source table is missing (nothing built yet);
    `definitions` is the caller's `definitions_fingerprint(home)`, when it has one already."""
    digest = hashlib.sha256()
    for table in source_tables():
        try:
            rows, hash_sum = con.execute(sql("build_marks/summarise_table").format(table=table)).fetchone()
        except duckdb.CatalogException:
            return None
        digest.update(f"{table}:{rows}:{hash_sum}\n".encode())
    digest.update((definitions or definitions_fingerprint(home)).encode())
    return digest.hexdigest()


def definitions_fingerprint(home: Home) -> str:
    """sha256 of what the marts are computed by, not from: the home's settings files and the
    product's code. While it stays the same, an incremental model may keep what it stored."""
    digest = hashlib.sha256()
    for path in (home.settings_file, home.agents_file, home.playbook_file, home.privacy_file):
        digest.update(f"{path.name}:".encode() + (path.read_bytes() if path.exists() else b"(none)") + b"\n")
    for path in _code_files():
        digest.update(f"{path.relative_to(PROJECT)}:".encode() + path.read_bytes() + b"\n")
    return digest.hexdigest()


def _code_files() -> list[Path]:
    files = []
    for root in CODE:
        if root.is_file():
            files.append(root)
        elif root.is_dir():
            files += [p for p in root.rglob("*") if p.suffix in CODE_SUFFIXES and "__pycache__" not in p.parts]
    return sorted(files)


def record(con: duckdb.DuckDBPyConnection, consumer: str, current: str | None) -> None:
    """Say that `consumer` was made from the inputs `current` fingerprints."""
    if current is None:
        return
    con.execute(sql("build_marks/create_build_marks"))
    now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
    con.execute(
        sql("build_marks/record_build_mark"), {"consumer": consumer, "fingerprint": current, "recorded_at": now}
    )


def recorded(con: duckdb.DuckDBPyConnection, consumer: str) -> str | None:
    """The fingerprint `consumer` last recorded, if any."""
    con.execute(sql("build_marks/create_build_marks"))
    row = con.execute(sql("build_marks/select_build_mark"), {"consumer": consumer}).fetchone()
    return None if row is None else row[0]


def everything_current(con: duckdb.DuckDBPyConnection, current: str | None) -> bool:
    """Whether the report and the snapshot were both last made from these very inputs."""
    if current is None:
        return False
    return all(recorded(con, consumer) == current for consumer in CONSUMERS)
