"""The Flask web app. ``create_app`` is the only place a Flask app is built."""

from __future__ import annotations

from typing import Any

from flask import Flask

from tracker.application.app import TrackerApp, bootstrap
from tracker.config import Settings
from tracker.domain.money import format_money


def create_app(settings: Settings | None = None, config: dict[str, Any] | None = None) -> Flask:
    """Build the web app over the store named by ``settings`` (default: the environment)."""
    settings = settings or Settings.from_env()
    flask_app = Flask(__name__)
    flask_app.config.update(
        SECRET_KEY=settings.secret_key or "dev-only-change-me",
        JSON_AS_ASCII=False,
    )
    if config:
        flask_app.config.update(config)
    flask_app.add_template_filter(format_money, "money")
    tracker = bootstrap(settings)
    flask_app.extensions["tracker"] = tracker

    from tracker.web import register

    flask_app.register_blueprint(register.blueprint)
    return flask_app


def tracker_app(flask_app: Flask) -> TrackerApp:
    app: TrackerApp = flask_app.extensions["tracker"]
    return app
