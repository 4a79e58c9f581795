"""The canonical model every reader produces (SPEC section 3), as Polars schemas.

Readers return a `ReadResult`: canonical frames plus a quarantine frame, every row carrying the
file and record it came from, so the ingest log can account for each file
(rows read = loaded + quarantined).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

TIMESTAMP = pl.Datetime("us")  # naive, always UTC: readers convert before they return

LINEAGE = {"source_file": pl.String, "source_record": pl.String}

TICKET_SCHEMA: dict[str, pl.DataType] = {
    "ticket_id": pl.String,
    "source": pl.String,
    "created_at": TIMESTAMP,
    "updated_at": TIMESTAMP,
    "status": pl.String,
    "priority": pl.String,
    "channel": pl.String,
    "subject": pl.String,
    "requester_id": pl.String,
    "assignee_id": pl.String,
    "team": pl.String,
    "tags": pl.List(pl.String),
    "csat": pl.String,
    **LINEAGE,
}

MESSAGE_SCHEMA: dict[str, pl.DataType] = {
    "message_id": pl.String,
    "ticket_id": pl.String,
    "author_id": pl.String,
    "author_role": pl.String,
    "is_public": pl.Boolean,
    "created_at": TIMESTAMP,
    "body": pl.String,
    "body_clean": pl.String,
    **LINEAGE,
}

STATUS_CHANGE_SCHEMA: dict[str, pl.DataType] = {
    "ticket_id": pl.String,
    "status": pl.String,
    "changed_at": TIMESTAMP,
    **LINEAGE,
}

# How a ticket's priority, assignee and group changed (Zendesk audits, Fivetran's
# ticket_field_history): targets use the priority in force, and the marts count assignee stations.
TRACKED_FIELDS = ("priority", "assignee_id", "group_id")
FIELD_CHANGE_SCHEMA: dict[str, pl.DataType] = {
    "ticket_id": pl.String,
    "field": pl.String,  # priority | assignee (an agent id) | team (a group name)
    "value": pl.String,  # NULL: the field was cleared (an unassigned ticket)
    "changed_at": TIMESTAMP,
    "source_file": pl.String,
}

# The people who answer: exports that carry a user table name them (Zendesk users, Fivetran's
# user table, a canonical agents file), so reports can say "Maya Kowalski", not "zendesk:user:7001".
AGENT_SCHEMA: dict[str, pl.DataType] = {
    "agent_id": pl.String,  # as author_id / assignee_id spell it
    "name": pl.String,
    "email": pl.String,
    "team": pl.String,
    "source_file": pl.String,
}

QUARANTINE_SCHEMA: dict[str, pl.DataType] = {
    "source_file": pl.String,
    "source_record": pl.String,
    "reason": pl.String,
    "raw": pl.String,  # the rejected record as JSON, so nothing is lost
}

TICKET_STATUSES = ("new", "open", "pending", "hold", "solved", "closed", "unknown")
AUTHOR_ROLES = ("customer", "agent", "bot", "system")


def empty(schema: dict[str, pl.DataType]) -> pl.DataFrame:
    return pl.DataFrame(schema=schema)


def conform(frame: pl.DataFrame, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """Select exactly the schema's columns in order, adding missing ones as nulls."""
    return frame.select(
        [
            (pl.col(name) if name in frame.columns else pl.lit(None)).cast(dtype).alias(name)
            for name, dtype in schema.items()
        ]
    )


@dataclass
class ReadResult:
    """What a reader got out of one or more files of one format."""

    format: str
    files: list[str]
    rows_read: dict[str, int]  # per file: records found in it
    # per file: records that feed other rows rather than becoming one (Zendesk users give roles)
    reference_rows: dict[str, int] = field(default_factory=dict)
    tickets: pl.DataFrame = field(default_factory=lambda: empty(TICKET_SCHEMA))
    messages: pl.DataFrame = field(default_factory=lambda: empty(MESSAGE_SCHEMA))
    status_changes: pl.DataFrame = field(default_factory=lambda: empty(STATUS_CHANGE_SCHEMA))
    quarantine: pl.DataFrame = field(default_factory=lambda: empty(QUARANTINE_SCHEMA))
    agents: pl.DataFrame = field(default_factory=lambda: empty(AGENT_SCHEMA))
    field_changes: pl.DataFrame = field(default_factory=lambda: empty(FIELD_CHANGE_SCHEMA))

    def __post_init__(self) -> None:
        self.tickets = conform(self.tickets, TICKET_SCHEMA)
        self.messages = conform(self.messages, MESSAGE_SCHEMA)
        self.status_changes = conform(self.status_changes, STATUS_CHANGE_SCHEMA)
        self.quarantine = conform(self.quarantine, QUARANTINE_SCHEMA)
        self.agents = conform(self.agents, AGENT_SCHEMA)
        self.field_changes = conform(self.field_changes, FIELD_CHANGE_SCHEMA)


def combine(format: str, results: list[ReadResult]) -> ReadResult:
    """One ReadResult for several files of one format."""
    return ReadResult(
        format=format,
        files=[f for r in results for f in r.files],
        rows_read={k: v for r in results for k, v in r.rows_read.items()},
        reference_rows={k: v for r in results for k, v in r.reference_rows.items()},
        tickets=pl.concat([r.tickets for r in results]),
        messages=pl.concat([r.messages for r in results]),
        status_changes=pl.concat([r.status_changes for r in results]),
        quarantine=pl.concat([r.quarantine for r in results]),
        agents=pl.concat([r.agents for r in results]),
        field_changes=pl.concat([r.field_changes for r in results]),
    )
