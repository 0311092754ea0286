"""Open data through the API: the campaign as an OC4IDS 0.9 project package."""

from __future__ import annotations

from typing import Any

from flask import jsonify

from tracker.web.common import as_of_arg, campaign_year, roles, the_tracker


@roles("bureau", "viewer")
def oc4ids() -> Any:
    """GET /api/v1/oc4ids.json[?as_of=]: every project of the campaign, for the bureau and
    viewers to publish (a unit sees only its own projects anywhere, so not this: 403)."""
    return jsonify(the_tracker().oc4ids.package(campaign_year(), as_of_arg()))
