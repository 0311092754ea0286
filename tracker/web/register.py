"""The project register page: the campaign's projects by category."""

from __future__ import annotations

from itertools import groupby

from flask import Blueprint, current_app, render_template

from tracker.domain.catalog import CATEGORIES, NATURE_LABELS, STATUS_LABELS
from tracker.web import tracker_app

blueprint = Blueprint("register", __name__)


@blueprint.get("/")
def index() -> str:
    rows = tracker_app(current_app).list_projects()
    rows.sort(key=lambda row: (CATEGORIES.index(row["category"]), row["code"]))
    groups = [(name, list(items)) for name, items in groupby(rows, key=lambda r: r["category"])]
    total = sum((row["annual_plan"] for row in rows), start=0)
    return render_template(
        "register.html",
        groups=groups,
        total=total,
        count=len(rows),
        natures=NATURE_LABELS,
        statuses=STATUS_LABELS,
    )


@blueprint.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}
