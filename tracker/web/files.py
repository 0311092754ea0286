"""Downloads of attachments, only for users who may see a project that holds them."""

from __future__ import annotations

import io
from typing import Any

from flask import Blueprint, abort, current_app, request, send_file

from tracker.application.attachments import AttachmentStore
from tracker.web import tracker_app
from tracker.web.auth import roles, the_user

blueprint = Blueprint("files", __name__)


def allowed(sha256: str) -> dict[str, Any]:
    """The file's row if one of its projects is visible to this user; else 404."""
    tracker = tracker_app(current_app)
    user = the_user()
    for code in sorted(tracker.attachment_projects(sha256)):
        if user.role != "unit" or tracker.project(code).unit == user.unit:
            return next(a for a in tracker.project_attachments(code) if a["sha256"] == sha256)
    abort(404)


@blueprint.get("/files/<sha256>")
@roles("bureau", "viewer", "unit")
def download(sha256: str) -> Any:
    row = allowed(sha256)
    store: AttachmentStore = current_app.extensions["tracker_files"]
    response = send_file(
        io.BytesIO(store.open(sha256)),
        mimetype=row["media_type"],
        as_attachment=request.args.get("inline") != "1"
        or not row["media_type"].startswith("image/"),
        download_name=row["name"],
        max_age=0,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@blueprint.get("/files/<sha256>/thumb")
@roles("bureau", "viewer", "unit")
def thumbnail(sha256: str) -> Any:
    allowed(sha256)
    store: AttachmentStore = current_app.extensions["tracker_files"]
    response = send_file(io.BytesIO(store.thumbnail(sha256)), mimetype="image/jpeg", max_age=3600)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
