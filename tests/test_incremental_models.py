"""The incremental dbt models keep what they stored and compute only what is new or changed, and
end where a build from nothing ends; a change of settings or code rebuilds them whole."""

from __future__ import annotations

import datetime

import duckdb
import polars as pl
import pytest

from heatcheck.demo import generate_demo_exports
from heatcheck.home import Home
from heatcheck.metrics.business_time import BusinessSchedule
from heatcheck.metrics.timing import promise_deadlines, with_deadline_inputs
from heatcheck.user_files import settings_in
from tests.conftest import run_pipeline

# A deadline no parser gives: a stored promise that still shows it after a build was not parsed again.
MARKED = datetime.datetime(1999, 1, 1)


@pytest.fixture
def built(home: Home) -> Home:
    generate_demo_exports(home.inbox / "demo", seed=3, tickets=400, weeks=3)
    run_pipeline(home)
    return home


def stored(home: Home) -> pl.DataFrame:
    with duckdb.connect(str(home.warehouse_connection), read_only=True) as con:
        return con.sql("select * from intermediate.promise_deadlines order by message_id").pl()


def from_nothing(home: Home) -> pl.DataFrame:
    """What a build from nothing stores: every candidate parsed, by the product's own functions."""
    settings = settings_in(str(home.root))
    schedule = BusinessSchedule.from_settings(settings)
    days = settings.promises.default_deadline_business_days
    with duckdb.connect(str(home.warehouse_connection), read_only=True) as con:
        candidates = con.sql("select * from intermediate.promise_candidates").pl()
    return promise_deadlines(with_deadline_inputs(candidates, schedule, days), schedule, days).sort("message_id")


def mark(home: Home, message_id: str) -> None:
    with duckdb.connect(str(home.warehouse_connection)) as con:
        con.execute("UPDATE intermediate.promise_deadlines SET deadline = ? WHERE message_id = ?", [MARKED, message_id])


def test_a_change_reparses_only_the_promises_it_touches_and_ends_as_a_build_from_nothing(built: Home):
    before = stored(built)
    assert before.height >= 3
    kept, changed, withdrawn = before["message_id"][:3]
    mark(built, kept)
    with duckdb.connect(str(built.warehouse_connection)) as con:
        con.execute(
            "UPDATE staging.messages SET body_clean = 'We will get back to you within 3 days.' WHERE message_id = ?",
            [changed],
        )
        con.execute("UPDATE staging.messages SET is_public = false WHERE message_id = ?", [withdrawn])

    run_pipeline(built)

    after = stored(built)
    assert after.filter(pl.col("message_id") == kept)["deadline"].to_list() == [MARKED]  # not parsed again
    assert withdrawn not in after["message_id"].to_list()  # no longer a candidate: gone
    new_deadline = after.filter(pl.col("message_id") == changed).row(0, named=True)
    assert new_deadline["deadline_phrase"] == "within 3 days"
    expected = from_nothing(built)
    assert after.filter(pl.col("message_id") != kept).equals(expected.filter(pl.col("message_id") != kept))
    assert after.height == expected.height
    with duckdb.connect(str(built.warehouse_connection), read_only=True) as con:  # dbt-duckdb's increment tables
        assert (
            con.execute("SELECT table_name FROM duckdb_tables() WHERE contains(table_name, '__dbt_tmp')").fetchall()
            == []
        )


def test_a_changed_settings_file_parses_every_promise_again(built: Home):
    kept = stored(built)["message_id"][0]
    mark(built, kept)
    built.settings_file.write_text("timezone: Europe/Paris\n", encoding="utf-8")

    run_pipeline(built)

    after = stored(built)
    assert MARKED not in after["deadline"].to_list()
    assert after.equals(from_nothing(built))
