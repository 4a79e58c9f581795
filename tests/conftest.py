"""Shared test helpers: the real data beside the project, a temporary Heatcheck home, and a real
Dagster run of the pipeline against a real DuckDB file."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from dagster import DagsterInstance

from heatcheck.home import Home
from pipelines.definitions import build_definitions
from pipelines.runs import ingest_label_measure

PROJECT = Path(__file__).resolve().parents[1]
SHARED_DATA = PROJECT.parent / "shared" / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TWCS_HEAD = SHARED_DATA / "twcs_head_threads" / "twcs_head_threads.csv"


def shared(relative: str) -> Path:
    """A file of ../shared/data; the suite needs it, as CI has it."""
    path = SHARED_DATA / relative
    if not path.exists():
        pytest.fail(f"{path} is missing: the tests run with ../shared beside the project")
    return path


@pytest.fixture
def home(tmp_path: Path) -> Home:
    return Home.at(tmp_path / "home")


def run_pipeline(home: Home, paths: list[str | Path] | None = None):
    """Materialize the pipeline for real, in an ephemeral Dagster instance, as the command line
    does (ingest, the weeks it touched, the marts); the marts run's result."""
    definitions = build_definitions(str(home.root))
    run_config = {"ops": {"staged_exports": {"config": {"paths": [str(p) for p in paths]}}}} if paths else {}
    with DagsterInstance.ephemeral() as instance:

        def execute(job: str, config: dict, tags: dict[str, str]):
            result = definitions.resolve_job_def(job).execute_in_process(
                run_config=config, instance=instance, tags=tags
            )
            assert result.success, job
            return result

        return ingest_label_measure(execute, run_config)[-1]


def snapshot_rows(home: Home, query: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(home.snapshot), read_only=True) as con:
        return con.execute(query, params or []).fetchall()


@pytest.fixture(scope="session")
def demo_home(tmp_path_factory) -> Home:
    """The demo exports through the whole pipeline once, shared by the end-to-end tests."""
    from heatcheck.demo import generate_demo_exports

    home = Home.at(tmp_path_factory.mktemp("demo") / "home")
    generate_demo_exports(home.inbox / "demo")
    run_pipeline(home)
    return home


@pytest.fixture(scope="session")
def twitter_home(tmp_path_factory) -> Home:
    """The Twitter threads in ../shared/data through the whole pipeline once, read by several tests."""
    home = Home.at(tmp_path_factory.mktemp("twcs") / "home")
    run_pipeline(home, [TWCS_HEAD])
    return home
