"""报送情况: every project's status for a period, with the units still to chase."""

from __future__ import annotations

from collections import Counter
from itertools import groupby

from flask import render_template, request

from tracker.domain.clock import clock
from tracker.domain.period import Period
from tracker.web.common import (
    as_of_arg,
    as_of_context,
    campaign_year,
    chosen_period,
    roles,
    the_tracker,
)

READERS = ("bureau", "viewer")
CHASED = ("missing", "pending")  # statuses a unit is chased for


@roles(*READERS)
def status_board(period: str | None = None) -> str:
    tracker, moment = the_tracker(), as_of_arg()
    open_ = tracker.summaries.current_period(campaign_year(), moment or clock.now())
    when = chosen_period(period or request.args.get("period"), open_, open_)
    rows = sorted(tracker.summaries.period_status(when, moment), key=lambda r: (r.unit, r.code))
    units = [(unit, list(members)) for unit, members in groupby(rows, key=lambda r: r.unit)]
    chase = [(unit, [r for r in members if r.status in CHASED]) for unit, members in units]
    chase = [(unit, members) for unit, members in chase if members]
    return render_template(
        "bureau/status.html",
        **as_of_context(moment),
        period=when,
        due=when.due_date(tracker.register.campaign(when.year).schedule),
        periods=Period.all_of(when.year)[: open_.index],
        open_period=open_,
        units=units,
        counts=Counter(row.status for row in rows),
        chase=chase,
        contacts={r.code: tracker.register.project(r.code) for _, group in chase for r in group},
    )
