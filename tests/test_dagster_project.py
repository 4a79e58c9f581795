"""The Dagster project loads, validates, and its UI serves the asset graph."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import PROJECT

BIN = Path(sys.executable).parent
ASSET_GRAPH = """{ assetNodes { assetKey { path } groupName dependencyKeys { path }
    assetChecksOrError { ... on AssetChecks { checks { name } } } } }"""


def lineage(graph: dict, start: str, goal: str) -> list[str]:
    """The shortest chain of upstream dependencies from `start` back to `goal` (breadth first)."""
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        if node == goal:
            return paths[node]
        for upstream in (key["path"][-1] for key in graph[node]["dependencyKeys"]):
            if upstream not in paths:
                paths[upstream] = paths[node] + [upstream]
                queue.append(upstream)
    return []


def test_definitions_validate():
    result = subprocess.run(
        [str(BIN / "dagster"), "definitions", "validate", "-w", "workspace.yaml"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_readme_ui_command_serves_the_asset_graph(tmp_path):
    port = _free_port()
    env = {**os.environ, "HEATCHECK_HOME": str(tmp_path / "home")}
    # `heatcheck ui` is the README's command: it runs `dagster dev` (webserver, daemon, code server).
    server = subprocess.Popen(
        [str(BIN / "heatcheck"), "--home", str(tmp_path / "home"), "ui", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        query = json.dumps({"query": ASSET_GRAPH}).encode()
        deadline = time.monotonic() + 240
        while True:
            try:
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}/graphql", data=query, headers={"Content-Type": "application/json"}
                )
                with urllib.request.urlopen(request, timeout=10) as response:
                    nodes = json.load(response)["data"]["assetNodes"]
                if nodes:
                    break
            except (OSError, KeyError, TypeError):
                pass
            assert server.poll() is None, "heatcheck ui exited"
            assert time.monotonic() < deadline, "the Dagster UI did not answer in time"
            time.sleep(1)
        graph = {node["assetKey"]["path"][-1]: node for node in nodes}
        models = {path.stem for path in (PROJECT / "sql" / "models").rglob("*") if path.suffix in {".sql", ".py"}}
        assert models <= set(graph), "every dbt model is an asset of its own"
        assert {
            "staged_exports",
            "message_sentiment",
            "message_labels",
            "ticket_labels",
            "weekly_report",
            "analyst_snapshot",
        } <= set(graph)
        chain = lineage(graph, "weekly_report", "staged_exports")
        assert len(chain) == 4 and graph[chain[1]]["groupName"] == "marts" and chain[2].startswith("stg_"), chain
        assert "ticket_metrics" in lineage(graph, "practice_outcomes", "business_clock")
        assert lineage(graph, "practice_outcomes", "message_labels"), "the practices reach the mart from the labels"
        assert "practice_effect_features" in lineage(graph, "practice_effects", "ticket_metrics")
        checks = {
            node: {check["name"] for check in graph[node]["assetChecksOrError"]["checks"]}
            for node in graph
            if graph[node]["assetChecksOrError"].get("checks")
        }
        assert {
            "unique_ticket_metrics_ticket_id",
            "ticket_metrics_one_row_per_ticket",
            "first_update_not_before_creation",
            "business_minutes_within_calendar",
        } <= checks["ticket_metrics"]
        assert "weekly_totals_match_tickets" in checks["weekly_kpis"]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
