"""The Dagster project loads, validates, and its UI serves the asset graph."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import PROJECT

BIN = Path(sys.executable).parent


def test_definitions_validate():
    result = subprocess.run([str(BIN / "dagster"), "definitions", "validate", "-w", "workspace.yaml"],
                            cwd=PROJECT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_ui_serves_the_asset_graph(tmp_path):
    port = _free_port()
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path), "HEATCHECK_HOME": str(tmp_path / "home")}
    server = subprocess.Popen(
        [str(BIN / "dagster-webserver"), "-w", "workspace.yaml", "-h", "127.0.0.1", "-p", str(port)],
        cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        query = json.dumps({"query": "{ assetNodes { assetKey { path } groupName } }"}).encode()
        deadline = time.monotonic() + 180
        while True:
            try:
                request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", data=query,
                                                 headers={"Content-Type": "application/json"})
                with urllib.request.urlopen(request, timeout=10) as response:
                    nodes = json.load(response)["data"]["assetNodes"]
                if nodes:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the webserver did not answer in time"
            time.sleep(1)
        keys = {node["assetKey"]["path"][-1] for node in nodes}
        assert {"staged_exports", "message_sentiment", "message_labels", "ticket_labels", "ticket_metrics",
                "word_of_mouth_weekly", "weekly_report", "analyst_snapshot"} <= keys
    finally:
        server.terminate()
        server.wait(timeout=30)
