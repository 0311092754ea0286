"""督办 in the bureau's workspace: issue from an overdue item, list, close or return an answer."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from marshmallow import ValidationError

from tracker.domain.catalog import OVERDUE_KINDS
from tracker.domain.clock import clock
from tracker.domain.errors import TrackerError
from tracker.domain.rules.overdue import REQUIREMENTS
from tracker.web.common import (
    as_of_arg,
    as_of_context,
    day_of,
    roles,
    the_tracker,
    visible_project,
)
from tracker.web.errors import flatten, refused
from tracker.web.shared.schemas import NoteSchema, ReturnSchema, SupervisionSchema

DUE_IN = timedelta(days=7)  # the deadline a new order suggests


@roles("bureau")
def issue_supervision() -> Any:
    project, kind = visible_project(request.values.get("code", "")), request.values.get("kind")
    values = {
        "requirement": REQUIREMENTS.get(kind or "", ""),
        "due_on": (clock.now().date() + DUE_IN).isoformat(),
    }
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        values = {k: request.form.get(k, "").strip() for k in ("requirement", "due_on")}
        try:
            data = SupervisionSchema().load({**values, "source": kind or None})
            the_tracker().supervisions.issue(
                project.code, data["requirement"], data["due_on"], current_user.actor, kind or None
            )
            flash(f"已向{project.unit}下达督办：{project.name}")
            return redirect(url_for("bureau.supervisions"), 303)
        except ValidationError as error:
            errors = flatten(error.messages)
        except TrackerError as error:
            errors = refused(error)[0]
    return render_template(
        "bureau/supervision_new.html",
        project=project, kind=kind or None, kinds=OVERDUE_KINDS, values=values, errors=errors,
    ), (422 if errors else 200)  # fmt: skip


@roles("bureau", "viewer")
def supervisions() -> str:
    tracker, status, moment = the_tracker(), request.args.get("status") or None, as_of_arg()
    orders = [o for o in tracker.orders.rows(as_of=moment) if status in (None, o.status)]
    names = {row.code: row.name for row in tracker.register.projects(as_of=moment)}
    return render_template(
        "bureau/supervisions.html",
        **as_of_context(moment),
        orders=orders[::-1],
        names=names,
        status=status,
        today=day_of(moment or clock.now()),
    )


@roles("bureau")
def close_supervision(order_id: str) -> Any:
    note = NoteSchema().load({"note": request.form.get("note", "")})["note"]
    the_tracker().supervisions.close(order_id, note or "办结", current_user.actor)
    flash("督办已办结")
    return redirect(request.referrer or url_for("bureau.supervisions"), 303)


@roles("bureau")
def return_supervision(order_id: str) -> Any:
    note = ReturnSchema().load({"note": request.form.get("note", "")})["note"]
    the_tracker().supervisions.send_back(order_id, note, current_user.actor)
    flash("已退回，待责任单位重新答复")
    return redirect(request.referrer or url_for("bureau.supervisions"), 303)
