"""The analyst snapshot is updated in place after a run that changed a few messages and tickets,
and then holds exactly what a copy made whole holds; anything that could make the two differ
(a stopped publication, other settings or code) makes it whole again."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from heatcheck import snapshot as snapshot_module
from heatcheck.home import Home
from heatcheck.snapshot import publish_snapshot
from heatcheck.warehouse import Warehouse
from tests.conftest import FIXTURES, run_pipeline

# A value no pipeline writes: a row of the previous copy that still holds it was not rewritten.
MARK = "kept from the previous copy"
PHONE = "call me back on 555-123-4567 or mail jo@example.com"


@pytest.fixture
def built(home: Home) -> Home:
    run_pipeline(home, [FIXTURES / "zendesk_api"])
    return home


def mark_a_ticket_in_the_snapshot(home: Home) -> str:
    """Write MARK into one ticket's row of the published snapshot (as no analyst can: it is read-only)."""
    with duckdb.connect(str(home.snapshot)) as con:
        ticket = con.execute("SELECT min(ticket_id) FROM staging.tickets").fetchone()[0]
        con.execute("UPDATE staging.tickets SET subject = ? WHERE ticket_id = ?", [MARK, ticket])
    return ticket


def marked(home: Home) -> list[tuple]:
    with duckdb.connect(str(home.snapshot), read_only=True) as con:
        return con.execute("SELECT ticket_id FROM staging.tickets WHERE subject = ?", [MARK]).fetchall()


def differences(one: Path, other: Path) -> dict[str, int]:
    """Per table, the rows one copy holds and the other does not (either way). When each copy was
    published, and the pipeline's own marks of when each step last finished, differ by nature."""
    with duckdb.connect() as con:
        con.execute(f"ATTACH '{one}' AS one (READ_ONLY)")
        con.execute(f"ATTACH '{other}' AS other (READ_ONLY)")
        tables = con.execute(
            "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = 'one' ORDER BY ALL"
        ).fetchall()
        found = {}
        for schema, table in tables:
            if (schema, table) in {("main", "published"), ("staging", "build_marks")}:
                continue
            name = f'"{schema}"."{table}"'
            rows = con.execute(
                f"SELECT count(*) FROM ((FROM one.{name} EXCEPT ALL FROM other.{name}) "
                f"UNION ALL (FROM other.{name} EXCEPT ALL FROM one.{name}))"
            ).fetchone()[0]
            if rows:
                found[name] = rows
        return found


def test_a_run_with_new_tickets_updates_the_snapshot_in_place_to_what_a_whole_copy_holds(built: Home, tmp_path):
    kept = mark_a_ticket_in_the_snapshot(built)
    with duckdb.connect(str(built.warehouse_connection)) as con:
        changed = con.execute("SELECT max(message_id) FROM staging.messages").fetchone()[0]
        con.execute(
            "UPDATE staging.messages SET body = ?, body_clean = ? WHERE message_id = ?", [PHONE, PHONE, changed]
        )

    run_pipeline(built, [FIXTURES / "fivetran"])

    assert marked(built) == [(kept,)]  # a ticket nothing changed was not written again
    with duckdb.connect(str(built.snapshot), read_only=True) as con:
        body = con.execute("SELECT body FROM staging.messages WHERE message_id = ?", [changed]).fetchone()[0]
        assert body == "call me back on [phone] or mail [email]"
        assert con.execute(
            "SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'snapshot_marks'"
        ).fetchone() == (0,)
    whole = publish_snapshot(
        Warehouse(built.warehouse_connection), tmp_path / "whole.duckdb", made_by="a copy made whole"
    )
    assert differences(built.snapshot, whole) == {
        '"staging"."tickets"': 2,  # only the marked row, as the previous copy held it and as it is
    }


def test_a_publication_stopped_before_its_rename_makes_the_next_snapshot_whole(built: Home, monkeypatch):
    """The stopped publication recorded marks for rows the file on disk never got: updating that
    file in place would skip them."""
    mark_a_ticket_in_the_snapshot(built)
    warehouse = Warehouse(built.warehouse_connection)
    with duckdb.connect(str(built.warehouse_connection)) as con:
        changed = con.execute("SELECT max(message_id) FROM staging.messages").fetchone()[0]
        con.execute("UPDATE staging.messages SET body = ? WHERE message_id = ?", [PHONE, changed])

    def stopped(source, target):
        raise KeyboardInterrupt

    monkeypatch.setattr(snapshot_module.os, "replace", stopped)
    with pytest.raises(KeyboardInterrupt):
        publish_snapshot(warehouse, built.snapshot)
    monkeypatch.undo()

    publish_snapshot(warehouse, built.snapshot)
    assert marked(built) == []  # made whole, not updated
    with duckdb.connect(str(built.snapshot), read_only=True) as con:
        body = con.execute("SELECT body FROM staging.messages WHERE message_id = ?", [changed]).fetchone()[0]
    assert body == "call me back on [phone] or mail [email]"


def test_other_settings_or_code_make_the_snapshot_whole(built: Home):
    mark_a_ticket_in_the_snapshot(built)
    publish_snapshot(Warehouse(built.warehouse_connection), built.snapshot, made_by="other code")
    assert marked(built) == []


def test_with_hashed_customer_ids_a_new_customer_makes_the_snapshot_whole(built: Home):
    """A customer's id is hashed wherever it appears, also in rows nothing changed: a new customer
    must not leave their id readable in a row the update kept."""
    warehouse = Warehouse(built.warehouse_connection)
    publish_snapshot(warehouse, built.snapshot, customer_id_salt="pepper")
    mark_a_ticket_in_the_snapshot(built)
    publish_snapshot(warehouse, built.snapshot, customer_id_salt="pepper")
    assert marked(built) != []  # the same customers: updated in place
    with duckdb.connect(str(built.warehouse_connection)) as con:
        agent = con.execute("SELECT min(author_id) FROM staging.messages WHERE author_role = 'agent'").fetchone()[0]
        con.execute(
            "UPDATE staging.messages SET author_role = 'customer' WHERE message_id = "
            "(SELECT max(message_id) FROM staging.messages WHERE author_id = ?)",
            [agent],
        )

    publish_snapshot(warehouse, built.snapshot, customer_id_salt="pepper")

    assert marked(built) == []
    with duckdb.connect(str(built.snapshot), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM staging.messages WHERE author_id = ?", [agent]).fetchone() == (0,)
