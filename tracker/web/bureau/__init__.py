"""The bureau's workspace (bureau; viewers read): dashboard, status, overdue, ranking, 督办,
settings, the 月报表's sign-off, 审计校验, 提醒 and, for a city, 市级汇总. Every route of this
blueprint is listed here.
"""

from __future__ import annotations

from flask import Blueprint

from tracker.web.bureau import (
    audit,
    checks,
    city,
    compare,
    dashboard,
    overdue,
    ranking,
    reminders,
    settings,
    sign_off,
    status,
    supervisions,
)

blueprint = Blueprint("bureau", __name__, template_folder="templates")
GET_POST = ["GET", "POST"]

blueprint.get("/bureau")(dashboard.dashboard)
blueprint.get("/bureau/status")(status.status_board)
blueprint.get("/bureau/status/<period>")(status.status_board)
blueprint.get("/bureau/overdue")(overdue.overdue)
blueprint.get("/bureau/checks")(checks.checks)
blueprint.get("/bureau/ranking")(ranking.ranking)
blueprint.get("/bureau/ranking/<month>")(ranking.ranking)
blueprint.route("/bureau/settings", methods=GET_POST)(settings.settings)
blueprint.route("/bureau/supervisions/new", methods=GET_POST)(supervisions.issue_supervision)
blueprint.get("/bureau/supervisions")(supervisions.supervisions)
blueprint.post("/bureau/supervisions/<order_id>/close")(supervisions.close_supervision)
blueprint.post("/bureau/supervisions/<order_id>/return")(supervisions.return_supervision)
blueprint.get("/bureau/reports")(sign_off.issued)
blueprint.get("/bureau/compare/<period>")(compare.compare)
blueprint.get("/bureau/reports/<period>/issue")(sign_off.confirm_issue)
blueprint.post("/bureau/reports/<period>/issue")(sign_off.issue)
blueprint.get("/bureau/reports/files/<sha256>.pdf")(sign_off.issued_file)
blueprint.get("/reports/overdue.<fmt>")(sign_off.overdue_report)
blueprint.get("/bureau/reminders")(reminders.reminders)
blueprint.post("/bureau/reminders/channels")(reminders.add_channel)
blueprint.post("/bureau/reminders/channels/<ident>/remove")(reminders.remove_channel)
blueprint.post("/bureau/reminders/channels/<ident>/test")(reminders.test_channel)
blueprint.post("/bureau/reminders/rules")(reminders.change_rules)
blueprint.get("/bureau/audit")(audit.ledger)
blueprint.post("/bureau/audit/verify")(audit.verify)
blueprint.post("/bureau/audit/check")(audit.check_file)
blueprint.get("/bureau/reports/<period>/package.json")(city.district_package)
blueprint.get("/bureau/city")(city.city)
blueprint.post("/bureau/city/packages")(city.import_package)
blueprint.get("/bureau/city/<period>.<fmt>")(city.city_report)
blueprint.app_context_processor(city.city_level)
