"""申报: a unit proposes a new project and follows what the bureau decided."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from tracker.domain.spec import ProjectSpec
from tracker.web.common import as_of_arg, as_of_context, campaign_year, roles, the_tracker
from tracker.web.shared.forms import attempt, by_field, load, typed
from tracker.web.shared.schemas import SPEC_FIELDS, ProposalFormSchema

PROPOSAL_FIELDS = tuple(f for f in SPEC_FIELDS if f not in ("code", "unit")) + ("reason",)


@roles("unit")
def proposals() -> str:
    moment = as_of_arg()
    rows = the_tracker().applications.rows(unit=current_user.unit, as_of=moment)
    return render_template("unit/proposals.html", **as_of_context(moment), rows=rows)


@roles("unit")
def propose() -> Any:
    values, errors, status = {"nature": "new_start"}, {}, 200
    if request.method == "POST":
        values = typed(PROPOSAL_FIELDS) | {"pilot": "1" if request.form.get("pilot") else ""}
        data, errors = load(ProposalFormSchema(), values)
        status = 422
        if data is not None:
            reason = data.pop("reason")
            spec = ProjectSpec(code="", unit=current_user.unit, **data)
            errors = by_field(spec.errors_but_code())
            if not errors:
                submit = the_tracker().proposals.submit
                errors, status = attempt(submit, campaign_year(), spec, reason)
            if not errors:
                flash(f"已提交申报：{spec.name}，待建设局审批")
                return redirect(url_for("unit.proposals"), 303)
    return render_template("unit/proposal_form.html", values=values, errors=errors), status
