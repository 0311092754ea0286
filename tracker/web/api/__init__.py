"""The JSON API under /api/v1 (DESIGN §5): bearer tokens, the pages' role and unit rules.

Every endpoint is listed here; the views live in the modules beside this one.
"""

from __future__ import annotations

import hashlib
from typing import Any

from flask import Blueprint, g, request
from flask_limiter.util import get_remote_address

from tracker.web.api import docs, opendata, periods, projects, reports, supervisions
from tracker.web.common import WebUser, csrf, limit, limiter, the_tracker
from tracker.web.errors import error_response

blueprint = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(blueprint)  # bearer tokens, no cookies: nothing for a forged form to ride on


def token_key() -> str:
    """Requests are counted per token (by its hash), else per address."""
    header = request.headers.get("Authorization", "")
    return (
        "token:" + hashlib.sha256(header.encode()).hexdigest() if header else get_remote_address()
    )


def refused(response: Any) -> bool:
    return response.status_code == 401


limiter.limit(lambda: limit("API_PER_TOKEN"), key_func=token_key)(blueprint)
limiter.limit(
    lambda: limit("API_BAD_TOKENS"),
    deduct_when=refused,
    error_message="无效令牌的请求过多，请稍后再试",
)(blueprint)


@blueprint.before_request
def authenticate() -> Any:
    if request.endpoint == "api.spec":
        return None
    header = request.headers.get("Authorization", "")
    token = header[7:].strip() if header.lower().startswith("bearer ") else ""
    user = the_tracker().directory.token_user(token) if token else None
    if user is None:
        return error_response(401, "缺少或无效的 API 令牌（Authorization: Bearer …）")
    g.api_user = WebUser(user.name, user.role, user.unit, user.generation)
    return None


blueprint.get("/openapi.json")(docs.spec)
blueprint.get("/projects")(projects.projects)
blueprint.post("/projects")(projects.register)
blueprint.get("/projects/<code>")(projects.project)
blueprint.get("/projects/<code>/history")(projects.history)
blueprint.post("/projects/<code>/plan")(projects.revise_plan)
blueprint.get("/projects/<code>/milestones")(projects.milestones)
blueprint.post("/projects/<code>/milestones")(projects.plan_milestones)
blueprint.put("/projects/<code>/reports/<period>")(reports.submit)
blueprint.post("/projects/<code>/reports/<period>/corrections")(reports.correct)
blueprint.get("/reports/<period>.<fmt>")(reports.monthly_report)
blueprint.get("/reports/jobs/<key>")(reports.report_job)
blueprint.get("/reports/jobs/<key>/file")(reports.report_job_file)
blueprint.get("/periods/<period>/summary")(periods.summary)
blueprint.get("/periods/<period>/status")(periods.status)
blueprint.get("/periods/<period>/compare")(periods.compare)
blueprint.get("/overdue")(periods.overdue)
blueprint.get("/ranking/<month>")(periods.ranking)
blueprint.post("/projects/<code>/supervisions")(supervisions.issue)
blueprint.post("/supervisions/<order_id>/answer")(supervisions.answer)
blueprint.post("/supervisions/<order_id>/close")(supervisions.close)
blueprint.post("/supervisions/<order_id>/return")(supervisions.send_back)
blueprint.get("/oc4ids.json")(opendata.oc4ids)
