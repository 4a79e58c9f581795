"""The weekly schedule and the inbox sensor: wired to the pipeline, and the sensor asks for a run
only for what is new."""

import shutil

from dagster import RunRequest, build_sensor_context

from assets.resources import HeatcheckHome
from pipelines.definitions import PIPELINE_JOB, build_definitions
from tests.conftest import TWCS_HEAD, run_pipeline, snapshot_rows


def test_the_schedule_runs_the_pipeline_every_monday_morning_in_the_teams_zone(home):
    schedule = build_definitions(str(home.root)).get_schedule_def("weekly_report_schedule")
    assert schedule.job_name == PIPELINE_JOB
    assert schedule.cron_schedule == "0 6 * * 1"
    assert schedule.execution_timezone == "America/New_York"


def test_the_sensor_asks_for_a_run_on_new_inbox_files_only(home):
    sensor = build_definitions(str(home.root)).get_sensor_def("inbox_exports")
    resources = {"heatcheck": HeatcheckHome(root=str(home.root))}
    empty = sensor.evaluate_tick(build_sensor_context(resources=resources))
    assert empty.run_requests == [] and "nothing new" in empty.skip_message

    home.inbox.mkdir(parents=True)
    shutil.copy(TWCS_HEAD, home.inbox / "twcs.csv")
    first = sensor.evaluate_tick(build_sensor_context(cursor=empty.cursor, resources=resources))
    [request] = first.run_requests
    assert isinstance(request, RunRequest)
    assert request.run_config["ops"]["staged_exports"]["config"]["paths"] == [str(home.inbox / "twcs.csv")]

    again = sensor.evaluate_tick(build_sensor_context(cursor=first.cursor, resources=resources))
    assert again.run_requests == []

    # The run the sensor asked for loads the file.
    run_pipeline(home, request.run_config["ops"]["staged_exports"]["config"]["paths"])
    assert snapshot_rows(home, "SELECT count(*) FROM tickets") == [(911,)]
