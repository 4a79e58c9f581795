"""The three demo export formats: the main desk as canonical Parquet, the accounts brand as
Fivetran's Zendesk CSV tables, and @HeatcheckHelp in the Customer Support on Twitter layout."""

from __future__ import annotations

import csv
import datetime
import random
from pathlib import Path

import polars as pl

from heatcheck.demo.clock import MONTH_ABBR, UTC, WEEKDAY_ABBR
from heatcheck.demo.phrases import AGENTS, MANAGER
from heatcheck.demo.tickets import Message, Ticket

TIMESTAMP = pl.Datetime("us", "UTC")
CANONICAL_TICKET_SCHEMA = {
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
}
CANONICAL_MESSAGE_SCHEMA = {
    "message_id": pl.String,
    "ticket_id": pl.String,
    "author_id": pl.String,
    "author_role": pl.String,
    "is_public": pl.Boolean,
    "created_at": TIMESTAMP,
    "body": pl.String,
}
CANONICAL_STATUS_SCHEMA = {"ticket_id": pl.String, "status": pl.String, "changed_at": TIMESTAMP}


def _canonical_author(message: Message, ticket: Ticket) -> str:
    if message.role == "agent":
        return f"agent:{message.agent.handle}"
    if message.role == "bot":
        return "bot:heatcheck-auto-reply"
    return f"cust:{ticket.customer.number}"


def _mojibake(text: str) -> str:
    """Curly apostrophes decoded as Windows-1252, as a badly configured mail gateway does."""
    return text.replace("'", "\u2019").encode("utf-8").decode("cp1252")


def _canonical_messages(tickets: list[Ticket], rng: random.Random) -> list[tuple]:
    rows = []
    for ticket in tickets:
        ticket_id = f"D-{ticket.number:06d}"
        for k, m in enumerate(ticket.messages, start=1):
            rows.append(
                [f"{ticket_id}-m{k:02d}", ticket_id, _canonical_author(m, ticket), m.role, m.public, m.at, m.body]
            )
    garbled = [r for r in rows if r[3] == "customer" and "'" in r[6]]
    for row in rng.sample(garbled, min(len(garbled), max(2, len(rows) // 2500))):
        row[6] = _mojibake(row[6])
    return _with_bad_rows(rows, rng)


def _with_bad_rows(rows: list[list], rng: random.Random) -> list[tuple]:
    """Insert the few broken rows the quarantine must catch, each after a real ticket's messages."""
    defects = ("created_at", "created_at", "author_role", "author_role", "ticket_id", "ticket_id")
    last_row_of = {row[1]: i for i, row in enumerate(rows)}
    hosts = rng.sample(sorted(last_row_of), len(defects))
    bad_after = {}
    for n, (defect, ticket_id) in enumerate(zip(defects, hosts), start=1):
        host = rows[last_row_of[ticket_id]]
        bad = [f"{ticket_id}-bad{n}", ticket_id, host[2], "customer", True, host[5], "Any update on this?"]
        if defect == "created_at":
            bad[5] = None
        elif defect == "author_role":
            bad[2:4] = ["robot:merge", "robot"]
            bad[6] = "Ticket merged automatically with a duplicate request."
        else:
            bad[1] = ""
        bad_after[last_row_of[ticket_id]] = bad
    out = []
    for i, row in enumerate(rows):
        out.append(tuple(row))
        if i in bad_after:
            out.append(tuple(bad_after[i]))
    return out


def write_canonical(tickets: list[Ticket], out_dir: Path, rng: random.Random) -> list[Path]:
    """The main desk as canonical Parquet: tickets, messages and status changes."""
    folder = out_dir / "canonical"
    folder.mkdir(parents=True, exist_ok=True)
    ticket_rows = [
        (
            f"D-{t.number:06d}",
            "demo",
            t.created_at,
            t.updated_at,
            t.statuses[-1][0],
            t.priority,
            t.channel,
            t.subject,
            f"cust:{t.customer.number}",
            f"agent:{t.assignee.handle}" if t.assignee else None,
            t.team,
            t.tags,
            t.csat,
        )
        for t in tickets
    ]
    status_rows = [(f"D-{t.number:06d}", status, at) for t in tickets for status, at in t.statuses]
    # The same people answer the Fivetran desk under other ids; the shared work e-mail merges them.
    agent_rows = [(f"agent:{a.handle}", a.name, _work_email(a), a.team) for a in AGENTS]
    frames = {
        "agents": pl.DataFrame(agent_rows, schema=["agent_id", "name", "email", "team"], orient="row"),
        "tickets": pl.DataFrame(ticket_rows, schema=CANONICAL_TICKET_SCHEMA, orient="row"),
        "messages": pl.DataFrame(_canonical_messages(tickets, rng), schema=CANONICAL_MESSAGE_SCHEMA, orient="row"),
        "status_changes": pl.DataFrame(status_rows, schema=CANONICAL_STATUS_SCHEMA, orient="row"),
    }
    paths = []
    for name, frame in frames.items():
        path = folder / f"{name}.parquet"
        frame.write_parquet(path)
        paths.append(path)
    return paths


def _work_email(agent) -> str:
    return f"{agent.handle}@heatcheck.example.com"


def _zulu(at: datetime.datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _synced(at: datetime.datetime) -> str:
    """When Fivetran copied a row: a little after it last changed."""
    return _zulu(at + datetime.timedelta(minutes=17))


def _write_csv(path: Path, header: list[str], rows: list[list]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


# Zendesk ids are numbers; these ranges keep users, groups and tickets apart.
FIVETRAN_AGENT_ID = 360_100_000
FIVETRAN_CUSTOMER_ID = 361_000_000
FIVETRAN_GROUP_ID = 360_000_100
FIVETRAN_TICKET_ID = 50_000
FIVETRAN_BRAND_ID = 360_004_201
GROUP_NAMES = ("accounts", "billing", "escalations", "technical")


def _fivetran_actor(
    ticket: Ticket,
    at: datetime.datetime,
    value: object,
    customer_moments: set,
    requester: int,
    agent_id: dict[str, int],
) -> int | str:
    """Who made a field change: the customer who wrote in, nobody for the automatic close, else the assignee."""
    if value == "new" or (value == "open" and at in customer_moments):
        return requester
    assigned = [agent for agent, since in ticket.assignments if since <= at]
    return agent_id[assigned[-1].handle] if value != "closed" and assigned else ""


def write_fivetran(tickets: list[Ticket], out_dir: Path, start: datetime.date) -> list[Path]:
    """The accounts brand's Zendesk as Fivetran's synced tables, one CSV each."""
    folder = out_dir / "fivetran"
    agent_id = {a.handle: FIVETRAN_AGENT_ID + i for i, a in enumerate(AGENTS)}
    group_id = {name: FIVETRAN_GROUP_ID + i for i, name in enumerate(GROUP_NAMES)}
    ticket_rows, comment_rows, history_rows, customers = [], [], [], {}
    for t in tickets:
        ticket_id = FIVETRAN_TICKET_ID + t.number
        requester = FIVETRAN_CUSTOMER_ID + t.customer.number
        customers[requester] = t.customer

        def author_of(m: Message, requester: int = requester) -> int:
            return agent_id[m.agent.handle] if m.role == "agent" else requester

        first = t.messages[0]
        ticket_rows.append(
            [
                ticket_id,
                _synced(t.updated_at),
                _zulu(t.created_at),
                _zulu(t.updated_at),
                t.topic.ticket_type,
                t.subject,
                first.body,
                t.priority,
                t.statuses[-1][0],
                requester,
                author_of(first),
                agent_id[t.assignee.handle] if t.assignee else "",
                group_id[t.team],
                t.channel,
                FIVETRAN_BRAND_ID,
            ]
        )
        for m in t.messages:
            comment_rows.append(
                [
                    len(comment_rows) + 9_100_001,
                    _synced(m.at),
                    m.body,
                    _zulu(m.at),
                    "true" if m.public else "false",
                    ticket_id,
                    author_of(m),
                ]
            )
        changes = [(at, "status", status) for status, at in t.statuses]
        changes += [(at, "assignee_id", agent_id[agent.handle]) for agent, at in t.assignments]
        customer_moments = {m.at for m in t.messages if m.role == "customer"}
        for at, field_name, value in sorted(changes, key=lambda change: (change[0], change[1])):
            history_rows.append(
                [
                    ticket_id,
                    field_name,
                    _zulu(at),
                    value,
                    _fivetran_actor(t, at, value, customer_moments, requester, agent_id),
                    _synced(at),
                ]
            )
    user_created = datetime.datetime.combine(start, datetime.time(12), UTC)
    users = [
        [
            agent_id[a.handle],
            _synced(user_created),
            a.name,
            _work_email(a),
            "admin" if a == MANAGER else "agent",
            _zulu(user_created - datetime.timedelta(days=400 + 13 * i)),
        ]
        for i, a in enumerate(AGENTS)
    ]
    users += [
        [
            user_id,
            _synced(user_created),
            f"{c.first} {c.last}",
            c.email,
            "end-user",
            _zulu(user_created - datetime.timedelta(days=30 + c.number * 37 % 900)),
        ]
        for user_id, c in sorted(customers.items())
    ]
    groups = [[group_id[name], _synced(user_created), name] for name in GROUP_NAMES]
    return [
        _write_csv(
            folder / "ticket.csv",
            [
                "id",
                "_fivetran_synced",
                "created_at",
                "updated_at",
                "type",
                "subject",
                "description",
                "priority",
                "status",
                "requester_id",
                "submitter_id",
                "assignee_id",
                "group_id",
                "via_channel",
                "brand_id",
            ],
            ticket_rows,
        ),
        _write_csv(
            folder / "ticket_comment.csv",
            ["id", "_fivetran_synced", "body", "created", "public", "ticket_id", "user_id"],
            comment_rows,
        ),
        _write_csv(folder / "user.csv", ["id", "_fivetran_synced", "name", "email", "role", "created_at"], users),
        _write_csv(
            folder / "ticket_field_history.csv",
            ["ticket_id", "field_name", "updated", "value", "user_id", "_fivetran_synced"],
            history_rows,
        ),
        _write_csv(folder / "group.csv", ["id", "_fivetran_synced", "name"], groups),
    ]


TWITTER_HANDLE = "HeatcheckHelp"
TWCS_CUSTOMER_ID = 700_000
TWCS_FIRST_TWEET_ID = 1_000_001


def _twitter_time(at: datetime.datetime) -> str:
    """Twitter's created_at, as in "Tue Oct 31 22:10:47 +0000 2017"."""
    at = at.astimezone(UTC)
    return f"{WEEKDAY_ABBR[at.weekday()]} {MONTH_ABBR[at.month - 1]} {at:%d %H:%M:%S} +0000 {at.year}"


def write_twitter(tickets: list[Ticket], out_dir: Path) -> list[Path]:
    """The @HeatcheckHelp account in the Customer Support on Twitter (TWCS) layout."""
    rows, next_id = [], TWCS_FIRST_TWEET_ID
    for t in tickets:
        customer_id = str(TWCS_CUSTOMER_ID + t.customer.number)
        thread = []  # [tweet_id, author, inbound, created_at, text, replies, in_response_to]
        for m in t.messages:
            inbound = m.role == "customer"
            # A tweet answers the other side's latest tweet, or continues its author's own.
            parent = next((tw for tw in reversed(thread) if tw[2] != inbound), thread[-1] if thread else None)
            mention = f"@{TWITTER_HANDLE}" if inbound else f"@{customer_id}"
            tweet = [
                next_id,
                customer_id if inbound else TWITTER_HANDLE,
                inbound,
                m.at,
                f"{mention} {m.body}",
                [],
                parent[0] if parent else None,
            ]
            if parent:
                parent[5].append(next_id)
            thread.append(tweet)
            next_id += 1
        rows += [
            [
                tid,
                author,
                "True" if inbound else "False",
                _twitter_time(at),
                text,
                ",".join(str(r) for r in replies),
                "" if parent is None else parent,
            ]
            for tid, author, inbound, at, text, replies, parent in thread
        ]
    header = ["tweet_id", "author_id", "inbound", "created_at", "text", "response_tweet_id", "in_response_to_tweet_id"]
    return [_write_csv(out_dir / "twitter" / "twcs_demo.csv", header, rows)]
