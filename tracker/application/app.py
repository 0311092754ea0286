"""The tracker application and the one place that builds it."""

from __future__ import annotations

from tracker.application.changelog import ChangeLog
from tracker.application.issuing import Issuing
from tracker.application.project_uploads import ProjectListUploads
from tracker.application.proposals import ProposalCommands
from tracker.application.supervisions import SupervisionCommands
from tracker.config import Settings


class TrackerApp(Issuing, SupervisionCommands, ProposalCommands, ProjectListUploads, ChangeLog):
    """Commands and queries of the tracker over one event store."""

    name = "tracker"  # the event table is tracker_events


def bootstrap(settings: Settings, init_schema: bool = False) -> TrackerApp:
    """Build the application for ``settings``; optionally create the schema."""
    if settings.database_url.startswith("sqlite:///"):
        from pathlib import Path

        Path(settings.database_url.removeprefix("sqlite:///")).parent.mkdir(
            parents=True, exist_ok=True
        )
    app = TrackerApp(settings.database_url)
    app.files_dir = settings.files_dir
    if init_schema:
        app.init_schema()
    return app
