"""督办 commands: issue (bureau), answer (the project's unit), close or return (bureau)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from tracker.application.commands.projects import ProjectCommands
from tracker.application.store import Store
from tracker.domain.errors import NotFound
from tracker.domain.supervision import Supervision

RACE = "该督办已被他人同时处理，请刷新后查看"


class SupervisionCommands:
    """The steps of a 督办 order; each is an event with its actor and time."""

    def __init__(self, store: Store, projects: ProjectCommands) -> None:
        self.store = store
        self.projects = projects

    def load(self, order_id: str | UUID) -> Supervision:
        try:
            ident = order_id if isinstance(order_id, UUID) else UUID(str(order_id))
        except ValueError:
            raise NotFound(f"督办“{order_id}”不存在") from None
        return self.store.load(Supervision, ident, f"督办“{order_id}”不存在")

    def issue(
        self, code: str, requirement: str, due_on: date, actor: str, source: str | None = None
    ) -> UUID:
        project = self.projects.load(code)
        today = self.projects.today(project)
        order = Supervision.issue(code, project.unit, requirement, due_on, today, actor, source)
        self.store.commit(order)
        return order.id

    def answer(self, order_id: str, answer: str, actor: str) -> UUID:
        order = self.load(order_id)
        order.answer(answer, actor)
        self.store.commit(order, conflict=RACE)
        return order.id

    def close(self, order_id: str, note: str, actor: str) -> UUID:
        order = self.load(order_id)
        order.close(note, actor)
        self.store.commit(order, conflict=RACE)
        return order.id

    def send_back(self, order_id: str, note: str, actor: str) -> UUID:
        """Return an answer that does not satisfy the order; the unit answers again."""
        order = self.load(order_id)
        order.send_back(note, actor)
        self.store.commit(order, conflict=RACE)
        return order.id
