"""The demo data end to end: every mart documented, the README's queries run, the checks hold."""

import re
from pathlib import Path

import duckdb
import pytest

from assets.metrics.build import MART_TABLES
from tests.conftest import PROJECT, snapshot_rows


def readme_queries() -> list[str]:
    text = (PROJECT / "README.md").read_text(encoding="utf-8")
    section = text.split("<!-- analyst-queries")[1].split("<!-- end analyst-queries")[0]
    return re.findall(r"```sql\n(.*?)```", section, flags=re.S)


def test_every_mart_column_has_a_comment_in_the_snapshot(demo_home):
    columns = snapshot_rows(demo_home, "SELECT table_name, column_name, comment FROM duckdb_columns() "
                                       "WHERE schema_name = 'marts'")
    assert {table for table, _, _ in columns} == set(MART_TABLES)
    missing = [(table, column) for table, column, comment in columns if not comment]
    assert missing == []


def test_every_staging_and_label_column_has_a_comment_too(demo_home):
    missing = snapshot_rows(demo_home, "SELECT schema_name, table_name, column_name FROM duckdb_columns() "
                                       "WHERE schema_name IN ('staging', 'labels') AND comment IS NULL")
    assert missing == []


def test_every_mart_column_is_in_the_data_dictionary(demo_home):
    dictionary = (PROJECT / "docs" / "data_dictionary.md").read_text(encoding="utf-8")
    columns = snapshot_rows(demo_home, "SELECT DISTINCT column_name FROM duckdb_columns() WHERE schema_name = 'marts'")
    undocumented = [column for (column,) in columns if column not in dictionary]
    assert undocumented == []


@pytest.mark.parametrize("query", readme_queries())
def test_the_readme_example_queries_run(demo_home, query):
    with duckdb.connect(str(demo_home.snapshot), read_only=True) as con:
        rows = con.execute(query).fetchall()
    assert rows, f"no rows for:\n{query}"


def test_the_readme_has_example_queries():
    assert len(readme_queries()) >= 4


def test_the_demo_shows_each_follow_up_gap(demo_home):
    gaps = dict(snapshot_rows(demo_home, "SELECT gap, count(*) FROM follow_up_gaps GROUP BY gap"))
    assert set(gaps) == {"slow_first_update", "update_gap", "broken_promise", "left_hanging", "no_check_back"}
    minutes = snapshot_rows(demo_home, "SELECT count(*) FROM follow_up_gaps WHERE gap <> 'no_check_back' AND NOT minutes > 0")
    assert minutes == [(0,)]


def test_the_asset_checks_find_nothing_wrong_with_the_demo(demo_home):
    with duckdb.connect(str(demo_home.snapshot), read_only=True) as con:
        for check in sorted((PROJECT / "sql" / "checks").glob("*.sql")):
            assert con.execute(f"SELECT count(*) FROM ({check.read_text()})").fetchone() == (0,), check.stem


def test_the_checks_catch_a_mart_that_is_wrong(demo_home, tmp_path):
    broken = Path(tmp_path) / "broken.duckdb"
    broken.write_bytes(demo_home.snapshot.read_bytes())
    with duckdb.connect(str(broken)) as con:
        con.execute("INSERT INTO marts.ticket_metrics SELECT * FROM marts.ticket_metrics LIMIT 1")
        con.execute("UPDATE marts.ticket_metrics SET first_update_at = clock_start_at - INTERVAL 1 MINUTE "
                    "WHERE ticket_id = (SELECT min(ticket_id) FROM marts.ticket_metrics WHERE first_update_at IS NOT NULL)")
        for check in ("ticket_metrics_one_row_per_ticket", "first_update_not_before_creation", "weekly_totals_match_tickets"):
            sql = (PROJECT / "sql" / "checks" / f"{check}.sql").read_text()
            assert con.execute(f"SELECT count(*) FROM ({sql})").fetchone()[0] > 0, check


def test_the_company_wide_practice_share_counts_answered_tickets_of_every_team(demo_home):
    [(week, stored)] = snapshot_rows(demo_home, "SELECT week_start, apologize_share FROM weekly_kpis "
                                                "ORDER BY tickets DESC LIMIT 1")
    [(recomputed,)] = snapshot_rows(demo_home, """
        SELECT avg(apologized::INTEGER) FROM (
            SELECT t.ticket_id, coalesce(bool_or(f.apologize), false) AS apologized
            FROM ticket_metrics AS t
            JOIN message_facts AS f ON f.ticket_id = t.ticket_id AND f.author_role = 'agent' AND f.is_public
            WHERE t.week_start = ?
            GROUP BY t.ticket_id)""", [week])
    assert stored == pytest.approx(recomputed)
