"""The unit's pages: the open period, report forms and corrections, 督办 answers, proposals.

Every route of the unit's side is listed here, in one table.
"""

from __future__ import annotations

from flask import Blueprint

from tracker.web.unit import answers, forms, home, milestones, proposals, reports

blueprint = Blueprint("unit", __name__, template_folder="templates")
GET_POST = ["GET", "POST"]
blueprint.add_app_template_global(forms.kept_token, "kept_token")

blueprint.get("/unit")(home.home)
blueprint.route("/unit/periods/<period>", methods=GET_POST)(reports.period_form)
blueprint.route("/projects/<code>/reports/<period>", methods=GET_POST)(reports.report_form)
blueprint.route("/projects/<code>/reports/<period>/correct", methods=GET_POST)(
    reports.correction_form
)
blueprint.post("/supervisions/<order_id>/answer")(answers.answer)
blueprint.post("/projects/<code>/milestones/met")(milestones.meet_milestone)
blueprint.get("/unit/proposals")(proposals.proposals)
blueprint.route("/unit/proposals/new", methods=GET_POST)(proposals.propose)
