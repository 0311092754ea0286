"""A real server in a thread and Debian's Chromium driven by Playwright (no browser download)."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tracker.application.app import TrackerApp
from tracker.config import Settings
from tracker.web import create_app

CHROMIUM = "/usr/bin/chromium"
# Flags for a closed network: no background calls home, no first-run work.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """Browser tests run on SQLite only; the storage tests cover PostgreSQL."""
    return f"sqlite:///{tmp_path / 'tracker.db'}"


@pytest.fixture
def server(campaign: TrackerApp, settings: Settings) -> Iterator[str]:
    app = create_app(settings)
    http = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{http.server_port}"
    http.shutdown()
    app.extensions["tracker"].close()


@pytest.fixture(scope="session")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    if not os.path.exists(CHROMIUM):
        pytest.fail("Debian chromium is missing: make test installs it (apt-get install chromium)")
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    """Where screenshots go: TRACKER_SCREENSHOTS (docs/screenshots) or a temporary folder."""
    folder = Path(os.environ.get("TRACKER_SCREENSHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
