"""Sign-in, sign-out and changing one's password; who the signed-in user is on each request."""

from __future__ import annotations

from typing import Any

from flask import Flask, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from tracker.web.common import WebUser, csrf, login_manager, the_tracker

MIN_PASSWORD = 10


def init_app(app: Flask) -> None:
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "shared.login"
    login_manager.login_message = "请先登录"
    login_manager.user_loader(load_user)


def load_user(name: str) -> WebUser | None:
    user = the_tracker().directory.user(name)
    return None if user is None else WebUser(user.name, user.role, user.unit)


def login() -> Any:
    if request.method == "GET":
        return render_template("shared/login.html", name="")
    name = request.form.get("name", "").strip()
    user = the_tracker().users.authenticate(name, request.form.get("password", ""))
    if user is None:
        return render_template("shared/login.html", name=name, error="登录名或密码不正确"), 401
    login_user(WebUser(user.name, user.role, user.unit))
    target = request.args.get("next", "")
    return redirect(
        target if target.startswith("/") and not target.startswith("//") else url_for("shared.home")
    )


@login_required
def logout() -> Any:
    logout_user()
    flash("已退出登录")
    return redirect(url_for("shared.login"))


@login_required
def password() -> Any:
    if request.method == "GET":
        return render_template("shared/password.html", errors={})
    tracker, new = the_tracker(), request.form.get("new", "")
    errors: dict[str, str] = {}
    if tracker.users.authenticate(current_user.name, request.form.get("current", "")) is None:
        errors["current"] = "当前密码不正确"
    if len(new) < MIN_PASSWORD:
        errors["new"] = f"新密码至少 {MIN_PASSWORD} 位"
    elif new != request.form.get("confirm", ""):
        errors["confirm"] = "两次输入的新密码不一致"
    if errors:
        return render_template("shared/password.html", errors=errors), 422
    tracker.users.set_password(current_user.name, new, current_user.actor)
    flash("密码已修改")
    return redirect(url_for("shared.home"))
