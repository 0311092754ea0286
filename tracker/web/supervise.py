"""督办 in the bureau workspace: issue from an overdue item, close or return an answer."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from marshmallow import ValidationError

from tracker.domain.clock import clock
from tracker.domain.errors import TrackerError
from tracker.projections.overdue import KINDS
from tracker.web import tracker_app
from tracker.web.auth import roles, visible_project
from tracker.web.bureau import blueprint
from tracker.web.errors import flatten
from tracker.web.schemas import NoteSchema, ReturnSchema, SupervisionSchema

REQUIREMENTS = {
    "missing_report": "请于期限内补报未报送的半月报，并说明未按时报送的原因。",
    "lagging": "项目投资滞后于序时进度，请说明原因并提出赶超措施。",
    "late_start": "项目未按期开工，请说明原因并明确开工时间。",
    "late_completion": "项目已过计划竣工日期，请说明进展并明确竣工时间。",
    "stale_problem": "问题久拖未决，请说明解决进展并限期解决。",
    "supervision_overdue": "督办事项逾期未答复，请立即答复。",
}


@blueprint.route("/supervisions/new", methods=["GET", "POST"])
@roles("bureau")
def issue_supervision() -> Any:
    code = request.values.get("code", "")
    project = visible_project(code)
    kind = request.values.get("kind") or None
    today = clock.now().date()
    values = {
        "requirement": REQUIREMENTS.get(kind or "", ""),
        "due_on": (today + timedelta(days=7)).isoformat(),
    }
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        values = {k: request.form.get(k, "").strip() for k in ("requirement", "due_on")}
        try:
            data = SupervisionSchema().load({**values, "source": kind})
            tracker_app(current_app).issue_supervision(
                code, data["requirement"], data["due_on"], current_user.actor, kind
            )
            flash(f"已向{project.unit}下达督办：{project.name}")
            return redirect(url_for("bureau.supervisions"), 303)
        except ValidationError as error:
            errors = flatten(error.messages)
        except TrackerError as error:
            errors = {error.field or "_schema": [error.message]}
    return render_template(
        "supervision_new.html",
        project=project,
        kind=kind,
        kinds=KINDS,
        values=values,
        errors=errors,
    ), (422 if errors else 200)


@blueprint.get("/supervisions")
@roles("bureau", "viewer")
def supervisions() -> str:
    tracker = tracker_app(current_app)
    status = request.args.get("status") or None
    orders = [o for o in tracker.supervisions() if status is None or o.status == status]
    names = {row["code"]: row["name"] for row in tracker.list_projects()}
    today = clock.now().date()
    return render_template(
        "supervisions.html", orders=orders[::-1], names=names, status=status, today=today
    )


@blueprint.post("/supervisions/<order_id>/close")
@roles("bureau")
def close_supervision(order_id: str) -> Any:
    note = NoteSchema().load({"note": request.form.get("note", "")})["note"]
    tracker_app(current_app).close_supervision(order_id, note or "办结", current_user.actor)
    flash("督办已办结")
    return redirect(request.referrer or url_for("bureau.supervisions"), 303)


@blueprint.post("/supervisions/<order_id>/return")
@roles("bureau")
def return_supervision(order_id: str) -> Any:
    note = ReturnSchema().load({"note": request.form.get("note", "")})["note"]
    tracker_app(current_app).return_supervision(order_id, note, current_user.actor)
    flash("已退回，待责任单位重新答复")
    return redirect(request.referrer or url_for("bureau.supervisions"), 303)
