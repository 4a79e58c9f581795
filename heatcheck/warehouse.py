"""The DuckDB warehouse: where it lives and how a stage writes to it.

The location is a DuckDB connection string (a file path, ":memory:", or a hosted service such as
"md:heatcheck"), so a team can outgrow one machine without code changes. For a local file:
- one writer at a time: a lock file beside the database makes concurrent runs wait their turn
  instead of failing on DuckDB's own lock or interleaving their writes;
- each stage writes in one transaction, so a killed run leaves the warehouse as it was;
- analysts read a snapshot copied after each run, never the live file (heatcheck/snapshot.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from functools import cache
from pathlib import Path

import duckdb
from filelock import FileLock

SQL_DIR = Path(__file__).resolve().parent / "sql"
LOCK_TIMEOUT_SECONDS = 3600  # a queued run waits for the one ahead of it, up to an hour


@cache
def sql_file(path: Path) -> str:
    """The text of one .sql file, read once per process."""
    return path.read_text(encoding="utf-8")


def sql(name: str) -> str:
    """The text of heatcheck/sql/<name>.sql: the statements the ingest and label stages run."""
    return sql_file(SQL_DIR / f"{name}.sql")


class Warehouse:
    def __init__(self, connection_string: str):
        self.connection_string = connection_string

    @property
    def local_path(self) -> Path | None:
        """The database file, when the warehouse is one on this machine."""
        target = self.connection_string
        if target == ":memory:" or ":" in target.split("/")[0] and not Path(target).anchor:
            return None  # md:, motherduck:, s3: ... are not ours to lock or copy
        return Path(target)

    def writer_lock(self) -> FileLock | nullcontext:
        """The writer's turn on a local file, for a stage that writes through another process (dbt)."""
        path = self.local_path
        if path is None:
            return nullcontext()
        path.parent.mkdir(parents=True, exist_ok=True)
        return FileLock(f"{path}.lock", timeout=LOCK_TIMEOUT_SECONDS)

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection that holds the writer's lock for a local file."""
        path = self.local_path
        with self.writer_lock(), duckdb.connect(str(path) if path else self.connection_string) as con:
            yield con

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Everything written inside commits together or not at all."""
        with self.connect() as con:
            con.begin()
            try:
                yield con
            except BaseException:
                con.rollback()
                raise
            con.commit()
