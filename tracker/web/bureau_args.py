"""What the bureau's pages read from the address: as of when, which period, which month."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from flask import abort, current_app, request, url_for

from tracker.domain.clock import clock
from tracker.domain.errors import InvalidValue
from tracker.domain.period import Period
from tracker.web.filters import local_time

MONTH = re.compile(r"^(\d{4})-(\d{2})$")
FIELD = "%Y-%m-%dT%H:%M"  # the value of an <input type="datetime-local">


def as_of_arg() -> datetime | None:
    """``?as_of=`` read in the campaign's zone; a time still to come is refused."""
    from tracker.application.moments import parse_as_of

    text = request.args.get("as_of", "").strip()
    moment = parse_as_of(text, current_app.extensions["tracker_settings"].timezone)
    if moment is not None and moment > clock.now():
        raise InvalidValue("历史视图的时刻不能晚于现在", "as_of")
    return moment


def shared(moment: datetime | None) -> dict[str, Any]:
    """What every page's as-of field and banner need, with the link back to now."""
    others = {key: value for key, value in request.args.items() if key != "as_of"}
    return {
        "as_of": moment,
        "as_of_text": local_time(moment, FIELD) if moment else "",
        "now_url": url_for(request.endpoint or "", **(request.view_args or {}), **others),
    }


def link(endpoint: str, moment: datetime | None, **values: Any) -> str:
    """A link to another bureau view at the same as-of moment."""
    return url_for(endpoint, **values, as_of=local_time(moment, FIELD) if moment else None)


def chosen_period(text: str | None, default: Period, last: Period) -> Period:
    """The period asked for (404 for nonsense or one not yet open), else ``default``."""
    if not text:
        return default
    try:
        period = Period.parse(text)
    except InvalidValue:
        abort(404)
    if period.year != last.year or last < period:
        abort(404)
    return period


def latest_closed(open_period: Period, schedule: Any, now: datetime) -> Period:
    """The last period whose deadline has passed (all its reports are in), else the first."""
    if open_period.closes_at(schedule) <= now or open_period.index == 1:
        return open_period
    return open_period.previous()


def parse_year_month(text: str) -> tuple[int, int]:
    """``2026-05`` as (2026, 5); anything else is refused."""
    match = MONTH.match(text)
    if not match or not 1 <= int(match[2]) <= 12:
        raise InvalidValue(f"“{text[:20]}”不是有效的月份，应形如 2026-05", "month")
    return int(match[1]), int(match[2])


def chosen_month(text: str | None, year: int) -> int | None:
    """The month of ``year`` asked for (404 for nonsense or another year), else None."""
    if not text:
        return None
    try:
        asked_year, month = parse_year_month(text)
    except InvalidValue:
        abort(404)
    if asked_year != year:
        abort(404)
    return month


def day_of(value: date | datetime) -> date:
    """The day in the campaign's zone (an overdue item's "since" is a day or a moment)."""
    if isinstance(value, datetime):
        return date.fromisoformat(local_time(value, "%Y-%m-%d"))
    return value
