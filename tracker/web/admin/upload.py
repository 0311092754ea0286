"""Upload a 附件1 project list: step 1 checks it and previews it (or lists every error),
step 2 registers all of it in one transaction. Nothing is written before step 2."""

from __future__ import annotations

import csv
import io
from typing import Any
from urllib.parse import quote

from flask import (
    Response,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user

from tracker.application.project_list import COLUMNS, MAX_BYTES, ProjectListRejected
from tracker.domain.errors import TrackerError
from tracker.web.common import campaign_year, roles, the_tracker
from tracker.web.errors import status_of

TEMPLATE_NAME = quote("项目清单模板.csv")
STAGED = "project_list"  # the session remembers only the previewed file's sha256


@roles("bureau")
def upload() -> Any:
    if request.method == "GET":
        return render_template("admin/upload.html", year=campaign_year())
    upload = request.files.get("file")
    if not upload or not upload.filename:
        return page(message="请选择要上传的项目清单文件（CSV 或 XLSX）"), 422
    try:
        preview = the_tracker().project_lists.preview(campaign_year(), upload.read(MAX_BYTES + 1))
    except ProjectListRejected as rejected:
        return page(rejected=rejected, name=upload.filename), 422
    except TrackerError as error:
        return page(message=error.message), status_of(error)
    session[STAGED] = preview.sha256
    return page(preview=preview, name=upload.filename)


@roles("bureau")
def confirm_upload() -> Any:
    sha256 = request.form.get("sha256", "")
    if session.get(STAGED) != sha256:
        return page(message="没有待确认的项目清单，或已经确认过，请重新上传"), 409
    try:
        specs = the_tracker().project_lists.confirm(campaign_year(), sha256, current_user.actor)
    except ProjectListRejected as rejected:  # e.g. a code registered since the preview
        return page(rejected=rejected), 409
    except TrackerError as error:
        return page(message=error.message), status_of(error)
    session.pop(STAGED, None)
    flash(f"已登记 {len(specs)} 个项目")
    return redirect(url_for("admin.projects"), 303)


@roles("bureau", "viewer")
def template() -> Response:
    """The 附件1 header row, UTF-8 with BOM so that Excel opens it right."""
    out = io.StringIO()
    csv.writer(out).writerow(COLUMNS)
    return Response(
        "\ufeff" + out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{TEMPLATE_NAME}"},
    )


def page(**context: Any) -> str:
    return render_template("admin/upload.html", year=campaign_year(), **context)
