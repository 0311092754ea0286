"""The campaign's settings page: light thresholds and 考核 weights (bureau)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from tracker.domain.errors import InvalidValue, TrackerError
from tracker.domain.figures import Thresholds, Weights
from tracker.web import tracker_app
from tracker.web.auth import roles
from tracker.web.bureau import blueprint
from tracker.web.pages import campaign_year

NUMBERS = ("yellow", "red", "on_time", "progress", "starts")
MONTHS = ("start_yellow_months", "start_red_months")


@blueprint.route("/settings", methods=["GET", "POST"])
@roles("bureau", "viewer")
def settings() -> Any:
    tracker = tracker_app(current_app)
    year = campaign_year()
    campaign = tracker.campaign(year)
    values = {
        **{k: str(v) for k, v in vars(campaign.thresholds).items()},
        **{k: str(v) for k, v in vars(campaign.weights).items()},
        "reason": "",
    }
    error = None
    if request.method == "POST":
        if current_user.role != "bureau":
            return render_template(
                "error.html", status=403, message="没有权限执行此操作", fields={}
            ), 403
        values = {k: request.form.get(k, "").strip() for k in (*NUMBERS, *MONTHS, "reason")}
        try:
            thresholds = Thresholds(
                number(values, "yellow"),
                number(values, "red"),
                whole(values, "start_yellow_months"),
                whole(values, "start_red_months"),
            )
            weights = Weights(
                number(values, "on_time"), number(values, "progress"), number(values, "starts")
            )
            tracker.change_settings(year, thresholds, weights, values["reason"], current_user.actor)
            flash("设置已保存，所有视图即时按新设置计算")
            return redirect(url_for("bureau.settings"), 303)
        except TrackerError as failure:
            error = failure.message
    return render_template("settings.html", year=year, values=values, error=error), (
        422 if error else 200
    )


def number(values: dict[str, str], key: str) -> Decimal:
    try:
        return Decimal(values[key])
    except InvalidOperation:
        raise InvalidValue(f"“{values[key]}”不是有效的数字", key) from None


def whole(values: dict[str, str], key: str) -> int:
    if not values[key].isdigit():
        raise InvalidValue(f"“{values[key]}”不是整数月数", key)
    return int(values[key])
