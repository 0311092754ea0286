"""战役设置: light thresholds and 考核 weights; the bureau changes them with a reason."""

from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal, InvalidOperation
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from tracker.domain.errors import InvalidValue, TrackerError
from tracker.domain.rules.lights import Thresholds
from tracker.domain.rules.ranking import Weights
from tracker.web.common import campaign_year, roles, the_tracker

NUMBERS = ("yellow", "red", "on_time", "progress", "starts")
MONTHS = ("start_yellow_months", "start_red_months")


@roles("bureau", "viewer")
def settings() -> Any:
    tracker, year = the_tracker(), campaign_year()
    campaign = tracker.register.campaign(year)
    values = {
        k: str(v) for k, v in {**asdict(campaign.thresholds), **asdict(campaign.weights)}.items()
    }
    values["reason"], error = "", None
    if request.method == "POST":
        if current_user.role != "bureau":
            abort(403)
        values = {k: request.form.get(k, "").strip() for k in (*NUMBERS, *MONTHS, "reason")}
        try:
            thresholds, weights = read_settings(values)
            tracker.campaigns.change_settings(
                year, thresholds, weights, values["reason"], current_user.actor
            )
            flash("设置已保存，所有视图即时按新设置计算")
            return redirect(url_for("bureau.settings"), 303)
        except TrackerError as failure:
            error = failure.message
    page = render_template("bureau/settings.html", year=year, values=values, error=error)
    return page, (422 if error else 200)


def read_settings(values: dict[str, str]) -> tuple[Thresholds, Weights]:
    thresholds = Thresholds(
        number(values, "yellow"),
        number(values, "red"),
        whole(values, "start_yellow_months"),
        whole(values, "start_red_months"),
    )
    weights = Weights(*(number(values, key) for key in ("on_time", "progress", "starts")))
    return thresholds, weights


def number(values: dict[str, str], key: str) -> Decimal:
    try:
        return Decimal(values[key])
    except InvalidOperation:
        raise InvalidValue(f"“{values[key]}”不是有效的数字", key) from None


def whole(values: dict[str, str], key: str) -> int:
    if not values[key].isdigit():
        raise InvalidValue(f"“{values[key]}”不是整数月数", key)
    return int(values[key])
