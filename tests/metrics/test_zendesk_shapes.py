"""The same metrics on Zendesk's own shapes: the API and Fivetran fixtures through the real
pipeline, with one auto-closed ticket in each shape (tests/fixtures/*_auto_close)."""

import shutil
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl
import pytest

from heatcheck.home import Home
from heatcheck.readers import zendesk_api, zendesk_fivetran
from heatcheck.readers.detect import detect
from tests.conftest import FIXTURES, run_pipeline


@pytest.fixture(scope="module")
def zendesk_exports(tmp_path_factory) -> list[Path]:
    """The Zendesk API and Fivetran fixtures with their auto-closed tickets 301 and 401, less the
    comments of a ticket outside them (ticket 999: kept by the readers for a later batch, it has no
    ticket row for the marts to join)."""
    root = tmp_path_factory.mktemp("zendesk_exports")
    api, fivetran = root / "zendesk_api", root / "fivetran"
    shutil.copytree(FIXTURES / "zendesk_api", api, ignore=shutil.ignore_patterns("comments.jsonl"))
    shutil.copy(FIXTURES / "zendesk_api_auto_close" / "ticket_301.json", api)
    shutil.copytree(FIXTURES / "fivetran", fivetran)
    shutil.copytree(FIXTURES / "fivetran_auto_close", root / "fivetran_auto_close")
    comments = pl.read_csv(fivetran / "ticket_comment.csv", infer_schema=False)
    comments.filter(pl.col("ticket_id") != "999").write_csv(fivetran / "ticket_comment.csv")
    return [api, fivetran, root / "fivetran_auto_close"]


@pytest.fixture(scope="module")
def zendesk_home(tmp_path_factory, zendesk_exports) -> Home:
    home = Home.at(tmp_path_factory.mktemp("zendesk_sla") / "home")
    run_pipeline(home, zendesk_exports)
    return home


def test_requester_and_agent_wait_match_the_zendesk_fixtures_status_history(zendesk_exports, zendesk_home):
    """Recomputed here from the readers' status changes, without the SQL: each status lasts until
    the next change, the current one until the data's end."""
    api, *fivetran = ([detect(path) for path in sorted(folder.iterdir())] for folder in zendesk_exports)
    fivetran_changes = zendesk_fivetran.read([file for folder in fivetran for file in folder]).status_changes
    changes = pl.concat([zendesk_api.read(api).status_changes, fivetran_changes])
    with duckdb.connect(str(zendesk_home.snapshot), read_only=True) as con:
        (data_end,) = con.execute(
            "select greatest((select max(created_at) from messages), (select max(changed_at) from status_changes),"
            " (select max(updated_at) from tickets))"
        ).fetchone()
        found = {
            ticket: (requester, agent)
            for ticket, requester, agent in con.execute(
                "select ticket_id, requester_wait_minutes, agent_wait_minutes from ticket_metrics"
                " where requester_wait_minutes is not null"
            ).fetchall()
        }
        known = {ticket for (ticket,) in con.execute("select ticket_id from ticket_metrics").fetchall()}
    expected = {}
    for (ticket,), history in changes.sort("changed_at").group_by("ticket_id", maintain_order=True):
        rows = history.select("status", "changed_at").rows()
        ends = [at for _, at in rows[1:]] + [data_end]
        minutes = [((end - start).total_seconds() / 60, status) for (status, start), end in zip(rows, ends)]
        if ticket in known:
            expected[ticket] = (
                sum(m for m, status in minutes if status in ("new", "open", "hold")),
                sum(m for m, status in minutes if status == "pending"),
            )
    assert len(expected) >= 3, "the Zendesk fixtures hold status histories"
    rounded = {ticket: tuple(round(minutes, 6) for minutes in waits) for ticket, waits in found.items()}
    assert rounded == {ticket: tuple(round(minutes, 6) for minutes in waits) for ticket, waits in expected.items()}


@pytest.fixture(scope="module")
def metrics(zendesk_home) -> dict[str, dict]:
    with duckdb.connect(str(zendesk_home.snapshot), read_only=True) as con:
        frame = con.sql("select * from ticket_metrics").pl()
    return {row["ticket_id"]: row for row in frame.iter_rows(named=True)}


@pytest.mark.parametrize("ticket", ["zendesk:301", "zendesk:401"])
def test_an_auto_close_is_not_the_last_solve_in_either_zendesk_shape(metrics, ticket):
    row = metrics[ticket]  # solved Monday 16:00, closed by an automation on Friday
    assert row["complaint"] is True
    assert row["last_solved_at"] == datetime(2024, 3, 11, 16, 0)
    assert row["minutes_to_last_resolution"] == 120
    assert row["no_check_back"] is False  # the agent checked back on Tuesday


def test_a_cc_d_customer_s_plus_one_is_not_the_first_update(metrics):
    # Ticket 301: the requester at 14:00, a CC'd colleague without a user record at 15:00, the
    # assignee at 16:00.
    assert metrics["zendesk:301"]["time_to_first_update_minutes"] == 120


def test_fivetran_csat_reaches_the_marts(metrics, zendesk_home):
    assert metrics["zendesk:401"]["csat"] == "bad"
    with duckdb.connect(str(zendesk_home.snapshot), read_only=True) as con:
        (tags,) = con.execute("select tags from tickets where ticket_id = 'zendesk:401'").fetchone()
    assert tags == ["heating", "refund"]
