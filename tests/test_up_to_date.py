"""A run with nothing new skips dbt, the report and the snapshot, and any change to what the marts
are made of (an export, a staged row, a settings file) brings them back on the next run."""

from __future__ import annotations

import duckdb
import pytest

from heatcheck.home import Home
from heatcheck.up_to_date import fingerprint
from tests.conftest import FIXTURES, run_pipeline

DOWNSTREAM_OF_DBT = ("weekly_report", "analyst_snapshot")


def made(result, node: str) -> bool:
    return bool(result.asset_materializations_for_node(node))


def models_built(result) -> int:
    return len(result.asset_materializations_for_node("heatcheck_models"))


@pytest.fixture
def built(home: Home) -> Home:
    run_pipeline(home, [FIXTURES / "zendesk_api"])
    return home


def test_a_run_with_nothing_new_rebuilds_nothing_and_keeps_the_report(built: Home):
    report_files = sorted(built.reports.rglob("*.html"))
    before = {path: path.stat().st_mtime_ns for path in report_files}
    result = run_pipeline(built)
    assert models_built(result) == 0
    assert not any(made(result, node) for node in DOWNSTREAM_OF_DBT)
    assert report_files and {path: path.stat().st_mtime_ns for path in report_files} == before


def test_a_changed_staged_row_rebuilds_the_marts(built: Home):
    with duckdb.connect(str(built.warehouse_connection)) as con:
        con.execute(
            "UPDATE staging.tickets SET priority = 'urgent' WHERE ticket_id = (SELECT min(ticket_id) FROM staging.tickets)"
        )
    result = run_pipeline(built)
    assert models_built(result) > 10
    assert all(made(result, node) for node in DOWNSTREAM_OF_DBT)
    assert models_built(run_pipeline(built)) == 0  # and the run after that has nothing to do again


def test_a_changed_settings_file_rebuilds_the_marts(built: Home):
    built.settings_file.write_text("timezone: Europe/Paris\n", encoding="utf-8")
    assert models_built(run_pipeline(built)) > 10


def test_a_new_export_rebuilds_the_marts(built: Home):
    result = run_pipeline(built, [FIXTURES / "fivetran"])
    assert models_built(result) > 10 and all(made(result, node) for node in DOWNSTREAM_OF_DBT)


def test_the_fingerprint_sees_an_update_that_keeps_the_row_count(built: Home):
    with duckdb.connect(str(built.warehouse_connection)) as con:
        before = fingerprint(con, built)
        con.execute(
            "UPDATE staging.messages SET body = body || '!' WHERE message_id = (SELECT min(message_id) FROM staging.messages)"
        )
        after = fingerprint(con, built)
    assert before is not None and after is not None and before != after


def test_a_deleted_snapshot_is_made_again_though_nothing_is_new(built: Home):
    built.snapshot.unlink()
    result = run_pipeline(built)
    assert made(result, "analyst_snapshot") and built.snapshot.exists()
