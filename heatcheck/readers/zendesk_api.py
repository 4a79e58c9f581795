"""Reader for Zendesk Support API JSON (SPEC section 2): tickets, comments, audits and users pages.

A batch is read as a whole, so a comment finds its author's role in a users page from another file
and its requester in a tickets page from a third. Walking the nested JSON is plain Python (there
is no flat shape to hand Polars); everything after the walk is vectorised.

Rules, in the order they apply:

- Records are the elements of `tickets`, `comments`, `users`, `groups`, a single `ticket`, and
  each event of an audit. Other sideloads (organizations, brands, ...) are not ticket data and are
  not counted.
- Quarantined (reason in plain English): a record that is not an object, a ticket or comment
  without id, a ticket or comment without a readable created_at, a comments page that does not
  say which ticket it belongs to, an audit without ticket_id or events, a status change without
  value, a JSON Lines line that does not parse, and tickets with status "deleted" (the
  incremental export lists them) as "deleted in source". A comment whose ticket is not in the
  batch is kept: its ticket may come in another batch.
- Reference rows (read, used, not loaded): users, groups, audit events that are neither comments
  nor status changes, and records superseded within the batch (an older version of a ticket, a
  comment already read from a comments page or another audit, a status change seen twice).
- Author roles: via a trigger, automation or Answer Bot -> bot; no author (or Zendesk's system
  user -1) -> system; a user named or with a role like "bot" -> bot; end-user -> customer;
  agent/admin -> agent. Without a user record an author is not an agent by default: the
  ticket's requester -> customer; the ticket's assignee, or the author of a private comment
  (only agents write internal notes) -> agent; anyone else (a CC'd colleague's "+1") -> customer.
- A ticket's `description` is its first comment: it becomes a message only when the batch holds
  no comment for that ticket.

The Fivetran reader shares `assemble` and the checks below: both are the same Zendesk data.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from heatcheck.errors import UnreadableExport, parser_message
from heatcheck.readers.common import first_failed_check, normalized_status
from heatcheck.readers.detect import ZENDESK_API_KEYS, Detected
from heatcheck.readers.model import (
    FIELD_CHANGE_SCHEMA,
    LINEAGE,
    QUARANTINE_SCHEMA,
    TIMESTAMP,
    TRACKED_FIELDS,
    ReadResult,
    conform,
    empty,
)
from heatcheck.readers.text import with_body_clean
from heatcheck.readers.timestamps import parse_utc, to_utc

FORMAT = "zendesk_api"
SOURCE = "zendesk"

# Intermediate shapes shared with the Fivetran reader: Zendesk ids as text, times parsed.
TICKET_PARTS: dict[str, pl.DataType] = {
    "id": pl.String,
    "created_at": TIMESTAMP,
    "updated_at": TIMESTAMP,
    "status": pl.String,
    "priority": pl.String,
    "channel": pl.String,
    "subject": pl.String,
    "requester_id": pl.String,
    "submitter_id": pl.String,
    "assignee_id": pl.String,
    "group_id": pl.String,
    "tags": pl.List(pl.String),
    "csat": pl.String,
    "description": pl.String,
    **LINEAGE,
}
COMMENT_PARTS: dict[str, pl.DataType] = {
    "id": pl.String,
    "ticket_id": pl.String,
    "author_id": pl.String,
    "public": pl.Boolean,
    "created_at": TIMESTAMP,
    "body": pl.String,
    "via_channel": pl.String,
    "via_rel": pl.String,
    **LINEAGE,
}
STATUS_PARTS: dict[str, pl.DataType] = {
    "ticket_id": pl.String,
    "status": pl.String,
    "changed_at": TIMESTAMP,
    **LINEAGE,
}
USER_PARTS: dict[str, pl.DataType] = {
    "id": pl.String,
    "name": pl.String,
    "role": pl.String,
    "email": pl.String,
    "source_file": pl.String,
}
GROUP_PARTS: dict[str, pl.DataType] = {"id": pl.String, "name": pl.String}

# What the walk collects, before times are parsed: the raw record rides along for quarantine.
_WALKED = {"raw": pl.String}
_TICKET_ROWS = {**TICKET_PARTS, "created_at": pl.String, "updated_at": pl.String, **_WALKED}
_COMMENT_ROWS = {**COMMENT_PARTS, "created_at": pl.String, **_WALKED}
_STATUS_ROWS = {**STATUS_PARTS, "changed_at": pl.String, **_WALKED}
_FIELD_ROWS = {
    "ticket_id": pl.String,
    "field": pl.String,
    "value": pl.String,
    "changed_at": pl.String,
    "source_file": pl.String,
}

_NOT_A_PAGE = "not a Zendesk API page (no tickets, ticket, comments, audits, users or groups)"
_COMMENTS_URL = re.compile(r"tickets/(\d+)/comments")
_COMMENTS_PATH = re.compile(r"tickets?[/_-](\d+)[/_-]comments", re.IGNORECASE)
# Via ids Zendesk may send instead of via types (Via types reference); the rest stay as numbers.
_VIA_IDS = {0: "web", 4: "email", 5: "api", 8: "rule"}
_BOT_RELS = ("trigger", "automation", "answer_bot")
_SYSTEM_USER = "-1"  # Zendesk's own user, author of changes no person made
_BOT_NAME = r"(?i)\bbot\b"


@dataclass
class _Walked:
    """Everything the pages of a batch hold, as plain rows, plus the per-file counts."""

    rows_read: Counter = field(default_factory=Counter)
    reference: Counter = field(default_factory=Counter)
    tickets: list[dict] = field(default_factory=list)
    comments: list[dict] = field(default_factory=list)
    audit_comments: list[dict] = field(default_factory=list)
    status_changes: list[dict] = field(default_factory=list)
    field_changes: list[dict] = field(default_factory=list)
    users: list[dict] = field(default_factory=list)
    groups: list[dict] = field(default_factory=list)
    quarantine: list[dict] = field(default_factory=list)

    def reject(self, path: str, where: str, reason: str, record: object) -> None:
        self.quarantine.append({**_lineage(path, where, record), "reason": reason})


def read(files: list[Detected], local_tz: str = "UTC") -> ReadResult:
    """Read one batch of Zendesk API pages into the canonical model."""
    walked = _Walked()
    for detected in files:
        _walk_file(detected, walked)

    tickets, bad_tickets = split_rejects(
        parse_times(_frame(walked.tickets, _TICKET_ROWS), ["created_at", "updated_at"], local_tz),
        [time_check("created_at", "ticket")],
    )
    # Comments pages first, so a comment also seen in an audit is kept from its own page.
    comments, bad_comments = split_rejects(
        parse_times(_frame(walked.comments + walked.audit_comments, _COMMENT_ROWS), ["created_at"], local_tz),
        [time_check("created_at", "comment")],
    )
    status_changes, bad_status = split_rejects(
        parse_times(_frame(walked.status_changes, _STATUS_ROWS), ["changed_at"], local_tz),
        [time_check("changed_at", "status change", label="created_at on its audit")],
    )
    return assemble(
        FORMAT,
        [detected.path for detected in files],
        walked.rows_read,
        walked.reference,
        tickets=tickets,
        comments=comments,
        status_changes=status_changes,
        users=_frame(walked.users, USER_PARTS),
        groups=_frame(walked.groups, GROUP_PARTS),
        quarantine=[_frame(walked.quarantine, QUARANTINE_SCHEMA), bad_tickets, bad_comments, bad_status],
        field_changes=parse_times(_frame(walked.field_changes, _FIELD_ROWS), ["changed_at"], local_tz),
    )


# --- walking the JSON -------------------------------------------------------------------------


def _walk_file(detected: Detected, walked: _Walked) -> None:
    """Walk every page of one file; a JSON Lines line that does not parse is quarantined."""
    path = detected.path
    if detected.container != "jsonl":
        try:
            document = json.loads(Path(path).read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise UnreadableExport(path, f"could not be read as Zendesk API JSON ({parser_message(error)})") from None
        _walk_page(document, "", path, walked)
        return
    with open(path, encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                page = json.loads(line)
            except json.JSONDecodeError:
                walked.rows_read[path] += 1
                walked.reject(path, f"line {number}", "line is not valid JSON", line.strip())
                continue
            _walk_page(page, f"line {number}: ", path, walked)


def _walk_page(page: object, prefix: str, path: str, walked: _Walked) -> None:
    """Walk one page; `prefix` names its line in a JSON Lines file."""
    if not isinstance(page, dict) or not ZENDESK_API_KEYS & page.keys():
        walked.rows_read[path] += 1
        walked.reject(path, prefix.rstrip(": ") or "document", _NOT_A_PAGE, page)
        return
    if page.get("ticket") is not None:
        _ticket(page["ticket"], f"{prefix}ticket", path, walked)
    for key, walk in (("tickets", _ticket), ("users", _user), ("groups", _group), ("audits", _audit)):
        for index, record in enumerate(_listed(page, key, prefix, path, walked)):
            walk(record, f"{prefix}{key}[{index}]", path, walked)
    comments = _listed(page, "comments", prefix, path, walked)
    ticket_id = _comments_ticket(page, path) if comments else None
    for index, record in enumerate(comments):
        _comment(record, f"{prefix}comments[{index}]", path, ticket_id, walked)


def _listed(page: dict, key: str, prefix: str, path: str, walked: _Walked) -> list:
    """The records under `key`; anything but a list there is one bad record."""
    value = page.get(key)
    if value is None:
        return []
    if isinstance(value, list):
        return value
    walked.rows_read[path] += 1
    walked.reject(path, f"{prefix}{key}", f"{key} is not a list", value)
    return []


def _comments_ticket(page: dict, path: str) -> str | None:
    """Comment objects do not carry their ticket: find it in the paging URLs or the file's path."""
    links = page.get("links") if isinstance(page.get("links"), dict) else {}
    for url in (page.get("next_page"), page.get("previous_page"), links.get("next"), links.get("prev")):
        if isinstance(url, str) and (match := _COMMENTS_URL.search(url)):
            return match.group(1)
    # Only the file name and its two folders: a ticket number higher up is not about this page.
    match = _COMMENTS_PATH.search("/".join(Path(path).parts[-3:]))
    return match.group(1) if match else None


def _ticket(record: object, where: str, path: str, walked: _Walked) -> None:
    walked.rows_read[path] += 1
    if not isinstance(record, dict):
        return walked.reject(path, where, "ticket is not a JSON object", record)
    if record.get("id") is None:
        return walked.reject(path, where, "ticket has no id", record)
    if str(record.get("status")).lower() == "deleted":
        return walked.reject(path, where, "deleted in source", record)
    channel, _ = _via(record)
    rating = record.get("satisfaction_rating")
    tags = record.get("tags")
    walked.tickets.append(
        {
            "id": _text(record["id"]),
            "created_at": _text(record.get("created_at")),
            "updated_at": _text(record.get("updated_at")),
            "status": _text(record.get("status")),
            "priority": _text(record.get("priority")),
            "channel": channel,
            "subject": _text(record.get("subject") or record.get("raw_subject")),
            "requester_id": _text(record.get("requester_id")),
            "submitter_id": _text(record.get("submitter_id")),
            "assignee_id": _text(record.get("assignee_id")),
            "group_id": _text(record.get("group_id")),
            "tags": [str(tag) for tag in tags] if isinstance(tags, list) else None,
            "csat": _text(rating.get("score")) if isinstance(rating, dict) else None,
            "description": _text(record.get("description")),
            **_lineage(path, where, record),
        }
    )


def _comment(record: object, where: str, path: str, ticket_id: str | None, walked: _Walked) -> None:
    walked.rows_read[path] += 1
    if not isinstance(record, dict):
        return walked.reject(path, where, "comment is not a JSON object", record)
    if ticket_id is None:
        return walked.reject(path, where, "comments page does not say which ticket it belongs to", record)
    if record.get("id") is None:
        return walked.reject(path, where, "comment has no id", record)
    row = _comment_row(record, ticket_id, record.get("created_at"), record.get("author_id"), via_from=record)
    walked.comments.append({**row, **_lineage(path, where, record)})


def _audit(audit: object, where: str, path: str, walked: _Walked) -> None:
    """Each event of an audit is a record: comments and status changes load, the rest are reference."""
    events = audit.get("events") if isinstance(audit, dict) else None
    if not isinstance(events, list) or not events:
        walked.rows_read[path] += 1
        reason = "audit has no events" if isinstance(audit, dict) else "audit is not a JSON object"
        return walked.reject(path, where, reason, audit)
    context = {key: value for key, value in audit.items() if key != "events"}
    for index, event in enumerate(events):
        walked.rows_read[path] += 1
        _audit_event(event, context, f"{where}.events[{index}]", path, walked)


def _audit_event(event: object, audit: dict, where: str, path: str, walked: _Walked) -> None:
    raw = {"audit": audit, "event": event}  # the event alone would lose its ticket and time
    if not isinstance(event, dict):
        return walked.reject(path, where, "audit event is not a JSON object", raw)
    is_comment = event.get("type") in ("Comment", "VoiceComment")
    is_status = event.get("type") in ("Create", "Change") and event.get("field_name") == "status"
    if not (is_comment or is_status):
        walked.reference[path] += 1
        if event.get("type") in ("Create", "Change") and event.get("field_name") in TRACKED_FIELDS:
            walked.field_changes.append(
                {
                    "ticket_id": _text(audit.get("ticket_id")),
                    "field": event["field_name"],
                    "value": _text(event.get("value")),
                    "changed_at": _text(audit.get("created_at")),
                    "source_file": path,
                }
            )
        return None
    if audit.get("ticket_id") is None:
        return walked.reject(path, where, "audit has no ticket_id", raw)
    if is_status:
        if event.get("value") is None:
            return walked.reject(path, where, "status change has no value", raw)
        walked.status_changes.append(
            {
                "ticket_id": _text(audit["ticket_id"]),
                "status": _text(event["value"]),
                "changed_at": _text(audit.get("created_at")),
                **_lineage(path, where, raw),
            }
        )
        return None
    if event.get("id") is None:
        return walked.reject(path, where, "comment has no id", raw)
    # An event carries its own via only when it differs from the audit's (Ticket Audit events reference).
    via_from = event if "via" in event else audit
    author = event.get("author_id", audit.get("author_id"))
    row = _comment_row(event, _text(audit["ticket_id"]), audit.get("created_at"), author, via_from)
    walked.audit_comments.append({**row, **_lineage(path, where, raw)})
    return None


def _comment_row(comment: dict, ticket_id: str, created_at: object, author: object, via_from: dict) -> dict:
    """A comment's fields, from a comments page or a Comment event of an audit."""
    channel, rel = _via(via_from)
    body = comment.get("plain_body") if comment.get("plain_body") is not None else comment.get("body")
    public = comment.get("public")
    return {
        "id": _text(comment["id"]),
        "ticket_id": ticket_id,
        "author_id": _text(author),
        "public": public if isinstance(public, bool) else None,
        "created_at": _text(created_at),
        "body": _text(body),
        "via_channel": channel,
        "via_rel": rel,
    }


def _lineage(path: str, where: str, raw: object) -> dict:
    return {"source_file": path, "source_record": where, "raw": _json(raw)}


def _user(record: object, where: str, path: str, walked: _Walked) -> None:
    _lookup(record, where, path, walked, "user", walked.users, ("id", "name", "role", "email"))


def _group(record: object, where: str, path: str, walked: _Walked) -> None:
    _lookup(record, where, path, walked, "group", walked.groups, ("id", "name"))


def _lookup(record: object, where: str, path: str, walked: _Walked, noun: str, into: list, keys: tuple) -> None:
    """Users and groups only name things: they count as reference rows."""
    walked.rows_read[path] += 1
    if not isinstance(record, dict) or record.get("id") is None:
        return walked.reject(path, where, f"{noun} has no id", record)
    walked.reference[path] += 1
    into.append({**{key: _text(record.get(key)) for key in keys}, "source_file": path})
    return None


def _via(record: dict) -> tuple[str | None, str | None]:
    """(channel, source.rel) of a record's via object; via ids become via types where known."""
    via = record.get("via")
    if not isinstance(via, dict):
        return None, None
    channel = via.get("channel")
    if isinstance(channel, int) and not isinstance(channel, bool):
        channel = _VIA_IDS.get(channel, str(channel))
    source = via.get("source")
    rel = source.get("rel") if isinstance(source, dict) else None
    return _text(channel), _text(rel)


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _json(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _frame(rows: list[dict], schema: dict[str, pl.DataType]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=schema) if rows else empty(schema)


# --- checks shared with the Fivetran reader ---------------------------------------------------


def parse_times(frame: pl.DataFrame, columns: list[str], local_tz: str = "UTC") -> pl.DataFrame:
    """Parse timestamp columns to naive UTC, keeping what was received as `<name>_text`.

    Zendesk sends ISO 8601 with Z; its incremental export may send Unix time, which arrives as
    digits once the walk has made every value text (parse_utc tells its unit by its size).
    """
    exprs = []
    for name in columns:
        if frame.schema[name] == pl.String:
            received = pl.col(name).str.strip_chars().replace("", None)
            text = received.str.replace(r"\s*UTC$", "+00:00")  # BigQuery writes "2024-03-04 09:12:00 UTC"
            parsed = parse_utc(text, local_tz).cast(TIMESTAMP)
            exprs += [received.alias(f"{name}_text"), parsed.alias(name)]
        else:
            exprs.append(pl.col(name).cast(pl.String).alias(f"{name}_text"))
    typed = [name for name in columns if frame.schema[name] != pl.String]
    return to_utc(frame.with_columns(exprs), typed, local_tz)


def time_check(column: str, noun: str, label: str | None = None) -> tuple[pl.Expr, pl.Expr]:
    """A check for `split_rejects`: the row needs a readable time in `column` (after parse_times)."""
    label = label or column
    received = pl.col(f"{column}_text")
    reason = (
        pl.when(received.is_null())
        .then(pl.lit(f"{noun} has no {label}"))
        .otherwise(pl.format(f"{noun} {label} '{{}}' is not a timestamp", received))
    )
    return pl.col(column).is_null(), reason


def split_rejects(
    frame: pl.DataFrame, checks: list[tuple[pl.Expr, str | pl.Expr]]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Split off the rows that fail a check, as quarantine rows naming the first check they fail."""
    marked = frame.with_columns(_reason=first_failed_check(checks))
    bad = marked.filter(pl.col("_reason").is_not_null()).select(
        "source_file", "source_record", reason=pl.col("_reason"), raw=pl.col("raw")
    )
    return marked.filter(pl.col("_reason").is_null()).drop("_reason"), bad


# --- from Zendesk's shapes to the canonical model ----------------------------------------------


def assemble(
    format: str,
    files: list[str],
    rows_read: Counter,
    reference: Counter,
    *,
    tickets: pl.DataFrame,
    comments: pl.DataFrame,
    status_changes: pl.DataFrame,
    users: pl.DataFrame,
    groups: pl.DataFrame,
    quarantine: list[pl.DataFrame],
    field_changes: pl.DataFrame | None = None,
) -> ReadResult:
    """Canonical frames from checked Zendesk tickets, comments and status changes of one batch."""
    reference = Counter(reference)
    tickets, superseded = _keep_newest(conform(tickets, TICKET_PARTS))
    comments, repeated = _keep_first(conform(comments, COMMENT_PARTS), ["id"])
    status_changes, repeated_status = _keep_first(
        conform(status_changes, STATUS_PARTS), ["ticket_id", "changed_at", "status"]
    )
    for dropped in (superseded, repeated, repeated_status):
        reference.update(count_by_file(dropped))
    comments = pl.concat([comments, _description_comments(tickets, comments)])
    users = conform(users, USER_PARTS).unique("id", keep="last", maintain_order=True)
    groups = conform(groups, GROUP_PARTS).unique("id", keep="last", maintain_order=True)
    return ReadResult(
        format=format,
        files=files,
        rows_read={path: rows_read.get(path, 0) for path in files},
        reference_rows={path: reference.get(path, 0) for path in files},
        tickets=_canonical_tickets(tickets, groups),
        messages=_canonical_messages(comments, users, tickets),
        status_changes=status_changes.with_columns(
            ticket_id=_zendesk_id("ticket_id"), status=normalized_status(pl.col("status"))
        ),
        quarantine=pl.concat([conform(frame, QUARANTINE_SCHEMA) for frame in quarantine]),
        agents=_agents(users),
        field_changes=_field_changes(field_changes, groups),
    )


def _field_changes(changes: pl.DataFrame | None, groups: pl.DataFrame) -> pl.DataFrame:
    """Priority, assignee and group changes in canonical words: an assignee as an agent id, a
    group by its name; a change with no time cannot be placed and is left out (it is counted as
    a reference row of its file either way)."""
    if changes is None or changes.is_empty():
        return empty(FIELD_CHANGE_SCHEMA)
    named = changes.filter(pl.col("ticket_id").is_not_null() & pl.col("changed_at").is_not_null()).join(
        groups.select(value="id", group_name="name"), on="value", how="left"
    )
    value = pl.col("value").str.strip_chars().replace("", None)
    return named.select(
        ticket_id=_zendesk_id("ticket_id"),
        field=pl.col("field").replace({"assignee_id": "assignee", "group_id": "team"}),
        value=pl.when(pl.col("field") == "assignee_id")
        .then(pl.lit(f"{SOURCE}:user:") + value)
        .when(pl.col("field") == "group_id")
        .then(pl.coalesce("group_name", pl.lit("group:") + value))
        .otherwise(value.str.to_lowercase()),
        changed_at=pl.col("changed_at").cast(TIMESTAMP),
        source_file="source_file",
    )


def _agents(users: pl.DataFrame) -> pl.DataFrame:
    """The agents and admins among the users, named as their messages' author_id is."""
    staff = users.filter(pl.col("role").str.to_lowercase().is_in(["agent", "admin"]))
    return staff.select(
        agent_id=_user_id("id"),
        name=pl.col("name").str.strip_chars().replace("", None),
        email=pl.col("email").str.strip_chars().str.to_lowercase().replace("", None),
        source_file="source_file",
    )


def count_by_file(frame: pl.DataFrame) -> Counter:
    """How many of the frame's rows came from each file."""
    return Counter(dict(frame.group_by("source_file").len().iter_rows()))


def _keep_newest(tickets: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """One row per ticket, the newest updated_at (SPEC section 2); ties go to the later record."""
    ordered = tickets.with_row_index("_order")
    kept = (
        ordered.sort(["updated_at", "_order"], nulls_last=False)
        .unique("id", keep="last", maintain_order=True)
        .sort("_order")
    )
    return kept.drop("_order"), ordered.join(kept, on="_order", how="anti")


def _keep_first(frame: pl.DataFrame, key: list[str]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """One row per key, the first one read; also returns the rows dropped."""
    ordered = frame.with_row_index("_order")
    kept = ordered.unique(key, keep="first", maintain_order=True)
    return kept.drop("_order"), ordered.join(kept, on="_order", how="anti")


def _description_comments(tickets: pl.DataFrame, comments: pl.DataFrame) -> pl.DataFrame:
    """A ticket's description stands in for its first comment when the batch has none of them."""
    return (
        tickets.filter(pl.col("description").str.strip_chars() != "")
        .join(comments.select(id="ticket_id").unique(), on="id", how="anti")
        .select(
            id=pl.col("id") + ":description",
            ticket_id="id",
            author_id=pl.coalesce("submitter_id", "requester_id"),
            public=pl.lit(True),
            created_at="created_at",
            body="description",
            source_file="source_file",
            source_record="source_record",
        )
        .pipe(conform, COMMENT_PARTS)
    )


def _canonical_tickets(tickets: pl.DataFrame, groups: pl.DataFrame) -> pl.DataFrame:
    named = tickets.join(
        groups.select(group_id="id", group_name="name"), on="group_id", how="left", maintain_order="left"
    )
    csat = pl.col("csat").str.to_lowercase()
    return named.with_columns(
        ticket_id=_zendesk_id("id"),
        source=pl.lit(SOURCE),
        status=normalized_status(pl.col("status")),
        priority=pl.col("priority").str.strip_chars().str.to_lowercase().replace("", None),
        requester_id=_user_id("requester_id"),
        assignee_id=_user_id("assignee_id"),
        team=pl.coalesce("group_name", pl.lit("group:") + pl.col("group_id")),
        # Zendesk scores are good/bad; offered/unoffered mean no rating was given.
        csat=pl.when(csat.str.starts_with("good"))
        .then(pl.lit("good"))
        .when(csat.str.starts_with("bad"))
        .then(pl.lit("bad")),
    )


def _canonical_messages(comments: pl.DataFrame, users: pl.DataFrame, tickets: pl.DataFrame) -> pl.DataFrame:
    known = users.select(
        author_id="id",
        user_role=pl.col("role").str.to_lowercase(),
        user_is_bot=pl.col("name").str.contains(_BOT_NAME) | pl.col("role").str.contains(_BOT_NAME),
    )
    joined = comments.join(known, on="author_id", how="left", maintain_order="left").join(
        tickets.select(ticket_id="id", requester="requester_id", assignee="assignee_id"),
        on="ticket_id",
        how="left",
        maintain_order="left",
    )
    messages = joined.select(
        message_id=_zendesk_id("id"),
        ticket_id=_zendesk_id("ticket_id"),
        author_id=_user_id("author_id"),
        author_role=author_role(),
        # Zendesk's default for a comment is public; a private one is an internal note.
        is_public=pl.col("public").fill_null(True),
        created_at="created_at",
        body="body",
        source_file="source_file",
        source_record="source_record",
    )
    return with_body_clean(messages)


def author_role() -> pl.Expr:
    """customer / agent / bot / system from via, the author's user record and the ticket's people."""
    channel = pl.col("via_channel").str.to_lowercase()
    automated = (channel == "rule") | channel.str.starts_with("answer_bot") | pl.col("via_rel").is_in(_BOT_RELS)
    return (
        pl.when(automated.fill_null(False))
        .then(pl.lit("bot"))
        .when(pl.col("author_id").is_null() | (pl.col("author_id") == _SYSTEM_USER))
        .then(pl.lit("system"))
        .when(pl.col("user_is_bot").fill_null(False))
        .then(pl.lit("bot"))
        .when(pl.col("user_role") == "end-user")
        .then(pl.lit("customer"))
        .when(pl.col("user_role").is_in(["agent", "admin"]))
        .then(pl.lit("agent"))
        .when((pl.col("author_id") == pl.col("requester")).fill_null(False))
        .then(pl.lit("customer"))
        .when((pl.col("author_id") == pl.col("assignee")).fill_null(False) | ~pl.col("public").fill_null(True))
        .then(pl.lit("agent"))
        .otherwise(pl.lit("customer"))
    )


def _zendesk_id(column: str) -> pl.Expr:
    return pl.lit(f"{SOURCE}:") + pl.col(column)


def _user_id(column: str) -> pl.Expr:
    return pl.lit(f"{SOURCE}:user:") + pl.col(column)
