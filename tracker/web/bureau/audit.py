"""审计校验: the ledger's head, the last verification (and a new one), a file checked against
the record. For the bureau and viewers; `tracker audit` does the same from the command line.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from tracker.application.ledger.matching import FileCheck
from tracker.domain.errors import InvalidValue
from tracker.web.common import roles, the_tracker

MAX_CHECKED_BYTES = 25 * 1024 * 1024  # as much as one request may carry


def ledger_page(checked: FileCheck | None = None, status: int = 200) -> Any:
    tracker = the_tracker()
    last, zone = tracker.audit.last(), current_app.extensions["tracker_settings"].zone
    page = render_template(
        "bureau/audit.html",
        head=tracker.audit.head(),
        events=tracker.audit.events(),
        algorithm=tracker.audit.algorithm,
        last=last,
        problems=[b.text(zone) for b in last.breaks] if last else [],
        checked=checked,
    )
    return page, status


@roles("bureau", "viewer")
def ledger() -> Any:
    return ledger_page()


@roles("bureau", "viewer")
def verify() -> Any:
    outcome = the_tracker().audit.verify(current_user.actor)
    if outcome.ok:
        flash(f"校验完成：账本完好，{outcome.events} 个事件与账本链逐一相符")
    else:
        flash(f"校验完成：发现 {outcome.broken + len(outcome.disagreements)} 处异常，见下方")
    return redirect(url_for("bureau.ledger"), 303)


@roles("bureau", "viewer")
def check_file() -> Any:
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise InvalidValue("请选择要核对的文件", "file")
    checked = the_tracker().audit.check(upload.stream, MAX_CHECKED_BYTES)
    return ledger_page(checked)
