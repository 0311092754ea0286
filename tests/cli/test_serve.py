"""``tracker serve`` answers over HTTP: as ``make run`` leaves it, and as several workers."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import DEMO_CSV, TEST_SECRET

TRACKER = [sys.executable, "-m", "tracker.cli"]
SETUP = (
    ["init"],
    ["campaign", "create", "2026", "--district", "某区", "--target", "350000"],
    ["import-projects", str(DEMO_CSV), "--campaign", "2026"],
)
PG = os.environ.get("TRACKER_TEST_DATABASE_URL")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def run(env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        TRACKER + list(args), env=env, check=True, capture_output=True, text=True
    ).stdout


def get(url: str, token: str | None = None) -> tuple[int, bytes]:
    headers = {"Authorization": f"Bearer {token}", "Connection": "close"} if token else {}
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.read()


def wait_for(port: int) -> str:
    for _ in range(200):
        try:
            return get(f"http://127.0.0.1:{port}/login")[1].decode()
        except OSError:
            time.sleep(0.1)
    raise AssertionError("the server never answered")


@pytest.fixture
def sqlite_env(tmp_path: Path) -> dict[str, str]:
    env = {**os.environ, "TRACKER_VAR_DIR": str(tmp_path / "var")}
    env.pop("TRACKER_DATABASE_URL", None)
    return env


@pytest.fixture
def postgres_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A schema of this test's own on TRACKER_TEST_DATABASE_URL, dropped afterwards."""
    if not PG:
        pytest.skip("TRACKER_TEST_DATABASE_URL is not set")
    schema = f"tracker_serve_{os.getpid()}"
    engine = create_engine(PG)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in PG else "?"
    yield {
        **os.environ,
        "TRACKER_DATABASE_URL": f"{PG}{separator}options=-csearch_path%3D{schema}",
        "TRACKER_VAR_DIR": str(tmp_path / "var"),
        "TRACKER_SECRET_KEY": TEST_SECRET,  # the same for every worker
    }
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    engine.dispose()


def test_serve_answers_with_the_sign_in_page(sqlite_env: dict[str, str]) -> None:
    for args in SETUP:
        run(sqlite_env, *args)
    port = free_port()
    server = subprocess.Popen(
        TRACKER + ["serve", "--port", str(port), "--workers", "2"],
        env=sqlite_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        page = wait_for(port)
        assert '<html lang="zh-CN">' in page and "登录" in page
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
            assert response.url.endswith("/login?next=%2F")  # sign-in comes first
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=10)
    assert "SQLite 只适合单进程，--workers 2 已改为 1 个进程多线程" in output


def test_serve_refuses_a_store_not_yet_initialised(postgres_env: dict[str, str]) -> None:
    done = subprocess.run(
        TRACKER + ["serve", "--workers", "2", "--port", str(free_port())],
        env=postgres_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "数据库尚未初始化，请先运行 tracker init" in done.stderr


def worker_pids(server: int, count: int = 0) -> list[int]:
    """The server's child processes (its workers), waiting until there are ``count``."""
    for _ in range(300):
        children = Path(f"/proc/{server}/task/{server}/children").read_text().split()
        if len(children) >= count:
            break
        time.sleep(0.1)  # a worker boots after the first one already answers
    return sorted(int(pid) for pid in children)


def written(pid: int) -> int:
    """Bytes the process has written (sockets included): a worker that answered wrote some."""
    lines = Path(f"/proc/{pid}/io").read_text().splitlines()
    return int(next(line for line in lines if line.startswith("wchar:")).split()[1])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="gunicorn runs on Linux")
def test_two_gunicorn_workers_answer_the_api_on_postgresql(postgres_env: dict[str, str]) -> None:
    for args in SETUP:
        run(postgres_env, *args)
    run(postgres_env, "user", "add", "chengguan", "--role", "unit", "--unit", "区城管局")
    token = run(postgres_env, "user", "token", "chengguan").strip()
    port = free_port()
    server = subprocess.Popen(
        TRACKER + ["serve", "--port", str(port), "--workers", "2"],
        env=postgres_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for(port)
        workers = worker_pids(server.pid, 2)
        assert len(workers) == 2
        before = {pid: written(pid) for pid in workers}
        url = f"http://127.0.0.1:{port}/api/v1/projects"
        answers: list[tuple[int, bytes]] = []
        with ThreadPoolExecutor(8) as pool:
            for _ in range(25):  # the kernel may hand one worker a whole round: ask again
                answers += pool.map(lambda _: get(url, token), range(40))
                if all(written(pid) > before[pid] for pid in workers):
                    break
        assert {status for status, _ in answers} == {200}
        codes = {row["code"] for row in json.loads(answers[0][1])}
        assert codes and all(row["unit"] == "区城管局" for row in json.loads(answers[0][1]))
        assert all(written(pid) > before[pid] for pid in workers)  # both answered
        assert worker_pids(server.pid) == workers  # no worker died and was replaced
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert server.returncode == 0, output
    assert output.count("提醒由工作进程") == 1  # one scheduler, not one per worker
    assert "gunicorn：2 个工作进程" in output
