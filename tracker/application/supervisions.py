"""督办 commands: issue (bureau), answer (the project's unit), close or return (bureau)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from tracker.application.reporting import Reporting
from tracker.domain.errors import NotFound
from tracker.domain.supervision import Supervision


class SupervisionCommands(Reporting):
    """The steps of a 督办 order; each is an event with its actor and time."""

    def supervision(self, order_id: str | UUID) -> Supervision:
        try:
            ident = order_id if isinstance(order_id, UUID) else UUID(str(order_id))
        except ValueError:
            raise NotFound(f"督办“{order_id}”不存在") from None
        return self.load(Supervision, ident, f"督办“{order_id}”不存在")

    def issue_supervision(
        self, code: str, requirement: str, due_on: date, actor: str, source: str | None = None
    ) -> UUID:
        project = self.project(code)
        today = self.today(project)
        order = Supervision.issue(code, project.unit, requirement, due_on, today, actor, source)
        self.commit(order)
        return order.id

    def answer_supervision(self, order_id: str, answer: str, actor: str) -> None:
        order = self.supervision(order_id)
        order.answer(answer, actor)
        self.commit(order, conflict="该督办已被他人同时处理，请刷新后查看")

    def close_supervision(self, order_id: str, note: str, actor: str) -> None:
        order = self.supervision(order_id)
        order.close(note, actor)
        self.commit(order, conflict="该督办已被他人同时处理，请刷新后查看")

    def return_supervision(self, order_id: str, note: str, actor: str) -> None:
        order = self.supervision(order_id)
        order.send_back(note, actor)
        self.commit(order, conflict="该督办已被他人同时处理，请刷新后查看")
