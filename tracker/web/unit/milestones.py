"""A unit reports a 节点 met on its own, from the project page (not in a 半月报)."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, url_for

from tracker.domain.milestones import MetNode
from tracker.web.common import as_of_context, roles, the_tracker
from tracker.web.shared.forms import attempt, load, typed
from tracker.web.shared.pages import record
from tracker.web.shared.plan_schemas import MeetFormSchema
from tracker.web.unit.reports import own_project


@roles("unit")
def meet_milestone(code: str) -> Any:
    """POST: the node and the day it was met; the project page again on an error."""
    project = own_project(code)
    values = typed(("name", "met_on"))
    data, errors = load(MeetFormSchema(), values)
    status = 422
    if data is not None:
        met = (MetNode(data["name"], data["met_on"]),)
        errors, status = attempt(the_tracker().projects.meet_milestones, code, met)
    if not errors:
        flash(f"已报告节点“{values['name']}”于{values['met_on']}达成")
        return redirect(url_for("shared.project", code=code, _anchor="milestones"), 303)
    shown = {**record(the_tracker(), project, None), "meet": (values, errors)}
    return render_template("shared/project.html", **as_of_context(None), **shown), status
