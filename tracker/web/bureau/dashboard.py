"""总览: the district against its target at a period, its categories and units, S-curves."""

from __future__ import annotations

from typing import Any

from flask import abort, render_template, request

from tracker.application.queries.summaries import Overview
from tracker.domain.catalog import CATEGORIES
from tracker.domain.clock import clock
from tracker.domain.period import Period, latest_closed
from tracker.domain.rules.ytd import Figures, percent
from tracker.web.bureau.compare import since_sign_off
from tracker.web.common import (
    as_of_arg,
    as_of_context,
    campaign_year,
    chosen_period,
    link,
    roles,
    the_tracker,
)
from tracker.web.shared.charts import category_bars, s_curve

READERS = ("bureau", "viewer")


@roles(*READERS)
def dashboard() -> str:
    tracker, moment, year = the_tracker(), as_of_arg(), campaign_year()
    now = moment or clock.now()
    open_ = tracker.summaries.current_period(year, now)
    latest = latest_closed(open_, tracker.register.campaign(year, moment).schedule, now)
    period = chosen_period(request.args.get("period"), latest, open_)
    summary = tracker.summaries.overview(period, moment)
    category = request.args.get("category") or most_lagging(summary)
    if category not in CATEGORIES:
        abort(404)
    return render_template(
        "bureau/dashboard.html",
        **as_of_context(moment),
        **headline(summary),
        **charts(tracker.summaries.curves(year, moment), summary, category),
        periods=Period.all_of(year)[: open_.index],
        open_period=open_,
        **links(summary, moment),
    )


def headline(summary: Overview) -> dict[str, Any]:
    """The district against its target, the lights, the new starts."""
    district, target = summary.district.figures, summary.campaign.target
    return {
        "summary": summary,
        "district": district,
        "target_share": percent(district.annual_plan, target),
        "done_share": percent(district.ytd_actual, target),
        "lights": summary.standings.lights,
        "starts": summary.standings.starts,
    }


def charts(curves: dict[str, list[Figures]], summary: Overview, category: str) -> dict[str, Any]:
    """The S-curves (drawn up to the summary's period) and the bars by category at it."""
    drawn = summary.period.index
    return {
        "category": category,
        "district_chart": s_curve(curves[""], drawn, "district"),
        "category_chart": s_curve(curves[category], drawn, "category"),
        "bars": category_bars([row for row in summary.categories if row.projects]),
    }


def links(summary: Overview, moment: Any) -> dict[str, Any]:
    period = str(summary.period)
    signed = [
        r for r in the_tracker().issued.reports(summary.period.year, summary.period, moment)
        if r.unit is None
    ]  # fmt: skip
    return {
        "since_signed": since_sign_off(summary.period, signed[-1], moment) if signed else None,
        "category_links": {
            row.name: link("bureau.dashboard", moment, period=period, category=row.name)
            for row in summary.categories
        },
        "late_starts_link": link("bureau.overdue", moment, kind="late_start"),
        "unit_links": {
            row.name: link("bureau.overdue", moment, unit=row.name) for row in summary.units
        },
    }


def most_lagging(summary: Overview) -> str:
    """The category furthest behind its plan: the one a dashboard's reader wants first."""
    rows = [row for row in summary.categories if row.projects] or summary.categories
    return max(rows, key=lambda row: row.figures.lag).name
