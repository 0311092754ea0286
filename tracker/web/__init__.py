"""The Flask web app. ``create_app`` is the only place a Flask app is built.

Blueprints by audience, each with its own templates: ``shared`` (sign-in, the
register, project pages, files, downloads), ``unit``, ``bureau``, ``admin`` and
``api``. Errors are mapped in ``errors``; what every view reads from the
request is in ``common``.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask
from flask_talisman import Talisman
from werkzeug.middleware.proxy_fix import ProxyFix

from reports.jobs import Runner
from tracker.bootstrap import bootstrap
from tracker.config import Settings
from tracker.web import admin, api, bureau, errors, shared, unit
from tracker.web.common import limiter, refuse_control_characters, refuse_the_past
from tracker.web.shared import auth, filters

MAX_UPLOAD_BYTES = 25 * 1024 * 1024  # a request; each file is capped lower by the store
MIN_SECRET_BYTES = 32
#: no script but our own files; the pages' inline SVG charts carry their own <style>
POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def create_app(settings: Settings | None = None, config: dict[str, Any] | None = None) -> Flask:
    """Build the web app over the store named by ``settings`` (default: the environment)."""
    settings = settings or Settings.from_env()
    flask_app = Flask(__name__)
    flask_app.config.update(
        SECRET_KEY=secret_key(settings),
        MAX_CONTENT_LENGTH=MAX_UPLOAD_BYTES,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.secure_cookies,
        PERMANENT_SESSION_LIFETIME=timedelta(hours=12),
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session
        RATELIMIT_STORAGE_URI=settings.rate_limits,
    )
    flask_app.json.ensure_ascii = False  # type: ignore[attr-defined]  # 中文 as it is
    if config:
        flask_app.config.update(config)
    if settings.proxies:  # the client's address and scheme as the proxy saw them
        hops = settings.proxies
        flask_app.wsgi_app = ProxyFix(flask_app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    secure = settings.secure_cookies
    Talisman(
        flask_app,
        content_security_policy=POLICY,
        force_https=secure,
        strict_transport_security=secure,
        session_cookie_secure=secure,
    )
    tracker = bootstrap(settings)
    if tracker.store.is_initialised() and not tracker.store.read_models_current():
        # Workers never rebuild: one `tracker init` does, before they start.
        raise RuntimeError("读模型结构已随新版本变化，请先运行 tracker init（会从事件日志重建）")
    flask_app.extensions["tracker"] = tracker
    flask_app.extensions["tracker_settings"] = settings
    flask_app.extensions["report_jobs"] = Runner(tracker, settings.report_threshold)
    auth.init_app(flask_app)
    limiter.init_app(flask_app)
    filters.init_app(flask_app)
    errors.init_app(flask_app)
    for audience in (shared, unit, bureau, admin, api):
        flask_app.register_blueprint(audience.blueprint)
    flask_app.before_request(refuse_control_characters)
    flask_app.before_request(refuse_the_past)
    return flask_app


def secret_key(settings: Settings) -> str:
    """TRACKER_SECRET_KEY, at least 32 bytes; without it one kept under var/ (single machine)."""
    key = settings.secret_key or _local_secret(settings.var_dir)
    if len(key.encode()) < MIN_SECRET_BYTES:
        raise RuntimeError(
            f"TRACKER_SECRET_KEY 太短（{len(key.encode())} 字节），"
            f"至少需要 {MIN_SECRET_BYTES} 字节的随机值，"
            "可用 python3 -c 'import secrets; print(secrets.token_hex(32))' 生成"
        )
    return key


def _local_secret(var_dir: Path) -> str:
    """Without TRACKER_SECRET_KEY, one random key kept under var/ (single machine)."""
    path = var_dir / "secret_key"
    if not path.exists():
        var_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()
