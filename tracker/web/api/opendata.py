"""Open data through the API: the campaign as an OC4IDS 0.9 project package."""

from __future__ import annotations

from typing import Any

from flask import jsonify

from tracker.web.api.reports import answered
from tracker.web.common import as_of_arg, campaign_year, roles, the_tracker
from tracker.web.shared import jobs


@roles("bureau", "viewer")
def oc4ids() -> Any:
    """GET /api/v1/oc4ids.json[?as_of=]: every project of the campaign, for the bureau and
    viewers to publish (a unit sees only its own projects anywhere, so not this: 403).

    A campaign of more projects than TRACKER_REPORT_THRESHOLD is packed in the background,
    as a big 月报表 is: the file if it is ready within TRACKER_REPORT_WAIT, else 202 and the
    job's address."""
    year, moment = campaign_year(), as_of_arg()
    job = jobs.runner().ask_oc4ids(year, moment)
    if job is None:
        return jsonify(the_tracker().oc4ids.package(year, moment))
    return answered(job)
