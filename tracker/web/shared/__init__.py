"""What every role shares: signing in, the project register and page, files, report downloads,
the 消息 inbox.

Also the pieces the other blueprints build on: base template, filters, charts,
schemas and form helpers. Every route of this blueprint is listed here.
"""

from __future__ import annotations

from flask import Blueprint

from tracker.web.shared import auth, downloads, files, inbox, jobs, pages

blueprint = Blueprint("shared", __name__, template_folder="templates")
GET_POST = ["GET", "POST"]

blueprint.get("/")(pages.home)
blueprint.get("/healthz")(pages.healthz)
blueprint.route("/login", methods=GET_POST)(auth.login)
blueprint.post("/logout")(auth.logout)
blueprint.route("/password", methods=GET_POST)(auth.password)
blueprint.get("/inbox")(inbox.inbox)
blueprint.app_context_processor(inbox.unread_count)
blueprint.get("/projects")(pages.register)
blueprint.get("/projects/<code>")(pages.project)
blueprint.get("/files/<sha256>")(files.file)
blueprint.get("/files/<sha256>/thumb")(files.thumbnail)
blueprint.get("/reports/<period>.<fmt>")(downloads.monthly_report)
blueprint.get("/reports/ranking/<int:year>-<int:month>.<fmt>")(downloads.ranking_report)
blueprint.get("/reports/jobs/<key>")(jobs.report_job)
blueprint.get("/reports/jobs/<key>/file")(jobs.report_job_file)
blueprint.post("/reports/jobs/<key>/restart")(jobs.restart_report_job)
blueprint.get("/projects/<code>/archive.pdf")(downloads.archive)
