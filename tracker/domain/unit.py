"""责任单位: an organisation that owns projects and reports for them."""

from __future__ import annotations

from tracker.domain.base import TrackerAggregate, unit_id
from tracker.domain.errors import InvalidValue
from tracker.domain.text import clean_text


class Unit(TrackerAggregate):
    """A responsible unit, known by its name."""

    class Registered(TrackerAggregate.Created):
        name: str

    def __init__(self, name: str, actor: str) -> None:
        #: the unit's full name, e.g. 区城管局
        self.name = name

    @classmethod
    def register(cls, name: str, actor: str) -> Unit:
        name = name.strip()
        if not name:
            raise InvalidValue("责任单位名称不能为空", "unit")
        if len(name) > 60:
            raise InvalidValue("责任单位名称过长（最多60字）", "unit")
        clean_text(name, "unit")
        return cls._create(cls.Registered, id=unit_id(name), name=name, actor=actor)
