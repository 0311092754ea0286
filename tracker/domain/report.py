"""A 半月报 as entered: the fields one report carries, and what a report does to its project.

``REPORT_FIELDS`` is the one list of a report's figures and texts: the event,
the form, the schema, the read model, the change log and the archive are all
made from it. Adding a field is an entry here, an attribute of ``ReportInput``
and of the event (with an upcaster for stored events), and its place in the templates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from tracker.domain.dates import check_day
from tracker.domain.errors import InvalidValue
from tracker.domain.milestones import MetNode
from tracker.domain.money import check_amount, format_money
from tracker.domain.period import Period
from tracker.domain.text import clean_text

MAX_TEXT = 2000
MAX_PROBLEMS = 20
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class ReportField:
    """One figure or text of a report: its name, its Chinese label, how it is written."""

    name: str
    label: str
    kind: str  # money | text | percent | date
    required: bool = False
    hint: str = ""  # shown beside the input


REPORT_FIELDS: tuple[ReportField, ...] = (
    ReportField("investment", "本期完成投资（万元）", "money", required=True, hint="最多两位小数"),
    ReportField("progress", "形象进度", "text", required=True),
    ReportField("progress_pct", "形象进度（%）", "percent", hint="0–100，可不填"),
    ReportField("started_on", "开工日期", "date", hint="本期开工时填写"),
    ReportField("completed_on", "竣工日期", "date", hint="本期竣工时填写"),
)
FIELD_NAMES = tuple(f.name for f in REPORT_FIELDS)


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
    #: 节点 met since the last report (each becomes a ``Project.MilestoneMet``)
    milestones_met: tuple[MetNode, ...] = ()

    def event_fields(self, period: Period, now: datetime) -> dict[str, Any]:
        """What the event of this report carries: its fields by name, files, receipt time."""
        values = {name: getattr(self, name) for name in FIELD_NAMES}
        values["progress"] = self.progress.strip()
        attachments = [dict(a) for a in self.attachments]
        return {"period": str(period), **values, "attachments": attachments, "received_at": now}

    def check_against(self, total_investment: Decimal, started_on: date | None) -> None:
        """Checks against the project: 总投资, the start date, problems resolved once each."""
        if self.investment > total_investment:
            raise InvalidValue(
                f"本期完成投资不能超过项目总投资 {format_money(total_investment)} 万元",
                "investment",
            )
        started = self.started_on or started_on
        if self.completed_on and started and self.completed_on < started:
            raise InvalidValue("竣工日期不能早于开工日期", "completed_on")
        ids = [item.problem_id for item in self.resolved]
        if len(set(ids)) != len(ids):
            raise InvalidValue("同一问题不能重复销号", "resolved")

    def check(self, today: date) -> None:
        """Checks that need nothing but the input itself and today's date."""
        check_amount(self.investment, "investment")
        if not self.progress.strip():
            raise InvalidValue("形象进度不能为空", "progress")
        if len(self.progress) > MAX_TEXT:
            raise InvalidValue(f"形象进度过长（最多{MAX_TEXT}字）", "progress")
        clean_text(self.progress, "progress", multiline=True)
        if self.progress_pct is not None and not 0 <= self.progress_pct <= 100:
            raise InvalidValue("形象进度百分比须在0到100之间", "progress_pct")
        if self.progress_pct is not None and self.progress_pct != self.progress_pct.quantize(TENTH):
            raise InvalidValue("形象进度百分比最多保留1位小数", "progress_pct")
        for name, label, day in (
            ("started_on", "开工日期", self.started_on),
            ("completed_on", "竣工日期", self.completed_on),
        ):
            check_day(day, name)
            if day is not None and day > today:
                raise InvalidValue(f"{label}不能晚于今天", name)
        if len(self.problems) > MAX_PROBLEMS:
            raise InvalidValue(f"一次最多填报{MAX_PROBLEMS}个问题", "problems")
        for text in self.problems:
            if not text.strip():
                raise InvalidValue("问题描述不能为空", "problems")
            if len(text) > MAX_TEXT:
                raise InvalidValue(f"问题描述过长（最多{MAX_TEXT}字）", "problems")
            clean_text(text, "problems", multiline=True)
        for item in self.resolved:
            if not item.resolution.strip():
                raise InvalidValue("请填写问题的解决情况", "resolved")
            if len(item.resolution) > MAX_TEXT:
                raise InvalidValue(f"解决情况过长（最多{MAX_TEXT}字）", "resolved")
            clean_text(item.resolution, "resolved", multiline=True)


@dataclass(frozen=True)
class Standing:
    """What the reports so far say of the project as a whole."""

    status: str  # active | completed | withdrawn
    started_on: date | None
    completed_on: date | None


def add_version(
    versions: list[dict[str, Any]], event: Any, reason: str | None, before: Standing
) -> Standing:
    """Append a report event's version to its period's ``versions``; the project's standing
    after it (``reason`` is a correction's, None for a first submission)."""
    claimed = versions[-1]["completed_on"] if versions else None
    version = {name: getattr(event, name) for name in FIELD_NAMES}
    received = {"received_at": event.received_at, "actor": event.actor, "reason": reason}
    version.update(attachments=event.attachments, **received)
    versions.append(version)
    return after_report(before, claimed, event.started_on, event.completed_on, bool(reason))


def after_report(
    before: Standing,
    claimed_before: date | None,
    started_on: date | None,
    completed_on: date | None,
    correction: bool,
) -> Standing:
    """The project's standing after a report (or a correction) of one period.

    ``claimed_before`` is the completion the period's previous version reported.
    A first report keeps an earlier start date; a correction may fix it. A
    correction that drops a completion reported by mistake takes it back.
    """
    status, started, completed = before.status, before.started_on, before.completed_on
    if claimed_before and not completed_on:
        status, completed = "active", None
    if started_on and (correction or not started):
        started = started_on
    if completed_on:
        status, completed = "completed", completed_on
    return Standing(status, started, completed)
