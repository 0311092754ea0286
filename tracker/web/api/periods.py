"""What the bureau's workspace shows, through the API: summary, status, overdue list, ranking."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request

from tracker.application.jsonable import comparison_json, jsonable, summary_json
from tracker.application.queries.overdue import matching
from tracker.domain.catalog import OVERDUE_KINDS
from tracker.domain.clock import clock
from tracker.domain.errors import InvalidValue, NotFound
from tracker.domain.period import Period
from tracker.web.common import (
    as_of_arg,
    campaign_year,
    moment_arg,
    parse_year_month,
    period_arg,
    roles,
    the_tracker,
    the_user,
)

ALL = ("bureau", "viewer", "unit")
STATUS_FIELDS = ("code", "name", "unit", "status", "received_at", "versions")
ITEM_FIELDS = ("kind", "label", "name", "unit", "category", "light", "since", "detail")
SCORE_FIELDS = ("unit", "on_time_score", "progress_score", "start_score", "total", "rank", "last")


@roles(*ALL)
def summary(period: str) -> Any:
    shown = summary_json(the_tracker().summaries.summary(period_arg(period), as_of_arg()))
    user = the_user()
    if user.role == "unit":  # a unit sees its own projects and its own total only
        shown["projects"] = [p for p in shown["projects"] if p["unit"] == user.unit]
        shown["units"] = [u for u in shown["units"] if u["name"] == user.unit]
    return jsonify(shown)


@roles(*ALL)
def status(period: str) -> Any:
    user = the_user()
    rows = the_tracker().summaries.period_status(period_arg(period), as_of_arg())
    shown = [row for row in rows if user.role != "unit" or row.unit == user.unit]
    return jsonify(jsonable([{key: getattr(r, key) for key in STATUS_FIELDS} for r in shown]))


@roles(*ALL)
def overdue() -> Any:
    """The overdue list (?unit=&category=&kind=&as_of=); a unit sees its own items only."""
    user, moment = the_user(), as_of_arg()
    kind = request.args.get("kind") or None
    if kind is not None and kind not in OVERDUE_KINDS:
        raise InvalidValue(f"类型须为以下之一：{'、'.join(OVERDUE_KINDS)}", "kind")
    unit = user.unit if user.role == "unit" else request.args.get("unit") or None
    items = the_tracker().overdue.items(campaign_year(), moment)
    shown = matching(items, unit, request.args.get("category") or None, kind)
    rows = [{"project": i.code, **{key: getattr(i, key) for key in ITEM_FIELDS}} for i in shown]
    return jsonify({"as_of": jsonable(moment or clock.now()), "items": jsonable(rows)})


@roles(*ALL)
def ranking(month: str) -> Any:
    """考核 of one month (?as_of=); the ranking is published, so every role sees every unit."""
    moment, (year, number) = as_of_arg(), parse_year_month(month)
    tracker = the_tracker()
    if tracker.summaries.current_period(year, moment) < Period(year, number, 1):
        raise NotFound(f"{month} 尚未开始，没有考核得分")
    rows = tracker.rankings.month(year, number, moment)
    units = [{key: getattr(row, key) for key in SCORE_FIELDS} for row in rows]
    return jsonify(
        {"month": month, "as_of": jsonable(moment or clock.now()), "units": jsonable(units)}
    )


@roles(*ALL)
def compare(period: str) -> Any:
    """基线对比 (?from=&to=, to defaults to now); a unit sees its own projects' changes only."""
    when, start, end = period_arg(period), moment_arg("from"), moment_arg("to")
    if start is None:
        raise InvalidValue("请给出对比的起始时刻", "from")
    user = the_user()
    found = the_tracker().compare.between(when, start, end)
    return jsonify(comparison_json(found, user.unit if user.role == "unit" else None))
