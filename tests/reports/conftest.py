"""A small warehouse of marts, built here from the data dictionary, and a headless browser.

The report reads only the `marts` schema, so these tests build one themselves: four weeks of
invented tickets and messages (the last week still running), from which the aggregate marts are
derived with plain SQL the way docs/data_dictionary.md describes them. The tests then do not
depend on the pipeline; the end-to-end tests check the report on the pipeline's own output.
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

from reports.build import ReportPaths, build_reports

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

PRACTICES = (
    "acknowledge", "apologize", "empathize", "positive_language", "negative_language", "blame",
    "doublespeak", "solution_offered", "open_question", "expectation_set", "escalation",
    "follow_up_promise", "redirect_channel", "closing_door_open",
)  # fmt: skip
SIGNALS = (
    "anger", "sarcasm", "demand", "confusion", "churn_threat", "escalation_request",
    "public_shaming", "abusive", "gratitude",
)  # fmt: skip

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
ROOT_CAUSE_CUES = {
    "service_failure": ("outage", "late delivery", None),
    "product_knowledge_gap": ("wrong advice", None),
    "expectation_mismatch": ("pricing", None),
    "other": (None,),
}
COMPLAINT_RATE, TELL_SHARE, AUDIENCE = 0.04, 0.8, 10.0

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


def sentiment_label(score: float) -> str:
    """positive / neutral / negative, cut at ±0.05 as the labels layer does."""
    return "positive" if score >= 0.05 else "negative" if score <= -0.05 else "neutral"


def message(ticket: dict, number: int, at: datetime, role: str, author: str, body: str,
            sentiment: float = 0.0, labels: tuple[str, ...] = (), is_public: bool = True) -> dict:
    """One marts.message_facts row."""
    row = {
        "message_id": f"{ticket['ticket_id']}-m{number}",
        "ticket_id": ticket["ticket_id"],
        "created_at": at,
        "week_start": ticket["week_start"],
        "author_id": author,
        "author_role": role,
        "is_public": is_public,
        "body_clean": body,
        "vader_compound": sentiment,
        "compound": sentiment,
        "sentiment": sentiment_label(sentiment),
    }
    row.update({name: name in labels for name in PRACTICES + SIGNALS})
    return row


def invented_ticket(rng: random.Random, number: int, week: date, latest: datetime) -> tuple[dict, list[dict]]:
    """One ticket of the given week and its conversation, with metrics that agree with it."""
    agent, team = rng.choice(sorted(AGENTS.items()))
    priority = rng.choice(sorted(TARGETS))
    complaint = rng.random() < 0.6
    created = datetime.combine(week, datetime.min.time()) + timedelta(minutes=rng.randrange(0, 6 * 24 * 60))
    created = min(created, latest - timedelta(hours=3))
    start = rng.uniform(-0.9, -0.2) if complaint else rng.uniform(0.0, 0.6)
    # Acknowledging is nearly universal, so its "without" side is the one with few cases.
    used = tuple(p for p in PRACTICES if rng.random() < (0.85 if p == "acknowledge" else 0.35))
    calming = len({"apologize", "empathize", "solution_offered", "acknowledge"} & set(used))
    outcome = rng.choices(("better", "same", "worse"), weights=(1 + calming, 2, 2 - min(calming, 1)))[0]
    end = {"better": rng.uniform(0.3, 0.8), "same": start, "worse": max(-0.95, start - rng.uniform(0.3, 0.6))}[outcome]
    first_update_minutes = rng.choice((12.0, 45.0, 130.0, 300.0, 700.0, 1500.0))
    first_update = created + timedelta(minutes=first_update_minutes)
    customer_turns = rng.choice((1, 2, 2, 3))
    is_open = rng.random() < 0.3
    resolution = "unresolved" if is_open else rng.choice(("resolved", "resolved", "unresolved"))
    csat = rng.choice((None, None, "good", "bad"))
    root_cause = rng.choice(sorted(ROOT_CAUSE_CUES)) if complaint else "none"
    promise_broken = "follow_up_promise" in used and rng.random() < 0.5
    left_hanging = customer_turns == 3 and outcome != "better"
    wait = first_update_minutes + rng.choice((0.0, 200.0, 2000.0))
    dissatisfied = complaint and (csat == "bad" or resolution != "resolved" or sentiment_label(end) == "negative")
    ticket = {
        "ticket_id": f"demo:{number}",
        "source": "canonical",
        "channel": "twitter" if team.startswith("Social") else rng.choice(("email", "web", "chat")),
        "priority": priority,
        "team": team,
        "assignee_id": agent,
        "requester_id": f"customer-{number}",
        "status": "open" if is_open else "solved",
        "csat": csat,
        "created_at": created,
        "week_start": week,
        "is_open": is_open,
        "agent_created": False,
        "clock_start_at": created,
        "first_update_at": first_update,
        "time_to_first_update_minutes": first_update_minutes,
        "time_to_first_update_business_minutes": first_update_minutes * 0.6,
        "customer_turns": customer_turns,
        "reply_time_total_minutes": first_update_minutes * customer_turns,
        "reply_time_median_minutes": first_update_minutes,
        "reply_time_max_minutes": first_update_minutes,
        "longest_customer_wait_minutes": wait,
        "longest_customer_wait_business_minutes": wait * 0.6,
        "first_solved_at": None if is_open else first_update + timedelta(hours=5),
        "last_solved_at": None if is_open else first_update + timedelta(hours=5),
        "minutes_to_first_resolution": None if is_open else first_update_minutes + 300,
        "minutes_to_last_resolution": None if is_open else first_update_minutes + 300,
        "reopens": 0,
        "public_agent_messages": 1 + (customer_turns > 1),
        "one_touch": not is_open and customer_turns == 1,
        "two_touch": not is_open and customer_turns == 2,
        "handoffs": 0,
        "first_update_target_minutes": TARGETS[priority],
        "slow_first_update": first_update_minutes * 0.6 > TARGETS[priority],
        "slow_first_update_minutes": first_update_minutes * 0.6,
        "update_gap": wait * 0.6 > 2 * TARGETS[priority],
        "update_gap_minutes": wait * 0.6,
        "broken_promise": promise_broken,
        "broken_promise_minutes": 600.0 if promise_broken else None,
        "broken_promise_phrase": "I'll get back to you within 24 hours" if promise_broken else None,
        "promise_deadline": first_update + timedelta(hours=24) if promise_broken else None,
        "left_hanging": left_hanging,
        "left_hanging_minutes": 900.0 if left_hanging else None,
        "no_check_back": complaint and resolution == "resolved" and customer_turns == 1,
        "resolution": resolution,
        "root_cause": root_cause,
        "complaint": complaint,
        "start_sentiment": start,
        "end_sentiment": end,
        # Requested from the lead: not in the data dictionary's ticket_metrics yet.
        "start_label": sentiment_label(start),
        "end_label": sentiment_label(end),
        "de_escalated": sentiment_label(start) == "negative" and sentiment_label(end) != "negative" and customer_turns > 1,
        "worsened": end - start <= -0.3,
        "dissatisfied": dissatisfied,
        "avoidable_reach": (TELL_SHARE * AUDIENCE if dissatisfied else 0.0),
        "theme_cue": rng.choice(ROOT_CAUSE_CUES.get(root_cause, (None,))),
    }
    opening = rng.choice(CUSTOMER_OPENINGS[complaint])
    reply = " ".join(PRACTICE_PHRASES[p] for p in used) or "Thanks for reaching out."
    conversation = [
        message(ticket, 1, created, "customer", ticket["requester_id"], opening, start,
                ("anger",) if complaint else ()),
        message(ticket, 2, first_update, "agent", agent, reply, 0.2, used),
        message(ticket, 3, first_update + timedelta(minutes=5), "agent", agent,
                "Internal: checked the account history.", 0.0, is_public=False),
    ]
    at = first_update
    for turn in range(2, customer_turns + 1):
        at += timedelta(minutes=rng.randrange(20, 600))
        conversation.append(message(ticket, 2 * turn, at, "customer", ticket["requester_id"],
                                    rng.choice(CUSTOMER_REPLIES[outcome]), end))
        if turn < customer_turns or not left_hanging:
            at += timedelta(minutes=rng.randrange(10, 300))
            conversation.append(message(ticket, 2 * turn + 1, at, "agent", agent,
                                        PRACTICE_PHRASES["closing_door_open"], 0.3, ("closing_door_open",)))
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


MARTS_DDL = f"""
CREATE SCHEMA marts;
CREATE TABLE marts.ticket_metrics (
    ticket_id VARCHAR, source VARCHAR, channel VARCHAR, priority VARCHAR, team VARCHAR,
    assignee_id VARCHAR, requester_id VARCHAR, status VARCHAR, csat VARCHAR,
    created_at TIMESTAMP, week_start DATE, is_open BOOLEAN, agent_created BOOLEAN,
    clock_start_at TIMESTAMP, first_update_at TIMESTAMP,
    time_to_first_update_minutes DOUBLE, time_to_first_update_business_minutes DOUBLE,
    customer_turns INTEGER, reply_time_total_minutes DOUBLE, reply_time_median_minutes DOUBLE,
    reply_time_max_minutes DOUBLE, longest_customer_wait_minutes DOUBLE,
    longest_customer_wait_business_minutes DOUBLE, first_solved_at TIMESTAMP, last_solved_at TIMESTAMP,
    minutes_to_first_resolution DOUBLE, minutes_to_last_resolution DOUBLE, reopens INTEGER,
    public_agent_messages INTEGER, one_touch BOOLEAN, two_touch BOOLEAN, handoffs INTEGER,
    first_update_target_minutes DOUBLE, slow_first_update BOOLEAN, slow_first_update_minutes DOUBLE,
    update_gap BOOLEAN, update_gap_minutes DOUBLE, broken_promise BOOLEAN, broken_promise_minutes DOUBLE,
    broken_promise_phrase VARCHAR, promise_deadline TIMESTAMP, left_hanging BOOLEAN,
    left_hanging_minutes DOUBLE, no_check_back BOOLEAN, resolution VARCHAR, root_cause VARCHAR,
    complaint BOOLEAN, start_sentiment DOUBLE, end_sentiment DOUBLE,
    start_label VARCHAR, end_label VARCHAR,  -- requested, not yet in the data dictionary
    de_escalated BOOLEAN, worsened BOOLEAN, dissatisfied BOOLEAN, avoidable_reach DOUBLE
);
CREATE TABLE marts.message_facts (
    message_id VARCHAR, ticket_id VARCHAR, created_at TIMESTAMP, week_start DATE, author_id VARCHAR,
    author_role VARCHAR, is_public BOOLEAN, body_clean VARCHAR, vader_compound DOUBLE, compound DOUBLE,
    sentiment VARCHAR, {", ".join(f"{label} BOOLEAN" for label in PRACTICES + SIGNALS)}
);
CREATE TABLE marts.follow_up_gaps (
    ticket_id VARCHAR, week_start DATE, team VARCHAR, assignee_id VARCHAR, priority VARCHAR,
    gap VARCHAR, minutes DOUBLE, detail VARCHAR
);
CREATE TABLE marts.weekly_kpis (
    week_start DATE, tickets BIGINT, complaints BIGINT, complaint_share DOUBLE,
    median_time_to_first_update_minutes DOUBLE, median_time_to_first_update_business_minutes DOUBLE,
    p90_time_to_first_update_business_minutes DOUBLE, unanswered_tickets BIGINT,
    slow_first_updates BIGINT, update_gaps BIGINT, broken_promises BIGINT, left_hanging BIGINT,
    no_check_back BIGINT, de_escalated BIGINT, worsened BIGINT,
    complaints_with_two_customer_messages BIGINT, resolved BIGINT, reopened_tickets BIGINT,
    csat_good BIGINT, csat_bad BIGINT, open_tickets BIGINT, {", ".join(f"{p}_share DOUBLE" for p in PRACTICES)}
);
CREATE TABLE marts.agent_weekly (
    week_start DATE, agent_id VARCHAR, team VARCHAR, tickets BIGINT, complaints BIGINT,
    median_time_to_first_update_business_minutes DOUBLE, slow_first_updates BIGINT, update_gaps BIGINT,
    broken_promises BIGINT, left_hanging BIGINT, no_check_back BIGINT, de_escalated BIGINT,
    worsened BIGINT, resolved BIGINT, {", ".join(f"{p}_share DOUBLE" for p in PRACTICES)}
);
CREATE TABLE marts.team_weekly (
    week_start DATE, team VARCHAR, tickets BIGINT, complaints BIGINT,
    median_time_to_first_update_business_minutes DOUBLE, slow_first_updates BIGINT, update_gaps BIGINT,
    broken_promises BIGINT, left_hanging BIGINT, no_check_back BIGINT, de_escalated BIGINT,
    worsened BIGINT, resolved BIGINT, {", ".join(f"{p}_share DOUBLE" for p in PRACTICES)}
);
CREATE TABLE marts.practice_outcomes (
    week_start DATE, practice VARCHAR, complaints_with INTEGER, complaints_without INTEGER,
    de_escalation_rate_with DOUBLE, de_escalation_rate_without DOUBLE,
    de_escalation_low_with DOUBLE, de_escalation_high_with DOUBLE,
    de_escalation_low_without DOUBLE, de_escalation_high_without DOUBLE,
    resolution_rate_with DOUBLE, resolution_rate_without DOUBLE,
    resolution_low_with DOUBLE, resolution_high_with DOUBLE,
    resolution_low_without DOUBLE, resolution_high_without DOUBLE
);
CREATE TABLE marts.complaint_themes_weekly (
    week_start DATE, theme VARCHAR, complaints BIGINT, prior_weeks_average DOUBLE, change DOUBLE
);
CREATE TABLE marts.word_of_mouth_weekly (
    week_start DATE, complaints INTEGER, dissatisfied INTEGER, silent_dissatisfied DOUBLE,
    word_of_mouth_reach DOUBLE, complaint_to_wom_risk DOUBLE, avoidable_reach DOUBLE,
    complaint_rate DOUBLE, tell_share DOUBLE, audience DOUBLE
);
"""

KPI_COUNTS = """
    count(*), count_if(complaint),
    median(time_to_first_update_business_minutes),
    count_if(slow_first_update), count_if(update_gap), count_if(broken_promise), count_if(left_hanging),
    count_if(no_check_back), count_if(de_escalated), count_if(worsened), count_if(resolution = 'resolved')
"""
SHARES = ", ".join(f"avg(used.{p}::INT)" for p in PRACTICES)
# Per ticket, whether any public agent reply / the first one used each practice.
USED_PRACTICES = f"""
    SELECT ticket_id, {", ".join(f"bool_or({p}) AS {p}" for p in PRACTICES)}
    FROM marts.message_facts WHERE author_role = 'agent' AND is_public GROUP BY ticket_id
"""
FIRST_REPLY_PRACTICES = f"""
    SELECT ticket_id, {", ".join(PRACTICES)} FROM marts.message_facts
    WHERE author_role = 'agent' AND is_public
    QUALIFY row_number() OVER (PARTITION BY ticket_id ORDER BY created_at) = 1
"""


def wilson(rate: str, n: str, sign: str) -> str:
    """SQL for one end of a 95% Wilson interval of a share `rate` out of `n`."""
    z = 1.959964
    return (f"CASE WHEN {n} > 0 THEN ({rate} + {z**2}/(2*{n}) {sign} {z}*sqrt({rate}*(1-{rate})/{n} "
            f"+ {z**2}/(4*{n}*{n}))) / (1 + {z**2}/{n}) END")


def outcome_columns() -> str:
    """The rate and interval columns of marts.practice_outcomes, from (ticket, used) rows."""
    parts = []
    for measure, flag, base in (("de_escalation", "de_escalated", "customer_turns > 1"), ("resolution", "resolution = 'resolved'", "TRUE")):
        for side, condition in (("with", "used"), ("without", "NOT used")):
            n = f"count_if({condition} AND {base})"
            rate = f"(count_if({condition} AND {base} AND {flag}) / nullif({n}, 0))"
            parts.append(f"{rate} AS {measure}_rate_{side}")
            parts.append(f"{wilson(rate, n, '-')} AS {measure}_low_{side}")
            parts.append(f"{wilson(rate, n, '+')} AS {measure}_high_{side}")
    return ", ".join(parts)


DERIVE_MARTS = (
    f"""INSERT INTO marts.weekly_kpis SELECT week_start, count(*), count_if(complaint), avg(complaint::INT),
        median(time_to_first_update_minutes), median(time_to_first_update_business_minutes),
        quantile_cont(time_to_first_update_business_minutes, 0.9), count_if(first_update_at IS NULL),
        count_if(slow_first_update), count_if(update_gap), count_if(broken_promise), count_if(left_hanging),
        count_if(no_check_back), count_if(de_escalated), count_if(worsened),
        count_if(complaint AND customer_turns > 1), count_if(resolution = 'resolved'), count_if(reopens > 0),
        count_if(csat = 'good'), count_if(csat = 'bad'), count_if(is_open), {SHARES}
        FROM marts.ticket_metrics LEFT JOIN ({USED_PRACTICES}) AS used USING (ticket_id) GROUP BY week_start""",
    f"""INSERT INTO marts.agent_weekly SELECT week_start, assignee_id, min(team), {KPI_COUNTS}, {SHARES}
        FROM marts.ticket_metrics LEFT JOIN ({USED_PRACTICES}) AS used USING (ticket_id) GROUP BY ALL""",
    f"""INSERT INTO marts.team_weekly SELECT week_start, team, {KPI_COUNTS}, {SHARES}
        FROM marts.ticket_metrics LEFT JOIN ({USED_PRACTICES}) AS used USING (ticket_id) GROUP BY ALL""",
    """INSERT INTO marts.follow_up_gaps
        SELECT ticket_id, week_start, team, assignee_id, priority, gap, minutes, detail FROM (
            SELECT *, 'slow_first_update' AS gap, slow_first_update_minutes AS minutes,
                   'target ' || first_update_target_minutes || ' minutes' AS detail
            FROM marts.ticket_metrics WHERE slow_first_update
            UNION ALL BY NAME SELECT *, 'update_gap' AS gap, update_gap_minutes AS minutes, NULL AS detail
            FROM marts.ticket_metrics WHERE update_gap
            UNION ALL BY NAME SELECT *, 'broken_promise' AS gap, broken_promise_minutes AS minutes,
                   broken_promise_phrase AS detail FROM marts.ticket_metrics WHERE broken_promise
            UNION ALL BY NAME SELECT *, 'left_hanging' AS gap, left_hanging_minutes AS minutes, NULL AS detail
            FROM marts.ticket_metrics WHERE left_hanging
            UNION ALL BY NAME SELECT *, 'no_check_back' AS gap, NULL AS minutes, NULL AS detail
            FROM marts.ticket_metrics WHERE no_check_back)""",
    f"""INSERT INTO marts.practice_outcomes BY NAME
        WITH first_reply AS (UNPIVOT ({FIRST_REPLY_PRACTICES}) ON {", ".join(PRACTICES)} INTO NAME practice VALUE used)
        SELECT week_start, practice, count_if(used) AS complaints_with, count_if(NOT used) AS complaints_without,
               {outcome_columns()}
        FROM first_reply JOIN marts.ticket_metrics USING (ticket_id) WHERE complaint
        GROUP BY GROUPING SETS ((week_start, practice), (practice))""",
    """INSERT INTO marts.complaint_themes_weekly
        WITH weeks AS (SELECT DISTINCT week_start FROM marts.ticket_metrics),
        themes AS (SELECT DISTINCT theme FROM fixture_themes),
        counts AS (
            SELECT weeks.week_start, themes.theme, count(t.ticket_id) AS complaints
            FROM weeks CROSS JOIN themes
            LEFT JOIN fixture_themes AS t ON t.week_start = weeks.week_start AND t.theme = themes.theme
            GROUP BY ALL),
        averaged AS (
            SELECT *, coalesce(sum(complaints) OVER (PARTITION BY theme ORDER BY week_start
                       ROWS BETWEEN 4 PRECEDING AND 1 PRECEDING), 0) / 4.0 AS prior_weeks_average
            FROM counts)
        SELECT week_start, theme, complaints, prior_weeks_average, complaints - prior_weeks_average
        FROM averaged WHERE complaints > 0 OR prior_weeks_average > 0""",
)

WORD_OF_MOUTH = """
    INSERT INTO marts.word_of_mouth_weekly
    SELECT week_start, count_if(complaint), count_if(dissatisfied),
           count_if(complaint) * (1 - $r) / $r,
           (count_if(dissatisfied) + count_if(complaint) * (1 - $r) / $r) * $s * $a,
           (count_if(dissatisfied) + count_if(complaint) * (1 - $r) / $r) * $s * $a / nullif(count_if(complaint), 0),
           count_if(dissatisfied) * $s * $a, $r, $s, $a
    FROM marts.ticket_metrics GROUP BY week_start
"""


def write_marts(path: Path, warehouse: Warehouse) -> Path:
    """A DuckDB file holding the marts of docs/data_dictionary.md for the given tickets."""
    tickets = pl.DataFrame(warehouse.tickets, infer_schema_length=None)
    messages = pl.DataFrame(warehouse.messages, infer_schema_length=None)
    themes = tickets.filter(pl.col("complaint")).select(
        "ticket_id", "week_start",
        theme=pl.when(pl.col("theme_cue").is_null()).then(pl.col("root_cause"))
        .otherwise(pl.col("root_cause") + ": " + pl.col("theme_cue")),
    )  # fmt: skip
    with duckdb.connect(str(path)) as con:
        con.execute(MARTS_DDL)
        con.register("ticket_rows", tickets.drop("theme_cue"))
        con.register("message_rows", messages)
        con.register("fixture_themes", themes)
        con.execute("INSERT INTO marts.ticket_metrics BY NAME SELECT * FROM ticket_rows")
        con.execute("INSERT INTO marts.message_facts BY NAME SELECT * FROM message_rows")
        for statement in DERIVE_MARTS:
            con.execute(statement)
        con.execute(WORD_OF_MOUTH, {"r": COMPLAINT_RATE, "s": TELL_SHARE, "a": AUDIENCE})
    return path


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
