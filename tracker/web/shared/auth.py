"""Sign-in, sign-out and changing one's password; who the signed-in user is on each request.

A session names the user and the user's generation at sign-in; signing out or
a new password moves the generation on (an event), so a cookie saved earlier
no longer signs anyone in. Sign-in is rate-limited per address and locked per
name after repeated failures (Flask-Limiter); an unknown name costs the same
hashing time as a known one.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Flask, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user

from tracker.web.common import WebUser, csrf, limit, limiter, login_manager, the_tracker

MIN_PASSWORD = 10
LOCKED = "登录失败次数过多，该账号已暂时锁定，请15分钟后再试"


def init_app(app: Flask) -> None:
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "shared.login"
    login_manager.login_message = "请先登录"
    login_manager.user_loader(load_user)


def load_user(ident: str) -> WebUser | None:
    """The user of a session, if that session has not been ended since."""
    name, _, generation = ident.rpartition(":")
    user = the_tracker().directory.user(name)
    if user is None or str(user.generation) != generation:
        return None
    return WebUser(user.name, user.role, user.unit, user.generation)


def failed(response: Any) -> bool:
    return response.status_code == 401


def sign_in_name() -> str:
    return "login:" + request.form.get("name", "").strip().lower()


@limiter.limit(lambda: limit("SIGN_IN_PER_ADDRESS"), methods=["POST"])
@limiter.limit(
    lambda: limit("SIGN_IN_LOCK"),
    key_func=sign_in_name,
    methods=["POST"],
    deduct_when=failed,
    error_message=LOCKED,
)
def login() -> Any:
    if request.method == "GET":
        return render_template("shared/login.html", name="")
    name = request.form.get("name", "").strip()
    user = the_tracker().users.authenticate(name, request.form.get("password", ""))
    if user is None:
        return render_template("shared/login.html", name=name, error="登录名或密码不正确"), 401
    session.clear()  # nothing of an earlier session carries over; a new CSRF token too
    login_user(WebUser(user.name, user.role, user.unit, user.generation))
    return redirect(same_site(request.args.get("next", "")) or url_for("shared.home"))


def same_site(target: str) -> str | None:
    """``target`` if a browser would stay on this site following it, else None.

    Browsers drop tabs and newlines and read a backslash as a slash, so
    ``/\\tevil.example`` and ``/\\\\evil.example`` lead away: such a path is refused.
    """
    cleaned = "".join(c for c in target if c not in "\t\r\n").replace("\\", "/").strip()
    if not cleaned.startswith("/") or cleaned.startswith("//") or any(ord(c) < 32 for c in cleaned):
        return None
    parts = urlsplit(cleaned)
    return cleaned if not parts.scheme and not parts.netloc else None


@login_required
def logout() -> Any:
    the_tracker().users.sign_out(current_user.name, current_user.actor)
    logout_user()
    session.clear()
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
    renewed = load_user(f"{current_user.name}:{current_user.generation + 1}")
    if renewed is not None:  # this session stays signed in; every other one ends
        login_user(renewed)
    flash("密码已修改，其他设备上的登录已失效")
    return redirect(url_for("shared.home"))
