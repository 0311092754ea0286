"""Reading report forms: what was typed (kept for re-display) and what it means.

Field names are ``<code>.<field>`` so one page can carry many projects.
Uploaded files are stored at once and remembered in the session, so a form
shown again after an error keeps them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from flask import session
from marshmallow import Schema, ValidationError
from werkzeug.datastructures import FileStorage, ImmutableMultiDict, MultiDict

from tracker.application.attachments import KINDS, Attachment
from tracker.application.queries.register import ReportVersion
from tracker.domain.errors import InvalidValue
from tracker.domain.report import FIELD_NAMES, REPORT_FIELDS
from tracker.web.common import the_tracker
from tracker.web.errors import flatten

FIELDS = (*FIELD_NAMES, "reason")
REQUIRED = tuple(f.name for f in REPORT_FIELDS if f.required)


@dataclass
class Entry:
    """One project's part of a form: typed values, kept uploads, errors."""

    code: str
    values: dict[str, str] = field(default_factory=dict)
    problems: str = ""
    resolve: dict[int, str] = field(default_factory=dict)  # problem id -> resolution typed
    uploads: list[dict[str, Any]] = field(default_factory=list)
    errors: dict[str, list[str]] = field(default_factory=dict)
    loaded: dict[str, Any] | None = None

    @property
    def blank(self) -> bool:
        typed = [v for k, v in self.values.items() if k != "reason"]
        return (
            not any(typed) and not self.problems.strip() and not self.resolve and not self.uploads
        )


def read_entry(
    form: MultiDict[str, str], files: ImmutableMultiDict[str, FileStorage], code: str
) -> Entry:
    entry = Entry(code, values={name: form.get(f"{code}.{name}", "").strip() for name in FIELDS})
    entry.problems = form.get(f"{code}.problems", "")
    for key in form:
        if key.startswith(f"{code}.resolve.") and form.get(key):
            problem_id = key.rsplit(".", 1)[1]
            if problem_id.isdigit():
                entry.resolve[int(problem_id)] = form.get(f"{code}.resolution.{problem_id}", "")
    kept = session.get("uploads", {})
    entry.uploads = [kept[sha] for sha in form.getlist(f"{code}.kept") if sha in kept]
    try:
        entry.uploads += [a.as_event_data() for a in _store_uploads(files, code)]
    except InvalidValue as error:
        entry.errors["attachments"] = [error.message]
    _remember(entry.uploads)
    return entry


def load_entry(entry: Entry, schema: Schema) -> None:
    """Validate with ``schema``; sets ``entry.loaded`` or ``entry.errors``."""
    data: dict[str, Any] = {k: v for k, v in entry.values.items() if v or k in REQUIRED}
    if "reason" in data and "reason" not in schema.fields:
        data.pop("reason")
    data["problems"] = [line.strip() for line in entry.problems.splitlines() if line.strip()]
    data["resolved"] = [
        {"problem_id": pid, "resolution": text} for pid, text in entry.resolve.items()
    ]
    try:
        loaded = schema.load(data)
    except ValidationError as error:
        entry.errors.update(flatten(error.messages))
        return
    if not entry.errors:
        loaded["report"] = replace(loaded["report"], attachments=tuple(entry.uploads))
        entry.loaded = loaded


def _store_uploads(files: ImmutableMultiDict[str, FileStorage], code: str) -> list[Attachment]:
    store = the_tracker().attachments
    stored = []
    for kind in KINDS:
        for upload in files.getlist(f"{code}.{kind}"):
            if upload and upload.filename:
                stored.append(store.add(upload.read(), upload.filename, kind))
    return stored


def _remember(uploads: list[dict[str, Any]]) -> None:
    if uploads:
        kept = dict(session.get("uploads", {}))
        kept.update({str(u["sha256"]): u for u in uploads})
        session["uploads"] = dict(list(kept.items())[-40:])  # a cookie holds only so much


def typed_values(version: ReportVersion) -> dict[str, str]:
    """A stored version as the strings a form shows."""
    shown = {name: "" if value is None else str(value) for name, value in version.values.items()}
    return {**shown, "reason": ""}
