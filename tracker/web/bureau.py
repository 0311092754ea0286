"""The bureau's workspace: dashboard, period status board, overdue review, ranking.

Every page reads ``?as_of=`` (a time in the campaign's zone) and then shows
what was known at that moment, under a banner.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from itertools import groupby
from typing import Any

from flask import Blueprint, abort, current_app, render_template, request
from flask_login import current_user

from tracker.domain.catalog import CATEGORIES
from tracker.domain.clock import clock
from tracker.domain.figures import percent
from tracker.domain.period import Period
from tracker.projections.overdue import KINDS, OverdueItem
from tracker.projections.ranking import RankingRow
from tracker.projections.rows import ProjectRow
from tracker.projections.summary import Summary
from tracker.web import tracker_app
from tracker.web.auth import roles
from tracker.web.bureau_args import (
    as_of_arg,
    chosen_month,
    chosen_period,
    day_of,
    latest_closed,
    link,
    shared,
)
from tracker.web.charts import category_bars, s_curve
from tracker.web.pages import campaign_year

blueprint = Blueprint("bureau", __name__, url_prefix="/bureau")
READERS = ("bureau", "viewer")
CHASED = ("missing", "pending")  # statuses a unit is chased for


@blueprint.get("")
@roles(*READERS)
def dashboard() -> str:
    tracker, moment = tracker_app(current_app), as_of_arg()
    now, year = moment or clock.now(), campaign_year()
    summaries = tracker.summaries(year, moment)
    open_ = tracker.current_period(year, now)
    latest = latest_closed(open_, summaries[0].campaign.schedule, now)
    period = chosen_period(request.args.get("period"), latest, open_)
    summary = summaries[period.index - 1]
    category = request.args.get("category") or most_lagging(summary)
    if category not in CATEGORIES:
        abort(404)
    return render_template(
        "bureau_dashboard.html",
        **shared(moment),
        **headline(summary, day_of(now)),
        **charts(summaries, period, category),
        periods=Period.all_of(year)[: open_.index],
        open_period=open_,
        category_links={
            row.name: link("bureau.dashboard", moment, period=str(period), category=row.name)
            for row in summary.categories
        },
        unit_links={
            row.name: link("bureau.overdue", moment, unit=row.name) for row in summary.units
        },
    )


def headline(summary: Summary, today: date) -> dict[str, Any]:
    """The district against its target, the lights, the new starts."""
    district, target = summary.district.figures, summary.campaign.target
    day = min(summary.period.due_date(summary.campaign.schedule), today)
    return {
        "summary": summary,
        "district": district,
        "target_share": percent(district.annual_plan, target),
        "done_share": percent(district.ytd_actual, target),
        "lights": Counter(row.light for row in summary.projects),
        "starts": new_starts(summary, day),
    }


def charts(summaries: list[Summary], period: Period, category: str) -> dict[str, Any]:
    """The S-curves (drawn up to ``period``) and the bars by category at ``period``."""
    at, summary = CATEGORIES.index(category), summaries[period.index - 1]
    return {
        "category": category,
        "district_chart": s_curve(
            [s.district.figures for s in summaries], period.index, "district"
        ),
        "category_chart": s_curve(
            [s.categories[at].figures for s in summaries], period.index, "category"
        ),
        "bars": category_bars([row for row in summary.categories if row.projects]),
    }


@blueprint.get("/status", defaults={"period": None})
@blueprint.get("/status/<period>")
@roles(*READERS)
def status_board(period: str | None) -> str:
    tracker, moment = tracker_app(current_app), as_of_arg()
    open_ = tracker.current_period(campaign_year(), moment or clock.now())
    when = chosen_period(period or request.args.get("period"), open_, open_)
    rows = sorted(tracker.period_status(when, moment), key=lambda r: (r.unit, r.code))
    units = [(unit, list(members)) for unit, members in groupby(rows, key=lambda r: r.unit)]
    chase = [(unit, [r for r in members if r.status in CHASED]) for unit, members in units]
    chase = [(unit, members) for unit, members in chase if members]
    return render_template(
        "bureau_status.html",
        **shared(moment),
        period=when,
        due=when.due_date(tracker.campaign(when.year).schedule),
        periods=Period.all_of(when.year)[: open_.index],
        open_period=open_,
        units=units,
        counts=Counter(row.status for row in rows),
        chase=chase,
        contacts={r.code: tracker.project(r.code) for _, members in chase for r in members},
    )


@blueprint.get("/overdue")
@roles(*READERS)
def overdue() -> str:
    tracker, moment = tracker_app(current_app), as_of_arg()
    today = day_of(moment or clock.now())
    items = tracker.overdue(campaign_year(), moment)
    chosen = {key: request.args.get(key) or None for key in ("unit", "category", "kind")}
    shown = matching(items, **chosen)
    may_issue = (
        "bureau.issue_supervision" in current_app.view_functions
        and current_user.role == "bureau"
        and moment is None
    )
    return render_template(
        "bureau_overdue.html",
        **shared(moment),
        items=[(item, day_of(item.since), (today - day_of(item.since)).days) for item in shown],
        total=len(items),
        counts=Counter(item.kind for item in matching(items, chosen["unit"], chosen["category"])),
        kinds=KINDS,
        units=sorted({row["unit"] for row in tracker.list_projects(year=campaign_year())}),
        categories=CATEGORIES,
        chosen=chosen,
        kind_links={
            kind: link("bureau.overdue", moment, **{**chosen, "kind": kind}) for kind in KINDS
        },
        may_issue=may_issue,
    )


@blueprint.get("/ranking", defaults={"month": None})
@blueprint.get("/ranking/<month>")
@roles(*READERS)
def ranking(month: str | None) -> str:
    tracker, moment = tracker_app(current_app), as_of_arg()
    now, year = moment or clock.now(), campaign_year()
    campaign, open_ = tracker.campaign(year), tracker.current_period(year, now)
    months = list(range(1, open_.month + 1))
    month_done = Period(year, open_.month, 2).closes_at(campaign.schedule) <= now
    default = open_.month if month_done or open_.month == 1 else open_.month - 1
    chosen = chosen_month(month or request.args.get("month"), year) or default
    if chosen not in months:
        abort(404)
    tables = tracker.rankings(year, months, moment)
    rows = tables[chosen - 1]
    return render_template(
        "bureau_ranking.html",
        **shared(moment),
        year=year,
        month=chosen,
        months=months,
        in_progress=None if month_done else open_.month,
        rows=rows,
        by_unit=[(row.unit, [unit_row(t, row.unit) for t in tables]) for row in rows],
        weights=campaign.weights,
    )


def unit_row(table: list[RankingRow], unit: str) -> RankingRow | None:
    return next((row for row in table if row.unit == unit), None)


def most_lagging(summary: Summary) -> str:
    """The category furthest behind its plan: the one a dashboard's reader wants first."""
    rows = [row for row in summary.categories if row.projects] or summary.categories
    return max(rows, key=lambda row: row.figures.lag).name


def new_starts(summary: Summary, day: date) -> dict[str, Any]:
    """New starts due to have started by ``day``, and which of them have."""
    rows = [row for row in summary.projects if row.nature == "new_start"]
    due = [row for row in rows if row.planned_start <= day]
    started = [row for row in due if row.started_on and row.started_on <= day]
    waiting: list[ProjectRow] = [row for row in due if row not in started]
    return {"all": len(rows), "due": len(due), "started": len(started), "waiting": waiting}


def matching(
    items: list[OverdueItem],
    unit: str | None = None,
    category: str | None = None,
    kind: str | None = None,
) -> list[OverdueItem]:
    """The overdue items of that unit, category and kind (None: any)."""
    return [
        item
        for item in items
        if (unit is None or item.unit == unit)
        and (category is None or item.category == category)
        and (kind is None or item.kind == kind)
    ]
