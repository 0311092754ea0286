"""督办 commands: issue (bureau), answer (the project's unit), close or return (bureau)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID

from tracker.application.commands.projects import ProjectCommands
from tracker.application.store import Store
from tracker.domain.base import known_id
from tracker.domain.supervision import Supervision

RACE = "该督办已被他人同时处理，请刷新后查看"


class SupervisionCommands:
    """The steps of a 督办 order; each is an event with its actor and time."""

    def __init__(self, store: Store, projects: ProjectCommands) -> None:
        self.store = store
        self.projects = projects

    def load(self, order_id: str | UUID) -> Supervision:
        missing = f"督办“{order_id}”不存在"
        return self.store.load(Supervision, known_id(order_id, missing), missing)

    def issue(
        self, code: str, requirement: str, due_on: date, actor: str, source: str | None = None
    ) -> UUID:
        project = self.projects.load(code)
        today = self.projects.today(project)
        order = Supervision.issue(code, project.unit, requirement, due_on, today, actor, source)
        self.store.commit(order)
        return order.id

    def answer(self, order_id: str, answer: str, actor: str) -> UUID:
        """The unit's reply."""
        return self.step(order_id, lambda order: order.answer(answer, actor))

    def close(self, order_id: str, note: str, actor: str) -> UUID:
        return self.step(order_id, lambda order: order.close(note, actor))

    def send_back(self, order_id: str, note: str, actor: str) -> UUID:
        """Return an answer that does not satisfy the order; the unit answers again."""
        return self.step(order_id, lambda order: order.send_back(note, actor))

    def step(self, order_id: str, act: Callable[[Supervision], None]) -> UUID:
        """Load the order, take the step, commit: a racing step by someone else is a Conflict."""
        order = self.load(order_id)
        act(order)
        self.store.commit(order, conflict=RACE)
        return order.id
