"""Pages every role has: the way in, the project register and a project's page."""

from __future__ import annotations

from datetime import datetime
from itertools import groupby
from typing import Any

from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from tracker.application.app import TrackerApp
from tracker.application.queries.register import ProjectInfo
from tracker.domain.catalog import CATEGORIES
from tracker.domain.clock import clock
from tracker.web.common import (
    as_of_arg,
    as_of_context,
    campaign_year,
    day_of,
    may_report,
    roles,
    the_tracker,
    visible_project,
)
from tracker.web.shared.charts import s_curve
from tracker.web.shared.paging import PER_PAGE, checked, page_number


@login_required
def home() -> Any:
    if current_user.role == "unit":
        return redirect(url_for("unit.home"))
    if current_user.role in ("bureau", "viewer"):
        return redirect(url_for("bureau.dashboard"))
    return redirect(url_for("shared.register"))


@roles("bureau", "viewer", "unit")
def register() -> str:
    """项目清单: a page of 50 projects in category order, the count and sum over all of them."""
    unit = current_user.unit if current_user.role == "unit" else None
    moment, category = as_of_arg(), request.args.get("category") or None
    if category is not None and category not in CATEGORIES:
        abort(404)
    number = page_number()
    found = the_tracker().register.page(
        campaign_year(), unit, category, moment, (number - 1) * PER_PAGE, PER_PAGE
    )
    page = checked(found.rows, number, found.total)
    groups = [(name, list(items)) for name, items in groupby(page.rows, key=lambda r: r.category)]
    return render_template(
        "shared/register.html",
        **as_of_context(moment),
        groups=groups,
        page=page,
        total=found.annual_plan,
        count=found.total,
        categories=CATEGORIES,
        category=category or "",
    )


@roles("bureau", "viewer", "unit")
def project(code: str) -> str:
    visible_project(code)
    tracker, moment = the_tracker(), as_of_arg()
    info = tracker.register.project(code, moment)  # as it stood then
    return render_template(
        "shared/project.html", **as_of_context(moment), **record(tracker, info, moment)
    )


def record(tracker: TrackerApp, info: ProjectInfo, moment: datetime | None) -> dict[str, Any]:
    """Everything the project page shows, as known at ``moment`` (None: now)."""
    code, rows = info.code, tracker.summaries.project_periods(info.code, moment)
    # The actual line runs to the last period that was reported or fell due.
    drawn = max(
        (i + 1 for i, r in enumerate(rows) if r.versions or r.status == "missing"), default=0
    )
    return {
        "project": info,
        "rows": rows,
        "chart": s_curve([row.figures for row in rows], drawn, "project"),
        "problems": tracker.problems.rows(code, moment),
        "supervisions": tracker.orders.rows(code=code, as_of=moment),
        "attachments": tracker.register.attachments(code, moment),
        "history": tracker.history.project(code, until=moment),
        "plan_history": tracker.changes.plans(code, until=moment),
        "can_report": may_report(info) and moment is None,
        "current": tracker.summaries.current_period(info.campaign_year, moment),
        **plans(tracker, info, rows, moment),
    }


def plans(
    tracker: TrackerApp, info: ProjectInfo, rows: list[Any], moment: datetime | None
) -> dict[str, Any]:
    """The 形象进度计划, the forecast at each period and the 节点, as they stood at ``moment``."""
    return {
        "progress_plan": tracker.plans.progress_plan(info.code, moment),
        "outlooks": tracker.forecasts.project(info.campaign_year, rows, moment),
        "milestones": tracker.plans.milestones(info.code, moment),
        "today": day_of(moment or clock.now()),
        "meet": ({}, {}),  # the unit's form to report a node met: what was typed, its errors
    }


def healthz() -> dict[str, str]:
    return {"status": "ok"}
