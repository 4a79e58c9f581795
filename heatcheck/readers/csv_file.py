"""CSV exports, read whole when they are sound and record by record when they are not.

Polars reads a sound UTF-8 file at the speed of the disk, so every file is offered to it first.
A file it refuses, or would misread, takes the careful path:

- text that is not UTF-8 is decoded in the encoding charset-normalizer finds (latin-1 and
  Windows-1252 exports keep their accents and curly quotes instead of turning into U+FFFD);
- a file whose lines end in a bare CR (old Mac exports) is read by its lines, not as one header;
- a record with more or fewer fields than the header (an unquoted comma) goes to quarantine
  whole, with its line, instead of being cut to fit;
- a file cut inside a quoted field keeps every record before the cut, and the rest goes to
  quarantine as one record saying so.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import charset_normalizer
import polars as pl

from heatcheck.errors import UnreadableExport
from heatcheck.readers.model import QUARANTINE_SCHEMA

# Enough of the head of a file to tell its line ends.
_HEAD_BYTES = 1 << 16
# Short Western text decodes cleanly in every Latin code page, and the detector then breaks the
# tie by its own order (often Central European cp1250, which turns "à" into "ą"). Among those,
# Windows-1252 (a superset of latin-1's letters) is what Excel and most Western help desks write.
_LATIN_CODE_PAGES = {
    "cp1250", "cp1252", "cp1254", "cp1257", "cp1258", "latin_1", "iso8859_2", "iso8859_3", "iso8859_4",
    "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16", "cp437", "cp775",
    "cp850", "cp852", "cp858", "mac_roman", "mac_latin2", "mac_iceland", "mac_turkish",
}  # fmt: skip
# csv's default field limit (128 KB) would refuse a long pasted log; bodies are cut later.
csv.field_size_limit(1 << 30)


def read_csv_records(path: Path, encoding: str | None = None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """All columns as text with a `source_record` (the record's first line, the header being line 1),
    and the records that could not be read, ready for the quarantine. `encoding` is the one the
    file is declared to have (a mapping's `encoding:`); without it, the file's is found."""
    with path.open("rb") as handle:
        head = handle.read(_HEAD_BYTES)
    if encoding is None and not bare_cr_line_ends(head):
        try:
            frame = pl.read_csv(path, infer_schema=False, encoding="utf8").with_row_index("source_record", offset=2)
            blank_line = frame.select(pl.all_horizontal(pl.exclude("source_record").is_null())).to_series()
            if blank_line.any():  # not a record; filtering only then spares a copy of the whole file
                frame = frame.filter(~blank_line)
            return frame, pl.DataFrame(schema=QUARANTINE_SCHEMA)
        except Exception:  # not UTF-8, ragged or cut: read it record by record below
            pass
    return _read_carefully(path, encoding)


def bare_cr_line_ends(head: bytes) -> bool:
    return b"\r" in head and b"\n" not in head


def decoded_text(path: Path, encoding: str | None = None) -> str:
    """The file's text: in its declared encoding, else UTF-8 (with or without a byte-order mark)
    when it is, else the encoding charset-normalizer finds; a file it cannot place fails."""
    data = path.read_bytes()
    if encoding is not None:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError) as error:
            raise UnreadableExport(
                str(path), f"cannot be read as {encoding}, its declared encoding ({error.__class__.__name__})"
            ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise UnreadableExport(str(path), "is neither UTF-8 nor an encoding that could be recognised; save it as UTF-8")
    if best.encoding in _LATIN_CODE_PAGES:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return str(best)


def _read_carefully(path: Path, encoding: str | None = None) -> tuple[pl.DataFrame, pl.DataFrame]:
    lines = io.StringIO(decoded_text(path, encoding), newline="").readlines()  # keeps CR, LF and CRLF ends
    reader = csv.reader(lines, strict=True)
    try:
        header = [column.strip() for column in next(reader)]
    except (StopIteration, csv.Error):
        raise UnreadableExport(str(path), "has no header line that can be read as CSV") from None
    rows: list[list[str]] = []
    numbers: list[int] = []
    broken: list[tuple[str, str, str, str]] = []
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error:
            # strict csv stops at a quote it cannot close: the file was cut, or a quote is stray
            end = reader.line_num if reader.line_num >= start else len(lines)
            reason = "the file ends inside a quoted field (cut off?)" if end >= len(lines) else "a quote is not closed"
            broken.append(_broken(path, start, reason, lines[start - 1 : end]))
            start = end + 1
            continue
        if len(row) != len(header) and any(field.strip() for field in row):
            reason = f"has {len(row)} fields where the header has {len(header)} (an unquoted comma or a cut line?)"
            broken.append(_broken(path, start, reason, lines[start - 1 : reader.line_num]))
        elif any(field.strip() for field in row):
            rows.append(row)
            numbers.append(start)
        start = reader.line_num + 1
    frame = pl.DataFrame(rows, schema=_unique(header), orient="row") if rows else pl.DataFrame(schema=_unique(header))
    frame = (
        frame.cast(pl.String)
        .with_columns(source_record=pl.Series(numbers, dtype=pl.Int64))
        .select("source_record", pl.exclude("source_record"))
    )
    return frame, pl.DataFrame(broken, schema=QUARANTINE_SCHEMA, orient="row")


def _broken(path: Path, line: int, reason: str, text: list[str]) -> tuple[str, str, str, str]:
    return (str(path), str(line), reason, json.dumps({"line": "".join(text)}))


def _unique(header: list[str]) -> dict[str, pl.DataType]:
    """Column names as Polars would give them: a repeated name gets a suffix."""
    seen: dict[str, int] = {}
    names = []
    for name in header:
        count = seen.get(name, 0)
        names.append(name if count == 0 else f"{name}_duplicated_{count - 1}")
        seen[name] = count + 1
    return {name: pl.String for name in names}
