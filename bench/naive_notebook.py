"""The naive notebook a CX analyst would write, as the benchmark's yardstick for the whole product.

One flat CSV of messages (message_id, ticket_id, author_role, created_at, body): Polars reads it,
vaderSentiment scores every row, DuckDB holds the table, one SQL gives the median first reply and
the weekly complaints (tickets whose first customer message is negative), one Plotly page shows
them. No dedupe, no overlay, no labels, no quarantine: the obvious script.

    .venv/bin/python bench/naive_notebook.py messages.csv out_folder
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

import duckdb
import plotly.express as px
import polars as pl
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

WEEKLY = """
WITH firsts AS (
    SELECT
        ticket_id,
        min(created_at) FILTER (WHERE author_role = 'customer') AS asked_at,
        min(created_at) FILTER (WHERE author_role = 'agent') AS answered_at,
        arg_min(compound, created_at) FILTER (WHERE author_role = 'customer') AS opening_compound
    FROM messages
    GROUP BY ticket_id
)
SELECT
    date_trunc('week', asked_at) AS week,
    median(date_diff('minute', asked_at, answered_at)) AS median_first_reply_minutes,
    count(*) FILTER (WHERE opening_compound <= -0.05) AS complaints
FROM firsts
WHERE asked_at IS NOT NULL
GROUP BY week
ORDER BY week
"""


def notebook(csv: Path, out: Path) -> dict:
    """Run the notebook's cells in order; the seconds of each, and the weeks it found."""
    seconds = {}
    started = time.perf_counter()
    messages = pl.read_csv(csv, try_parse_dates=True)
    seconds["read_csv"] = time.perf_counter() - started

    started = time.perf_counter()
    analyser = SentimentIntensityAnalyzer()
    compound = [analyser.polarity_scores(body or "")["compound"] for body in messages["body"].to_list()]
    messages = messages.with_columns(compound=pl.Series(compound))
    seconds["vader_per_row"] = time.perf_counter() - started

    started = time.perf_counter()
    with duckdb.connect(str(out / "notebook.duckdb")) as con:
        con.register("frame", messages.to_arrow())
        con.execute("CREATE OR REPLACE TABLE messages AS SELECT * FROM frame")
        weekly = con.sql(WEEKLY).pl()
    seconds["duckdb"] = time.perf_counter() - started

    started = time.perf_counter()
    figure = px.line(weekly, x="week", y=["median_first_reply_minutes", "complaints"], title="Support, weekly")
    figure.write_html(out / "notebook.html", include_plotlyjs=True)
    seconds["plotly"] = time.perf_counter() - started
    return {"rows": messages.height, "weeks": weekly.height, "cells": seconds}


def peak_rss_mb() -> float:
    """This process's own peak RSS (VmHWM). Not ru_maxrss: Linux carries a parent's peak into a
    child across fork and exec, so a process the benchmark starts would report the benchmark's."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024 / 1e6  # kB
    except OSError:  # not Linux
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6


def main() -> None:
    csv, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    outcome = notebook(csv, out)
    outcome["seconds"] = time.perf_counter() - started
    outcome["peak_memory_mb"] = peak_rss_mb()
    print(json.dumps(outcome))


if __name__ == "__main__":
    main()
