"""The one place that builds the tracker: its store, its files and the application over them.

Nothing creates engines or applications at import time; the web app factory,
the command line and the tests all call ``bootstrap``.
"""

from __future__ import annotations

from pathlib import Path

from tracker.application.app import TrackerApp
from tracker.application.files import FileStore
from tracker.application.reminders.senders import Outbound
from tracker.application.store import Store
from tracker.config import Settings

SQLITE = "sqlite:///"
#: how long a reader waits for a writer on SQLite (a rebuild holds the lock) before it errs
SQLITE_WAIT_SECONDS = 60


def bootstrap(settings: Settings, init_schema: bool = False) -> TrackerApp:
    """Build the application for ``settings``; optionally create the schema."""
    url = settings.database_url
    on_disk = url.startswith(SQLITE) and ":memory:" not in url
    if on_disk:
        url = private_sqlite(url)
    store = Store(url, settings.chain_hash)
    if init_schema:
        store.init_schema()
        if on_disk:
            database_file(url).chmod(0o600)
    outbound = Outbound(settings.base_url, settings.smtp_url, settings.mail_from)
    return TrackerApp(store, FileStore(settings.files_dir), outbound)


def private_sqlite(url: str) -> str:
    """The SQLite file's folder made only for its owner (0700); readers wait out a writer."""
    folder = database_file(url).parent
    if not folder.exists():
        folder.mkdir(mode=0o700, parents=True)
    if "timeout=" in url:
        return url
    return f"{url}{'&' if '?' in url else '?'}timeout={SQLITE_WAIT_SECONDS}"


def database_file(url: str) -> Path:
    return Path(url.removeprefix(SQLITE).split("?", 1)[0])
