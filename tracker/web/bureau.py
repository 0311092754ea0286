"""The bureau's workspace: dashboard, period status board, overdue review, ranking."""

from __future__ import annotations

from flask import Blueprint

blueprint = Blueprint("bureau", __name__, url_prefix="/bureau")
