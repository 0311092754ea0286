"""A 半月报 as entered: the figures and texts one report carries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from tracker.domain.errors import InvalidValue
from tracker.domain.money import check_amount

MAX_TEXT = 2000
MAX_PROBLEMS = 20


@dataclass(frozen=True)
class Resolution:
    """An open problem declared resolved, with how."""

    problem_id: int
    resolution: str


@dataclass(frozen=True)
class ReportInput:
    """What a unit submits (or corrects) for one project and one period."""

    investment: Decimal
    progress: str
    progress_pct: Decimal | None = None
    started_on: date | None = None
    completed_on: date | None = None
    problems: tuple[str, ...] = ()
    resolved: tuple[Resolution, ...] = ()
    attachments: tuple[dict[str, object], ...] = field(default=())

    def check(self, today: date) -> None:
        """Checks that need nothing but the input itself and today's date."""
        check_amount(self.investment, "investment")
        if not self.progress.strip():
            raise InvalidValue("形象进度不能为空", "progress")
        if len(self.progress) > MAX_TEXT:
            raise InvalidValue(f"形象进度过长（最多{MAX_TEXT}字）", "progress")
        if self.progress_pct is not None and not 0 <= self.progress_pct <= 100:
            raise InvalidValue("形象进度百分比须在0到100之间", "progress_pct")
        for name, label, day in (
            ("started_on", "开工日期", self.started_on),
            ("completed_on", "竣工日期", self.completed_on),
        ):
            if day is not None and day > today:
                raise InvalidValue(f"{label}不能晚于今天", name)
        if len(self.problems) > MAX_PROBLEMS:
            raise InvalidValue(f"一次最多填报{MAX_PROBLEMS}个问题", "problems")
        for text in self.problems:
            if not text.strip():
                raise InvalidValue("问题描述不能为空", "problems")
            if len(text) > MAX_TEXT:
                raise InvalidValue(f"问题描述过长（最多{MAX_TEXT}字）", "problems")
        for item in self.resolved:
            if not item.resolution.strip():
                raise InvalidValue("请填写问题的解决情况", "resolved")
            if len(item.resolution) > MAX_TEXT:
                raise InvalidValue(f"解决情况过长（最多{MAX_TEXT}字）", "resolved")
