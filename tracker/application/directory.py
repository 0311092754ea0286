"""Who is who: the units and users read models, and password resets by the bureau."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from tracker.application.readmodels import ReadModels
from tracker.application.security import hash_password, new_password
from tracker.projections import tables


@dataclass(frozen=True)
class UserRow:
    """A user as the bureau's list shows it (never a secret)."""

    name: str
    role: str
    unit: str | None
    disabled: bool


class Directory(ReadModels):
    """Lists of units and users; a new password for a user who lost theirs."""

    def list_units(self) -> list[str]:
        """Every registered unit's name, in name order."""
        query = select(tables.units.c.name).order_by(tables.units.c.name)
        with self.engine.connect() as connection:
            return list(connection.execute(query).scalars())

    def list_users(self) -> list[UserRow]:
        """Every user, enabled or not, in name order."""
        u = tables.users.c
        query = select(u.name, u.role, u.unit, u.disabled).order_by(u.name)
        with self.engine.connect() as connection:
            rows = connection.execute(query).all()
        return [UserRow(r.name, r.role, r.unit, bool(r.disabled)) for r in rows]

    def reset_password(self, name: str, actor: str) -> str:
        """Give the user a new generated password and return it (shown once, stored hashed)."""
        password = new_password()
        user = self.user(name)
        user.change_password(hash_password(password), actor)
        self.commit(user)
        return password
