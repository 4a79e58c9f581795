"""Read a batch of export files: skip what is already loaded, detect each file's format, read the
files of a format together, and account for every row of every file."""

from __future__ import annotations

import hashlib
import importlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from heatcheck.errors import HeatcheckError, parser_message
from heatcheck.readers import canonical
from heatcheck.readers.csv_parts import PART_BYTES
from heatcheck.readers.detect import Detected, detect
from heatcheck.readers.model import ReadResult
from heatcheck.readers.plausibility import PlausibleTimes, quarantine_implausible


@dataclass
class FileOutcome:
    """One line of the ingest log."""

    path: str
    checksum: str
    size_bytes: int
    modified_at: float
    format: str | None = None
    rows_read: int = 0
    loaded: int = 0
    quarantined: int = 0
    status: str = "loaded"  # loaded | failed
    error: str | None = None


@dataclass
class Batch:
    results: list[ReadResult] = field(default_factory=list)
    files: list[FileOutcome] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # already loaded, skipped
    # Large files to read a part at a time after the rest: each yields a batch per part (in_parts).
    large: list[tuple[FileOutcome, Iterator[Batch]]] = field(default_factory=list)
    part_of: FileOutcome | None = None  # the large file this batch is a part of
    # Records of a large file staged with an earlier part and quarantined with its tickets.
    withdrawn: pl.DataFrame = field(
        default_factory=lambda: pl.DataFrame(schema={"source_file": pl.String, "source_record": pl.String})
    )

    @property
    def checksums(self) -> dict[str, str]:
        files = [*self.files, *(f for f, _ in self.large), *([self.part_of] if self.part_of else [])]
        return {f.path: f.checksum for f in files}

    @property
    def failed(self) -> list[FileOutcome]:
        return [f for f in self.files if f.status == "failed"]


def export_files(paths: list[str | Path]) -> list[Path]:
    """The files named, with folders expanded (mapping files and hidden files are not exports)."""
    found: list[Path] = []
    for path in (Path(p).absolute() for p in paths):
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and not p.name.startswith(".") and not p.name.endswith((".mapping.yaml", ".mapping.yml"))
            )
        else:
            found.append(path)
    return found


def checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_batch(
    paths: list[str | Path],
    local_tz: str,
    loaded_files: dict[tuple[str, int, float], str],
    plausible: PlausibleTimes | None = None,
    part_bytes: int = PART_BYTES,
) -> Batch:
    """Read every file not loaded before; each file that cannot be read fails alone.

    `loaded_files` maps (path, size, mtime) to the checksum logged for it, so a file the log
    already knows is not even re-hashed: a run costs what is new, not the whole inbox. Records
    with timestamps outside `plausible` are quarantined. A flat canonical CSV larger than
    `part_bytes` is left in `batch.large`, to be read and staged a part at a time (in_parts).
    """
    batch = Batch()
    seen = set(loaded_files.values())  # contents already loaded, or met earlier in this batch
    by_format: dict[str, list[Detected]] = defaultdict(list)
    outcomes: dict[str, FileOutcome] = {}
    for path in export_files(paths):
        if not path.is_file():
            batch.files.append(FileOutcome(str(path), "", 0, 0.0, status="failed", error=f"{path}: no such file"))
            continue
        stat = path.stat()
        known = loaded_files.get((str(path), stat.st_size, stat.st_mtime))
        digest = known or checksum(path)
        if digest in seen:
            batch.unchanged.append(str(path))
            continue
        outcome = FileOutcome(str(path), digest, stat.st_size, stat.st_mtime)
        try:
            detected = detect(path)
        except Exception as error:  # a corrupt file may break the parser in any way; it fails alone
            outcome.status, outcome.error = "failed", _file_error(path, error)
            batch.files.append(outcome)
            continue
        outcome.format = detected.format
        seen.add(digest)
        parts = canonical.read_in_parts(detected, local_tz, part_bytes) if detected.format == "canonical" else None
        if parts is not None:
            batch.large.append((outcome, in_parts(outcome, parts, plausible)))
            continue
        outcomes[detected.path] = outcome
        by_format[detected.format].append(detected)

    for format, detected_files in by_format.items():
        result = _read_format(format, detected_files, local_tz, outcomes)
        if result is not None:
            if plausible is not None:
                result = quarantine_implausible(result, plausible)
            batch.results.append(result)
    _quarantine_repeated_messages(batch.results)
    for result in batch.results:
        _account(result, outcomes)
    batch.files.extend(outcomes.values())
    return batch


def in_parts(outcome: FileOutcome, results: Iterator[ReadResult], plausible: PlausibleTimes | None) -> Iterator[Batch]:
    """A large file's parts as batches to stage one after the other; the last carries its tickets
    and its log line, once its rows are accounted for as for a file read whole."""
    loaded: list[pl.Series] = []
    quarantined: list[pl.Series] = []
    path = outcome.path
    results = iter(results)
    result = next(results)
    for following in results:  # every result but the last is a part's messages
        result = _plausible(result, plausible)
        outcome.rows_read += result.rows_read[path]
        loaded.append(result.messages["source_record"])
        quarantined.append(result.quarantine["source_record"])
        yield Batch(results=[result], part_of=outcome)
        result = following
    # The tickets come last: a ticket quarantined for an implausible time takes its record's
    # message with it, as when the file is read whole, though that message is staged already.
    result = _plausible(result, plausible)
    quarantined.append(result.quarantine["source_record"])
    records = pl.concat(loaded).unique()
    outcome.quarantined = sum(series.len() for series in quarantined)
    outcome.loaded = records.len() - records.is_in(pl.concat(quarantined)).sum()
    if outcome.rows_read != outcome.loaded + outcome.quarantined:
        raise HeatcheckError(
            f"{path}: row accounting does not balance (read {outcome.rows_read}, loaded {outcome.loaded}, "
            f"quarantined {outcome.quarantined}); nothing from this batch was written"
        )
    yield Batch(
        results=[result],
        files=[outcome],
        part_of=outcome,
        withdrawn=result.quarantine.select("source_file", "source_record"),
    )


def _plausible(result: ReadResult, plausible: PlausibleTimes | None) -> ReadResult:
    return result if plausible is None else quarantine_implausible(result, plausible)


def _file_error(path: str | Path, error: Exception) -> str:
    """One line naming the file and the problem; a parser's own message can quote the file's
    text, so only its first line is kept, with quoted values left out."""
    if isinstance(error, HeatcheckError):
        named = getattr(error, "path", None)
        return str(error) if named in (None, str(path)) else f"{path}: {error}"  # e.g. its mapping file
    return f"{path}: could not be read ({type(error).__name__}: {parser_message(error)})"


def _read_format(
    format: str, files: list[Detected], local_tz: str, outcomes: dict[str, FileOutcome]
) -> ReadResult | None:
    """Read the files of one format; a file no reader can take fails alone, the rest go on."""
    reader = importlib.import_module(f"heatcheck.readers.{format}")
    remaining = list(files)
    while remaining:
        try:
            return reader.read(remaining, local_tz)
        except Exception as error:  # whatever breaks, it breaks one file, never the batch
            culprit = getattr(error, "path", None)
            failed = next((d for d in remaining if culprit in (d.path, d.mapping)), None)
            failed = failed or _first_unreadable(reader, remaining, local_tz) or remaining[0]
            outcomes[failed.path].status, outcomes[failed.path].error = "failed", _file_error(failed.path, error)
            remaining.remove(failed)
    return None


def _first_unreadable(reader, files: list[Detected], local_tz: str) -> Detected | None:
    """The first file that fails when read alone: an error that names no file is traced to one."""
    for detected in files:
        try:
            reader.read([detected], local_tz)
        except Exception:
            return detected
    return None


def _quarantine_repeated_messages(results: list[ReadResult]) -> None:
    """A message id that two files of the batch both carry: the later file wins (as a re-export
    would), and the earlier copy goes to quarantine naming the file that replaced it, so neither
    file counts the message as loaded twice and nobody loses it without being told."""
    frames = [r.messages.select("message_id", "source_file", "source_record") for r in results]
    if not frames:
        return
    everything = pl.concat(frames).with_row_index("_order")
    winners = everything.group_by("message_id").agg(pl.col("source_file").sort_by("_order").last().alias("_winner"))
    losers = everything.join(winners, on="message_id").filter(pl.col("source_file") != pl.col("_winner"))
    if losers.is_empty():
        return
    for result in results:
        mine = losers.join(result.messages, on=["message_id", "source_file", "source_record"], how="inner")
        if mine.is_empty():
            continue
        keys = mine.select("source_file", "source_record")
        result.messages = result.messages.join(keys, on=["source_file", "source_record"], how="anti")
        moved = mine.select(
            "source_file",
            "source_record",
            reason=pl.format("message_id {} is also in {}, whose copy was loaded", "message_id", "_winner"),
            raw=pl.struct(pl.exclude("_order", "_winner", "source_file", "source_record")).struct.json_encode(),
        )
        result.quarantine = pl.concat([result.quarantine, moved.cast({"source_record": pl.String})])


def _account(result: ReadResult, outcomes: dict[str, FileOutcome]) -> None:
    """Fill rows read / loaded / quarantined per file, and insist they balance."""
    records = pl.concat(
        [
            frame.select("source_file", "source_record")
            for frame in (result.tickets, result.messages, result.status_changes)
        ]
    ).unique()
    # A record some of whose rows were quarantined (an implausible time) counts as quarantined.
    records = records.join(result.quarantine.select("source_file", "source_record"), on=records.columns, how="anti")
    loaded = dict(records.group_by("source_file").len().iter_rows())
    quarantined = dict(result.quarantine.group_by("source_file").len().iter_rows())
    for path in result.files:
        outcome = outcomes[path]
        outcome.rows_read = result.rows_read.get(path, 0)
        outcome.loaded = loaded.get(path, 0) + result.reference_rows.get(path, 0)
        outcome.quarantined = quarantined.get(path, 0)
        if outcome.rows_read != outcome.loaded + outcome.quarantined:
            raise HeatcheckError(
                f"{path}: row accounting does not balance (read {outcome.rows_read}, loaded {outcome.loaded}, "
                f"quarantined {outcome.quarantined}); nothing from this batch was written"
            )
