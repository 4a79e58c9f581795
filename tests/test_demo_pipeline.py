"""The demo data end to end: every mart documented, the README's queries run, the checks hold."""

import json
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from assets.models import DBT_PROJECT_DIR, mart_keys
from heatcheck.data_dictionary import data_dictionary
from tests.conftest import PROJECT, snapshot_rows


def readme_queries() -> list[str]:
    text = (PROJECT / "README.md").read_text(encoding="utf-8")
    section = text.split("<!-- analyst-queries")[1].split("<!-- end analyst-queries")[0]
    return re.findall(r"```sql\n(.*?)```", section, flags=re.S)


def test_every_mart_column_has_a_comment_in_the_snapshot(demo_home):
    columns = snapshot_rows(
        demo_home, "SELECT table_name, column_name, comment FROM duckdb_columns() WHERE schema_name = 'marts'"
    )
    assert {table for table, _, _ in columns} == {key.path[-1] for key in mart_keys()}
    missing = [(table, column) for table, column, comment in columns if not comment]
    assert missing == []


def test_every_column_the_python_stages_write_has_a_comment_too(demo_home):
    missing = snapshot_rows(
        demo_home,
        """SELECT c.schema_name, c.table_name, c.column_name
           FROM duckdb_columns() AS c
           JOIN duckdb_tables() AS t USING (database_name, schema_name, table_name)
           WHERE c.schema_name IN ('staging', 'labels') AND c.comment IS NULL""",
    )
    assert missing == []


def test_the_data_dictionary_is_generated_from_the_models_yml_and_never_edited_by_hand():
    assert (PROJECT / "docs" / "data_dictionary.md").read_text(encoding="utf-8") == data_dictionary(), (
        "regenerate it: python -m heatcheck.data_dictionary > docs/data_dictionary.md"
    )


def test_every_mart_column_is_in_the_data_dictionary(demo_home):
    dictionary = data_dictionary()
    labels = {label for (label,) in snapshot_rows(demo_home, "SELECT label FROM labels.label_vocabulary")}
    columns = snapshot_rows(demo_home, "SELECT DISTINCT column_name FROM duckdb_columns() WHERE schema_name = 'marts'")
    # A label's columns are listed once, under the label, in the dictionary's playbook section.
    documented = [column for (column,) in columns if f"| {column} |" in dictionary]
    undocumented = [(c,) for (c,) in columns if c not in documented and c.removesuffix("_share") not in labels]
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
    minutes = snapshot_rows(
        demo_home, "SELECT count(*) FROM follow_up_gaps WHERE gap <> 'no_check_back' AND NOT minutes > 0"
    )
    assert minutes == [(0,)]


def dbt_test(warehouse: Path, home: Path) -> subprocess.CompletedProcess:
    """`dbt test` of the project against a warehouse file, as a data engineer would run it."""
    run_vars = json.dumps({"warehouse": str(warehouse), "heatcheck_home": str(home)})
    return subprocess.run(
        [
            str(Path(sys.executable).with_name("dbt")),
            "test",
            "--vars",
            run_vars,
            "--target-path",
            str(warehouse.parent / "dbt-target"),
            "--log-path",
            str(warehouse.parent / "dbt-logs"),
        ],
        cwd=DBT_PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_the_data_tests_pass_on_the_demo_and_catch_a_mart_that_is_wrong(demo_home, tmp_path):
    good = Path(tmp_path) / "good.duckdb"
    good.write_bytes(demo_home.snapshot.read_bytes())
    passed = dbt_test(good, demo_home.root)
    assert passed.returncode == 0, passed.stdout[-3000:]

    broken = Path(tmp_path) / "broken.duckdb"
    broken.write_bytes(demo_home.snapshot.read_bytes())
    with duckdb.connect(str(broken)) as con:
        con.execute("INSERT INTO marts.ticket_metrics SELECT * FROM marts.ticket_metrics LIMIT 1")
        con.execute(
            "UPDATE marts.ticket_metrics SET first_update_at = clock_start_at - INTERVAL 1 MINUTE "
            "WHERE ticket_id = (SELECT min(ticket_id) FROM marts.ticket_metrics WHERE first_update_at IS NOT NULL)"
        )
    failed = dbt_test(broken, demo_home.root)
    assert failed.returncode != 0
    for check in (
        "ticket_metrics_one_row_per_ticket",
        "first_update_not_before_creation",
        "weekly_totals_match_tickets",
        "unique_ticket_metrics_ticket_id",
    ):
        assert re.search(rf"FAIL \d+ {check}\b", failed.stdout), check


def test_the_company_wide_practice_share_counts_answered_tickets_of_every_team(demo_home):
    [(week, stored)] = snapshot_rows(
        demo_home, "SELECT week_start, apologize_share FROM weekly_kpis ORDER BY tickets DESC LIMIT 1"
    )
    [(recomputed,)] = snapshot_rows(
        demo_home,
        """
        SELECT avg(apologized::INTEGER) FROM (
            SELECT t.ticket_id, coalesce(bool_or(f.apologize), false) AS apologized
            FROM ticket_metrics AS t
            JOIN message_facts AS f ON f.ticket_id = t.ticket_id AND f.author_role = 'agent' AND f.is_public
            WHERE t.week_start = ?
            GROUP BY t.ticket_id)""",
        [week],
    )
    assert stored == pytest.approx(recomputed)
