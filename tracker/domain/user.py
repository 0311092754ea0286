"""Users: who may sign in, in which role, for which unit.

Passwords and API tokens are stored only as hashes made by the application
layer; the domain never sees a secret.
"""

from __future__ import annotations

import re

from tracker.domain.base import TrackerAggregate, user_id
from tracker.domain.catalog import ROLES
from tracker.domain.errors import InvalidValue, RuleViolation
from tracker.domain.text import check_text

_NAME = re.compile(r"[A-Za-z0-9_.\-]{2,40}")
DISPLAY_NAME_LIMIT = 20


class User(TrackerAggregate):
    """A person (or service) that signs in."""

    class Added(TrackerAggregate.Created):
        name: str
        role: str
        unit: str | None
        password_hash: str

    class PasswordChanged(TrackerAggregate.Event):
        password_hash: str

        def apply(self, user: User) -> None:
            user.password_hash = self.password_hash
            user.generation += 1  # a new password ends every session signed in with the old

    class TokenIssued(TrackerAggregate.Event):
        token_hash: str

        def apply(self, user: User) -> None:
            user.token_hashes.append(self.token_hash)

    class SignedOut(TrackerAggregate.Event):
        """The user signed out: every session signed in before now ends."""

        def apply(self, user: User) -> None:
            user.generation += 1

    class Named(TrackerAggregate.Event):
        """The name people read for this user (张三), beside the sign-in name."""

        display_name: str

        def apply(self, user: User) -> None:
            user.display_name = self.display_name

    class Disabled(TrackerAggregate.Event):
        reason: str

        def apply(self, user: User) -> None:
            user.disabled = True

    def __init__(
        self, name: str, role: str, unit: str | None, password_hash: str, actor: str
    ) -> None:
        #: sign-in name, ASCII letters, digits, ``_.-``
        self.name = name
        #: one of ``bureau``, ``unit``, ``viewer``
        self.role = role
        #: the unit's name for role ``unit``, else None
        self.unit = unit
        self.password_hash = password_hash
        self.token_hashes: list[str] = []
        self.disabled = False
        #: the name people read (张三); empty until one is given
        self.display_name = ""
        #: sessions signed in at an earlier generation are over (sign-out, new password)
        self.generation = 0

    @classmethod
    def add(cls, name: str, role: str, unit: str | None, password_hash: str, actor: str) -> User:
        """Create a user after checking name, role and unit."""
        name = name.strip()
        if not _NAME.fullmatch(name):
            raise InvalidValue("登录名须为2–40位字母、数字或 _ . -", "name")
        if role not in ROLES:
            raise InvalidValue(f"角色“{role}”不存在，可选：bureau、unit、viewer", "role")
        if role == "unit" and not unit:
            raise InvalidValue("责任单位用户必须指定所属单位", "unit")
        if role != "unit" and unit:
            raise InvalidValue("只有责任单位用户才能指定单位", "unit")
        return cls._create(
            cls.Added,
            id=user_id(name),
            name=name,
            role=role,
            unit=unit,
            password_hash=password_hash,
            actor=actor,
        )

    def name_as(self, display_name: str, actor: str) -> None:
        """Give the name pages show for this user, e.g. 张三 (shown as 区城管局·张三)."""
        display_name = (display_name or "").strip()
        check_text(display_name, "display_name", "姓名", limit=DISPLAY_NAME_LIMIT)
        if "\n" in display_name or "·" in display_name:
            raise InvalidValue("姓名不能含换行或“·”", "display_name")
        if display_name != self.display_name:
            self.trigger_event(self.Named, display_name=display_name, actor=actor)

    def change_password(self, password_hash: str, actor: str) -> None:
        self.check_enabled()
        self.trigger_event(self.PasswordChanged, password_hash=password_hash, actor=actor)

    def issue_token(self, token_hash: str, actor: str) -> None:
        """A new API token; the one issued before it stops working."""
        self.check_enabled()
        self.trigger_event(self.TokenIssued, token_hash=token_hash, actor=actor)

    def sign_out(self, actor: str) -> None:
        """End every session of this user (the one signing out and any other)."""
        self.trigger_event(self.SignedOut, actor=actor)

    def disable(self, reason: str, actor: str) -> None:
        self.check_enabled()
        self.trigger_event(self.Disabled, reason=reason.strip(), actor=actor)

    def check_enabled(self) -> None:
        if self.disabled:
            raise RuleViolation(f"用户“{self.name}”已停用")
