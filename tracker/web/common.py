"""What every view needs: the application, the user and their rights, and what the address asks.

One place for the as-of moment, the period, the month and the campaign a page
shows, so that pages and API read them the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from functools import wraps
from typing import Any, TypeVar

from flask import abort, current_app, g, request, url_for
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, UserMixin, current_user
from flask_wtf.csrf import CSRFProtect

from tracker.application.app import TrackerApp
from tracker.application.moments import parse_as_of
from tracker.application.queries.register import ProjectInfo
from tracker.application.queries.supervisions import SupervisionRow
from tracker.domain.clock import clock
from tracker.domain.errors import InvalidValue, NotFound
from tracker.domain.period import Period

T = TypeVar("T")
login_manager = LoginManager()
csrf = CSRFProtect()
#: counted per address unless a limit says otherwise (storage: TRACKER_RATE_LIMITS)
limiter = Limiter(key_func=get_remote_address, headers_enabled=True)
#: the limits, as Flask config (``TRACKER_LIMITS``) may change them
LIMITS = {
    "SIGN_IN_PER_ADDRESS": "30 per minute",  # sign-in attempts from one address
    "SIGN_IN_LOCK": "5 per 15 minutes",  # failed sign-ins of one name; then locked
    "API_PER_TOKEN": "600 per minute",  # requests with one token (or from one address)
    "API_BAD_TOKENS": "20 per minute",  # refused tokens from one address; then it waits
}


def limit(name: str) -> str:
    return str({**LIMITS, **current_app.config.get("TRACKER_LIMITS", {})}[name])


MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
FIELD = "%Y-%m-%dT%H:%M"  # the value of an <input type="datetime-local">


class WebUser(UserMixin):
    """The signed-in user as the web layer needs it: name, role, unit.

    The session remembers the user's generation at sign-in: signing out, a new
    password or a disabled account moves it on, and every older session ends.
    """

    def __init__(self, name: str, role: str, unit: str | None, generation: int = 0) -> None:
        self.name, self.role, self.unit, self.generation = name, role, unit, generation

    def get_id(self) -> str:
        return f"{self.name}:{self.generation}"

    @property
    def actor(self) -> str:
        return self.name


def the_tracker() -> TrackerApp:
    tracker: TrackerApp = current_app.extensions["tracker"]
    return tracker


def the_user() -> WebUser:
    """The user of this request: the API's token user or the signed-in one."""
    return g.get("api_user") or current_user  # type: ignore[no-any-return]


def roles(*allowed: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Only these roles may call the view (403 otherwise); sign-in required."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            user = the_user()
            if not user.is_authenticated:
                return login_manager.unauthorized()
            if user.role not in allowed:
                abort(403)
            return view(*args, **kwargs)

        return guarded

    return decorate


def or_404(lookup: Callable[[], T]) -> T:
    """What ``lookup`` finds, or a page that does not exist."""
    try:
        return lookup()
    except NotFound:
        abort(404)


def visible_project(code: str) -> ProjectInfo:
    """The project if this user may see it; another unit's project is 404, not 403."""
    project = or_404(lambda: the_tracker().register.project(code))
    user = the_user()
    if user.role == "unit" and project.unit != user.unit:
        abort(404)
    return project


def own_order(order_id: str) -> SupervisionRow:
    """A 督办 order addressed to this (unit) user's unit; any other is 404, not 403."""
    order = or_404(lambda: the_tracker().orders.one(order_id))
    visible_project(order.code)
    if order.unit != the_user().unit:
        abort(404)
    return order


def may_report(project: ProjectInfo) -> bool:
    user = the_user()
    return user.role == "unit" and project.unit == user.unit


def campaign_year() -> int:
    """The campaign shown: this year's, else the latest there is."""
    years = the_tracker().register.campaign_years()
    this_year = clock.now().year
    if not years:
        return this_year
    return this_year if this_year in years else max(years)


#: the pages and API reads that show a past moment (``?as_of=``); every other one refuses it
SHOWS_THE_PAST = frozenset(
    {
        "bureau.dashboard", "bureau.status_board", "bureau.overdue", "bureau.ranking",
        "bureau.overdue_report", "admin.history", "shared.project", "unit.home",
        "shared.monthly_report", "shared.ranking_report", "shared.archive",
        "api.project", "api.summary", "api.status", "api.overdue", "api.ranking",
        "api.monthly_report",
        "shared.register", "unit.period_form", "unit.proposals", "admin.proposals",
        "admin.proposal", "admin.projects", "admin.project", "bureau.supervisions",
        "bureau.issued", "api.projects", "api.history", "api.oc4ids",
        "bureau.checks", "api.milestones",
    }
)  # fmt: skip
#: what a past moment may do: look (a form shown as of then is read-only; nothing is sent)
READING = frozenset({"GET", "HEAD"})


def refuse_control_characters() -> None:
    """An address carrying NUL or other control characters names nothing we hold."""
    for key, value in request.args.items(multi=True):
        if key != "next" and any(ord(c) < 32 or 0xD800 <= ord(c) <= 0xDFFF for c in value):
            raise InvalidValue("含有不允许的控制字符", key)
    if any(ord(c) < 32 for c in request.path):
        abort(404)


def refuse_the_past() -> None:
    """A page that cannot show a past moment says so, instead of showing today as if it were.

    A page that can is read-only then: sending a form as of a past moment is refused too.
    """
    if not request.args.get("as_of", "").strip():
        return
    if request.endpoint not in SHOWS_THE_PAST:
        raise InvalidValue("该页面不提供历史视图，请去掉“数据截至”时刻后再打开", "as_of")
    if request.method not in READING:
        raise InvalidValue("历史视图只供查看，不能提交，请回到当前后再操作", "as_of")


def as_of_arg() -> datetime | None:
    """``?as_of=`` read in the campaign's zone; a time still to come is refused."""
    return moment_arg("as_of")


def moment_arg(name: str) -> datetime | None:
    """A past moment in the address (``?as_of=``, ``?from=``), read in the campaign's zone."""
    text = request.args.get(name, "").strip()
    moment = parse_as_of(text, current_app.extensions["tracker_settings"].timezone, name)
    if moment is not None and moment > clock.now():
        raise InvalidValue("所选时刻不能晚于现在", name)
    return moment


def period_arg(text: str) -> Period:
    """A period in the address (API: a 422 naming the field for nonsense)."""
    return Period.parse(text, "period")


def page_period(text: str) -> Period:
    """A period in a page's address: nonsense is a page that does not exist."""
    try:
        return Period.parse(text)
    except InvalidValue:
        abort(404)


def chosen_period(text: str | None, default: Period, last: Period) -> Period:
    """The period asked for (404 for nonsense or one not yet open), else ``default``."""
    if not text:
        return default
    period = page_period(text)
    if period.year != last.year or last < period:
        abort(404)
    return period


def parse_year_month(text: str) -> tuple[int, int]:
    """``2026-05`` as (2026, 5); anything else is refused."""
    match = MONTH.fullmatch(text)
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


def local_time(value: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A moment in the deployment's time zone, for people to read."""
    if value is None:
        return "—"
    return value.astimezone(current_app.extensions["tracker_settings"].zone).strftime(fmt)


def day_of(value: date | datetime) -> date:
    """The day in the campaign's zone (an overdue item's "since" is a day or a moment)."""
    if isinstance(value, datetime):
        return date.fromisoformat(local_time(value, "%Y-%m-%d"))
    return value


def as_of_context(moment: datetime | None) -> dict[str, Any]:
    """What a page's as-of field and banner need, with the link back to now."""
    others = {key: value for key, value in request.args.items() if key != "as_of"}
    return {
        "as_of": moment,
        "as_of_text": local_time(moment, FIELD) if moment else "",
        "now_url": url_for(request.endpoint or "", **(request.view_args or {}), **others),
    }


def link(endpoint: str, moment: datetime | None, **values: Any) -> str:
    """A link to another view at the same as-of moment."""
    return url_for(endpoint, **values, as_of=local_time(moment, FIELD) if moment else None)
