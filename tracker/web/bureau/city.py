"""市级汇总 (a city's campaign): the districts' packages, their standing, ranking and the city
月报表, and the upload of a package; for a district, the download of a signed-off period's.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

import reports
from tracker.domain.errors import Conflict, InvalidValue, NotFound
from tracker.domain.period import Period
from tracker.web.common import campaign_year, or_404, page_period, roles, the_tracker
from tracker.web.shared.downloads import send
from tracker.web.shared.files import sent

MAX_PACKAGE_BYTES = 20 * 1024 * 1024


def city_level() -> dict[str, Any]:
    """For the menu: whether this store runs a city's campaign (then 市级汇总 is shown)."""
    if not current_user or not current_user.is_authenticated or current_user.role == "unit":
        return {}
    try:
        level = the_tracker().register.campaign(campaign_year()).level
    except NotFound:
        return {}
    return {"city_level": level == "city"}


def shown_period(text: str | None, year: int) -> Period:
    """The period asked for, else the latest one a package came for, else the open one."""
    if text:
        return page_period(text)
    rows = the_tracker().city_packages.rows(year)
    if rows:
        return max(row.period for row in rows)
    return the_tracker().summaries.current_period(year)


def city_page(period: Period, refused: str | None = None, status: int = 200) -> Any:
    tracker, year = the_tracker(), campaign_year()
    view = or_404(lambda: tracker.city_packages.view(year, period))
    return render_template(
        "bureau/city.html",
        view=view,
        periods=Period.all_of(year),
        refused=refused,
        ranked=sorted((r for r in view.districts if r.rank), key=lambda r: (r.rank, r.district)),
    ), status  # fmt: skip


@roles("bureau", "viewer")
def city() -> Any:
    return city_page(shown_period(request.args.get("period"), campaign_year()))


@roles("bureau")
def import_package() -> Any:
    """Upload a district's package: verified whole, or refused with the reason beside the box."""
    upload = request.files.get("file")
    data = upload.stream.read(MAX_PACKAGE_BYTES + 1) if upload and upload.filename else b""
    key = current_app.extensions["tracker_settings"].package_key
    try:
        if not data or len(data) > MAX_PACKAGE_BYTES:
            raise InvalidValue("请选择区县报来的数据包（.json，最大 20MB）", "file")
        done = the_tracker().city.import_package(data, key, current_user.actor)
    except (InvalidValue, Conflict) as refusal:
        period = shown_period(request.form.get("period"), campaign_year())
        return city_page(period, refusal.message, 409 if isinstance(refusal, Conflict) else 422)
    kind = "首次报送" if done.version == 1 else f"第{done.version}版，更正重报"
    flash(f"已导入{done.district}{done.period_label}数据包（{kind}）")
    return redirect(url_for("bureau.city", period=done.period), 303)


@roles("bureau", "viewer")
def city_report(period: str, fmt: str) -> Any:
    """The city 月报表: by district, then category, from the latest package of each district."""
    when, year = page_period(period), campaign_year()
    data = reports.render_city(the_tracker(), when, reports.check_format(fmt))
    district = the_tracker().register.campaign(year).district
    return send(data, fmt, f"{district}{when.year}年第{when.index}期城市建设战役汇总月报表")


@roles("bureau", "viewer")
def district_package(period: str) -> Any:
    """A signed-off period's data package, signed with TRACKER_PACKAGE_KEY, to send to the city."""
    tracker, when = the_tracker(), page_period(period)
    key = current_app.extensions["tracker_settings"].package_key
    data = tracker.packages.package(when, key)
    district = tracker.register.campaign(when.year).district
    name = f"{district}-{when}-数据包.json"
    return sent(data, "application/json", as_attachment=True, download_name=name)
