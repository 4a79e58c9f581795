"""`heatcheck`: the command line. It wraps Dagster rather than replacing it: every command that
changes the warehouse runs the Dagster job in process against the home's Dagster instance, so the
runs appear in the Dagster UI like any other."""

from __future__ import annotations

import logging
import os
import re
import sys
import tempfile
from pathlib import Path

import click
import duckdb
from dagster import logger
from filelock import FileLock

from heatcheck.errors import HeatcheckError
from heatcheck.home import Home, default_home
from pipelines.definitions import MARTS_JOB, build_definitions
from pipelines.progress import TerminalProgress

DAGSTER_YAML = "telemetry:\n  enabled: false\n"
USER_ERROR_PREFIX = re.compile(r"^(?:[\w.]+\.)?(?:HeatcheckError|UnreadableExport|UserFileError|ValueError): ")


HOME_HELP = "Where the warehouse, snapshot, inbox and reports live (env HEATCHECK_HOME, default ./data)."


def _home_after_command(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    if value is not None:
        ctx.obj = Home.at(value)


class HomeAnywhere(click.Group):
    """Every command also takes --home after its name (`heatcheck query --home DIR ...`)."""

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        cmd.params.append(
            click.Option(
                ["--home"],
                type=click.Path(file_okay=False, path_type=Path),
                default=None,
                expose_value=False,
                is_eager=True,
                callback=_home_after_command,
                help=HOME_HELP,
            )
        )
        super().add_command(cmd, name)


@click.group(cls=HomeAnywhere)
@click.option("--home", "home_dir", type=click.Path(file_okay=False, path_type=Path), default=None, help=HOME_HELP)
@click.pass_context
def cli(ctx: click.Context, home_dir: Path | None) -> None:
    """Heatcheck: how well support handled difficult conversations, from ticket exports."""
    ctx.obj = Home.at(home_dir or default_home())


@cli.command()
@click.option("--tickets", default=2400, show_default=True, help="How many demo tickets to make.")
@click.option("--seed", default=7, show_default=True, help="Same seed, same data.")
@click.pass_obj
def demo(home: Home, tickets: int, seed: int) -> None:
    """Make the demo exports in the inbox, ingest them and run everything."""
    from heatcheck.demo import generate_demo_exports

    target = home.inbox / "demo"
    click.echo(f"Writing demo exports ({tickets} tickets) to {target} ...")
    generate_demo_exports(target, seed=seed, tickets=tickets)
    _run(home, [])


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.pass_obj
def ingest(home: Home, paths: tuple[str, ...]) -> None:
    """Ingest export files or folders, then bring every label, mart and report up to date."""
    missing = [path for path in paths if not Path(path).exists()]
    if missing:
        raise HeatcheckError(f"{missing[0]}: no such file or folder")
    _run(home, list(paths))


@cli.command()
@click.pass_obj
def run(home: Home) -> None:
    """Ingest what is new in the inbox and run everything."""
    _run(home, [])


@cli.command()
@click.option("--week", default="", help="Monday of the ISO week (YYYY-MM-DD); default: the last complete week.")
@click.option("--png", is_flag=True, help="Also write PNGs of the headline figures for slides.")
@click.option("--all-weeks", is_flag=True, help="Write the report of every week in the marts, oldest first.")
@click.pass_obj
def report(home: Home, week: str, png: bool, all_weeks: bool) -> None:
    """Write the weekly report (and coaching pages) again, for a chosen week, from the marts."""
    from dagster import AssetKey

    if all_weeks and (week or png):
        raise HeatcheckError("--all-weeks writes every week: leave out --week and --png")
    if week:
        _check_week(home, week)
    result = _execute(
        home,
        MARTS_JOB,
        {"ops": {"weekly_report": {"config": {"week_start": week, "png": png, "all_weeks": all_weeks}}}},
        asset_selection=[AssetKey("weekly_report")],
    )
    _print_report_paths(result)


@cli.command()
@click.argument("statement")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV for machines instead of a table.")
@click.pass_obj
def query(home: Home, statement: str, as_csv: bool) -> None:
    """Run SQL against the analyst snapshot (read-only; never blocks the pipeline; contact details redacted)."""
    from heatcheck.exports import one_line

    with _snapshot(home) as con:
        try:
            relation = con.sql(statement)
        except duckdb.Error as error:
            raise HeatcheckError(f"query failed: {one_line(error)}") from None
        if relation is None:
            return
        relation = _shareable(home, con, relation)
        if as_csv:
            # DuckDB's own writer: every column type (lists, structs) becomes CSV text.
            with tempfile.TemporaryDirectory() as scratch:
                out = Path(scratch) / "result.csv"
                relation.write_csv(str(out), header=True)
                sys.stdout.write(out.read_text(encoding="utf-8"))
        else:
            relation.show(max_rows=200, max_width=160)


@cli.command()
@click.argument("table_or_sql")
@click.option(
    "--to",
    "target",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write: .csv, .parquet, .json or .xlsx.",
)
@click.pass_obj
def export(home: Home, table_or_sql: str, target: Path) -> None:
    """Write a table, view or query result of the analyst snapshot to a file (contact details redacted)."""
    from heatcheck.exports import export as write_export
    from heatcheck.exports import relation_for

    with _snapshot(home) as con:
        rows = write_export(_shareable(home, con, relation_for(con, table_or_sql)), target)
    click.echo(f"Wrote {rows:,} rows to {target.resolve()}")


@cli.command()
@click.option("--quarantine", "list_quarantine", is_flag=True, help="List every quarantined record and why.")
@click.pass_obj
def status(home: Home, list_quarantine: bool) -> None:
    """Files read, what was quarantined and why, the weeks with reports, the last run."""
    from heatcheck.status import quarantined_records
    from heatcheck.status import status as home_status

    with _snapshot(home) as con:
        if list_quarantine:
            for file, record, reason in quarantined_records(con):
                click.echo(f"{file}  record {record}: {reason}")
            return
        found = home_status(con, home)
    click.echo(f"Files read ({len(found.files)}):")
    for file, kind, state, read, loaded, quarantined, _, error in found.files:
        counts = f"{read or 0:,} read, {loaded or 0:,} loaded, {quarantined or 0:,} quarantined"
        click.echo(f"  {file}  [{kind or '?'}, {state}] {counts}" + (f"  ({error})" if error else ""))
    click.echo("Quarantine reasons:" if found.quarantine_reasons else "Quarantine: empty")
    for reason, records, files in found.quarantine_reasons:
        click.echo(f"  {records:>6,}  {reason}  ({files} file{'s' if files != 1 else ''})")
    orphans, tickets, example = found.messages_without_ticket
    if orphans:
        click.echo(
            f"Messages without their ticket: {orphans:,} naming {tickets:,} ticket(s) no export has described "
            f"(e.g. from {example}); export the tickets too"
        )
    early, tickets, example = found.messages_before_ticket
    if early:
        click.echo(
            f"Messages dated before their ticket: {early:,} in {tickets:,} ticket(s) (e.g. from {example}); "
            "check the export's time zone"
        )
    weeks = ", ".join(str(week) for week in found.report_weeks) or "none yet"
    click.echo(f"Weeks with reports: {weeks}")
    click.echo(f"Last run: {_last_run(home)}")


def _last_run(home: Home) -> str:
    """The newest run in the home's Dagster instance: status and when it started."""
    from datetime import UTC, datetime

    if not (home.dagster / "dagster.yaml").exists():
        return "none yet"
    _prepare_dagster_home(home)
    with _dagster_instance(home) as instance:
        records = instance.get_run_records(limit=1)
    if not records:
        return "none yet"
    record = records[0]
    started = (
        datetime.fromtimestamp(record.start_time, UTC).strftime("%Y-%m-%d %H:%M UTC") if record.start_time else "?"
    )
    return f"{record.dagster_run.status.value.lower()}, started {started} (run {record.dagster_run.run_id[:8]})"


@cli.command()
@click.option(
    "--data",
    "shared_data",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path(__file__).resolve().parents[2] / "shared" / "data",
    show_default=True,
    help="The folder of real public data (../shared/data beside the project).",
)
@click.option(
    "--misses",
    "misses_label",
    default=None,
    metavar="LABEL",
    help="Only list the practices_dev texts where the rules and the reader disagree on LABEL.",
)
@click.pass_obj
def evaluate(home: Home, shared_data: Path, misses_label: str | None) -> None:
    """Measure the labels on real human-labelled data: plain VADER beside the product, and the
    practices and signals against hand labels."""
    from heatcheck.labeling.census import twitter_threads_section
    from heatcheck.labeling.evaluation import evaluation_sections, render_sections
    from heatcheck.labeling.practice_evaluation import misses, misses_text, practice_sections
    from heatcheck.labeling.sentiment import SentimentScorer
    from heatcheck.user_files import playbook

    book = playbook(home)
    if misses_label is not None:
        try:
            score, found = misses(shared_data, book, misses_label)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--misses") from None
        click.echo(misses_text(misses_label, score, found))
        return
    scorer = SentimentScorer(book.sentiment_rules())
    sections = evaluation_sections(shared_data, scorer)
    sections += practice_sections(shared_data, book)
    sections.append(
        (
            "Labels on the Twitter support threads (twcs_head_threads)",
            twitter_threads_section(shared_data, book, scorer),
        )
    )
    click.echo(render_sections(sections))


@cli.command()
@click.option("--port", default=3000, show_default=True, type=click.IntRange(1, 65535))
@click.pass_obj
def ui(home: Home, port: int) -> None:
    """Serve the Dagster UI (asset graph, runs, checks) for this home."""
    _prepare_dagster_home(home)
    workspace = Path(__file__).resolve().parents[1] / "workspace.yaml"
    # The dagster beside this Python, so the command works without an activated virtualenv.
    dagster = str(Path(sys.executable).with_name("dagster"))
    os.execv(dagster, [dagster, "dev", "-w", str(workspace), "-p", str(port)])


def _check_week(home: Home, week: str) -> None:
    """A Monday in YYYY-MM-DD that the marts hold, or a one-line error listing the weeks they do."""
    from datetime import date

    try:
        monday = date.fromisoformat(week)
    except ValueError:
        raise HeatcheckError(f"--week {week}: expected a date as YYYY-MM-DD, such as 2026-09-21") from None
    if monday.weekday() != 0:
        raise HeatcheckError(f"--week {week}: is a {monday:%A}; weeks are named by their Monday")
    with _snapshot(home) as con:
        weeks = [row[0] for row in con.execute("SELECT week_start FROM weekly_kpis ORDER BY week_start").fetchall()]
    if monday not in weeks:
        known = ", ".join(str(w) for w in weeks) or "none yet"
        raise HeatcheckError(f"--week {week}: the marts hold no such week; they hold {known}")


def _prepare_dagster_home(home: Home) -> None:
    home.dagster.mkdir(parents=True, exist_ok=True)
    config = home.dagster / "dagster.yaml"
    if not config.exists():
        config.write_text(DAGSTER_YAML)
    os.environ["DAGSTER_HOME"] = str(home.dagster)
    os.environ["HEATCHECK_HOME"] = str(home.root)


@logger(description="One short line per step message, and live progress at a terminal.")
def progress_lines(_init_context) -> logging.Logger:
    progress = logging.getLogger("heatcheck.progress")
    for handler in list(progress.handlers):  # one panel per run
        progress.removeHandler(handler)
        handler.close()
    progress.addHandler(TerminalProgress())
    progress.propagate = False
    progress.setLevel(logging.INFO)
    return progress


def _end_progress() -> None:
    for handler in list(logging.getLogger("heatcheck.progress").handlers):
        handler.close()


def _dagster_instance(home: Home):
    """The home's Dagster instance. Two first runs at once would both create its SQLite storage and
    collide, so the first touch of the storage happens under a lock."""
    from dagster import DagsterInstance

    with FileLock(str(home.dagster / ".instance.lock"), timeout=600):
        instance = DagsterInstance.get()
        instance.get_runs(limit=1)
    return instance


# Which process runs a run: a run killed with SIGKILL cannot mark itself failed, so the next run
# does it for it when that process is gone (Dagster's daemon does this for launched runs).
RUN_PID_TAG = "heatcheck/pid"


def _fail_dead_runs(instance) -> None:
    """Mark failed every run still STARTED whose process no longer exists."""
    from dagster import DagsterRunStatus, RunsFilter

    for run in instance.get_runs(RunsFilter(statuses=[DagsterRunStatus.STARTED, DagsterRunStatus.STARTING])):
        pid = run.tags.get(RUN_PID_TAG)
        if pid and pid.isdigit() and not _alive(int(pid)):
            instance.report_run_failed(run, f"the process running it ({pid}) was killed; marked failed by the next run")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    return True


def _execute(
    home: Home,
    job_name: str,
    run_config: dict,
    asset_selection=None,
    tags: dict[str, str] | None = None,
):
    """Run a job (or a selection of its assets) in process; fail with the user's problem."""
    _prepare_dagster_home(home)
    job = build_definitions(str(home.root), home.warehouse_connection).resolve_job_def(job_name)
    job = job.with_logger_defs({"progress": progress_lines})
    with _dagster_instance(home) as instance:
        _fail_dead_runs(instance)
        try:
            result = job.execute_in_process(
                run_config={"loggers": {"progress": {}}, **run_config},
                instance=instance,
                asset_selection=asset_selection,
                raise_on_error=False,
                tags={RUN_PID_TAG: str(os.getpid()), **(tags or {})},
            )
        finally:
            _end_progress()  # the live panel gives the terminal back, on Ctrl-C too
    if not result.success:
        raise HeatcheckError(_failure_message(result))
    return result


def _run(home: Home, paths: list[str]) -> None:
    """Ingest; label the weeks the ingest touched, in one run; then the marts, the report and the
    snapshot (the sensors chain the same three runs in Dagster). Then say where things are and
    how many rows landed."""
    from pipelines.runs import ingest_label_measure

    run_config = (
        {"ops": {"staged_exports": {"config": {"paths": [str(Path(p).resolve()) for p in paths]}}}} if paths else {}
    )
    ingested, labelled, result = ingest_label_measure(
        lambda job, config, tags: _execute(home, job, config, tags=tags), run_config
    )
    failed_files = ingested.asset_materializations_for_node("staged_exports")[0].metadata["failed_files"].value
    _summary(home)
    _print_step_times(ingested, labelled, result)
    _print_report_paths(result)
    if failed_files:
        raise HeatcheckError("; ".join(failed_files))


def _print_step_times(*results) -> None:
    """Seconds per step, from the runs' own events."""
    times = [
        (event.step_key, event.event_specific_data.duration_ms / 1000)
        for result in results
        if result is not None  # the labels' run, left out when there was nothing to label
        for event in result.all_events
        if event.is_step_success
    ]
    click.echo("Step times:       " + ", ".join(f"{step} {seconds:,.1f} s" for step, seconds in times))


def _print_report_paths(result) -> None:
    made = result.asset_materializations_for_node("weekly_report")
    if not made:  # skipped: nothing changed since the report was last written
        click.echo("\nNothing new since the last run: the marts, the report and the snapshot are as they were.")
        return
    report = made[0].metadata
    if report["report"].value is not None:
        click.echo(f"\nWeekly report:    {report['report'].value}")
        click.echo(f"Report index:     {report['index'].value}")
    if report.get("pngs") is not None and report["pngs"].value:
        click.echo(f"PNGs:             {report['pngs'].value}")


def _failure_message(result) -> str:
    """The user's problem from a failed run, without Dagster's wrapping."""
    for event in result.all_events:
        if event.is_step_failure:
            error = event.step_failure_data.error
            while error.cause is not None:
                error = error.cause
            if "Interrupt" in error.cls_name:  # Ctrl-C inside a step
                raise KeyboardInterrupt
            # The user's own problems read as plain sentences; anything else keeps its type name.
            return USER_ERROR_PREFIX.sub("", error.message.strip())
    return "the pipeline run failed; see the Dagster UI (heatcheck ui) for details"


def _shareable(home: Home, con: duckdb.DuckDBPyConnection, relation: duckdb.DuckDBPyRelation):
    """A query result as it may leave the snapshot: contact details redacted unless the home's
    privacy settings say otherwise. The snapshot is redacted as it is written; redacting again
    changes nothing there, and covers a snapshot written before redaction was turned on."""
    from heatcheck.redaction import redacted
    from heatcheck.user_files import privacy

    return redacted(con, relation) if privacy(home).redact_contact_details else relation


def _snapshot(home: Home):
    if not home.snapshot.exists():
        raise HeatcheckError(
            f"no analyst snapshot at {home.snapshot} yet: run `heatcheck demo` or `heatcheck ingest PATH` first"
        )
    return duckdb.connect(str(home.snapshot), read_only=True)


def _summary(home: Home) -> None:
    click.echo(f"\nWarehouse:        {home.warehouse_connection}")
    client = Path(sys.executable).with_name("duckdb")  # the DuckDB client the set-up installs
    click.echo(f'Analyst snapshot: {home.snapshot}  (heatcheck query "SQL", or {client} -readonly {home.snapshot})')
    with _snapshot(home) as con:
        for table in ("tickets", "messages", "status_changes", "quarantine", "ingest_log"):
            count = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # fixed names, not input
            click.echo(f"  {table:<15} {count:>9,} rows")


def main() -> None:
    try:
        cli(standalone_mode=False)
    except HeatcheckError as error:
        click.echo(f"heatcheck: error: {error}", err=True)
        sys.exit(1)
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("heatcheck: stopped", err=True)
        sys.exit(130)
    except click.ClickException as error:  # a usage mistake: one line, like every other error
        click.echo(f"heatcheck: error: {error.format_message()}", err=True)
        sys.exit(1)
