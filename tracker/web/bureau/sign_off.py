"""月报表 and 签发: the periods to sign off, the signed-off files, and the overdue list's file."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

import reports
from tracker.domain.period import Period
from tracker.web.bureau.compare import since_sign_off, with_previous
from tracker.web.common import (
    as_of_arg,
    as_of_context,
    campaign_year,
    local_time,
    page_period,
    roles,
    the_tracker,
)
from tracker.web.shared import jobs
from tracker.web.shared.downloads import monthly_name, send


@roles("bureau", "viewer")
def issued() -> str:
    """The periods to download or sign off, and the sign-offs recorded (up to a past moment)."""
    tracker, year, moment = the_tracker(), campaign_year(), as_of_arg()
    current = tracker.summaries.current_period(year, moment)
    signed = tracker.issued.reports(year, as_of=moment)
    return render_template(
        "bureau/issued.html",
        **as_of_context(moment),
        year=year,
        issued=signed[::-1],
        signed={str(r.period): r for r in signed if r.unit is None},  # the latest of each
        previous={r.issued_at: with_previous(signed, r) for r in signed},
        since=since_sign_off,
        closed=[p for p in Period.all_of(year) if p < current][::-1],
        units=sorted({row.unit for row in tracker.register.projects(year, as_of=moment)}),
    )


@roles("bureau")
def confirm_issue(period: str) -> str:
    """签发 asks first: what is signed off, and whether anything changed since the last time."""
    tracker, when = the_tracker(), page_period(period)
    unit = known_unit(request.args.get("unit") or None)
    earlier = [r for r in tracker.issued.reports(when.year, when) if r.unit == unit]
    return render_template(
        "bureau/issue_confirm.html",
        period=when,
        unit=unit,
        last=earlier[-1] if earlier else None,
        unchanged=tracker.sign_offs.unchanged(when, unit),
        since=since_sign_off,
    )


@roles("bureau")
def issue(period: str) -> Any:
    tracker, when = the_tracker(), page_period(period)
    unit = known_unit(request.form.get("unit") or None)
    scope = f"{unit or '全区'}{when.label}月报表"
    same = tracker.sign_offs.unchanged(when, unit)
    if same is not None:  # a second click, or nothing new: the same report is not recorded twice
        flash(f"{scope}已于 {local_time(same.issued_at)} 签发，此后数据没有变化，未重复签发")
    else:
        done = reports.issue_report(tracker, when, unit, current_user.actor)
        flash(f"已签发{scope}，SHA-256 {done.sha256[:16]}…")
    return redirect(url_for("bureau.issued"), 303)


def known_unit(unit: str | None) -> str | None:
    if unit is not None and unit not in the_tracker().register.units():
        abort(404)
    return unit


@roles("bureau", "viewer")
def issued_file(sha256: str) -> Any:
    tracker = the_tracker()
    found = next((r for r in tracker.issued.reports(campaign_year()) if r.sha256 == sha256), None)
    if found is None:
        abort(404)
    name = f"{monthly_name(found.period, found.unit)}（签发件）"
    return send(tracker.issued.file(sha256), "pdf", name)


@roles("bureau", "viewer")
def overdue_report(fmt: str) -> Any:
    """The 逾期及督办清单; a big campaign's, or any as of a moment, is made in the background."""
    year, moment = campaign_year(), as_of_arg()
    job = jobs.runner().ask_overdue(year, reports.check_format(fmt), moment)
    if job is not None:
        return jobs.waited(job)
    data = reports.render_overdue(the_tracker(), year, fmt, moment)
    return send(data, fmt, f"{year}年逾期及督办清单")
