"""A small warehouse built by the real pipeline from invented conversations, and a headless browser.

Four weeks of invented tickets and messages (the last week still running) go in as a canonical
export; ingest, the labelers and the dbt models turn them into the marts the report reads, so
the report is always tested against the real models, never against a copy of them.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import polars as pl
import pytest
import yaml

from heatcheck.home import Home
from reports.build import ReportPaths, build_reports
from tests.conftest import run_pipeline

PROJECT = Path(__file__).resolve().parents[2]
ARTIFACTS = PROJECT / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

# Three complete weeks, then a week the data stops in the middle of.
COMPLETE_WEEKS = (date(2026, 10, 19), date(2026, 10, 26), date(2026, 11, 2))
RUNNING_WEEK = date(2026, 11, 9)
LAST_COMPLETE_WEEK = COMPLETE_WEEKS[-1]

AGENTS = {  # agent id -> team; ids and team names carry the characters file names must not
    "zendesk:361": "Billing",
    "zendesk:362": "Billing",
    "zendesk:370": "Tech Support",
    "zendesk:371": "Tech Support",
    "maria.lopez@heatcheck": "Social / Twitter",
}
TARGETS = {"urgent": 60.0, "high": 240.0, "normal": 480.0, "low": 960.0}

CUSTOMER_OPENINGS = {
    True: (
        "My heating has been off for three days and nobody answers. This is ridiculous.",
        "Thanks for the 3 hour wait, great service. I want a refund now.",
        "Second time the thermostat died this month. I'm cancelling if this isn't fixed.",
        "Your app charged me twice and I am furious.",
    ),
    False: (
        "Hi, how do I set a holiday schedule on the thermostat?",
        "Could you tell me when my replacement sensor ships?",
        "Hello, I would like to update my billing address.",
    ),
}
CUSTOMER_REPLIES = {
    "better": ("Ok that worked, thank you so much!", "Great, thanks for sorting it."),
    "same": ("Ok. Still waiting for the engineer.", "Fine, I'll try that."),
    "worse": ("This is useless. Nobody ever calls back.", "Still broken. Worst support ever."),
}
PRACTICE_PHRASES = {
    "acknowledge": "I can see the heating has been off since Monday.",
    "apologize": "I'm sorry for the trouble this caused.",
    "empathize": "I understand how cold and frustrating that must be.",
    "positive_language": "I can book an engineer for you today.",
    "negative_language": "We can't refund that, it's not possible.",
    "blame": "You should have read the manual.",
    "doublespeak": "We are leveraging synergies to optimise your experience.",
    "solution_offered": "Please restart the hub; I've also issued a refund.",
    "open_question": "What does the display show right now?",
    "expectation_set": "An engineer will visit by Friday.",
    "escalation": "I'm passing this to our specialist team.",
    "follow_up_promise": "I'll get back to you within 24 hours.",
    "redirect_channel": "Please send us a DM with your account.",
    "closing_door_open": "If anything else comes up, just reply here.",
}


@dataclass
class Warehouse:
    """The rows of the two base marts; the aggregate marts are derived from them."""

    tickets: list[dict] = field(default_factory=list)
    messages: list[dict] = field(default_factory=list)

    def add(self, ticket: dict, messages: list[dict]) -> None:
        """Add one ticket and its conversation."""
        self.tickets.append(ticket)
        self.messages.extend(messages)


def message(ticket: dict, number: int, at: datetime, role: str, author: str, body: str, is_public: bool = True) -> dict:
    """One message of a ticket's conversation."""
    return {
        "message_id": f"{ticket['ticket_id']}-m{number}",
        "ticket_id": ticket["ticket_id"],
        "created_at": at,
        "author_id": author,
        "author_role": role,
        "is_public": is_public,
        "body_clean": body,
    }


def invented_ticket(rng: random.Random, number: int, week: date, latest: datetime) -> tuple[dict, list[dict]]:
    """One ticket of the given week and its conversation: the agent's first reply strings
    together phrases of the practices it uses, and the customer's replies get better, stay the
    same or get worse, more often better the more calming practices the agent used."""
    agent, team = rng.choice(sorted(AGENTS.items()))
    priority = rng.choice(sorted(TARGETS))
    complaint = rng.random() < 0.6
    created = datetime.combine(week, datetime.min.time()) + timedelta(minutes=rng.randrange(0, 6 * 24 * 60))
    created = min(created, latest - timedelta(hours=3))
    # Acknowledging is nearly universal, so its "without" side is the one with few cases.
    used = tuple(p for p in PRACTICE_PHRASES if rng.random() < (0.85 if p == "acknowledge" else 0.35))
    calming = len({"apologize", "empathize", "solution_offered", "acknowledge"} & set(used))
    outcome = rng.choices(("better", "same", "worse"), weights=(1 + calming, 2, 2 - min(calming, 1)))[0]
    first_update = created + timedelta(minutes=rng.choice((12.0, 45.0, 130.0, 300.0, 700.0, 1500.0)))
    customer_turns = rng.choice((1, 2, 2, 3))
    is_open = rng.random() < 0.3
    left_hanging = customer_turns == 3 and outcome != "better"
    ticket = {
        "ticket_id": f"demo:{number}",
        "channel": "twitter" if team.startswith("Social") else rng.choice(("email", "web", "chat")),
        "priority": priority,
        "team": team,
        "assignee_id": agent,
        "requester_id": f"customer-{number}",
        "status": "open" if is_open else "solved",
        "csat": rng.choice((None, None, "good", "bad")),
        "created_at": created,
        "week_start": week,
    }
    reply = " ".join(PRACTICE_PHRASES[p] for p in used) or "Thanks for reaching out."
    conversation = [
        message(ticket, 1, created, "customer", ticket["requester_id"], rng.choice(CUSTOMER_OPENINGS[complaint])),
        message(ticket, 2, first_update, "agent", agent, reply),
        message(
            ticket,
            3,
            first_update + timedelta(minutes=5),
            "agent",
            agent,
            "Internal: checked the account history.",
            is_public=False,
        ),
    ]
    at = first_update
    for turn in range(2, customer_turns + 1):
        at += timedelta(minutes=rng.randrange(20, 600))
        conversation.append(
            message(ticket, 2 * turn, at, "customer", ticket["requester_id"], rng.choice(CUSTOMER_REPLIES[outcome]))
        )
        if turn < customer_turns or not left_hanging:
            at += timedelta(minutes=rng.randrange(10, 300))
            conversation.append(
                message(ticket, 2 * turn + 1, at, "agent", agent, PRACTICE_PHRASES["closing_door_open"])
            )
    return ticket, conversation


def invented_warehouse(seed: int = 7) -> Warehouse:
    """Two dozen tickets in each complete week and a few in the running one."""
    rng = random.Random(seed)
    latest = datetime.combine(RUNNING_WEEK, datetime.min.time()) + timedelta(days=2, hours=15)
    warehouse = Warehouse()
    number = 1000
    for week, count in [(week, 24) for week in COMPLETE_WEEKS] + [(RUNNING_WEEK, 4)]:
        for _ in range(count):
            number += 1
            warehouse.add(*invented_ticket(rng, number, week, latest))
    return warehouse


TICKET_FIELDS = (
    "ticket_id",
    "created_at",
    "status",
    "priority",
    "channel",
    "requester_id",
    "assignee_id",
    "team",
    "csat",
)
MESSAGE_FIELDS = ("message_id", "ticket_id", "author_id", "author_role", "is_public", "created_at", "body_clean")


def write_marts(path: Path, warehouse: Warehouse, playbook: dict | None = None) -> Path:
    """The invented conversations as a canonical export, through the real pipeline (ingest, labels,
    the dbt models) into a home beside `path`; returns that home's warehouse file.

    The planted metrics of the invented tickets are not loaded: the real labelers and models
    decide every number, so the report is tested against marts built the way users get them.
    """
    export = path.parent / f"{path.stem}-export"
    export.mkdir(parents=True, exist_ok=True)
    utc = pl.Datetime("us", "UTC")
    tickets = pl.DataFrame(
        [{name: ticket[name] for name in TICKET_FIELDS} for ticket in warehouse.tickets], infer_schema_length=None
    )
    tickets = tickets.with_columns(pl.col("created_at").cast(utc), updated_at=pl.col("created_at").cast(utc))
    messages = pl.DataFrame(
        [{name: row[name] for name in MESSAGE_FIELDS} for row in warehouse.messages], infer_schema_length=None
    ).rename({"body_clean": "body"})
    messages = messages.with_columns(pl.col("created_at").cast(utc))
    tickets.write_parquet(export / "tickets.parquet")
    messages.write_parquet(export / "messages.parquet")
    home = Home.at(path.parent / f"{path.stem}-home")
    if playbook is not None:
        home.root.mkdir(parents=True, exist_ok=True)
        home.playbook_file.write_text(yaml.safe_dump(playbook, sort_keys=False), encoding="utf-8")
    run_pipeline(home, [export])
    return home.root / "warehouse.duckdb"


@pytest.fixture(scope="session")
def marts_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The invented warehouse, written once for the whole session."""
    return write_marts(tmp_path_factory.mktemp("warehouse") / "warehouse.duckdb", invented_warehouse())


@pytest.fixture
def marts(marts_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the invented marts."""
    with duckdb.connect(str(marts_path), read_only=True) as con:
        yield con


@pytest.fixture(scope="session")
def built_report(marts_path: Path, tmp_path_factory: pytest.TempPathFactory) -> ReportPaths:
    """The reports for the default week, built once from the invented marts."""
    with duckdb.connect(str(marts_path), read_only=True) as con:
        return build_reports(con, tmp_path_factory.mktemp("reports"))


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium, driven by Playwright; never a downloaded browser."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make browser)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class OpenedPage:
    """A report opened offline, with what it wrote to the console and what it tried to fetch."""

    page: object
    console_errors: list[str]
    network_requests: list[str]


@pytest.fixture
def open_offline(browser) -> Iterator:
    """Open local HTML files in a fresh offline context (one per test) that refuses every http(s) request."""
    context = browser.new_context(offline=True, viewport={"width": 1280, "height": 900})

    def open_file(path: Path) -> OpenedPage:
        opened = OpenedPage(context.new_page(), [], [])

        def refuse(route) -> None:
            opened.network_requests.append(route.request.url)
            route.abort()

        opened.page.route(lambda url: url.startswith(("http://", "https://")), refuse)
        opened.page.on("console", lambda msg: msg.type == "error" and opened.console_errors.append(msg.text))
        opened.page.on("pageerror", lambda error: opened.console_errors.append(str(error)))
        opened.page.goto(path.as_uri(), wait_until="load")
        return opened

    yield open_file
    context.close()


class _TagCollector(HTMLParser):
    """Collects the elements carrying one attribute, with their attributes and text."""

    def __init__(self, attribute: str):
        super().__init__()
        self.attribute = attribute
        self.found: list[dict[str, str]] = []
        self._open: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if self.attribute in values:
            values["text"] = ""
            self.found.append(values)
            self._open.append((tag, values))

    def handle_data(self, data: str) -> None:
        for _, values in self._open:
            values["text"] += data

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1][0] == tag:
            self._open.pop()


def elements_with(path: Path, attribute: str) -> list[dict[str, str]]:
    """Every element of an HTML file that carries `attribute`: its attributes and its text."""
    collector = _TagCollector(attribute)
    collector.feed(path.read_text(encoding="utf-8"))
    return collector.found
