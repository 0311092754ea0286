"""Who is who: the users (never a secret) and who holds an API token."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from tracker.application.queries.reader import Reader
from tracker.application.security import hash_token
from tracker.domain.people import person
from tracker.projections import tables

U, T = tables.users.c, tables.tokens.c


@dataclass(frozen=True)
class UserRow:
    """A user as the lists and the sign-in check show it."""

    name: str
    role: str
    unit: str | None
    disabled: bool
    generation: int = 0  # sessions of an older generation have ended
    display_name: str = ""

    @property
    def shown(self) -> str:
        """Who this is, as pages print it: 区城管局·张三."""
        return person(self.role, self.unit, self.display_name)


class Directory:
    """The users."""

    def __init__(self, read: Reader) -> None:
        self.read = read

    def users(self) -> list[UserRow]:
        """Every user, enabled or not, in name order."""
        query = select(U.name, U.role, U.unit, U.disabled, U.display_name).order_by(U.name)
        with self.read.at() as view:
            rows = view.connection.execute(query).all()
        return [UserRow(r.name, r.role, r.unit, bool(r.disabled), 0, r.display_name) for r in rows]

    def people(self) -> dict[str, str]:
        """Every sign-in name with who it is as pages print it (区城管局·张三)."""
        return {user.name: user.shown for user in self.users()}

    def user(self, name: str) -> UserRow | None:
        """The enabled user of that name, or None."""
        columns = (U.name, U.role, U.unit, U.disabled, U.generation, U.display_name)
        with self.read.at() as view:
            row = view.connection.execute(select(*columns).where(U.name == name)).first()
        if row is None or row.disabled:
            return None
        return UserRow(row.name, row.role, row.unit, False, row.generation, row.display_name)

    def token_user(self, token: str) -> UserRow | None:
        """The enabled user a bearer token was issued to, or None (one statement)."""
        columns = (U.name, U.role, U.unit, U.disabled, U.generation, U.display_name)
        query = select(*columns).join(tables.tokens, T.user_name == U.name)
        with self.read.engine.connect() as connection:  # one statement: no BEGIN, no ROLLBACK
            connection.execution_options(isolation_level="AUTOCOMMIT")
            row = connection.execute(query.where(T.token_hash == hash_token(token))).first()
        if row is None or row.disabled:
            return None
        return UserRow(row.name, row.role, row.unit, False, row.generation, row.display_name)
