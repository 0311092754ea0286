"""督办: an order from the bureau on a project, answered by its unit, closed by the bureau."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

from tracker.domain.base import TrackerAggregate
from tracker.domain.dates import check_day
from tracker.domain.errors import InvalidValue, RuleViolation
from tracker.domain.text import check_text


class Supervision(TrackerAggregate):
    """One 督办 order. ``status``: open → answered → closed, or back to open when returned."""

    class Issued(TrackerAggregate.Created):
        project_code: str
        unit: str
        requirement: str
        due_on: date
        source: str | None  # the overdue kind it was issued from, if any

    class Answered(TrackerAggregate.Event):
        answer: str

        def apply(self, order: Supervision) -> None:
            order.status = "answered"
            order.steps.append(("answered", self.actor, self.timestamp, self.answer))

    class Closed(TrackerAggregate.Event):
        note: str

        def apply(self, order: Supervision) -> None:
            order.status = "closed"
            order.steps.append(("closed", self.actor, self.timestamp, self.note))

    class Returned(TrackerAggregate.Event):
        note: str

        def apply(self, order: Supervision) -> None:
            order.status = "open"
            order.steps.append(("returned", self.actor, self.timestamp, self.note))

    def __init__(
        self,
        project_code: str,
        unit: str,
        requirement: str,
        due_on: date,
        source: str | None,
        actor: str,
    ) -> None:
        self.project_code = project_code
        #: the unit that must answer
        self.unit = unit
        self.requirement = requirement
        self.due_on = due_on
        self.source = source
        self.status = "open"
        self.steps: list[tuple[str, str, object, str]] = []

    @classmethod
    def issue(
        cls,
        project_code: str,
        unit: str,
        requirement: str,
        due_on: date,
        today: date,
        actor: str,
        source: str | None = None,
    ) -> Supervision:
        """A new order; the deadline may not lie in the past."""
        check_text(requirement, "requirement", "督办要求")
        check_day(due_on, "due_on")
        if due_on < today:
            raise InvalidValue("办理期限不能早于今天", "due_on")
        return cls._create(
            cls.Issued,
            id=uuid4(),
            project_code=project_code,
            unit=unit,
            requirement=requirement.strip(),
            due_on=due_on,
            source=source,
            actor=actor,
        )

    def answer(self, text: str, actor: str) -> None:
        """The unit's reply; allowed while the order is open."""
        if self.status != "open":
            raise RuleViolation("该督办已答复或已办结，不能再次答复")
        check_text(text, "answer", "答复内容")
        self.trigger_event(self.Answered, answer=text.strip(), actor=actor)

    def close(self, note: str, actor: str) -> None:
        if self.status == "closed":
            raise RuleViolation("该督办已办结")
        self.trigger_event(self.Closed, note=note.strip(), actor=actor)

    def send_back(self, note: str, actor: str) -> None:
        """Return an answer that does not satisfy the order; the unit answers again."""
        if self.status != "answered":
            raise RuleViolation("只有已答复的督办才能退回")
        check_text(note, "note", "退回意见")
        self.trigger_event(self.Returned, note=note.strip(), actor=actor)
