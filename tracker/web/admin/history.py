"""变更记录: the district-wide change log, filtered, as of any past moment."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from flask import current_app, render_template, request

from tracker.application.queries.changelog import LogFilter
from tracker.domain.catalog import EVENT_LABELS
from tracker.domain.dates import parse_day
from tracker.domain.errors import InvalidValue
from tracker.web.common import as_of_arg, as_of_context, roles, the_tracker
from tracker.web.errors import Errors
from tracker.web.shared.paging import PER_PAGE, checked, page_number

FILTERS = ("unit", "code", "actor", "kind", "since", "until")  # and as_of and page


@roles("bureau", "viewer")
def history() -> tuple[str, int]:
    tracker = the_tracker()
    values = {name: request.args.get(name, "").strip() for name in FILTERS}
    (where, errors), as_of, number = read_filters(values), as_of_arg(), page_number()
    offset = (number - 1) * PER_PAGE
    total, rows = tracker.changes.page(where, as_of, offset, PER_PAGE)  # newest first
    users = tracker.directory.users()
    return render_template(
        "admin/history.html",
        **as_of_context(as_of),
        page=checked(rows, number, total),
        values=values,
        errors=errors,
        kinds=EVENT_LABELS,
        units=tracker.register.units(),
        users=users,
        disabled={user.name for user in users if user.disabled},
        codes=tracker.register.codes(),
    ), (422 if errors else 200)


def read_filters(values: dict[str, str]) -> tuple[LogFilter, Errors]:
    """The filter from the query string; a malformed date is named and left out.

    The moment (``as_of``) is read as every page reads it: ``as_of_arg``.
    """
    zone = current_app.extensions["tracker_settings"].zone
    errors: Errors = {}

    def day(name: str) -> date | None:
        try:
            return parse_day(values[name], name) if values[name] else None
        except InvalidValue as error:
            errors[name] = [error.message]
            return None

    since, until = day("since"), day("until")
    where = LogFilter(
        unit=values["unit"] or None,
        code=values["code"] or None,
        actor=values["actor"] or None,
        kind=values["kind"] if values["kind"] in EVENT_LABELS else None,
        since=datetime.combine(since, time(), zone) if since else None,
        before=datetime.combine(until + timedelta(days=1), time(), zone) if until else None,
    )
    return where, errors
