"""Practice effects on the Customer Support on Twitter threads: adjusted beside one at a time.

    python bench/practice_effects_twitter.py [--csv ../shared/data/twcs_head_threads/twcs_head_threads.csv]
                                             [--home /tmp/twcs]

Ingests the threads as a Twitter export into a fresh Heatcheck home (`heatcheck --home ... ingest`,
the whole pipeline), reads the answered complaints the dbt project prepared
(intermediate.practice_effect_features), fits them with the library the practice_effects mart
uses, and prints for every practice, over all companies together, the one-at-a-time shares and
their difference beside the adjusted effect and its 95% interval, or why it is too thin.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import polars as pl

from heatcheck.home import Home
from heatcheck.metrics.practice_effects import practice_effects
from heatcheck.user_files import settings
from reports.formatting import points, points_interval, share

PROJECT = Path(__file__).resolve().parents[1]
TWITTER_THREADS = PROJECT.parent / "shared" / "data" / "twcs_head_threads" / "twcs_head_threads.csv"
HEATCHECK = Path(sys.executable).with_name("heatcheck")


def ingest(csv: Path, home: Path) -> None:
    """The threads through the whole pipeline, as a user runs it."""
    done = subprocess.run([str(HEATCHECK), "--home", str(home), "ingest", str(csv)], capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"heatcheck ingest failed:\n{done.stderr}")


def effects_of(home: Path) -> pl.DataFrame:
    """The all-companies effects, fitted by the library on the complaints the pipeline prepared."""
    with duckdb.connect(str(Home.at(home).snapshot), read_only=True) as con:
        complaints = con.table("intermediate.practice_effect_features").pl()
    found = practice_effects(complaints, settings(Home.at(home)).practice_effects)
    return found.filter(pl.col("scope") == "all").sort(
        "used_in", "outcome", "practice", descending=[True, False, False]
    )


def table(effects: pl.DataFrame) -> str:
    """One block per place and outcome, one line per practice."""
    lines = []
    for (used_in, outcome), block in effects.group_by("used_in", "outcome", maintain_order=True):
        first = block.row(0, named=True)
        lines += [
            "",
            f"{outcome.replace('_', '-')}, practice {'in the first reply' if used_in == 'first_reply' else 'anywhere'}"
            f" ({first['complaints']} answered complaints)",
            f"  {'practice':<18} {'with':>5} {'rate with':>10} {'without':>8} {'raw diff':>9}   "
            "adjusted (95% interval)",
        ]
        for row in block.iter_rows(named=True):
            adjusted = (
                f"{points(row['effect'])} ({points_interval(row['effect_low'], row['effect_high'])})"
                if row["enough_data"]
                else row["too_thin"]
            )
            lines.append(
                f"  {row['practice']:<18} {row['complaints_with']:>5} {share(row['raw_rate_with']):>10} "
                f"{share(row['raw_rate_without']):>8} {points(row['raw_difference']):>9}   {adjusted}"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=TWITTER_THREADS, help="a Twitter (TWCS) export")
    parser.add_argument("--home", type=Path, help="the Heatcheck home to build (default: a temporary one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        home = args.home or Path(scratch) / "home"
        ingest(args.csv, home)
        effects = effects_of(home)
    print(f"Practice effects on {args.csv.name}, all companies together")
    print(f"model: {effects.filter(pl.col('enough_data'))['model'].first() or effects['model'].first()}")
    print(table(effects))


if __name__ == "__main__":
    main()
