"""No contact detail leaks: the demo's e-mail addresses, phone numbers and card numbers stay in the
live warehouse, and nothing an analyst or a reader gets (the snapshot, the exports, the command
output, the reports, the logs) holds one, unless a team turns redaction off."""

from __future__ import annotations

import hashlib
import html
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from dagster import materialize

from assets.resources import HeatcheckHome
from assets.snapshot import analyst_snapshot_asset
from heatcheck.errors import UserFileError
from heatcheck.home import Home
from heatcheck.privacy import load_privacy
from heatcheck.redaction import (
    CARD_GROUPED,
    CARD_RUN,
    EMAIL,
    PHONE_CANDIDATE,
    is_phone,
    passes_luhn,
    prepare_redaction,
)
from pipelines.cli import cli
from reports.redact import redact


def contact_details(text: str) -> dict[str, set[str]]:
    """The e-mail addresses, card numbers and phone numbers in `text`, by the reports' rules."""
    return {
        "email": set(EMAIL.findall(text)),
        "card": set(CARD_GROUPED.findall(text)) | {run for run in CARD_RUN.findall(text) if passes_luhn(run)},
        "phone": {candidate for _, candidate in PHONE_CANDIDATE.findall(text) if is_phone(candidate)},
    }


def every_text(database: Path) -> Iterator[str]:
    """Every value of every text column (text, lists of text) of every table and view of a DuckDB
    file."""
    with duckdb.connect(str(database), read_only=True) as con:
        columns = con.execute(
            """SELECT table_schema, table_name, column_name FROM information_schema.columns
               WHERE table_catalog = current_database() AND data_type LIKE '%VARCHAR%'
               ORDER BY ALL"""
        ).fetchall()
        for schema, table, column in columns:
            values = con.execute(f'SELECT CAST("{column}" AS VARCHAR) FROM "{schema}"."{table}"').fetchall()  # catalog
            yield from (value for (value,) in values if value)


@pytest.fixture(scope="module")
def demo_contact_details(demo_home) -> dict[str, set[str]]:
    """What the demo customers (and the support team's own address) wrote, found in the live
    warehouse, which keeps the originals."""
    found: dict[str, set[str]] = {"email": set(), "card": set(), "phone": set()}
    for text in every_text(Path(demo_home.warehouse_connection)):
        for kind, details in contact_details(text).items():
            found[kind] |= details
    return found


def needles(found: dict[str, set[str]]) -> re.Pattern[str]:
    """One pattern that finds any of them, the longest first where one holds another."""
    every = sorted(set().union(*found.values()), key=lambda detail: (-len(detail), detail))
    return re.compile("|".join(re.escape(detail) for detail in every))


def leaks_in_database(database: Path, pattern: re.Pattern[str]) -> set[str]:
    return {match for text in every_text(database) for match in pattern.findall(text)}


def leaks_in_files(home: Home, pattern: re.Pattern[str]) -> dict[str, set[str]]:
    """Every file of the home but the exports it reads and the two databases: the reports, dbt's and
    Dagster's logs and records, the settings."""
    skipped = {Path(home.warehouse_connection), home.snapshot, home.inbox}
    found = {}
    for path in sorted(home.root.rglob("*")):
        if not path.is_file() or any(path == skip or skip in path.parents for skip in skipped):
            continue
        if path.name.startswith(Path(home.warehouse_connection).name):  # its .wal and .lock
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        leaks = set(pattern.findall(text)) | set(pattern.findall(html.unescape(text)))
        if leaks:
            found[str(path.relative_to(home.root))] = leaks
    return found


def leaks_in_outputs(outputs: dict[str, str], pattern: re.Pattern[str]) -> dict[str, set[str]]:
    return {command: set(pattern.findall(text)) for command, text in outputs.items() if pattern.search(text)}


def command_output(home: Home, scratch: Path, messages_with_details: dict[str, int], monkeypatch) -> dict[str, str]:
    """What `heatcheck export`, `heatcheck query` and `heatcheck status` give an analyst, as text."""
    # `status` points DAGSTER_HOME at the home; monkeypatch puts the test process's back after.
    monkeypatch.setenv("DAGSTER_HOME", str(home.dagster))
    monkeypatch.setenv("HEATCHECK_HOME", str(home.root))
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(cli, ["--home", str(home.root), *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    scratch.mkdir(parents=True, exist_ok=True)
    outputs = {}
    for table, suffix in [("messages", ".csv"), ("message_facts", ".jsonl"), ("quarantine", ".json")]:
        target = scratch / f"{table}{suffix}"
        outputs[f"export {table}{suffix}"] = run("export", table, "--to", str(target)) + target.read_text()
    parquet = scratch / "messages.parquet"
    run("export", "SELECT * FROM messages JOIN tickets USING (ticket_id)", "--to", str(parquet))
    with duckdb.connect() as con:
        rows = con.execute("SELECT CAST(COLUMNS(*) AS VARCHAR) FROM read_parquet($path)", {"path": str(parquet)})
        outputs["export query .parquet"] = "\n".join(str(value) for row in rows.fetchall() for value in row)
    outputs["query --csv"] = run("query", "--csv", "SELECT * FROM messages")
    # The table view cuts long values to the terminal's width: show the part where each detail
    # stood in the live text (the text before it is the same whether redacted or not).
    starts = ", ".join(f"('{message_id}', {start})" for message_id, start in sorted(messages_with_details.items()))
    outputs["query"] = run(
        "query",
        f"SELECT substr(body, start, 40) AS around FROM messages JOIN (VALUES {starts}) AS detail_at(message_id, start) "
        "USING (message_id)",
    )
    outputs["status"] = run("status") + run("status", "--quarantine")
    return outputs


def messages_with_details(home: Home, pattern: re.Pattern[str], how_many: int = 40) -> dict[str, int]:
    """message id -> where (1-based) the first contact detail starts in its live body."""
    with duckdb.connect(home.warehouse_connection, read_only=True) as con:
        bodies = con.execute("SELECT message_id, body FROM messages ORDER BY message_id").fetchall()
    found = {}
    for message_id, body in bodies:
        match = pattern.search(body or "")
        if match and len(found) < how_many:
            found[message_id] = match.start() + 1
    return found


def home_with_privacy(demo_home: Home, tmp_path: Path, privacy_yaml: str) -> Home:
    """A copy of the demo warehouse in a new home with its own privacy.yaml, and its snapshot
    published by the snapshot asset, as a run would."""
    home = Home.at(tmp_path / "home")
    home.root.mkdir(parents=True)
    shutil.copy(demo_home.warehouse_connection, home.warehouse_connection)
    home.privacy_file.write_text(privacy_yaml, encoding="utf-8")
    result = materialize([analyst_snapshot_asset([])], resources={"heatcheck": HeatcheckHome(root=str(home.root))})
    assert result.success
    return home


def test_the_live_warehouse_keeps_the_demos_contact_details(demo_contact_details):
    """The search below is not vacuous: there is something to find."""
    assert len(demo_contact_details["email"]) >= 20, demo_contact_details
    assert len(demo_contact_details["phone"]) >= 20, demo_contact_details
    assert "4111 1111 1111 1111" in demo_contact_details["card"], demo_contact_details


def test_no_contact_detail_reaches_the_snapshot_exports_commands_reports_or_logs(
    demo_home, demo_contact_details, tmp_path, monkeypatch
):
    pattern = needles(demo_contact_details)
    assert leaks_in_database(demo_home.snapshot, pattern) == set()
    assert leaks_in_files(demo_home, pattern) == {}
    assert any(demo_home.reports.rglob("*.html")) and any(demo_home.root.rglob("*.log")), "reports and logs exist"
    outputs = command_output(demo_home, tmp_path, messages_with_details(demo_home, pattern), monkeypatch)
    assert leaks_in_outputs(outputs, pattern) == {}
    assert "[email]" in outputs["query --csv"] and "[phone]" in outputs["query --csv"]
    assert "[card]" in outputs["export messages.csv"]
    assert "[email]" in outputs["query"] or "[phone]" in outputs["query"]


def test_a_team_that_turns_redaction_off_sees_the_originals_everywhere_it_reads(
    demo_home, demo_contact_details, tmp_path, monkeypatch
):
    home = home_with_privacy(demo_home, tmp_path, "redact_contact_details: false\n")
    pattern = needles(demo_contact_details)
    snapshot = "\n".join(every_text(home.snapshot))
    assert [detail for details in demo_contact_details.values() for detail in details if detail not in snapshot] == []
    where = messages_with_details(home, pattern)
    outputs = command_output(home, tmp_path / "off", where, monkeypatch)
    shown = ["export messages.csv", "export message_facts.jsonl", "export query .parquet", "query --csv", "query"]
    assert [command for command in shown if not pattern.search(outputs[command])] == []
    # Turned back on, the commands redact at once, before a run rewrites the snapshot.
    home.privacy_file.unlink()
    assert leaks_in_outputs(command_output(home, tmp_path / "on", where, monkeypatch), pattern) == {}


def test_the_snapshot_redacts_text_exactly_as_the_reports_do(demo_home):
    """One set of rules in two engines: DuckDB's redaction of every demo text, and of the cases
    the rules were written for, equals the reports' Python redaction."""
    with duckdb.connect(demo_home.warehouse_connection, read_only=True) as live:
        texts = [
            row[0] for row in live.execute("SELECT body FROM messages UNION SELECT subject FROM tickets").fetchall()
        ]
    texts += [
        "Order #5521: email a@b.io or call 555-123-4567, card 4111 1111 1111 1111 thanks",
        "amex 3782 822463 10005, parcel 1234567890123456, card 378282246310005",
        "call +1 (555) 123-4567 or 0049 30 1234567, not order #1234567890 or 2026-11-23 14:05",
        "555-123-4567/555-123-4568 then (555) 123 4567 and 5551234567",
        "4111 1111 1111 1111 555",
        "",
    ]
    with duckdb.connect() as con:
        prepare_redaction(con)
        redacted = con.execute(
            "SELECT text, redact_contact_details(text) FROM unnest($texts) AS t(text)", {"texts": texts}
        ).fetchall()
    assert [(text, by_sql) for text, by_sql in redacted if text is not None and by_sql != redact(text)] == []
    assert sum(by_sql != text for text, by_sql in redacted if text) > 100


def test_customer_ids_can_be_stored_hashed_so_joins_still_work(demo_home, tmp_path):
    home = home_with_privacy(demo_home, tmp_path, "hash_customer_ids: true\n")
    salt = home.customer_id_salt_file.read_text(encoding="utf-8").strip()
    assert re.fullmatch(r"[0-9a-f]{64}", salt)
    query = """
        SELECT t.ticket_id, t.requester_id, m.message_id, m.author_id, m.author_role, tm.requester_id
        FROM tickets AS t
        JOIN messages AS m USING (ticket_id)
        JOIN ticket_metrics AS tm USING (ticket_id)
        ORDER BY m.message_id
    """
    customers_own_messages = "SELECT count(*) FROM tickets JOIN messages ON author_id = requester_id"
    with duckdb.connect(demo_home.warehouse_connection, read_only=True) as con:
        live, live_joined = con.execute(query).fetchall(), con.execute(customers_own_messages).fetchall()
    with duckdb.connect(str(home.snapshot), read_only=True) as con:
        hashed, hashed_joined = con.execute(query).fetchall(), con.execute(customers_own_messages).fetchall()
    assert hashed_joined == live_joined, "a customer's tickets still join their messages"

    def hashed_id(customer_id: str | None) -> str | None:
        return None if customer_id is None else hashlib.sha256((salt + customer_id).encode()).hexdigest()

    customers = {requester for _, requester, *_ in live} | {row[3] for row in live if row[4] == "customer"}
    assert len(hashed) == len(live)
    for (ticket, requester, message, author, role, _), in_snapshot in zip(live, hashed):
        assert in_snapshot[0] == ticket and in_snapshot[2] == message, "tickets and messages keep their ids"
        assert in_snapshot[1] == in_snapshot[5] == hashed_id(requester), "one customer, one hash, in every table"
        assert in_snapshot[3] == (hashed_id(author) if author in customers else author)
        assert in_snapshot[4] == role
    agents = [live_row[3] for live_row in live if live_row[4] == "agent" and live_row[3] not in customers]
    assert agents and set(agents) <= {row[3] for row in hashed}, "agents keep their ids"
    assert salt not in "".join(every_text(home.snapshot)), "the salt stays out of the snapshot"


def test_a_mistyped_privacy_setting_names_the_file_and_the_key(tmp_path):
    settings = tmp_path / "privacy.yaml"
    settings.write_text("redact_contact_details: sometimes\n", encoding="utf-8")
    with pytest.raises(UserFileError) as error:
        load_privacy(settings)
    assert error.value.key == "redact_contact_details" and str(settings) in str(error.value)
    settings.write_text("redact_emails: false\n", encoding="utf-8")
    with pytest.raises(UserFileError, match="redact_emails: is not a privacy setting Heatcheck knows"):
        load_privacy(settings)
    assert load_privacy(None).redact_contact_details and not load_privacy(None).hash_customer_ids
