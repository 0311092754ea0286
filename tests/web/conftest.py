"""Web fixtures: the demo projects, one user per role, signed-in clients and API tokens."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tracker.application.app import TrackerApp
from tracker.config import Settings
from tracker.web import create_app

# unit04 reports for 区城管局 (CJ2026-004, -005, -008, -017, -028);
# unit01 for 区交通局 (CJ2026-013, CJ2026-015).
USERS = {
    "bureau": ("bureau", None),
    "viewer": ("viewer", None),
    "unit04": ("unit", "区城管局"),
    "unit01": ("unit", "区交通局"),
}
OWN, OTHER = "CJ2026-004", "CJ2026-013"


@pytest.fixture
def passwords(campaign: TrackerApp) -> dict[str, str]:
    return {
        name: campaign.users.add(name, role, unit, "cli:test")
        for name, (role, unit) in USERS.items()
    }


@pytest.fixture
def tokens(campaign: TrackerApp, passwords: dict[str, str]) -> dict[str, str]:
    return {name: campaign.users.issue_token(name, "cli:test") for name in USERS}


@pytest.fixture
def web(campaign: TrackerApp, settings: Settings) -> Flask:
    app = create_app(settings, {"TESTING": True, "WTF_CSRF_ENABLED": False})
    yield app
    app.extensions["tracker"].close()


@pytest.fixture
def signed_in(web: Flask, passwords: dict[str, str]) -> Callable[[str], FlaskClient]:
    """A test client signed in as the named user."""

    def sign_in(name: str) -> FlaskClient:
        client = web.test_client()
        response = client.post("/login", data={"name": name, "password": passwords[name]})
        assert response.status_code == 302, response.get_data(as_text=True)
        return client

    return sign_in


@pytest.fixture
def api(web: Flask, tokens: dict[str, str]):
    """``api(user, method, path, json=…)`` with that user's bearer token."""
    client = web.test_client()

    def call(user: str | None, method: str, path: str, **kwargs):
        headers = {"Authorization": f"Bearer {tokens[user]}"} if user else {}
        return client.open(f"/api/v1{path}", method=method, headers=headers, **kwargs)

    return call
