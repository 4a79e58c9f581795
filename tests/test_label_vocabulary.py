"""The playbook is the one list of practices and signals: the SQL loops over it."""

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import polars as pl
import yaml

from heatcheck.home import Home
from heatcheck.labeling.playbook import DEFAULT_PATH, REQUIRED_LABELS
from tests.conftest import PROJECT, run_pipeline, snapshot_rows

SQL_FOLDERS = ("sql/models", "sql/tests", "sql/macros", "heatcheck/sql", "reports/sql")
# What a SQL file may say in prose: comments and the text of COMMENT ON statements.
PROSE = re.compile(r"--[^\n]*|\{#.*?#\}|COMMENT ON [^;]*?IS '(?:[^']|'')*'", re.S)


def test_no_sql_file_names_a_practice_or_signal():
    labels = [*REQUIRED_LABELS["practices"], *REQUIRED_LABELS["signals"]]
    named = []
    for folder in SQL_FOLDERS:
        for path in sorted((PROJECT / folder).rglob("*.sql")):
            code = PROSE.sub("", path.read_text(encoding="utf-8"))
            named += [
                (path.relative_to(PROJECT).as_posix(), label) for label in labels if re.search(rf"\b{label}\b", code)
            ]
    assert named == []


def _export(folder: Path) -> Path:
    """Two tickets: one whose agent greets warmly, one whose agent does not."""
    folder.mkdir(parents=True)
    start = datetime(2026, 11, 2, 9, tzinfo=UTC)
    tickets = pl.DataFrame(
        {
            "ticket_id": ["t1", "t2"],
            "created_at": [start, start],
            "status": ["open", "open"],
            "priority": ["normal", "normal"],
            "assignee_id": ["agent-1", "agent-2"],
            "team": ["Support", "Support"],
        }
    )
    messages = pl.DataFrame(
        {
            "message_id": ["t1-1", "t1-2", "t2-1", "t2-2"],
            "ticket_id": ["t1", "t1", "t2", "t2"],
            "author_id": ["c1", "agent-1", "c2", "agent-2"],
            "author_role": ["customer", "agent", "customer", "agent"],
            "created_at": [start, start + timedelta(hours=1), start, start + timedelta(hours=2)],
            "body": [
                "My order never arrived and I am furious.",
                "Good morning! Let me look into that order.",
                "Where is my refund? This is ridiculous.",
                "Please send us a DM with your order number.",
            ],
        }
    )
    tickets.write_parquet(folder / "tickets.parquet")
    messages.write_parquet(folder / "messages.parquet")
    return folder


def test_a_label_added_to_the_playbook_reaches_every_mart(tmp_path):
    book = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    book["practices"]["warm_greeting"] = {
        "description": "opens with a greeting for the time of day",
        "patterns": ["good (?:morning|afternoon|evening)"],
    }
    home = Home.at(tmp_path / "home")
    home.root.mkdir(parents=True)
    home.playbook_file.write_text(yaml.safe_dump(book, sort_keys=False), encoding="utf-8")
    run_pipeline(home, [_export(tmp_path / "export")])

    flags = dict(snapshot_rows(home, "SELECT message_id, warm_greeting FROM message_facts WHERE author_role = 'agent'"))
    assert flags["t1-2"] is True and not flags["t2-2"]
    [(share,)] = snapshot_rows(home, "SELECT warm_greeting_share FROM weekly_kpis")
    assert share == 0.5
    assert snapshot_rows(home, "SELECT count(*) FROM practice_outcomes WHERE practice = 'warm_greeting'") == [(2,)]
    assert snapshot_rows(  # both places and both outcomes, over all teams (too thin on four messages)
        home, "SELECT count(*) FROM practice_effects WHERE practice = 'warm_greeting' AND scope = 'all'"
    ) == [(4,)]
    [(comment,)] = snapshot_rows(
        home,
        "SELECT comment FROM duckdb_columns() WHERE schema_name = 'marts' "
        "AND table_name = 'message_facts' AND column_name = 'warm_greeting'",
    )
    assert comment == "practice: opens with a greeting for the time of day"
