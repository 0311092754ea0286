"""Sign-in, sign-out, change password; who the current user is and what they may see."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import (
    LoginManager,
    UserMixin,
    current_user,
    login_required,
    login_user,
    logout_user,
)
from flask_wtf.csrf import CSRFProtect

from tracker.domain.base import user_id
from tracker.domain.errors import NotFound
from tracker.domain.project import Project
from tracker.web import tracker_app

blueprint = Blueprint("auth", __name__)
login_manager = LoginManager()
csrf = CSRFProtect()
MIN_PASSWORD = 10


class WebUser(UserMixin):
    """The signed-in user as the web layer needs it: name, role, unit."""

    def __init__(self, name: str, role: str, unit: str | None) -> None:
        self.name, self.role, self.unit = name, role, unit

    def get_id(self) -> str:
        return self.name

    @property
    def actor(self) -> str:
        return self.name


def init_app(app: Flask) -> None:
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "请先登录"


@login_manager.user_loader
def load_user(name: str) -> WebUser | None:
    tracker = tracker_app(current_app)
    if not tracker.exists(user_id(name)):
        return None
    user = tracker.user(name)
    return None if user.disabled else WebUser(user.name, user.role, user.unit)


def the_user() -> WebUser:
    """The user of this request: the API's token user or the signed-in one."""
    return g.get("api_user") or current_user  # type: ignore[no-any-return]


def roles(*allowed: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Only these roles may call the view (403 otherwise); sign-in required."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            user = the_user()
            if not user.is_authenticated:
                return login_manager.unauthorized()
            if user.role not in allowed:
                abort(403)
            return view(*args, **kwargs)

        return guarded

    return decorate


def visible_project(code: str) -> Project:
    """The project if this user may see it; another unit's project is 404, not 403."""
    try:
        project = tracker_app(current_app).project(code)
    except NotFound:
        abort(404)
    user = the_user()
    if user.role == "unit" and project.unit != user.unit:
        abort(404)
    return project


def may_report(project: Project) -> bool:
    user = the_user()
    return user.role == "unit" and project.unit == user.unit


@blueprint.route("/login", methods=["GET", "POST"])
def login() -> Any:
    if request.method == "GET":
        return render_template("login.html", name="")
    name = request.form.get("name", "").strip()
    user = tracker_app(current_app).authenticate(name, request.form.get("password", ""))
    if user is None:
        return render_template("login.html", name=name, error="登录名或密码不正确"), 401
    login_user(WebUser(user.name, user.role, user.unit))
    target = request.args.get("next", "")
    return redirect(
        target if target.startswith("/") and not target.startswith("//") else url_for("pages.home")
    )


@blueprint.post("/logout")
@login_required
def logout() -> Any:
    logout_user()
    flash("已退出登录")
    return redirect(url_for("auth.login"))


@blueprint.route("/password", methods=["GET", "POST"])
@login_required
def password() -> Any:
    if request.method == "GET":
        return render_template("password.html", errors={})
    tracker = tracker_app(current_app)
    new = request.form.get("new", "")
    errors: dict[str, str] = {}
    if tracker.authenticate(current_user.name, request.form.get("current", "")) is None:
        errors["current"] = "当前密码不正确"
    if len(new) < MIN_PASSWORD:
        errors["new"] = f"新密码至少 {MIN_PASSWORD} 位"
    elif new != request.form.get("confirm", ""):
        errors["confirm"] = "两次输入的新密码不一致"
    if errors:
        return render_template("password.html", errors=errors), 422
    tracker.set_password(current_user.name, new, current_user.actor)
    flash("密码已修改")
    return redirect(url_for("pages.home"))
