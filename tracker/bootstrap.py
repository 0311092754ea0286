"""The one place that builds the tracker: its store, its files and the application over them.

Nothing creates engines or applications at import time; the web app factory,
the command line and the tests all call ``bootstrap``.
"""

from __future__ import annotations

from pathlib import Path

from tracker.application.app import TrackerApp
from tracker.application.files import FileStore
from tracker.application.store import Store
from tracker.config import Settings


def bootstrap(settings: Settings, init_schema: bool = False) -> TrackerApp:
    """Build the application for ``settings``; optionally create the schema."""
    if settings.database_url.startswith("sqlite:///"):
        Path(settings.database_url.removeprefix("sqlite:///")).parent.mkdir(
            parents=True, exist_ok=True
        )
    store = Store(settings.database_url)
    if init_schema:
        store.init_schema()
    return TrackerApp(store, FileStore(settings.files_dir))
