"""A large flat CSV is read and staged a part at a time, and stages exactly what the whole file does."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import duckdb
import polars as pl
import pytest

from heatcheck.readers.batch import read_batch
from heatcheck.readers.csv_parts import _byte_parts, csv_parts
from heatcheck.readers.plausibility import PlausibleTimes
from heatcheck.staging import create_staging_tables, stage_all
from tests.conftest import PROJECT

sys.path.insert(0, str(PROJECT / "bench"))
from realistic_export import write_realistic_export  # noqa: E402

INGESTED_AT = datetime.datetime(2026, 1, 1)
WINDOW = PlausibleTimes.around(datetime.date(2000, 1, 1), INGESTED_AT, 24)
WHOLE = 1 << 40  # a part larger than any file: read whole
PART = 64 << 10


@pytest.fixture(scope="module")
def flat_export(tmp_path_factory) -> Path:
    """A flat export of realistic texts (multi-line bodies, quotes) with the defects a part
    boundary could hide: a message id repeated far down the file, a ticket whose messages are
    out of time order across parts, a blank record, and a ticket time no export can hold."""
    folder = tmp_path_factory.mktemp("large")
    path, _ = write_realistic_export(folder, tickets=400, weeks=4, start=datetime.date(2025, 7, 7))
    frame = pl.read_csv(path, infer_schema=False)
    first_ticket = frame["ticket_id"][0]
    repeated = frame.head(1).with_columns(body=pl.lit('A "copy" of the first message,\nwith another line'))
    straddler = frame.filter(pl.col("ticket_id") == first_ticket).head(1)
    late_reply = straddler.with_columns(
        message_id=pl.lit("late-1"),
        created_at=pl.lit("2025-07-06T23:00:00Z"),  # before the ticket's first message, at the file's end
        status=pl.lit("open"),
        team=pl.lit("escalations"),
    )
    implausible = frame.filter(pl.col("ticket_id") == frame["ticket_id"][-1]).head(1)
    implausible = implausible.with_columns(message_id=pl.lit("odd-1"), ticket_created_at=pl.lit("1970-01-01T00:00:00Z"))
    blank = pl.DataFrame({column: [None] for column in frame.columns}, schema=frame.schema)
    pl.concat([frame, repeated, blank, late_reply, implausible]).write_csv(path)
    assert path.stat().st_size > 10 * PART
    return path


def _staged(tmp_path: Path, export: Path, part_bytes: int) -> dict[str, list[tuple]]:
    with duckdb.connect(str(tmp_path / f"w{part_bytes}.duckdb")) as con:
        con.begin()
        create_staging_tables(con)
        batch = read_batch([export], "UTC", {}, WINDOW, part_bytes=part_bytes)
        read_in_parts = bool(batch.large)
        stage_all(con, batch, INGESTED_AT)
        con.commit()
        tables = {
            name: con.execute(f"SELECT * FROM staging.{name} ORDER BY ALL").fetchall()
            for name in ("tickets", "messages", "status_changes")
        }
        tables["quarantine"] = con.execute(
            "SELECT file, record, reason, raw, file_checksum FROM staging.quarantine ORDER BY ALL"
        ).fetchall()
        tables["ingest_log"] = con.execute(
            "SELECT file, checksum, rows_read, loaded, quarantined, status FROM staging.ingest_log"
        ).fetchall()
    return tables | {"read_in_parts": read_in_parts}


def test_a_flat_file_read_in_parts_stages_exactly_what_the_whole_file_does(flat_export, tmp_path):
    whole = _staged(tmp_path, flat_export, WHOLE)
    parts = _staged(tmp_path, flat_export, PART)
    assert not whole.pop("read_in_parts")
    assert parts.pop("read_in_parts")
    for name in whole:
        assert parts[name] == whole[name], name
    reasons = [reason for _, _, reason, _, _ in whole["quarantine"]]
    assert sum(reason.startswith("duplicate message_id") for reason in reasons) == 1
    assert sum(reason.startswith("created_at 1970-01-01") for reason in reasons) == 1
    ((_, _, read, loaded, quarantined, status),) = whole["ingest_log"]
    assert (loaded + quarantined, quarantined, status) == (read, len(reasons), "loaded")
    first = next(row for row in whole["tickets"] if row[0] == "D-000001")
    # The reply listed last is the earliest in time: the ticket's latest team is not its team.
    assert first[10] != "escalations" and first[4] != "open"


def test_parts_end_at_record_ends_and_together_are_the_file(flat_export):
    body = flat_export.read_bytes().split(b"\n", 1)[1]
    parts = list(_byte_parts(flat_export, PART))
    assert len(parts) > 10
    assert b"".join(parts) == body
    for part in parts:
        assert part.endswith(b"\n") and part.count(b'"') % 2 == 0  # never inside a quoted field


def test_a_large_file_polars_cannot_read_whole_is_read_the_careful_way(tmp_path, flat_export):
    latin = tmp_path / "latin.csv"
    latin.write_bytes(flat_export.read_bytes().replace(b"My order", "Mý order".encode("cp1252")))
    assert csv_parts(latin, PART) is None
    batch = read_batch([latin], "UTC", {}, WINDOW, part_bytes=PART)
    assert not batch.large
    assert "Mý order" in " ".join(batch.results[0].messages["body"].to_list())
