"""Home pages: a unit's period at a glance, and the project register."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from flask import Blueprint, current_app, redirect, render_template, url_for
from flask_login import current_user, login_required

from tracker.domain.catalog import CATEGORIES
from tracker.domain.clock import clock
from tracker.web import tracker_app
from tracker.web.auth import roles

blueprint = Blueprint("pages", __name__)
DUE_SOON_DAYS = 3


def campaign_year() -> int:
    """The campaign shown: this year's, else the latest there is."""
    years = tracker_app(current_app).campaign_years()
    if not years:
        return clock.now().year
    this_year = clock.now().year
    return this_year if this_year in years else max(years)


@blueprint.get("/")
@login_required
def home() -> Any:
    if current_user.role == "unit":
        return redirect(url_for("pages.unit_home"))
    if current_user.role in ("bureau", "viewer"):
        return redirect(url_for("bureau.dashboard"))
    return redirect(url_for("pages.register"))


@blueprint.get("/unit")
@roles("unit")
def unit_home() -> str:
    tracker = tracker_app(current_app)
    year = campaign_year()
    period = tracker.current_period(year)
    summary = tracker.summary(period)
    rows = [row for row in summary.projects if row.unit == current_user.unit]
    closes = period.closes_at(summary.campaign.schedule)
    left = closes - clock.now()
    return render_template(
        "unit_home.html",
        period=period,
        due=period.due_date(summary.campaign.schedule),
        left_days=left.days,
        left_hours=left.seconds // 3600,
        due_soon=left.days < DUE_SOON_DAYS and left.total_seconds() > 0,
        rows=rows,
        todo=sum(1 for row in rows if row.status in ("pending", "missing")),
        earlier=[p for p in reversed(period.all_of(year)) if p < period][:6],
    )


@blueprint.get("/projects")
@roles("bureau", "viewer", "unit")
def register() -> str:
    tracker = tracker_app(current_app)
    unit = current_user.unit if current_user.role == "unit" else None
    rows = tracker.list_projects(year=campaign_year(), unit=unit)
    rows.sort(key=lambda row: (CATEGORIES.index(row["category"]), row["code"]))
    groups = [(name, list(items)) for name, items in groupby(rows, key=lambda r: r["category"])]
    total = sum((row["annual_plan"] for row in rows), start=0)
    return render_template("register.html", groups=groups, total=total, count=len(rows))


@blueprint.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}
