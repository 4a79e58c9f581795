"""The worst inputs of the corpus through the real pipeline (Dagster, dbt, DuckDB): a batch that
holds them still builds every mart, a later run with a good file goes on, and a huge body is
scored on its leading part (so its scoring time is bounded)."""

import polars as pl

from tests.conftest import run_pipeline, snapshot_rows
from tests.readers.test_bad_inputs import CASES, csv_rows, message

WORST = (
    "parquet epoch milliseconds are read as milliseconds",
    "a 9999-12-31 placeholder is quarantined",
    "a corrupt Parquet file",
    "a README in the inbox",
    "a ragged row from an unquoted comma",
)


def test_the_worst_inputs_fail_alone_and_the_next_run_goes_on(tmp_path):
    from heatcheck.home import Home

    home = Home.at(tmp_path / "home")
    inbox = tmp_path / "exports"
    inbox.mkdir()
    for number, name in enumerate(WORST):
        for file_name, content in CASES[name].files.items():
            (inbox / f"{number}_{file_name}").write_bytes(content)
    run_pipeline(home, [inbox])
    failed = snapshot_rows(home, "SELECT count(*) FROM ingest_log WHERE status = 'failed'")
    assert failed == [(2,)]  # the corrupt Parquet and the README, each alone
    # the horizon stays in real time: nothing from the year 9999 or 58136 got in
    assert snapshot_rows(home, "SELECT max(created_at) < now()::timestamp FROM messages") == [(True,)]

    later = tmp_path / "later.csv"
    later.write_bytes(csv_rows(message(900, body="still waiting for my refund")))
    run_pipeline(home, [later])
    assert snapshot_rows(home, "SELECT count(*) FROM messages WHERE message_id = 'm900'") == [(1,)]
    assert snapshot_rows(home, "SELECT count(*) > 0 FROM ticket_metrics") == [(True,)]


def test_a_huge_body_is_scored_on_its_leading_part(tmp_path):
    from heatcheck.home import Home

    home = Home.at(tmp_path / "home")
    body = "my order is late and nobody answers " * 6000  # 216,000 characters (215,999 once trimmed)
    path = tmp_path / "huge.csv"
    pl.DataFrame(
        {
            "message_id": ["m1"],
            "ticket_id": ["T1"],
            "author_role": ["customer"],
            "created_at": ["2026-03-02T09:00:00Z"],
            "body": [body],
        }  # fmt: skip
    ).write_csv(path)
    run_pipeline(home, [path])
    (evidence,) = snapshot_rows(home, "SELECT evidence FROM message_sentiment WHERE message_id = 'm1'")[0]
    assert any(line.startswith("cut: scored on the first 50000 of 21") for line in evidence), evidence
