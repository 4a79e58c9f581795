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


def test_definitions_validate():
    result = subprocess.run([str(BIN / "dagster"), "definitions", "validate", "-w", "workspace.yaml"],
                            cwd=PROJECT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_readme_ui_command_serves_the_asset_graph(tmp_path):
    port = _free_port()
    env = {**os.environ, "HEATCHECK_HOME": str(tmp_path / "home")}
    # `heatcheck ui` is the README's command: it runs `dagster dev` (webserver, daemon, code server).
    server = subprocess.Popen([str(BIN / "heatcheck"), "--home", str(tmp_path / "home"), "ui", "--port", str(port)],
                              cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    try:
        query = json.dumps({"query": "{ assetNodes { assetKey { path } groupName } }"}).encode()
        deadline = time.monotonic() + 240
        while True:
            try:
                request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", data=query,
                                                 headers={"Content-Type": "application/json"})
                with urllib.request.urlopen(request, timeout=10) as response:
                    nodes = json.load(response)["data"]["assetNodes"]
                if nodes:
                    break
            except (OSError, KeyError, TypeError):
                pass
            assert server.poll() is None, "heatcheck ui exited"
            assert time.monotonic() < deadline, "the Dagster UI did not answer in time"
            time.sleep(1)
        keys = {node["assetKey"]["path"][-1] for node in nodes}
        assert {"staged_exports", "message_sentiment", "message_labels", "ticket_labels", "ticket_metrics",
                "word_of_mouth_weekly", "weekly_report", "analyst_snapshot"} <= keys
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
