"""JSON Lines and JSON array exports, read record by record so one bad record costs one record.

Every value arrives as text (numbers and booleans as JSON writes them), except lists, which the
canonical `tags` column may hold: one line with a number where the others have text can then not
make Polars refuse the whole file. A line that does not parse, an element that is not an object,
a value that is an object where text belongs, and the tail of a file cut in the middle go to
quarantine with the reason; every record before them loads.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from heatcheck.errors import UnreadableExport
from heatcheck.readers.model import QUARANTINE_SCHEMA

_DECODER = json.JSONDecoder()
_LIST_COLUMNS = ("tags",)


def read_json_lines(path: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    """One record per line, numbered by line."""
    records, broken = [], []
    with path.open(encoding="utf-8-sig", errors="strict") as handle:
        try:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as error:
                    broken.append(_broken(path, number, f"line is not valid JSON ({error.msg})", line.strip()))
                    continue
                _keep(path, number, record, "line", records, broken)
        except UnicodeDecodeError:
            raise UnreadableExport(str(path), "is not UTF-8, as JSON must be") from None
    return _frame(records), _quarantine(broken)


def read_json_array(path: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    """One record per element of the top-level array, numbered from 1."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableExport(str(path), "is not UTF-8, as JSON must be") from None
    position = _skip(text, 0)
    if not text.startswith("[", position):
        return read_json_lines(path)  # one object: a JSON Lines file of one line
    records, broken = [], []
    position, number = _skip(text, position + 1), 0
    while position < len(text) and text[position] != "]":
        number += 1
        try:
            element, position = _DECODER.raw_decode(text, position)
        except json.JSONDecodeError as error:
            reason = f"the file is cut or broken here ({error.msg}); every element before it was read"
            broken.append(_broken(path, number, reason, text[position:]))
            break
        _keep(path, number, element, "element", records, broken)
        position = _skip(text, position)
        if position < len(text) and text[position] == ",":
            position = _skip(text, position + 1)
    return _frame(records), _quarantine(broken)


def _skip(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _keep(path: Path, number: int, record: object, noun: str, records: list, broken: list) -> None:
    """Add a record as text values, or quarantine it saying what is wrong with it."""
    if not isinstance(record, dict):
        broken.append(_broken(path, number, f"{noun} is not a JSON object", json.dumps(record)))
        return
    nested = next((k for k, v in record.items() if isinstance(v, dict | list) and k not in _LIST_COLUMNS), None)
    if nested is not None:
        reason = (
            f"{nested} holds a JSON {'object' if isinstance(record[nested], dict) else 'list'} where a value belongs"
        )
        broken.append(_broken(path, number, reason, json.dumps(record)))
        return
    records.append({"source_record": number, **{key: _as_text(key, value) for key, value in record.items()}})


def _as_text(key: str, value: object) -> object:
    if key in _LIST_COLUMNS and value is not None:
        if isinstance(value, list):
            return [None if v is None else str(v) for v in value]
        return [tag.strip() for tag in str(value).strip("[]").split(",") if tag.strip()]  # "a, b" as text
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value)  # numbers and booleans as JSON writes them: 1700000000000, true


def _frame(records: list[dict]) -> pl.DataFrame:
    if not records:
        return pl.DataFrame({"source_record": []}, schema={"source_record": pl.Int64})
    columns = list(dict.fromkeys(key for record in records for key in record))
    schema = {
        name: pl.Int64 if name == "source_record" else pl.List(pl.String) if name in _LIST_COLUMNS else pl.String
        for name in columns
    }
    return pl.DataFrame(records, schema=schema)


def _broken(path: Path, number: int, reason: str, raw: str) -> tuple[str, str, str, str]:
    return (str(path), str(number), reason, raw)


def _quarantine(broken: list) -> pl.DataFrame:
    return pl.DataFrame(broken, schema=QUARANTINE_SCHEMA, orient="row")
