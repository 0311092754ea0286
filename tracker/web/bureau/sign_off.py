"""月报表 and 签发: the periods to sign off, the signed-off files, and the overdue list's file."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

import reports
from tracker.domain.period import Period
from tracker.web.common import as_of_arg, campaign_year, page_period, roles, the_tracker
from tracker.web.shared.downloads import monthly_name, send


@roles("bureau", "viewer")
def issued() -> str:
    tracker, year = the_tracker(), campaign_year()
    current = tracker.summaries.current_period(year)
    return render_template(
        "bureau/issued.html",
        year=year,
        issued=tracker.issued.reports(year)[::-1],
        closed=[p for p in Period.all_of(year) if p < current][::-1],
        units=sorted({row.unit for row in tracker.register.projects(year=year)}),
    )


@roles("bureau")
def issue(period: str) -> Any:
    when, unit = page_period(period), request.form.get("unit") or None
    done = reports.issue_report(the_tracker(), when, unit, current_user.actor)
    flash(f"已签发{unit or '全区'}{when.label}月报表，SHA-256 {done.sha256[:16]}…")
    return redirect(url_for("bureau.issued"), 303)


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
    year = campaign_year()
    data = reports.render_overdue(the_tracker(), year, reports.check_format(fmt), as_of_arg())
    return send(data, fmt, f"{year}年逾期及督办清单")
