"""Shared fixtures: the storage back ends, a fresh application, a frozen clock.

Storage tests take ``app`` and run once on an SQLite file and, when
TRACKER_TEST_DATABASE_URL is set, once more on PostgreSQL. A set but
unreachable PostgreSQL fails the tests; it never skips them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from argon2 import PasswordHasher, profiles
from sqlalchemy import create_engine, text

from tracker.application import security
from tracker.application.app import TrackerApp
from tracker.application.commands.users import unknown_hash
from tracker.bootstrap import bootstrap
from tracker.config import Settings
from tracker.domain.clock import clock

SHANGHAI = ZoneInfo("Asia/Shanghai")
TEST_SECRET = "test-secret-of-at-least-thirty-two-bytes"
DEMO_CSV = Path(__file__).parent.parent / "tracker" / "cli" / "demo_data" / "projects-2026.csv"


def backends() -> list[str]:
    return ["sqlite", "postgresql"] if os.environ.get("TRACKER_TEST_DATABASE_URL") else ["sqlite"]


def postgres_url_for_this_process(url: str) -> tuple[str, str]:
    """The test database with a schema of this process's own on the search path.

    Test processes running at once (xdist workers, two checkouts) never see
    each other's tables.
    """
    schema = f"tracker_test_{os.getpid()}"
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options=-csearch_path%3D{schema}", schema


def reset_postgres(url: str, schema: str) -> None:
    """Drop this process's schema and make it anew, so each test starts empty."""
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
            connection.execute(text(f"CREATE SCHEMA {schema}"))
    except Exception as error:  # a set URL must work: fail, never skip
        pytest.fail(f"TRACKER_TEST_DATABASE_URL is set but unusable: {error}")
    finally:
        engine.dispose()


@pytest.fixture(params=backends())
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'tracker.db'}"
    url, schema = postgres_url_for_this_process(os.environ["TRACKER_TEST_DATABASE_URL"])
    reset_postgres(url, schema)
    return url


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(database_url=database_url, files_dir=tmp_path / "files", secret_key=TEST_SECRET)


@pytest.fixture
def app(settings: Settings) -> Iterator[TrackerApp]:
    application = bootstrap(settings, init_schema=True)
    yield application
    application.close()


@pytest.fixture
def frozen() -> Iterator[callable]:
    """Freeze the clock; call the fixture with a Shanghai wall time to move it."""

    def move(*args: int) -> datetime:
        moment = datetime(*args, tzinfo=SHANGHAI)
        clock.set(moment)
        return moment

    move(2026, 1, 5, 9, 0)
    yield move
    clock.set(None)


@pytest.fixture
def campaign(app: TrackerApp, frozen: callable) -> TrackerApp:
    """The app with the 2026 campaign and the 39 demo projects registered on 5 Jan."""
    return registered(app)


def registered(app: TrackerApp) -> TrackerApp:
    """``app`` with the 2026 campaign and the 39 demo projects of the 附件1 list."""
    app.campaigns.create(2026, "某区", "350000", "cli:test")
    app.project_lists.import_file(2026, DEMO_CSV.read_bytes(), "cli:test")
    return app


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashes() -> Iterator[None]:
    """argon2id at its cheapest: the tests hash and check thousands of passwords.

    Hashes carry their parameters, so checking one made at the real cost still works;
    ``tests/application/commands/test_users.py`` checks that the real cost is the default.
    """
    real = security.HASHER
    security.HASHER = PasswordHasher.from_parameters(profiles.CHEAPEST)
    yield
    security.HASHER = real


@pytest.fixture
def real_password_hashes() -> Iterator[None]:
    """The application's own argon2id cost, for a test that times it: ask for it first."""
    cheap = security.HASHER
    security.HASHER = PasswordHasher()
    unknown_hash.cache_clear()
    yield
    security.HASHER = cheap
    unknown_hash.cache_clear()


@pytest.fixture(scope="session", autouse=True)
def drop_this_process_postgres_schema() -> Iterator[None]:
    yield
    if os.environ.get("TRACKER_TEST_DATABASE_URL"):
        url, schema = postgres_url_for_this_process(os.environ["TRACKER_TEST_DATABASE_URL"])
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        engine.dispose()
