"""Tell an export's format from its content (SPEC section 2), never from its name alone."""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from heatcheck.errors import UnreadableExport, parser_message

EXPECTED_FORMATS = (
    "canonical tickets/messages/status_changes/agents (CSV, JSON Lines or Parquet), "
    "a CSV with a <name>.mapping.yaml beside it, Zendesk API JSON (tickets, comments, audits, users pages), "
    "Zendesk via Fivetran (ticket, ticket_comment, user, ticket_field_history, ticket_tag, satisfaction_rating "
    "tables), "
    "or Customer Support on Twitter (tweet_id, author_id, inbound, created_at, text)"
)

_COLUMN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")
TWCS_COLUMNS = {"tweet_id", "author_id", "inbound", "created_at", "text"}
ZENDESK_API_KEYS = {"tickets", "ticket", "comments", "audits", "users", "groups"}
# Fivetran's Zendesk connector: table -> columns that identify it.
FIVETRAN_TABLES = {
    "ticket_comment": {"id", "ticket_id", "user_id", "body", "created"},
    "ticket_field_history": {"ticket_id", "field_name", "updated", "value"},
    "ticket_tag": {"ticket_id", "tag"},
    "satisfaction_rating": {"id", "ticket_id", "score"},
    "user": {"id", "role", "email"},
    "ticket": {"id", "requester_id", "status", "created_at"},
    "group": {"id", "name", "_fivetran_synced"},  # last: the user table has these columns too
}
CANONICAL_TABLES = {
    "agents": {"agent_id", "name"},
    "messages": {"message_id", "ticket_id", "created_at", "body"},
    "status_changes": {"ticket_id", "status", "changed_at"},
    "tickets": {"ticket_id", "created_at"},
}


@dataclass(frozen=True)
class Detected:
    path: str
    format: str  # canonical | mapped | zendesk_api | zendesk_fivetran | twcs
    table: str  # which table of that format the file holds
    container: str  # csv | jsonl | json | parquet
    mapping: str | None = None


def mapping_for(path: Path) -> Path | None:
    """The YAML column mapping that sits beside a CSV, if any."""
    for suffix in (".mapping.yaml", ".mapping.yml"):
        candidate = path.with_name(path.stem + suffix)
        if candidate.exists():
            return candidate
    return None


def _columns_and_container(path: Path) -> tuple[set[str], str, bool]:
    """The columns (or top-level keys) a file offers, its container, and whether it is a page of
    records under named keys (an API page) rather than the records themselves."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    if head.startswith(b"PAR1"):
        return set(pl.read_parquet_schema(path)), "parquet", False
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if text.startswith((b"{", b"[")):
        try:
            document = json.loads(path.read_text(encoding="utf-8-sig"))
        except json.JSONDecodeError:
            if text.startswith(b"["):  # an array cut short: its first record still names the columns
                return _first_element_columns(path, "json")
            with path.open(encoding="utf-8-sig") as handle:
                first = handle.readline()
            try:
                record = json.loads(first)
            except json.JSONDecodeError as error:
                raise UnreadableExport(
                    str(path), f"looks like JSON but does not parse ({parser_message(error)})"
                ) from None
            if isinstance(record, dict):
                return set(record), "jsonl", True
            return set(), "jsonl", False
        if isinstance(document, dict):
            return set(document), "json", True
        if isinstance(document, list) and document and isinstance(document[0], dict):
            return set(document[0]), "json", False
        return set(), "json", False
    # The header is the first line, however lines end (a bare CR too) and whatever the encoding.
    first_line = re.split(rb"\r\n|\r|\n", text, maxsplit=1)[0].decode("utf-8", errors="replace")
    try:
        header = next(csv.reader([first_line]), [])
    except csv.Error as error:
        raise UnreadableExport(
            str(path), f"could not be read as CSV, JSON or Parquet ({parser_message(error)})"
        ) from None
    return {c.strip() for c in header if c.strip()}, "csv", False


def _first_element_columns(path: Path, container: str) -> tuple[set[str], str, bool]:
    text = path.read_text(encoding="utf-8-sig", errors="replace").lstrip()[1:].lstrip()
    try:
        first, _ = json.JSONDecoder().raw_decode(text)
    except json.JSONDecodeError as error:
        raise UnreadableExport(
            str(path), f"looks like a JSON array but does not parse ({parser_message(error)})"
        ) from None
    return (set(first) if isinstance(first, dict) else set()), container, False


def detect(path: str | Path) -> Detected:
    """Name the format and table of one export file, or raise UnreadableExport."""
    path = Path(path)
    if not path.is_file():
        raise UnreadableExport(str(path), "no such file")
    if path.stat().st_size == 0:
        raise UnreadableExport(str(path), f"is empty; expected {EXPECTED_FORMATS}")
    columns, container, is_page = _columns_and_container(path)

    if container == "csv" and (mapping := mapping_for(path)) is not None:
        # A mapping beside the file is the user telling us how to read it: it wins.
        return Detected(str(path), "mapped", "messages", container, str(mapping))
    if is_page and ZENDESK_API_KEYS & columns:
        return Detected(str(path), "zendesk_api", "pages", container)
    if TWCS_COLUMNS <= columns:
        return Detected(str(path), "twcs", "tweets", container)
    if container in ("csv", "parquet") and (
        "_fivetran_synced" in columns or any(cols <= columns for cols in FIVETRAN_TABLES.values())
    ):
        for table, cols in FIVETRAN_TABLES.items():
            if cols <= columns:
                return Detected(str(path), "zendesk_fivetran", table, container)
    for table, cols in CANONICAL_TABLES.items():
        if cols <= columns:
            return Detected(str(path), "canonical", table, container)
    raise UnreadableExport(
        str(path), f"is not a known ticket export ({_describe(columns)}); expected {EXPECTED_FORMATS}"
    )


def _describe(columns: set[str]) -> str:
    """The columns found, naming only those that look like column names: a file without a header
    offers its first record instead, and that may hold a customer's e-mail or phone number."""
    named = sorted(c for c in columns if _COLUMN_NAME.fullmatch(c))
    others = len(columns) - len(named)
    text = f"columns: {', '.join(named) or 'none'}"
    return text + (f", and {others} value(s) that are not column names (no header line?)" if others else "")
