"""报送情况: every project's status for a period, with the units still to chase.

The counts and the units to chase come from the database over every project; the list
below them is one page (``?page=``) of the projects that match the filters in the URL
(unit, status), so the page stays small however many projects the campaign has.
"""

from __future__ import annotations

from datetime import datetime

from flask import abort, render_template, request

from tracker.application.queries.board import CHASED
from tracker.domain.catalog import REPORT_STATUS
from tracker.domain.clock import clock
from tracker.domain.period import Period
from tracker.web.common import (
    as_of_arg,
    as_of_context,
    campaign_year,
    chosen_period,
    link,
    roles,
    the_tracker,
)
from tracker.web.shared.paging import PER_PAGE, checked, page_number

READERS = ("bureau", "viewer")
CHASE = "chase"  # the status filter for 待催报: missing or pending


@roles(*READERS)
def status_board(period: str | None = None) -> str:
    tracker, moment = the_tracker(), as_of_arg()
    open_ = tracker.summaries.current_period(campaign_year(), moment or clock.now())
    when = chosen_period(period or request.args.get("period"), open_, open_)
    unit, status = request.args.get("unit") or None, request.args.get("status") or ""
    number, statuses = page_number(), statuses_of(status)
    start = (number - 1) * PER_PAGE
    board = tracker.boards.board(when, moment, unit, statuses, offset=start, limit=PER_PAGE)
    if unit is not None and unit not in board.units:
        abort(404)
    page = checked(board.rows, number, board.total)
    return render_template(
        "bureau/status.html",
        **as_of_context(moment),
        period=when,
        due=when.due_date(tracker.register.campaign(when.year).schedule),
        periods=Period.all_of(when.year)[: open_.index],
        open_period=open_,
        board=board,
        page=page,
        units=[(n, rows) for n in board.units if (rows := [r for r in page.rows if r.unit == n])],
        chase_links={c.unit: chase_link(when, c.unit, moment) for c in board.chase},
        chosen={"unit": unit or "", "status": status},
        chased=CHASED,
    )


def statuses_of(status: str) -> tuple[str, ...]:
    """The statuses ``?status=`` asks for: none (any), 待催报's two, or one; else no page."""
    if status not in ("", CHASE, *REPORT_STATUS):
        abort(404)
    return CHASED if status == CHASE else (status,) if status else ()


def chase_link(period: Period, unit: str, moment: datetime | None) -> str:
    """The unit's 催报名单: its projects still to report at ``period``, with their phones."""
    return link("bureau.status_board", moment, period=str(period), unit=unit, status=CHASE)
