"""A real server in a thread and Debian's Chromium driven by Playwright (no browser download)."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.conftest import SHANGHAI, TEST_SECRET, registered
from tracker.application.app import TrackerApp
from tracker.bootstrap import bootstrap
from tracker.cli.demo import DemoUser, load_demo
from tracker.config import Settings
from tracker.domain.clock import clock
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


def on_the_demo(request: pytest.FixtureRequest) -> bool:
    """True for a test marked ``demo``: it runs on a copy of the demo year."""
    return request.node.get_closest_marker("demo") is not None


@pytest.fixture
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Browser tests run on SQLite only (the storage tests cover PostgreSQL): a fresh file,
    or for a test marked ``demo`` a copy of the demo year."""
    if on_the_demo(request):
        return request.getfixturevalue("demo_copy")
    return f"sqlite:///{tmp_path / 'tracker.db'}"


#: the demo's clock: 24 Nov 2026, 12:00 Shanghai time
NOON = (2026, 11, 24, 12, 0)


@dataclass(frozen=True)
class DemoSnapshot:
    """The demo year loaded once per test run, to be copied for each test that wants it."""

    folder: Path
    users: dict[str, DemoUser]


@pytest.fixture(scope="session")
def demo_snapshot(tmp_path_factory: pytest.TempPathFactory) -> DemoSnapshot:
    folder = tmp_path_factory.mktemp("demo-snapshot")
    url = f"sqlite:///{folder / 'tracker.db'}"
    app = bootstrap(Settings(url, folder / "files", TEST_SECRET), init_schema=True)
    try:
        with clock.frozen(datetime(*NOON, tzinfo=SHANGHAI)):
            users = load_demo(app, date(2026, 11, 24))
    finally:
        app.close()
    return DemoSnapshot(folder, {user.name: user for user in users})


@pytest.fixture
def demo_copy(tmp_path: Path, demo_snapshot: DemoSnapshot) -> str:
    """A fresh copy of the demo store for one test; a module that wants it overrides
    ``database_url`` with it. Seconds saved per test: the demo is loaded once."""
    for path in demo_snapshot.folder.glob("tracker.db*"):
        shutil.copy(path, tmp_path / path.name)
    shutil.copytree(demo_snapshot.folder / "files", tmp_path / "files", dirs_exist_ok=True)
    return f"sqlite:///{tmp_path / 'tracker.db'}"


@pytest.fixture
def users(demo_snapshot: DemoSnapshot, frozen) -> dict[str, DemoUser]:  # type: ignore[no-untyped-def]
    """The demo's users, by name, with the clock at the demo's noon."""
    frozen(*NOON)
    return demo_snapshot.users


@pytest.fixture
def campaign(request: pytest.FixtureRequest, app: TrackerApp, frozen) -> TrackerApp:  # type: ignore[no-untyped-def]
    """On the demo: the demo year as loaded (its users' clock set); else the bare campaign."""
    if on_the_demo(request):
        request.getfixturevalue("users")
        return app
    return registered(app)


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
