"""``tracker serve`` answers over HTTP, as ``make run`` leaves it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import DEMO_CSV


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_answers_with_the_sign_in_page(tmp_path: Path) -> None:
    env = {**os.environ, "TRACKER_VAR_DIR": str(tmp_path / "var")}
    env.pop("TRACKER_DATABASE_URL", None)
    tracker = [sys.executable, "-m", "tracker.cli"]
    for args in (
        ["init"],
        ["campaign", "create", "2026", "--district", "某区", "--target", "350000"],
        ["import-projects", str(DEMO_CSV), "--campaign", "2026"],
    ):
        subprocess.run(tracker + args, env=env, check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen(
        tracker + ["serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        page = ""
        for _ in range(100):
            try:
                login = f"http://127.0.0.1:{port}/login"
                with urllib.request.urlopen(login, timeout=2) as response:
                    page = response.read().decode()
                break
            except OSError:
                time.sleep(0.1)
        assert '<html lang="zh-CN">' in page and "登录" in page
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
            assert response.url.endswith("/login?next=%2F")  # sign-in comes first
    finally:
        server.terminate()
        server.wait(timeout=10)
