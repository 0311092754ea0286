"""Reading report forms: what was typed (kept for re-display) and what it means.

Field names are ``<code>.<field>`` so one page can carry many projects.
Uploaded files are stored at once; a form shown again after an error keeps
them as signed tokens in the form itself, each bound to the user, the user's
sign-in generation and the form, valid for two hours. The session cookie
carries no file, and signing out ends every token.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from flask import current_app, request
from flask_login import current_user
from itsdangerous import BadData, URLSafeTimedSerializer
from marshmallow import Schema, ValidationError
from werkzeug.datastructures import FileStorage, ImmutableMultiDict, MultiDict

from tracker.application.attachments import KINDS, Attachment
from tracker.application.queries.register import ReportVersion
from tracker.domain.errors import InvalidValue
from tracker.domain.report import FIELD_NAMES, REPORT_FIELDS
from tracker.web.common import the_tracker
from tracker.web.errors import flatten

FIELDS = (*FIELD_NAMES, "reason")
KEPT_FOR = 2 * 3600  # seconds a kept upload stays attachable
KEPT_SALT = "kept-upload"
REQUIRED = tuple(f.name for f in REPORT_FIELDS if f.required)


@dataclass
class Entry:
    """One project's part of a form: typed values, kept uploads, errors."""

    code: str
    values: dict[str, str] = field(default_factory=dict)
    problems: str = ""
    resolve: dict[int, str] = field(default_factory=dict)  # problem id -> resolution typed
    uploads: list[dict[str, Any]] = field(default_factory=list)
    met: dict[str, str] = field(default_factory=dict)  # node name -> the day typed it was met
    errors: dict[str, list[str]] = field(default_factory=dict)
    loaded: dict[str, Any] | None = None

    @property
    def blank(self) -> bool:
        typed = [v for k, v in self.values.items() if k != "reason"]
        return not (
            any(typed) or self.problems.strip() or self.resolve or self.uploads or self.met
        )


def read_entry(
    form: MultiDict[str, str], files: ImmutableMultiDict[str, FileStorage], code: str
) -> Entry:
    entry = Entry(code, values={name: form.get(f"{code}.{name}", "").strip() for name in FIELDS})
    entry.problems = form.get(f"{code}.problems", "")
    for key in form:
        if key.startswith(f"{code}.resolve.") and form.get(key):
            problem_id = key.rsplit(".", 1)[1]
            if problem_id.isascii() and problem_id.isdigit():
                entry.resolve[int(problem_id)] = form.get(f"{code}.resolution.{problem_id}", "")
    entry.uploads = [a for t in form.getlist(f"{code}.kept") if (a := kept(t, code)) is not None]
    met = f"{code}.met."
    entry.met = {k.removeprefix(met): v.strip() for k, v in form.items() if k.startswith(met) and v}
    stored, refused = _store_uploads(files, code)
    entry.uploads += [a.as_event_data() for a in stored]
    if refused:
        entry.errors["attachments"] = refused
    return entry


def load_entry(entry: Entry, schema: Schema) -> None:
    """Validate with ``schema``; sets ``entry.loaded`` or ``entry.errors``."""
    data: dict[str, Any] = {k: v for k, v in entry.values.items() if v or k in REQUIRED}
    if "reason" in data and "reason" not in schema.fields:
        data.pop("reason")
    lines = entry.problems.replace("\r", "\n").split("\n")  # not splitlines: \x85 is refused
    data["problems"] = [line.strip() for line in lines if line.strip()]
    data["resolved"] = [
        {"problem_id": pid, "resolution": text} for pid, text in entry.resolve.items()
    ]
    data["milestones_met"] = [{"name": name, "met_on": day} for name, day in entry.met.items()]
    try:
        loaded = schema.load(data)
    except ValidationError as error:
        entry.errors.update(flatten(error.messages))
        return
    if not entry.errors:
        loaded["report"] = replace(loaded["report"], attachments=tuple(entry.uploads))
        entry.loaded = loaded


def _store_uploads(
    files: ImmutableMultiDict[str, FileStorage], code: str
) -> tuple[list[Attachment], list[str]]:
    """Each uploaded file checked and kept on its own: (the kept ones, why others were refused).

    A refused file never costs another one its place: the form comes back with the kept
    files listed (and carried as tokens) beside the reason for each refused one.
    """
    store = the_tracker().attachments
    stored, refused = [], []
    for kind in KINDS:
        for upload in files.getlist(f"{code}.{kind}"):
            if upload and upload.filename:
                try:
                    stored.append(store.add(upload.read(), upload.filename, kind))
                except InvalidValue as error:
                    refused.append(error.message)
    return stored, refused


def keeping() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=KEPT_SALT)


def kept_token(code: str, upload: dict[str, Any]) -> str:
    """A kept upload as the form carries it: signed, for this user, sign-in and form only."""
    owner = [current_user.name, current_user.generation, request.path, code]
    return keeping().dumps({"file": upload, "for": owner})


def kept(token: str, code: str) -> dict[str, Any] | None:
    """The upload a token keeps, if it is this user's, this form's and not expired."""
    try:
        data = keeping().loads(token, max_age=KEPT_FOR)
    except BadData:
        return None
    owner = [current_user.name, current_user.generation, request.path, code]
    return data["file"] if data.get("for") == owner else None


def typed_values(version: ReportVersion) -> dict[str, str]:
    """A stored version as the strings a form shows."""
    shown = {name: "" if value is None else str(value) for name, value in version.values.items()}
    return {**shown, "reason": ""}
