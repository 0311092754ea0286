"""The Flask web app. ``create_app`` is the only place a Flask app is built."""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask

from tracker.application.app import TrackerApp, bootstrap
from tracker.application.attachments import AttachmentStore
from tracker.config import Settings

MAX_UPLOAD_BYTES = 25 * 1024 * 1024  # a request; each file is capped lower by the store


def create_app(settings: Settings | None = None, config: dict[str, Any] | None = None) -> Flask:
    """Build the web app over the store named by ``settings`` (default: the environment)."""
    settings = settings or Settings.from_env()
    flask_app = Flask(__name__)
    flask_app.config.update(
        SECRET_KEY=settings.secret_key or _local_secret(settings.var_dir),
        MAX_CONTENT_LENGTH=MAX_UPLOAD_BYTES,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=12),
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session
        JSON_AS_ASCII=False,
    )
    if config:
        flask_app.config.update(config)
    tracker = bootstrap(settings)
    if tracker.is_initialised() and not tracker.read_models_current():
        # Workers never rebuild: one `tracker init` does, before they start.
        raise RuntimeError("读模型结构已随新版本变化，请先运行 tracker init（会从事件日志重建）")
    flask_app.extensions["tracker"] = tracker
    flask_app.extensions["tracker_settings"] = settings
    flask_app.extensions["tracker_files"] = AttachmentStore(settings.files_dir)

    from tracker.web import (
        admin,
        api,
        auth,
        bureau,
        campaign_settings,  # noqa: F401  (adds the settings page to the bureau blueprint)
        downloads,
        errors,
        files,
        filters,
        pages,
        projects,
        supervise,  # noqa: F401  (adds the 督办 routes to the bureau blueprint)
    )

    auth.init_app(flask_app)
    filters.init_app(flask_app)
    errors.init_app(flask_app)
    for module in (auth, pages, projects, files, bureau, admin, downloads, api):
        flask_app.register_blueprint(module.blueprint)
    return flask_app


def tracker_app(flask_app: Flask) -> TrackerApp:
    app: TrackerApp = flask_app.extensions["tracker"]
    return app


def _local_secret(var_dir: Path) -> str:
    """Without TRACKER_SECRET_KEY, one random key kept under var/ (single machine)."""
    path = var_dir / "secret_key"
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()
