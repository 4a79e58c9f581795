"""Heatcheck benchmark: speed and memory as numbers, each next to the naive way in the same run.

    .venv/bin/python bench/benchmark.py              # about a million messages (make bench)
    .venv/bin/python bench/benchmark.py --quick      # about 100k messages, smaller samples
    .venv/bin/python bench/benchmark.py --messages 300000
    .venv/bin/python bench/benchmark.py --scale --messages 10000000   # the product alone, at scale

1. a year of synthetic history, deterministic: by default one flat canonical CSV of messages 5-80
   words long, about 42 on average and 90% distinct (bench/realistic_export.py); with
   `--texts demo` the demo's three desks and short texts (generate_demo_exports);
2. staging: read_batch + stage_all (Polars frames merged in bulk, a large file a part at a time)
   vs executemany row by row;
3. sentiment: each distinct text scored once vs one scoring call per message;
4. business minutes: business_minutes_between (vectorised) vs business_minutes in a loop;
5. the whole Dagster job on the history, then again after one more week of exports, then once
   more with nothing new: wall time, peak memory, and the cost of the week next to its size;
6. the naive notebook (bench/naive_notebook.py) on one flat CSV of the same messages, as a whole
   process beside the product's whole process: the end-to-end ratio.

The naive ways run on a sample and are reported in rows per second. The table goes to stdout
and, with every measurement, to bench/out/results.json.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import multiprocessing
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

import duckdb
import polars as pl
import psutil
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from heatcheck.demo import generate_demo_exports
from heatcheck.demo.scenarios import EXPORT_SHARES, build_tickets
from heatcheck.demo.writers import write_canonical
from heatcheck.labeling.playbook import load_playbook
from heatcheck.labeling.sentiment import SentimentRules, SentimentScorer
from heatcheck.metrics.business_time import BusinessSchedule, business_minutes, business_minutes_between
from heatcheck.metrics.settings import load_settings
from heatcheck.readers.batch import read_batch
from heatcheck.readers.model import MESSAGE_SCHEMA, conform
from heatcheck.staging import create_staging_tables, stage_all
from heatcheck.warehouse import Warehouse

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script: bench/ modules beside it
from naive_notebook import peak_rss_mb  # noqa: E402
from realistic_export import write_large_export, write_realistic_export  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
MESSAGES_PER_TICKET = 4.3  # what generate_demo_exports writes on average (measured)
HISTORY_WEEKS = 52
HISTORY_START = datetime.date(2025, 7, 7)  # a Monday; the new week starts the Monday after the history
WEEK_TICKET_NUMBERS_FROM = 10_000_000  # the new week's tickets are numbered apart from the history's
SIZES = {  # messages in the history, and the samples the naive ways run on
    "full": {
        "messages": 1_000_000,
        "write_sample": 20_000,
        "sentiment_sample": 30_000,
        "naive_sentiment_sample": 5_000,
        "business_sample": 20_000,
    },
    "quick": {
        "messages": 100_000,
        "write_sample": 5_000,
        "sentiment_sample": 10_000,
        "naive_sentiment_sample": 2_000,
        "business_sample": 5_000,
    },
}
STAGES = {  # step key: what a run after a new week redoes
    "staged_exports": "incremental: reads only files the ingest log does not know",
    "message_sentiment": "incremental: scores only texts never scored",
    "message_labels": "incremental: reads only messages never labelled",
    "ticket_labels": "incremental: relabels changed tickets (fingerprints every ticket in SQL)",
    "heatcheck_models": "REBUILDS every dbt model from all staging and labels, but parses only new promises",
    "weekly_report": "draws the latest week from the marts",
    "analyst_snapshot": "updates the previous copy: rewrites the changed messages' and tickets' rows",
}


def timed(function, *args, **kwargs):
    """(what function returned, seconds it took)."""
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - start


def say(text: str = "") -> None:
    print(text, flush=True)


def ratio(ours: float, naive: float) -> float:
    return ours / naive if naive else float("nan")


# --- 1. data -----------------------------------------------------------------------------------


def make_history(folder: Path, messages: int, texts: str) -> dict:
    tickets = max(100, round(messages / MESSAGES_PER_TICKET))
    if texts == "realistic":
        (path, _rows), seconds = timed(
            write_realistic_export, folder, tickets=tickets, weeks=HISTORY_WEEKS, start=HISTORY_START
        )
        paths = [path]
    else:
        paths, seconds = timed(
            generate_demo_exports, folder, seed=7, tickets=tickets, weeks=HISTORY_WEEKS, start=HISTORY_START
        )
    size_mb = sum(p.stat().st_size for p in paths) / 1e6
    say(
        f"1. history ({texts} texts): {tickets:,} tickets over {HISTORY_WEEKS} weeks from {HISTORY_START}, "
        f"{len(paths)} files, {size_mb:,.0f} MB, generated in {seconds:,.1f} s"
    )
    return {"tickets": tickets, "files": len(paths), "megabytes": size_mb, "generate_seconds": seconds}


def describe_texts(messages: pl.DataFrame) -> dict:
    """What the texts look like: words per message and the share of distinct texts."""
    bodies = messages["body"].drop_nulls()
    words = bodies.str.split(" ").list.len()
    shape = {
        "words_mean": words.mean(),
        "words_p5": words.quantile(0.05),
        "words_p95": words.quantile(0.95),
        "distinct_share": bodies.n_unique() / bodies.len(),
    }
    say(
        f"   texts: {shape['words_mean']:.0f} words on average (5th-95th percentile {shape['words_p5']:.0f}-"
        f"{shape['words_p95']:.0f}), {shape['distinct_share']:.0%} distinct"
    )
    return shape


def make_new_week(folder: Path, history_tickets: int, texts: str) -> Path:
    """One more week at the history's average volume, as a canonical export.

    Only the canonical writer takes the ticket numbers as ids; the Fivetran and Twitter writers
    number comments and tweets from fixed bases, which would collide with the history's.
    """
    week_start = HISTORY_START + datetime.timedelta(weeks=HISTORY_WEEKS)
    if texts == "realistic":  # the whole history is one canonical desk
        tickets = round(history_tickets / HISTORY_WEEKS)
        path, _rows = write_realistic_export(
            folder, tickets, weeks=1, start=week_start, seed=11, number_from=WEEK_TICKET_NUMBERS_FROM
        )
        return path
    tickets = round(history_tickets / HISTORY_WEEKS * 100 / EXPORT_SHARES["canonical"])
    built = [t for t in build_tickets(seed=11, tickets=tickets, weeks=1, start=week_start) if t.desk == "canonical"]
    renumbered = [replace(t, number=t.number + WEEK_TICKET_NUMBERS_FROM) for t in built]
    write_canonical(renumbered, folder, random.Random(12))
    return folder / "canonical" / "messages.parquet"


# --- 2. staging --------------------------------------------------------------------------------


def bench_staging(work: Path, history: Path, sample: int) -> tuple[dict, pl.DataFrame]:
    # A large file's parts are read as they are staged (stage_all), so reading is in both times.
    batch, read_seconds = timed(read_batch, [history], load_settings().timezone, {})
    started = time.perf_counter()
    with Warehouse(str(work / "staging_ours.duckdb")).transaction() as con:
        create_staging_tables(con)
        counts = stage_all(con, batch, datetime.datetime(2026, 1, 1))
    write_seconds = time.perf_counter() - started  # the commit included
    rows = counts["tickets"] + counts["messages"] + counts["status_changes"]
    with Warehouse(str(work / "staging_ours.duckdb")).connect() as con:
        messages = conform(
            con.sql("SELECT * FROM staging.messages ORDER BY source_record::BIGINT").pl(), MESSAGE_SCHEMA
        )

    sample_rows = messages.head(sample).rows()
    insert = (
        f"INSERT INTO staging.messages ({', '.join(MESSAGE_SCHEMA)}) VALUES ({', '.join('?' * len(MESSAGE_SCHEMA))})"
    )
    started = time.perf_counter()
    with Warehouse(str(work / "staging_naive.duckdb")).transaction() as con:  # one commit, not one per row
        create_staging_tables(con)
        con.executemany(insert, sample_rows)
    naive_seconds = time.perf_counter() - started

    ours, naive = rows / write_seconds, len(sample_rows) / naive_seconds
    say(
        f"2. staging: read_batch {read_seconds:,.1f} s + stage_all {write_seconds:,.1f} s for {rows:,} rows "
        f"({counts['messages']:,} messages, {counts['tickets']:,} tickets, {counts['status_changes']:,} status changes)"
    )
    say(
        f"   bulk MERGE (the three tables together) {ours:,.0f} rows/s; executemany INSERT {naive:,.0f} rows/s "
        f"on {len(sample_rows):,} messages -> {ratio(ours, naive):,.0f}x; "
        f"end to end with reading {rows / (read_seconds + write_seconds):,.0f} rows/s"
    )
    return {
        "rows": rows,
        **counts,
        "read_seconds": read_seconds,
        "stage_seconds": write_seconds,
        "naive_rows": len(sample_rows),
        "naive_seconds": naive_seconds,
        "ours_rows_per_second": ours,
        "naive_rows_per_second": naive,
    }, messages


# --- 3. sentiment ------------------------------------------------------------------------------


def bench_sentiment(messages: pl.DataFrame, sample: int, naive_sample: int) -> dict:
    texts = messages["body_clean"].fill_null("")
    ours_texts = texts.sample(min(sample, texts.len()), seed=1).to_list()
    naive_texts = ours_texts[:naive_sample]
    book = load_playbook()
    rules = SentimentRules.from_playbook(book.sentiment, book.path)
    scorer, build_seconds = timed(SentimentScorer, rules)
    plain = SentimentIntensityAnalyzer()

    _, ours_seconds = timed(scorer.score_texts, ours_texts)
    # Same scoring for every message, no dedupe and no batch. score_one is score_texts for one text;
    # calling score_texts([text]) per message would also pay for building a one-row frame each time.
    _, same_seconds = timed(lambda: [scorer.score_one(text) for text in naive_texts])
    _, plain_seconds = timed(lambda: [plain.polarity_scores(text) for text in naive_texts])

    ours = len(ours_texts) / ours_seconds
    same, vader = len(naive_texts) / same_seconds, len(naive_texts) / plain_seconds
    distinct = len(set(ours_texts)) / len(ours_texts)
    history_distinct = texts.n_unique() / texts.len()
    say(
        f"3. sentiment: {len(ours_texts):,} sampled messages, {distinct:.0%} distinct "
        f"(whole history: {history_distinct:.0%} of {texts.len():,})"
    )
    say(f"   ours, each distinct text once: {ours:,.0f} messages/s ({ours * distinct:,.0f} distinct texts/s)")
    say(
        f"   naive, same scorer per message: {same:,.0f}/s -> {ratio(ours, same):.1f}x; "
        f"plain VADER per message: {vader:,.0f}/s -> {ratio(ours, vader):.2f}x "
        f"(ours runs VADER twice, plain and with the playbook overlay)"
    )
    say(f"   building a scorer: {build_seconds * 1000:,.0f} ms, so never one per message")
    return {
        "messages": len(ours_texts),
        "distinct_share": distinct,
        "history_distinct_share": history_distinct,
        "ours_seconds": ours_seconds,
        "ours_messages_per_second": ours,
        "naive_messages": len(naive_texts),
        "same_scorer_per_message_per_second": same,
        "plain_vader_per_message_per_second": vader,
        "scorer_build_seconds": build_seconds,
    }


# --- 4. business minutes -----------------------------------------------------------------------


def bench_business_minutes(messages: pl.DataFrame, sample: int) -> dict:
    """Every wait between one message and the next in its ticket."""
    pairs = (
        messages.select("ticket_id", "created_at")
        .drop_nulls()
        .sort("ticket_id", "created_at")
        .select(start=pl.col("created_at"), end=pl.col("created_at").shift(-1).over("ticket_id"))
        .drop_nulls()
    )
    schedule = BusinessSchedule.from_settings(load_settings())
    minutes, ours_seconds = timed(business_minutes_between, pairs["start"], pairs["end"], schedule)
    few = pairs.with_columns(vectorised=minutes).sample(min(sample, pairs.height), seed=2)
    looped, naive_seconds = timed(
        lambda: [business_minutes(s, e, schedule) for s, e in zip(few["start"].to_list(), few["end"].to_list())]
    )
    difference = (few["vectorised"] - pl.Series(looped)).abs().max()

    ours, naive = pairs.height / ours_seconds, few.height / naive_seconds
    say(
        f"4. business minutes: vectorised {pairs.height:,} pairs in {ours_seconds:.2f} s = {ours:,.0f} pairs/s; "
        f"loop {naive:,.0f} pairs/s on {few.height:,} -> {ratio(ours, naive):,.0f}x "
        f"(largest difference {difference:.2g} min)"
    )
    return {
        "pairs": pairs.height,
        "ours_seconds": ours_seconds,
        "ours_pairs_per_second": ours,
        "naive_pairs": few.height,
        "naive_seconds": naive_seconds,
        "naive_pairs_per_second": naive,
        "largest_difference_minutes": difference,
    }


# --- 5. the Dagster job ------------------------------------------------------------------------


class MemorySampler(threading.Thread):
    """Memory of this process and its children (worker pools) every 50 ms, to tell which step the
    peak belongs to.

    Each process counts its proportional set size (PSS): pages two processes share count half in
    each. A plain sum of RSS counts them twice, and a worker being spawned is, for an instant
    before it execs, a fork holding all of its parent's pages: the sum then read 3.1 GB for a
    job whose processes held 2.3 GB between them.
    """

    def __init__(self):
        super().__init__(daemon=True)
        self.samples: list[tuple[float, int]] = []  # (time.time(), bytes)
        self.stopping = threading.Event()

    def run(self) -> None:
        me = psutil.Process()
        while not self.stopping.wait(0.05):
            total = 0
            for process in [me, *me.children(recursive=True)]:
                with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):  # a worker may end meanwhile
                    total += process.memory_full_info().pss
            self.samples.append((time.time(), total))

    def peak_mb(self, start: float, end: float) -> float:
        return max((rss for at, rss in self.samples if start <= at <= end), default=0) / 1e6


def run_job(home: str, answer: str) -> None:
    """In a fresh process: the pipeline's three runs in process (as the command line and
    tests/conftest.py run them), timed per step."""
    from dagster import DagsterEventType, DagsterInstance

    from pipelines.definitions import build_definitions
    from pipelines.runs import ingest_label_measure

    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # DuckDB's progress bars, nothing else
    definitions = build_definitions(home)
    rss_before = psutil.Process().memory_info().rss
    quiet = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}  # the table, not the event log
    sampler = MemorySampler()
    sampler.start()
    with DagsterInstance.ephemeral() as instance:

        def execute(job_name: str, config: dict, tags: dict[str, str]):
            job = definitions.resolve_job_def(job_name)
            return job.execute_in_process(run_config={**quiet, **config}, instance=instance, tags=tags)

        results, seconds = timed(ingest_label_measure, execute, {})
        sampler.stopping.set()
        began, ended = {}, {}
        for result in (result for result in results if result is not None):  # no labels' run: nothing to label
            began |= {
                entry.step_key: entry.timestamp
                for entry in instance.all_logs(result.run_id, of_type=DagsterEventType.STEP_START)
            }
            ended |= {
                entry.step_key: entry.timestamp
                for entry in instance.all_logs(result.run_id, of_type=DagsterEventType.STEP_SUCCESS)
            }
    steps = {
        step: {"seconds": ended[step] - began[step], "peak_memory_mb": sampler.peak_mb(began[step], ended[step])}
        for step in ended
    }
    Path(answer).write_text(
        json.dumps(
            {
                "seconds": seconds,
                "steps": steps,
                "rss_before_mb": rss_before / 1e6,
                # This process's exact peak, imports included; the samples add worker processes a
                # step may start.
                "peak_memory_mb": max(peak_rss_mb(), sampler.peak_mb(0, time.time())),
            }
        )
    )


def timed_job(home: Path, answer: Path) -> dict:
    """Run the job in a new process, so its peak memory is the job's and not this script's."""
    process = multiprocessing.get_context("spawn").Process(target=run_job, args=(str(home), str(answer)))
    started = time.perf_counter()
    process.start()
    process.join()
    process_seconds = time.perf_counter() - started
    if process.exitcode != 0:
        raise SystemExit(f"the pipeline run failed (exit code {process.exitcode}); see the log above")
    outcome = json.loads(answer.read_text())
    outcome["process_seconds"] = process_seconds  # imports and Definitions included, as a user waits
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        outcome["staged_messages"] = con.execute("SELECT count(*) FROM staging.messages").fetchone()[0]
    return outcome


def messages_loaded_from(home: Path, export: Path) -> int:
    """What the ingest log says one messages file loaded."""
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        return con.execute("SELECT loaded FROM staging.ingest_log WHERE file = ?", [str(export)]).fetchone()[0]


def bench_scale(messages: int, history: Path | None) -> None:
    """The product's whole job on a history of `messages`, nothing beside it: time and peak memory."""
    wanted = f"{messages:,} messages wanted" if history is None else f"the history in {history}"
    say(f"Heatcheck at scale: {wanted}; {psutil.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="heatcheck-scale-") as tmp:
        work = Path(tmp)
        home = work / "home"
        inbox = home / "inbox" / "history"
        if history is None:
            tickets = round(messages / MESSAGES_PER_TICKET)
            (path, rows), seconds = timed(
                write_large_export, inbox, tickets=tickets, weeks=HISTORY_WEEKS, start=HISTORY_START
            )
            say(f"1. history: {rows:,} messages, {path.stat().st_size / 1e6:,.0f} MB, generated in {seconds:,.0f} s")
        else:
            inbox.mkdir(parents=True)
            (inbox / "messages.csv").symlink_to(history.resolve())
            say(f"1. history: {history} ({history.stat().st_size / 1e6:,.0f} MB)")
        full = timed_job(home, work / "full_run.json")
    say(
        f"2. whole job: {full['process_seconds']:,.0f} s as a process ({full['seconds']:,.0f} s in the job), "
        f"{full['staged_messages']:,} messages staged, peak memory {full['peak_memory_mb']:,.0f} MB "
        "(the job process's own peak or its processes' PSS sum, whichever is larger)"
    )
    say(f"   {'step':<18} {'s':>7} {'share':>5} {'messages/s':>10} {'peak MB':>7}")
    for step in STAGES:
        a = full["steps"][step]
        say(
            f"   {step:<18} {a['seconds']:>7.1f} {a['seconds'] / full['seconds']:>5.0%} "
            f"{full['staged_messages'] / a['seconds']:>10,.0f} {a['peak_memory_mb']:>7,.0f}"
        )
    OUT.mkdir(exist_ok=True)
    (OUT / "scale.json").write_text(json.dumps(full, indent=2, default=str))


def bench_pipeline(work: Path, home: Path, history_messages: int, history_tickets: int, texts: str) -> dict:
    full = timed_job(home, work / "full_run.json")
    week_file = make_new_week(home / "inbox" / "week", history_tickets, texts)
    scan = pl.scan_csv if week_file.suffix == ".csv" else pl.scan_parquet
    week_messages = scan(week_file).select(pl.len()).collect().item()
    week = timed_job(home, work / "week_run.json")
    idle = timed_job(home, work / "idle_run.json")
    new_messages = week["staged_messages"] - full["staged_messages"]
    # Loaded from the week's file yet not new in staging: merged into a history message of the same id.
    collided = messages_loaded_from(home, week_file.resolve()) - new_messages

    size_ratio, time_ratio = week_messages / history_messages, week["seconds"] / full["seconds"]
    say("5. pipeline (job time without imports; memory with any worker processes the job starts)")
    say(
        f"   full history: {full['seconds']:,.1f} s, peak memory {full['peak_memory_mb']:,.0f} MB "
        f"({full['rss_before_mb']:,.0f} MB after imports), {full['staged_messages']:,} messages staged"
    )
    say(
        f"   + one week ({week_messages:,} messages in one canonical export, {new_messages:,} new in staging, "
        f"{collided:,} with an id the history had): {week['seconds']:,.1f} s, peak memory {week['peak_memory_mb']:,.0f} MB"
    )
    say(f"   week/full: time {time_ratio:.1%} vs size {size_ratio:.1%}")
    say(
        f"   + nothing new: {idle['seconds']:,.1f} s = {idle['seconds'] / full['seconds']:.1%} of the full run, "
        f"{idle['staged_messages'] - week['staged_messages']:,} messages staged"
    )
    say(
        f"   {'step':<18} {'full s':>7} {'share':>5} {'peak MB':>7} {'week s':>7} {'share':>5} {'peak MB':>7} "
        f"{'week/full':>9}  what a new week redoes"
    )
    for step, what in STAGES.items():
        a, b = full["steps"][step], week["steps"][step]
        say(
            f"   {step:<18} {a['seconds']:>7.1f} {a['seconds'] / full['seconds']:>5.0%} {a['peak_memory_mb']:>7,.0f} "
            f"{b['seconds']:>7.1f} {b['seconds'] / week['seconds']:>5.0%} {b['peak_memory_mb']:>7,.0f} "
            f"{ratio(b['seconds'], a['seconds']):>9.0%}  {what}"
        )
    return {
        "full": full,
        "week": week,
        "idle": idle,
        "week_messages": week_messages,
        "week_messages_staged": new_messages,
        "week_messages_with_history_ids": collided,
        "size_ratio": size_ratio,
        "time_ratio": time_ratio,
    }


# --- 6. the naive notebook ---------------------------------------------------------------------


def write_flat_csv(messages: pl.DataFrame, path: Path) -> Path:
    """The history's messages as the one flat CSV an analyst would export for a notebook."""
    messages.select("message_id", "ticket_id", "author_role", "created_at", "body").write_csv(path)
    return path


def bench_notebook(work: Path, csv: Path) -> dict:
    """The notebook as a whole process (imports included), with its own peak memory."""
    script = Path(__file__).resolve().parent / "naive_notebook.py"
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(script), str(csv), str(work / "notebook")], capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"the naive notebook failed:\n{done.stderr}")
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    outcome["process_seconds"] = seconds
    cells = ", ".join(f"{cell} {secs:,.1f} s" for cell, secs in outcome["cells"].items())
    say(
        f"6. naive notebook on {outcome['rows']:,} messages ({csv.stat().st_size / 1e6:,.0f} MB flat CSV): "
        f"{seconds:,.1f} s as a process, peak memory {outcome['peak_memory_mb']:,.0f} MB ({cells})"
    )
    return outcome


# --- the table ---------------------------------------------------------------------------------


def summary(staging: dict, sentiment: dict, business: dict, pipeline: dict, notebook: dict) -> list[dict]:
    """The table's rows: ours, the naive way (or, for the new week, the full run), their ratio."""
    full, week = pipeline["full"], pipeline["week"]
    rows = [
        ("staging write, rows/s", staging["ours_rows_per_second"], staging["naive_rows_per_second"]),
        (
            "sentiment, msgs/s vs same scorer each",
            sentiment["ours_messages_per_second"],
            sentiment["same_scorer_per_message_per_second"],
        ),
        (
            "sentiment, msgs/s vs plain VADER each",
            sentiment["ours_messages_per_second"],
            sentiment["plain_vader_per_message_per_second"],
        ),
        ("business minutes, pairs/s", business["ours_pairs_per_second"], business["naive_pairs_per_second"]),
        ("pipeline full history, s", full["seconds"], None),
        ("pipeline full history, peak memory MB", full["peak_memory_mb"], None),
        ("pipeline +1 week, s (vs full run)", week["seconds"], full["seconds"]),
        ("pipeline +1 week, peak memory MB", week["peak_memory_mb"], None),
        ("week size, messages (vs history)", pipeline["week_messages"], full["staged_messages"]),
        ("pipeline nothing new, s (vs full run)", pipeline["idle"]["seconds"], full["seconds"]),
        ("whole process, s (vs naive notebook)", full["process_seconds"], notebook["process_seconds"]),
        ("whole process, peak memory MB (vs notebook)", full["peak_memory_mb"], notebook["peak_memory_mb"]),
    ]
    return [
        {"what": what, "ours": ours, "naive": naive, "ratio": None if naive is None else ratio(ours, naive)}
        for what, ours, naive in rows
    ]


def print_table(rows: list[dict]) -> None:
    say(f"\n{'what':<38} {'ours':>12} {'naive':>12} {'ratio':>8}")
    for row in rows:
        naive = "" if row["naive"] is None else f"{row['naive']:,.0f}"
        shown = (
            "" if row["ratio"] is None else f"{row['ratio']:,.0f}x" if row["ratio"] >= 10 else f"{row['ratio']:.3g}x"
        )
        say(f"{row['what']:<38} {row['ours']:>12,.0f} {naive:>12} {shown:>8}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="about 100k messages and smaller samples")
    parser.add_argument("--messages", type=int, help="messages in the synthetic history")
    parser.add_argument(
        "--texts",
        choices=("realistic", "demo"),
        default="realistic",
        help="realistic: one flat canonical CSV, 5-80 words a message, about 90%% distinct (the yardstick); "
        "demo: the demo's three desks and short texts",
    )
    parser.add_argument(
        "--scale",
        action="store_true",
        help="only the product's whole job on the history, for sizes the naive ways would take hours at "
        "(e.g. --scale --messages 10000000): time and peak memory per step",
    )
    parser.add_argument(
        "--history", type=Path, help="with --scale: a flat canonical CSV made before, instead of one generated now"
    )
    args = parser.parse_args()
    if args.scale:
        bench_scale(args.messages or 10_000_000, args.history)
        return
    sizes = dict(SIZES["quick" if args.quick else "full"])
    sizes["messages"] = args.messages or sizes["messages"]
    say(
        f"Heatcheck benchmark, {sizes['messages']:,} messages wanted; {psutil.cpu_count()} cores, "
        f"load average {psutil.getloadavg()[0]:.1f}"
    )

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="heatcheck-bench-") as tmp:
        work = Path(tmp)
        home = work / "home"
        history = home / "inbox" / "history"
        data = make_history(history, sizes["messages"], args.texts)
        staging, messages = bench_staging(work, history, sizes["write_sample"])
        data["texts"] = {"kind": args.texts, **describe_texts(messages)}
        sentiment = bench_sentiment(messages, sizes["sentiment_sample"], sizes["naive_sentiment_sample"])
        business = bench_business_minutes(messages, sizes["business_sample"])
        flat_csv = write_flat_csv(messages, work / "messages.csv")
        del messages
        pipeline = bench_pipeline(work, home, staging["messages"], data["tickets"], args.texts)
        notebook = bench_notebook(work, flat_csv)
        say(
            f"   end to end: product {pipeline['full']['process_seconds']:,.1f} s vs notebook "
            f"{notebook['process_seconds']:,.1f} s -> the product takes "
            f"{ratio(pipeline['full']['process_seconds'], notebook['process_seconds']):.2f}x the notebook's time"
        )

    table = summary(staging, sentiment, business, pipeline, notebook)
    print_table(table)
    OUT.mkdir(exist_ok=True)
    results = {
        "sizes": sizes,
        "data": data,
        "staging": staging,
        "sentiment": sentiment,
        "business_minutes": business,
        "pipeline": pipeline,
        "notebook": notebook,
        "table": table,
        "total_seconds": time.perf_counter() - started,
    }
    (OUT / "results.json").write_text(json.dumps(results, indent=2, default=str))
    say(f"\nwhole benchmark {results['total_seconds']:,.0f} s; results in {OUT / 'results.json'}")


if __name__ == "__main__":
    main()
