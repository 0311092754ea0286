"""Users (bureau only): list, create, reset a password, disable. A password is shown once."""

from __future__ import annotations

from typing import Any

from flask import current_app, flash, redirect, render_template, url_for
from flask_login import current_user

from tracker.domain.errors import TrackerError
from tracker.web.common import roles, the_tracker
from tracker.web.errors import refused
from tracker.web.shared.forms import attempt, load, typed
from tracker.web.shared.schemas import ReasonSchema, UserFormSchema


@roles("bureau")
def users() -> Any:
    return page()


@roles("bureau")
def create_user() -> Any:
    values = typed(["name", "role", "unit", "display_name"])
    data, errors = load(UserFormSchema(), values)
    if data is None:
        return page(create=(values, errors)), 422
    try:
        password = the_tracker().users.add(
            data["name"], data["role"], data["unit"], current_user.actor, data["display_name"]
        )
    except TrackerError as error:
        errors, status = refused(error)
        return page(create=(values, errors)), status
    return secret(data["name"], password, "已创建用户")


@roles("bureau")
def reset_password(name: str) -> Any:
    password = the_tracker().users.reset_password(name, current_user.actor)
    return secret(name, password, "已重置密码")


@roles("bureau")
def disable_user(name: str) -> Any:
    values = typed(["reason"])
    data, errors = load(ReasonSchema(), values)
    status = 422
    if name == current_user.name:
        errors = {"reason": ["不能停用自己的账号"]}
        status = 400
    elif data is not None:
        errors, status = attempt(the_tracker().users.disable, name, data["reason"])
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
    tracker = the_tracker()
    context.setdefault("create", ({"role": "unit"}, {}))
    return render_template(
        "admin/users.html",
        users=tracker.directory.users(),
        units=tracker.register.units(),
        **context,
    )
