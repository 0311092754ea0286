"""User commands: add, passwords, tokens, disable; and the check of a sign-in."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from uuid import UUID

from tracker.application.security import (
    hash_password,
    hash_token,
    new_password,
    new_token,
    verify_password,
)
from tracker.application.store import Store
from tracker.domain.base import unit_id, user_id
from tracker.domain.errors import NotFound
from tracker.domain.user import User


@dataclass(frozen=True)
class Identity:
    """Who signed in: never a secret."""

    name: str
    role: str
    unit: str | None
    generation: int = 0


@cache
def unknown_hash() -> str:
    """A hash to check passwords against for names that do not exist: the same work, no answer.

    Made once: hashing anew for each unknown name would double the work (and the time).
    """
    return hash_password(new_password())


class UserCommands:
    """Who may sign in, and how they prove it."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def add(
        self, name: str, role: str, unit: str | None, actor: str, display_name: str = ""
    ) -> str:
        """Add a user and return the generated password (shown once, stored hashed)."""
        if unit and not self.store.exists(unit_id(unit)):
            raise NotFound(f"责任单位“{unit}”不存在")
        password = new_password()
        user = User.add(name, role, unit or None, hash_password(password), actor)
        if display_name.strip():
            user.name_as(display_name, actor)
        self.store.commit(user, conflict=f"登录名“{name}”已被使用")
        return password

    def name_as(self, name: str, display_name: str, actor: str) -> UUID:
        """The name pages show for the user (张三)."""
        user = self.load(name)
        user.name_as(display_name, actor)
        self.store.commit(user)
        return user.id

    def issue_token(self, name: str, actor: str) -> str:
        """A new API token for the user; only its hash is stored."""
        user = self.load(name)
        token = new_token()
        user.issue_token(hash_token(token), actor)
        self.store.commit(user)
        return token

    def set_password(self, name: str, password: str, actor: str) -> UUID:
        user = self.load(name)
        user.change_password(hash_password(password), actor)
        self.store.commit(user)
        return user.id

    def reset_password(self, name: str, actor: str) -> str:
        """Give the user a new generated password and return it (shown once, stored hashed)."""
        password = new_password()
        self.set_password(name, password, actor)
        return password

    def sign_out(self, name: str, actor: str) -> UUID:
        """End every session of the user."""
        user = self.load(name)
        user.sign_out(actor)
        self.store.commit(user)
        return user.id

    def disable(self, name: str, reason: str, actor: str) -> UUID:
        user = self.load(name)
        user.disable(reason, actor)
        self.store.commit(user)
        return user.id

    def authenticate(self, name: str, password: str) -> Identity | None:
        """Who this is if the name and password match and the user is enabled."""
        if not self.store.exists(user_id(name)):
            verify_password(unknown_hash(), password)  # as long as for a known name
            return None
        user = self.load(name)
        if user.disabled or not verify_password(user.password_hash, password):
            return None
        return Identity(user.name, user.role, user.unit, user.generation)

    def load(self, name: str) -> User:
        return self.store.load(User, user_id(name), f"用户“{name}”不存在")
