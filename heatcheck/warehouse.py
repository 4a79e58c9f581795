"""The DuckDB warehouse: where it lives and how a stage writes to it.

The location is a DuckDB connection string (a file path, ":memory:", or a hosted service such as
"md:heatcheck"), so a team can outgrow one machine without code changes. For a local file:
- one writer at a time: a lock file beside the database makes concurrent runs wait their turn
  instead of failing on DuckDB's own lock or interleaving their writes;
- each stage writes in one transaction, so a killed run leaves the warehouse as it was;
- analysts read a snapshot copied after each run, never the live file (heatcheck/snapshot.py);
- DuckDB works within a memory limit (HEATCHECK_MEMORY_LIMIT, 1GB by default) and spills to disk
  beyond it, so a long history costs disk, not the machine's memory.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa
from filelock import FileLock

from heatcheck.errors import HeatcheckError

SQL_DIR = Path(__file__).resolve().parent / "sql"
LOCK_TIMEOUT_SECONDS = 3600  # a queued run waits for the one ahead of it, up to an hour
# DuckDB's own default is 80% of the machine's memory, which a stage then shares with its Polars
# frames and the Python around it; in ad hoc runs of the million-message job a gigabyte was as
# fast, and what does not fit (a large join, a merge, a table copied) spills to a folder beside
# the file. sql/profiles.yml repeats it for dbt run by hand; Dagster passes this one.
DEFAULT_MEMORY_LIMIT = "1GB"


@cache
def sql_file(path: Path) -> str:
    """The text of one .sql file, read once per process."""
    return path.read_text(encoding="utf-8")


def register(con: duckdb.DuckDBPyConnection, name: str, frame: pl.DataFrame) -> None:
    """Let SQL read `frame` as the view `name`, without copying it."""
    con.register(name, shared_arrow(frame))


def shared_arrow(frame: pl.DataFrame) -> pa.Table:
    """`frame` as Arrow sharing its buffers.

    DuckDB's own conversion of a Polars frame asks for Arrow's classic strings, which copies
    every string column (a million messages' frame: 600 MB more); Arrow's string views are
    Polars' own layout, so handing those over shares the buffers instead.
    """
    return frame.to_arrow(compat_level=pl.CompatLevel.newest())


class ArrowFrames:
    """Frames handed to SQL as they are (register): for what one statement or a small stage reads."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con

    def register(self, name: str, frame: pl.DataFrame) -> None:
        register(self.con, name, frame)

    def unregister(self, name: str) -> None:
        self.con.unregister(name)


class DiskFrames:
    """Frames handed to SQL from Parquet files, for a stage that writes millions of rows in one
    transaction.

    DuckDB keeps in memory, until the commit, every row a transaction wrote from an Arrow frame;
    rows it reads from a file it writes out to the database as it goes. Measured ad hoc (DuckDB
    2.0.1): five merges of a million 250-byte rows in one transaction held 1.9 GB from frames and
    1.1 GB from Parquet files (the same rows outside a transaction: 1.1 GB), and staging ten
    million messages a part at a time grew to 10.5 GB from frames.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, folder: Path):
        self.con, self.folder, self.written = con, folder, 0

    def register(self, name: str, frame: pl.DataFrame) -> None:
        """Let SQL read `frame` as the view `name` until unregister."""
        self.written += 1
        path = self.folder / f"{name}-{self.written}.parquet"
        frame.write_parquet(path, compression="lz4", statistics=False)
        quoted_path = str(path).replace("'", "''")  # a view's definition takes no bound parameters
        self.con.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS SELECT * FROM read_parquet('{quoted_path}')")

    def unregister(self, name: str) -> None:
        self.con.execute(f"DROP VIEW IF EXISTS {name}")
        for path in self.folder.glob(f"{name}-*.parquet"):  # read already: the rows are in the transaction
            path.unlink()


@contextmanager
def disk_frames(con: duckdb.DuckDBPyConnection) -> Iterator[DiskFrames]:
    """DiskFrames in a temporary folder, removed with whatever is left in it."""
    with tempfile.TemporaryDirectory(prefix="heatcheck-frames-") as folder:
        yield DiskFrames(con, Path(folder))


def sql(name: str) -> str:
    """The text of heatcheck/sql/<name>.sql: the statements the ingest and label stages run."""
    return sql_file(SQL_DIR / f"{name}.sql")


def in_slices(
    con: duckdb.DuckDBPyConnection, query: str, params: dict, rows: int, name: str = "to_do"
) -> tuple[int, Iterator[pl.DataFrame]]:
    """The result of `query` as frames of at most `rows` rows, with how many rows there are.

    The result is made once into a temporary table (DuckDB spills it to disk beyond its memory
    limit), so a backlog of ten million messages never sits in Python's memory whole, and the
    caller can write on the same connection, in the same transaction, between two slices.
    """
    select = query.strip().rstrip(";")
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT row_number() OVER () AS slice_row, * FROM (\n{select}\n)",
        params,
    )
    [(total,)] = con.execute(f"SELECT count(*) FROM {name}").fetchall()

    def slices() -> Iterator[pl.DataFrame]:
        try:
            for start in range(0, total, rows):
                yield con.sql(
                    f"SELECT * EXCLUDE (slice_row) FROM {name} WHERE slice_row > $start AND slice_row <= $end",
                    params={"start": start, "end": start + rows},
                ).pl()
        finally:
            con.execute(f"DROP TABLE IF EXISTS {name}")

    return total, slices()


def memory_limit_from_environment() -> str:
    return os.environ.get("HEATCHECK_MEMORY_LIMIT") or DEFAULT_MEMORY_LIMIT


@dataclass(frozen=True)
class Warehouse:
    connection_string: str
    # DuckDB's memory for one connection, in its own notation ("1GB", "512MB").
    memory_limit: str = field(default_factory=memory_limit_from_environment)

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
        target = str(path) if path else self.connection_string
        with self.writer_lock(), self._opened(target) as con:
            yield con

    def _opened(self, target: str) -> duckdb.DuckDBPyConnection:
        try:
            return duckdb.connect(target, config={"memory_limit": self.memory_limit})
        except duckdb.ParserException as error:  # the one setting a user writes in DuckDB's notation
            raise HeatcheckError(
                f"HEATCHECK_MEMORY_LIMIT {self.memory_limit!r} is not an amount of memory such as 1GB or 512MB "
                f"({error})"
            ) from None

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
