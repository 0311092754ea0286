"""Users (bureau only): list, create, reset a password, disable. A password is shown once."""

from __future__ import annotations

from typing import Any

from flask import current_app, flash, redirect, render_template, url_for
from flask_login import current_user

from tracker.domain.errors import TrackerError
from tracker.web import tracker_app
from tracker.web.admin import blueprint, load, perform, refused, typed
from tracker.web.auth import roles
from tracker.web.schemas import ReasonSchema, UserFormSchema


@blueprint.get("/users")
@roles("bureau")
def users() -> Any:
    return page()


@blueprint.post("/users")
@roles("bureau")
def create_user() -> Any:
    values = typed(["name", "role", "unit"])
    data, errors = load(UserFormSchema(), values)
    if data is None:
        return page(create=(values, errors)), 422
    try:
        password = tracker_app(current_app).add_user(
            data["name"], data["role"], data["unit"], current_user.actor
        )
    except TrackerError as error:
        errors, status = refused(error)
        return page(create=(values, errors)), status
    return secret(data["name"], password, "已创建用户")


@blueprint.post("/users/<name>/password")
@roles("bureau")
def reset_password(name: str) -> Any:
    password = tracker_app(current_app).reset_password(name, current_user.actor)
    return secret(name, password, "已重置密码")


@blueprint.post("/users/<name>/disable")
@roles("bureau")
def disable_user(name: str) -> Any:
    values = typed(["reason"])
    data, errors = load(ReasonSchema(), values)
    status = 422
    if name == current_user.name:
        errors = {"reason": ["不能停用自己的账号"]}
        status = 400
    elif data is not None:
        errors, status = perform("disable_user", name, data["reason"])
    if errors:
        return page(disable=(name, values, errors)), status
    flash(f"已停用用户 {name}；其操作记录保留")
    return redirect(url_for("admin.users"), 303)


def secret(name: str, password: str, what: str) -> Any:
    """The generated password, on this one response only: never flashed, never cached."""
    response = current_app.make_response(page(shown=(what, name, password)))
    response.headers["Cache-Control"] = "no-store"
    return response


def page(**context: Any) -> str:
    tracker = tracker_app(current_app)
    context.setdefault("create", ({"role": "unit"}, {}))
    return render_template(
        "admin_users.html", users=tracker.list_users(), units=tracker.list_units(), **context
    )

