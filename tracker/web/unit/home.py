"""A unit's home: the open period at a glance, its deadline, each project's status and light,
and the 督办 awaiting its answer."""

from __future__ import annotations

from datetime import datetime

from flask import render_template
from flask_login import current_user

from tracker.application.queries.rows import ProjectRow
from tracker.domain.clock import clock
from tracker.web.common import (
    as_of_arg,
    as_of_context,
    campaign_year,
    day_of,
    roles,
    the_tracker,
)

DUE_SOON_DAYS = 3  # the banner shows in the last three days before a deadline


@roles("unit")
def home() -> str:
    tracker, year, moment = the_tracker(), campaign_year(), as_of_arg()
    period = tracker.summaries.current_period(year, moment)
    rows = tracker.summaries.unit_rows(period, current_user.unit, moment)
    schedule = tracker.register.campaign(year, moment).schedule
    left = period.closes_at(schedule) - (moment or clock.now())
    return render_template(
        "unit/home.html",
        **as_of_context(moment),
        period=period,
        due=period.due_date(schedule),
        left_days=left.days,
        left_hours=left.seconds // 3600,
        due_soon=left.days < DUE_SOON_DAYS and left.total_seconds() > 0,
        rows=rows,
        todo=sum(1 for row in rows if row.status in ("pending", "missing")),
        earlier=[p for p in reversed(period.all_of(year)) if p < period][:6],
        orders=open_orders(rows, moment),
    )


def open_orders(rows: list[ProjectRow], moment: datetime | None) -> list[tuple]:
    """The unit's 督办 awaiting its answer, soonest due first: (order, project name, overdue)."""
    names = {row.code: row.name for row in rows}
    today = day_of(moment or clock.now())
    orders = the_tracker().orders.rows(unit=current_user.unit, as_of=moment)
    waiting = sorted((o for o in orders if o.status == "open"), key=lambda o: o.due_on)
    return [(o, names.get(o.code, o.code), o.overdue_on(today)) for o in waiting]
