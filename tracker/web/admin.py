"""Keeping the register: projects, proposals, plans, users, and the change history."""

from __future__ import annotations

from flask import Blueprint

blueprint = Blueprint("admin", __name__, url_prefix="/admin")
