"""Keeping the register (bureau; viewers read the lists and the history): projects, plans,
uploads of 附件1 lists, proposals, users, the change log. Every route is listed here.
"""

from __future__ import annotations

from flask import Blueprint

from tracker.web.admin import history, projects, proposals, upload, users

blueprint = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")
GET_POST = ["GET", "POST"]

blueprint.get("/projects")(projects.projects)
blueprint.route("/projects/new", methods=GET_POST)(projects.register)
blueprint.route("/projects/upload", methods=GET_POST)(upload.upload)
blueprint.post("/projects/upload/confirm")(upload.confirm_upload)
blueprint.get("/projects/template.csv")(upload.template)
blueprint.get("/projects/<code>")(projects.project)
blueprint.post("/projects/<code>/plan")(projects.revise_plan)
blueprint.post("/projects/<code>/milestones")(projects.plan_milestones)
blueprint.post("/projects/<code>/withdraw")(projects.withdraw)
blueprint.post("/projects/<code>/flags")(projects.set_flags)
blueprint.post("/projects/<code>/contacts")(projects.assign_contacts)
blueprint.get("/proposals")(proposals.proposals)
blueprint.get("/proposals/<ident>")(proposals.proposal)
blueprint.post("/proposals/<ident>/approve")(proposals.approve)
blueprint.post("/proposals/<ident>/reject")(proposals.reject)
blueprint.get("/users")(users.users)
blueprint.post("/users")(users.create_user)
blueprint.post("/users/<name>/password")(users.reset_password)
blueprint.post("/users/<name>/disable")(users.disable_user)
blueprint.get("/history")(history.history)
