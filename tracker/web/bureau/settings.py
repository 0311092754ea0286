"""战役设置: light thresholds and 考核 weights; the bureau changes them with a reason."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from tracker.domain.catalog import SETTING_LABELS
from tracker.domain.errors import TrackerError
from tracker.domain.numbers import parse_number, parse_whole
from tracker.domain.rules.lights import Thresholds
from tracker.domain.rules.ranking import Weights
from tracker.web.common import campaign_year, roles, the_tracker

NUMBERS = ("yellow", "red", "on_time", "progress", "starts")
MONTHS = ("start_yellow_months", "start_red_months")
#: 节点逾期's days and 数据核查's threshold: a form without them keeps what they are
LATER = ("milestone_yellow_days", "milestone_red_days", "mismatch_points")


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
        kept = {k: request.form.get(k, values[k]).strip() for k in LATER}
        values = {k: request.form.get(k, "").strip() for k in (*NUMBERS, *MONTHS, "reason")} | kept
        try:
            thresholds, weights = read_settings(values)
            tracker.campaigns.change_settings(
                year, thresholds, weights, values["reason"], current_user.actor
            )
            flash("设置已保存，所有视图即时按新设置计算")
            return redirect(url_for("bureau.settings"), 303)
        except TrackerError as failure:
            error = named(failure)
    page = render_template("bureau/settings.html", year=year, values=values, error=error)
    return page, (422 if error else 200)


def read_settings(values: dict[str, str]) -> tuple[Thresholds, Weights]:
    """Points of 0–100 with at most two decimals, months of 0–24, as the domain reads them."""
    points = {key: parse_number(values[key], key, 2, 100) for key in (*NUMBERS, "mismatch_points")}
    months = {key: parse_whole(values[key], key, 24) for key in MONTHS}
    days = {key: parse_whole(values[key], key, 365) for key in LATER[:2]}
    mismatch = points["mismatch_points"]
    thresholds = Thresholds(points["yellow"], points["red"], *months.values(), **days,
                            mismatch_points=mismatch)  # fmt: skip
    weights = Weights(*(points[key] for key in ("on_time", "progress", "starts")))
    return thresholds, weights


def named(failure: TrackerError) -> str:
    """The message naming the setting (``progress`` here is the weight, not 形象进度)."""
    label = SETTING_LABELS.get(failure.field or "")
    return f"{label}：{failure.message}" if label else str(failure)
