"""A unit answers a 督办 order on its project's page."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request, url_for
from flask_login import current_user

from tracker.web.common import own_order, roles, the_tracker
from tracker.web.shared.schemas import AnswerSchema


@roles("unit")
def answer(order_id: str) -> Any:
    order = own_order(order_id)
    data = AnswerSchema().load({"answer": request.form.get("answer", "")})
    the_tracker().supervisions.answer(order_id, data["answer"], current_user.actor)
    flash("督办答复已提交")
    return redirect(url_for("shared.project", code=order.code), 303)
