"""Keeping the register: projects, proposals, plans, users, and the change history.

The routes live in ``admin_*.py`` beside this module; each adds itself to
``blueprint``. Every page here is the bureau's; viewers may read the lists
and the change history, units get 403 (their proposal form is ``/unit/proposals``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask import Blueprint, current_app, request
from flask.blueprints import BlueprintSetupState
from flask_login import current_user
from marshmallow import Schema, ValidationError

from tracker.domain.catalog import CATEGORIES
from tracker.domain.errors import TrackerError
from tracker.web import tracker_app
from tracker.web.errors import STATUS, flatten

blueprint = Blueprint("admin", __name__, url_prefix="/admin")
#: a unit's own pages for proposing a project, outside /admin
unit_blueprint = Blueprint("proposals", __name__, url_prefix="/unit/proposals")

Errors = dict[str, list[str]]


@blueprint.context_processor
@unit_blueprint.context_processor
def form_choices() -> dict[str, Any]:
    """Choices the forms offer: the ten categories."""
    return {"categories": [(name, name) for name in CATEGORIES]}


@blueprint.record_once
def _register_unit_pages(state: BlueprintSetupState) -> None:
    state.app.register_blueprint(unit_blueprint)


def typed(names: Iterable[str]) -> dict[str, str]:
    """What was typed into the form's fields, trimmed, to load and to show again."""
    return {name: request.form.get(name, "").strip() for name in names}


def load(schema: Schema, values: dict[str, str]) -> tuple[dict[str, Any] | None, Errors]:
    """``schema.load`` of the non-empty values: (data, {}) or (None, field messages)."""
    try:
        return schema.load({k: v for k, v in values.items() if v != ""}), {}
    except ValidationError as error:
        return None, flatten(error.messages)


def refused(error: TrackerError) -> tuple[Errors, int]:
    """A domain error as field messages and the status errors.py gives it."""
    status = next((code for kind, code in STATUS.items() if isinstance(error, kind)), 400)
    return {error.field or "_schema": [error.message]}, status


def perform(command: str, *args: Any) -> tuple[Errors, int]:
    """Call the application command with the signed-in actor: ({}, 303) or the refusal."""
    try:
        getattr(tracker_app(current_app), command)(*args, current_user.actor)
    except TrackerError as error:
        return refused(error)
    return {}, 303


# The routes; imported last, as they import ``blueprint`` from here.
from tracker.web import (  # noqa: E402
    admin_history,  # noqa: F401
    admin_projects,  # noqa: F401
    admin_proposals,  # noqa: F401
    admin_upload,  # noqa: F401
    admin_users,  # noqa: F401
)
