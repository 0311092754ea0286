"""Reading plain forms of the bureau and the units: what was typed, loaded or refused."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask import request
from flask_login import current_user
from marshmallow import Schema, ValidationError

from tracker.domain.errors import InvalidValue, TrackerError
from tracker.web.errors import Errors, flatten, refused


def typed(names: Iterable[str]) -> dict[str, str]:
    """What was typed into the form's fields, trimmed, to load and to show again."""
    return {name: request.form.get(name, "").strip() for name in names}


def load(schema: Schema, values: dict[str, str]) -> tuple[dict[str, Any] | None, Errors]:
    """``schema.load`` of the non-empty values: (data, {}) or (None, field messages)."""
    try:
        return schema.load({k: v for k, v in values.items() if v != ""}), {}
    except ValidationError as error:
        return None, flatten(error.messages)


def attempt(command: Callable[..., Any], *args: Any) -> tuple[Errors, int]:
    """Call the command with the signed-in actor: ({}, 303), or the refusal and its status."""
    try:
        command(*args, current_user.actor)
    except TrackerError as error:
        return refused(error)
    return {}, 303


def by_field(errors: Iterable[InvalidValue]) -> Errors:
    """Domain errors as field messages (a spec's, a proposal's)."""
    found: Errors = {}
    for error in errors:
        found.setdefault(error.field or "_schema", []).append(error.message)
    return found
