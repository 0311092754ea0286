"""A unit answers a 督办 order on its project's page."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, request, url_for
from flask_login import current_user

from tracker.domain.errors import NotFound
from tracker.web.common import roles, the_tracker, visible_project
from tracker.web.shared.schemas import AnswerSchema


@roles("unit")
def answer(order_id: str) -> Any:
    tracker = the_tracker()
    try:
        order = tracker.orders.one(order_id)
    except NotFound:
        abort(404)
    visible_project(order.code)
    if order.unit != current_user.unit:
        abort(404)
    data = AnswerSchema().load({"answer": request.form.get("answer", "")})
    tracker.supervisions.answer(order_id, data["answer"], current_user.actor)
    flash("督办答复已提交")
    return redirect(url_for("shared.project", code=order.code), 303)
