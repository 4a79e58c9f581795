"""The weekly partitions, the schedule and the sensors: wired to the jobs, the schedule's run
builds last week's partition and its report, the sensors chain ingest, the weeks it touched and
the marts, and a backfill of three weeks is one run."""

import shutil
from datetime import datetime
from zoneinfo import ZoneInfo

import duckdb
import pytest
from dagster import (
    BackfillPolicy,
    DagsterInstance,
    RunRequest,
    build_run_status_sensor_context,
    build_schedule_context,
    build_sensor_context,
)

from assets.resources import HeatcheckHome
from assets.weeks import week_range_tags
from heatcheck.home import Home
from pipelines.definitions import INGEST_JOB, LABELS_JOB, MARTS_JOB, PIPELINE_JOB, build_definitions
from tests.conftest import TWCS_HEAD, snapshot_rows

WEEKLY = ("message_sentiment", "message_labels", "ticket_labels")
# Per week (a message's ticket's creation week, UTC Monday): its messages, and those the labels have read.
MESSAGES_BY_WEEK = """
    SELECT date_trunc('week', coalesce(t.created_at, m.created_at))::date::varchar AS week,
           count(*) AS messages,
           count(*) FILTER (WHERE m.message_id IN (SELECT message_id FROM labels.labelled_messages)) AS labelled
    FROM staging.messages AS m LEFT JOIN staging.tickets AS t USING (ticket_id)
    GROUP BY week
"""


def _messages_by_week(home: Home) -> tuple[dict[str, int], dict[str, int]]:
    """Messages per week, and messages the labels have read per week (weeks with any)."""
    with duckdb.connect(str(home.warehouse_connection), read_only=True) as con:
        rows = con.execute(MESSAGES_BY_WEEK).fetchall()
    return {week: messages for week, messages, _ in rows}, {week: read for week, _, read in rows if read}


def _materialized_partitions(result, node: str) -> set[str]:
    return {event.partition for event in result.asset_materializations_for_node(node)}


@pytest.fixture
def inbox_home(home: Home) -> Home:
    home.inbox.mkdir(parents=True)
    shutil.copy(TWCS_HEAD, home.inbox / "twcs.csv")
    return home


def test_the_weekly_assets_are_partitioned_by_iso_week_and_backfill_in_one_run(home):
    definitions = build_definitions(str(home.root))
    graph = definitions.resolve_asset_graph()
    for name in WEEKLY:
        node = graph.get(next(key for key in graph.get_all_asset_keys() if key.path[-1] == name))
        assert node.partitions_def.get_partition_key_for_timestamp(datetime(2017, 11, 26, 23, 0).timestamp()) == (
            "2017-11-20"
        )  # a Sunday night belongs to the week that began on Monday
        assert node.backfill_policy == BackfillPolicy.single_run()
    assert definitions.resolve_job_def(LABELS_JOB).partitions_def is not None


def test_the_schedule_runs_the_pipeline_every_monday_morning_in_the_teams_zone_for_last_week(home):
    definitions = build_definitions(str(home.root))
    schedule = definitions.get_schedule_def("weekly_report_schedule")
    assert schedule.job_name == PIPELINE_JOB
    assert schedule.cron_schedule == "0 6 * * 1"
    assert schedule.execution_timezone == "America/New_York"
    monday = datetime(2017, 11, 27, 6, 0, tzinfo=ZoneInfo("America/New_York"))
    [request] = schedule.evaluate_tick(
        build_schedule_context(scheduled_execution_time=monday, repository_def=definitions.get_repository_def())
    ).run_requests
    assert request.partition_key == "2017-11-20"


def test_the_schedules_run_builds_that_weeks_partition_and_report(inbox_home):
    definitions = build_definitions(str(inbox_home.root))
    schedule = definitions.get_schedule_def("weekly_report_schedule")
    monday = datetime(2017, 11, 27, 6, 0, tzinfo=ZoneInfo("America/New_York"))
    [request] = schedule.evaluate_tick(
        build_schedule_context(scheduled_execution_time=monday, repository_def=definitions.get_repository_def())
    ).run_requests
    with DagsterInstance.ephemeral() as instance:
        result = definitions.resolve_job_def(PIPELINE_JOB).execute_in_process(
            instance=instance, partition_key=request.partition_key
        )
    assert result.success
    for name in WEEKLY:
        assert _materialized_partitions(result, name) == {"2017-11-20"}
    # Only that week's messages were labelled; the rest wait for their weeks.
    every_week, labelled = _messages_by_week(inbox_home)
    assert labelled == {"2017-11-20": every_week["2017-11-20"]}
    assert (inbox_home.reports / "weekly" / "2017-11-20.html").exists()
    assert snapshot_rows(inbox_home, "SELECT count(*) FROM tickets") == [(911,)]


def test_a_backfill_of_three_weeks_runs_as_one_run_in_one_process(inbox_home):
    definitions = build_definitions(str(inbox_home.root))
    weeks = ("2017-10-16", "2017-10-23", "2017-10-30")
    with DagsterInstance.ephemeral() as instance:
        result = definitions.resolve_job_def(PIPELINE_JOB).execute_in_process(
            instance=instance,
            tags=week_range_tags(datetime.fromisoformat(weeks[0]).date(), datetime.fromisoformat(weeks[-1]).date()),
        )
        runs = instance.get_runs()
    assert result.success and len(runs) == 1
    for name in WEEKLY:
        assert _materialized_partitions(result, name) == set(weeks)
    every_week, labelled = _messages_by_week(inbox_home)
    assert labelled == {week: every_week[week] for week in weeks}


def test_a_file_dropped_in_the_inbox_is_ingested_labelled_and_reported_by_the_sensors_runs(home):
    definitions = build_definitions(str(home.root))
    inbox = definitions.get_sensor_def("inbox_exports")
    resources = {"heatcheck": HeatcheckHome(root=str(home.root))}
    empty = inbox.evaluate_tick(build_sensor_context(resources=resources))
    assert empty.run_requests == [] and "nothing new" in empty.skip_message

    home.inbox.mkdir(parents=True)
    shutil.copy(TWCS_HEAD, home.inbox / "twcs.csv")
    first = inbox.evaluate_tick(build_sensor_context(cursor=empty.cursor, resources=resources))
    [request] = first.run_requests
    assert isinstance(request, RunRequest) and inbox.job_name == INGEST_JOB
    assert request.run_config["ops"]["staged_exports"]["config"]["paths"] == [str(home.inbox / "twcs.csv")]
    again = inbox.evaluate_tick(build_sensor_context(cursor=first.cursor, resources=resources))
    assert again.run_requests == []

    with DagsterInstance.ephemeral() as instance:
        # The sensors' runs, each asked for by the sensor watching the one before.
        previous = definitions.resolve_job_def(INGEST_JOB).execute_in_process(
            run_config=request.run_config, instance=instance
        )
        for sensor_name, job_name in (("weeks_after_ingest", LABELS_JOB), ("marts_after_weeks", MARTS_JOB)):
            assert previous.success
            context = build_run_status_sensor_context(
                sensor_name=sensor_name,
                dagster_event=previous.get_run_success_event(),
                dagster_instance=instance,
                dagster_run=previous.dagster_run,
            )
            follow_up = definitions.get_sensor_def(sensor_name)(context)
            assert isinstance(follow_up, RunRequest)
            previous = definitions.resolve_job_def(job_name).execute_in_process(instance=instance, tags=follow_up.tags)
        assert previous.success
    # The weeks run covered every week the file holds (2011's stray tweet to 2017-11-27).
    every_week, labelled = _messages_by_week(home)
    assert labelled == every_week
    assert snapshot_rows(home, "SELECT count(*) FROM tickets") == [(911,)]
    assert (home.reports / "index.html").exists()
