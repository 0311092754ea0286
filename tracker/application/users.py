"""User commands: add, passwords, tokens, disable; and sign-in checks."""

from __future__ import annotations

from sqlalchemy import select

from tracker.application.campaigns import CampaignCommands
from tracker.application.security import (
    hash_password,
    hash_token,
    new_password,
    new_token,
    verify_password,
)
from tracker.domain.base import user_id
from tracker.domain.user import User
from tracker.projections import tables


class UserCommands(CampaignCommands):
    """Who may sign in, and how they prove it."""

    def add_user(self, name: str, role: str, unit: str | None, actor: str) -> str:
        """Add a user and return the generated password (shown once, stored hashed)."""
        if unit:
            self.unit(unit)  # must exist
        password = new_password()
        user = User.add(name, role, unit or None, hash_password(password), actor)
        self.commit(user, conflict=f"登录名“{name}”已被使用")
        return password

    def user(self, name: str) -> User:
        return self.load(User, user_id(name), f"用户“{name}”不存在")

    def issue_token(self, name: str, actor: str) -> str:
        """A new API token for the user; only its hash is stored."""
        user = self.user(name)
        token = new_token()
        user.issue_token(hash_token(token), actor)
        self.commit(user)
        return token

    def set_password(self, name: str, password: str, actor: str) -> None:
        user = self.user(name)
        user.change_password(hash_password(password), actor)
        self.commit(user)

    def disable_user(self, name: str, reason: str, actor: str) -> None:
        user = self.user(name)
        user.disable(reason, actor)
        self.commit(user)

    def authenticate(self, name: str, password: str) -> User | None:
        """The user if the name and password match and the user is enabled."""
        if not self.exists(user_id(name)):
            return None
        user = self.user(name)
        if user.disabled or not verify_password(user.password_hash, password):
            return None
        return user

    def user_for_token(self, token: str) -> User | None:
        query = select(tables.tokens.c.user_name).where(
            tables.tokens.c.token_hash == hash_token(token)
        )
        with self.engine.connect() as connection:
            name = connection.execute(query).scalar()
        if name is None:
            return None
        user = self.user(name)
        return None if user.disabled else user
