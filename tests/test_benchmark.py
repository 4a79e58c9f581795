"""The benchmark script runs: a smoke run at a tiny size, so `make bench` cannot rot unnoticed.

It times nothing and asserts no speed: the numbers are for people, printed by `make bench`.
"""

import subprocess
import sys

from tests.conftest import PROJECT


def test_the_benchmark_runs_end_to_end_at_a_tiny_size():
    result = subprocess.run(
        [sys.executable, str(PROJECT / "bench" / "benchmark.py"), "--quick", "--messages", "3000"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    assert "whole benchmark" in result.stdout and "results in" in result.stdout
    # the yardstick and the idle rerun are in the same run as the product
    assert "6. naive notebook on" in result.stdout and "+ nothing new:" in result.stdout
    assert "the product takes" in result.stdout
