"""消息: every signed-in user's inbox (their unit's notices, or the bureau's), newest first.

Opening it marks what it shows as read; the menu carries the unread count.
"""

from __future__ import annotations

from typing import Any

from flask import render_template
from flask_login import current_user

from tracker.web.common import roles, the_tracker


def addressee() -> str | None:
    """Whose notices this user reads: a unit user their unit's, everyone else the bureau's."""
    return current_user.unit if current_user.role == "unit" else None


@roles("bureau", "viewer", "unit")
def inbox() -> str:
    tracker = the_tracker()
    rows = tracker.notices.inbox(current_user.name, addressee())
    if any(row.unread for row in rows):
        tracker.inbox.read(current_user.name, rows[0].raised_at, current_user.actor)
    return render_template("shared/inbox.html", rows=rows)


def unread_count() -> dict[str, Any]:
    """For the menu of every page: how many notices this user has not read."""
    if not current_user or not current_user.is_authenticated:
        return {}
    return {"inbox_unread": the_tracker().notices.unread(current_user.name, addressee())}
