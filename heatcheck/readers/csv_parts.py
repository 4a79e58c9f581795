"""A large CSV export read a part at a time, so a file of ten million messages never sits in
memory whole.

The file is cut at record ends: a line end outside quotes, found by the parity of the quotes
before it (RFC 4180 doubles a quote inside a quoted field, so a line end inside one always
follows an odd number of quotes). Each part is parsed by Polars as the whole file would be, with
its records numbered on from the part before.

Only a file Polars reads whole without complaint is read in parts: before any part is used, every
part is parsed once. A file that is not UTF-8, has ragged records or is cut inside a quoted field
is read the careful way instead (csv_file.read_csv_records), whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polars as pl

from heatcheck.readers.csv_file import bare_cr_line_ends

# A part of a large file, in bytes: about 1.7 million messages of realistic length (a million is
# about 300 MB). Read whole, a ten-million-message file would take over 15 GB. A part costs some
# speed (the cut, a parse to check it, combining tickets across parts: ad hoc,
# 256 MB parts took a million messages' staging from 14 to 25 s), so a file of up to a million
# messages is still read whole.
PART_BYTES = 512 << 20


def csv_parts(path: Path, part_bytes: int = PART_BYTES) -> Iterator[pl.DataFrame] | None:
    """The file's records as frames of text columns with `source_record` (as the whole-file read
    numbers them, the header being 2 records before the first), or None when the file must be
    read whole: it is small, or it is not a file Polars reads without complaint."""
    if path.stat().st_size <= part_bytes:
        return None
    with path.open("rb") as handle:
        if bare_cr_line_ends(handle.read(1 << 16)):
            return None
    try:
        columns = _header(path)
        for part in _byte_parts(path, part_bytes):  # every part parses before any is used
            _parsed(part, columns)
    except Exception:  # not UTF-8, ragged or cut: the careful reader says which record and why
        return None
    return _frames(path, columns, part_bytes)


def _frames(path: Path, columns: list[str], part_bytes: int) -> Iterator[pl.DataFrame]:
    first = 2  # the first record is line 2, as the whole-file read numbers it
    for part in _byte_parts(path, part_bytes):
        frame = _parsed(part, columns).with_row_index("source_record", offset=first)
        first += frame.height
        blank_line = frame.select(pl.all_horizontal(pl.exclude("source_record").is_null())).to_series()
        if blank_line.any():
            frame = frame.filter(~blank_line)
        yield frame.with_columns(pl.col("source_record").cast(pl.String))


def _header(path: Path) -> list[str]:
    """The column names as a whole-file read gives them (stripped; a repeated name suffixed)."""
    with path.open("rb") as handle:
        line = handle.readline()
    names = pl.read_csv(line, infer_schema=False, encoding="utf8").columns
    return [name.strip() for name in names]


def _parsed(part: bytes, columns: list[str]) -> pl.DataFrame:
    frame = pl.read_csv(part, has_header=False, new_columns=columns, infer_schema=False, encoding="utf8")
    if frame.width != len(columns):  # a part whose first record is ragged
        raise ValueError(f"{frame.width} fields where the header has {len(columns)}")
    return frame


def _byte_parts(path: Path, part_bytes: int) -> Iterator[bytes]:
    """The file after its header line, in pieces of about `part_bytes` that end at a record's end."""
    with path.open("rb") as handle:
        handle.readline()
        carry = b""
        while True:
            block = handle.read(part_bytes)
            data = carry + block if carry else block
            if not block:
                if data.strip():
                    yield data
                return
            cut = _last_record_end(data)
            if cut == 0:  # one record longer than a part: read on
                carry = data
                continue
            yield data[:cut]
            carry = data[cut:]


def _last_record_end(data: bytes) -> int:
    """Where the last complete record of `data` (which starts at a record's start) ends: just
    after the last line end preceded by an even number of quotes; 0 when none is."""
    quotes_after = 0
    end = len(data)
    total = data.count(b'"')
    while (newline := data.rfind(b"\n", 0, end)) >= 0:
        quotes_after += data.count(b'"', newline, end)
        if (total - quotes_after) % 2 == 0:
            return newline + 1
        end = newline
    return 0
