"""The warehouse connection: the memory DuckDB may use, and frames handed to SQL without a copy."""

from datetime import datetime

import duckdb
import polars as pl
import pyarrow as pa
import pytest

from heatcheck.errors import HeatcheckError
from heatcheck.warehouse import DEFAULT_MEMORY_LIMIT, Warehouse, in_slices, register, shared_arrow


def _limit(con: duckdb.DuckDBPyConnection) -> str:
    return con.execute("SELECT current_setting('memory_limit')").fetchone()[0]


def test_duckdb_works_within_the_memory_limit_the_environment_gives(tmp_path, monkeypatch):
    monkeypatch.setenv("HEATCHECK_MEMORY_LIMIT", "300MB")
    with Warehouse(str(tmp_path / "w.duckdb")).connect() as con:
        assert _limit(con) == "286.1 MiB"  # DuckDB's notation for 300 MB
    monkeypatch.delenv("HEATCHECK_MEMORY_LIMIT")
    assert Warehouse(str(tmp_path / "w.duckdb")).memory_limit == DEFAULT_MEMORY_LIMIT
    with Warehouse(str(tmp_path / "w.duckdb"), memory_limit="2GB").connect() as con:
        assert _limit(con) == "1.8 GiB"


def test_a_registered_frame_reads_back_as_it_was_and_shares_the_frames_text(tmp_path):
    frame = pl.DataFrame(
        {
            "message_id": ["m1", "m2", None],
            "body": ["a text long enough not to be inlined in a view", "", None],
            "tags": [["billing", "refund"], [], None],
            "created_at": [datetime(2026, 1, 5, 9), None, datetime(2026, 1, 6, 17, 30)],
            "is_public": [True, False, None],
        }
    )
    with Warehouse(str(tmp_path / "w.duckdb")).connect() as con:
        register(con, "incoming", frame)
        read_back = con.sql("SELECT * FROM incoming").pl()
        con.unregister("incoming")
    assert read_back.equals(frame)
    # What DuckDB is given holds Arrow string views, Polars' own layout: no copy of the bodies.
    assert shared_arrow(frame).schema.field("body").type == pa.string_view()


def test_a_memory_limit_that_is_not_an_amount_says_which_setting_is_wrong(tmp_path):
    with (
        pytest.raises(HeatcheckError, match="HEATCHECK_MEMORY_LIMIT 'a gigabyte' is not an amount of memory"),
        Warehouse(str(tmp_path / "w.duckdb"), memory_limit="a gigabyte").connect(),
    ):
        pass


def test_a_backlog_read_in_slices_gives_every_row_once_while_the_caller_writes_between_them(tmp_path):
    with Warehouse(str(tmp_path / "w.duckdb")).transaction() as con:
        con.execute("CREATE TABLE todo AS SELECT range AS n, 'text ' || range AS text FROM range(1050)")
        con.execute("CREATE TABLE done (n BIGINT)")
        query = "-- the rows not done yet\nSELECT n, text FROM todo ANTI JOIN done USING (n) WHERE n >= $least;\n"
        total, slices = in_slices(con, query, {"least": 50}, rows=100)
        sizes = []
        for frame in slices:
            assert frame.columns == ["n", "text"]
            sizes.append(frame.height)
            con.execute("INSERT INTO done SELECT n FROM frame")  # what the labels stages do between slices
        assert total == 1000
        assert sizes == [100] * 10
        assert con.execute("SELECT count(DISTINCT n), min(n), max(n) FROM done").fetchone() == (1000, 50, 1049)
        temporary = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'to_do'").fetchone()[0]
        assert temporary == 0  # dropped once read
