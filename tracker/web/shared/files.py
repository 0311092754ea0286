"""Downloads of attachments, only for users who may see a project that holds them."""

from __future__ import annotations

import io
from typing import Any

from flask import abort, request, send_file

from tracker.application.queries.register import AttachmentRow
from tracker.web.common import roles, the_tracker, the_user


def allowed(sha256: str) -> AttachmentRow:
    """The file's row if one of its projects is visible to this user; else 404."""
    tracker, user = the_tracker(), the_user()
    for code in sorted(tracker.register.attachment_codes(sha256)):
        if user.role != "unit" or tracker.register.project(code).unit == user.unit:
            return next(a for a in tracker.register.attachments(code) if a.sha256 == sha256)
    abort(404)


@roles("bureau", "viewer", "unit")
def file(sha256: str) -> Any:
    row = allowed(sha256)
    inline = request.args.get("inline") == "1" and row.media_type.startswith("image/")
    data = the_tracker().attachments.read(sha256)
    return sent(data, row.media_type, as_attachment=not inline, download_name=row.name)


@roles("bureau", "viewer", "unit")
def thumbnail(sha256: str) -> Any:
    allowed(sha256)
    data = the_tracker().attachments.thumbnail(sha256)
    return sent(data, "image/jpeg", max_age=3600)


def sent(data: bytes, mimetype: str, max_age: int = 0, **options: Any) -> Any:
    """Bytes as a response that no browser second-guesses."""
    response = send_file(io.BytesIO(data), mimetype=mimetype, max_age=max_age, **options)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
