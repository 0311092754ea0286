"""变更记录: the district-wide change log and a project's target history, folded from the log."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any
from uuid import UUID

from tracker.application.changes import Change, describe
from tracker.application.readmodels import ReadModels
from tracker.domain.base import project_id

#: every kind of change, as the filter offers it: event name → 中文
KINDS: dict[str, str] = {
    "Project.Registered": "登记项目",
    "Project.PlanRevised": "调整计划",
    "Project.ContactsAssigned": "变更联系人",
    "Project.FlagsSet": "试点/抽检标记",
    "Project.Started": "开工",
    "Project.Completed": "竣工",
    "Project.Withdrawn": "撤销项目",
    "Project.ReportSubmitted": "报送半月报",
    "Project.ReportCorrected": "更正半月报",
    "Project.ProblemRaised": "提出问题",
    "Project.ProblemResolved": "问题销号",
    "Supervision.Issued": "下达督办",
    "Supervision.Answered": "答复督办",
    "Supervision.Closed": "办结督办",
    "Supervision.Returned": "退回督办",
    "Proposal.Submitted": "申报新项目",
    "Proposal.Approved": "批准申报",
    "Proposal.Rejected": "驳回申报",
    "Campaign.Created": "创建战役",
    "Campaign.TargetRevised": "调整年度目标",
    "Campaign.SettingsChanged": "调整灯色阈值与考核分值",
    "Campaign.ReportIssued": "签发月报表",
    "Unit.Registered": "新增责任单位",
    "User.Added": "新增用户",
    "User.PasswordChanged": "修改密码",
    "User.TokenIssued": "签发API令牌",
    "User.Disabled": "停用用户",
}
PLAN_KINDS = ("Project.Registered", "Project.PlanRevised")


@dataclass(frozen=True)
class ChangeRow:
    """One event as the change log shows it: who did what to which, before → after, why."""

    time: datetime
    actor: str
    kind: str  # e.g. "Project.ReportCorrected"; KINDS names it
    unit: str | None
    code: str | None  # the project's code, when it is about a project
    subject: str  # the project's (or user's, unit's …) name
    period: str | None
    changes: tuple[Change, ...]
    reason: str | None

    @property
    def label(self) -> str:
        return KINDS.get(self.kind, self.kind)


@dataclass(frozen=True)
class LogFilter:
    """What the district-wide log is narrowed to; None means any."""

    unit: str | None = None
    code: str | None = None
    actor: str | None = None
    kind: str | None = None
    since: datetime | None = None  # inclusive
    before: datetime | None = None  # exclusive

    def __call__(self, row: ChangeRow) -> bool:
        return (
            (self.unit is None or row.unit == self.unit)
            and (self.code is None or (row.code or "").upper() == self.code.strip().upper())
            and (self.actor is None or row.actor == self.actor)
            and (self.kind is None or row.kind == self.kind)
            and (self.since is None or row.time >= self.since)
            and (self.before is None or row.time < self.before)
        )


class ChangeLog(ReadModels):
    """Who changed what, when and why, with the values before and after."""

    def change_log(
        self, where: LogFilter | None = None, as_of: datetime | None = None
    ) -> list[ChangeRow]:
        """Every change in the district, oldest first, as known at ``as_of`` (default now)."""
        where = where or LogFilter()
        return [row for row in fold(self.domain_events(until=as_of)) if where(row)]

    def plan_history(self, code: str) -> list[ChangeRow]:
        """A project's registered plan and every revision of it, oldest first."""
        self.project(code)  # NotFound for unknown codes
        rows = fold(self.events.get(project_id(code)))
        return [
            # A registration also tells the nature and 总投资; only its plan belongs here.
            replace(row, changes=tuple(c for c in row.changes if "计划" in c[0]))
            for row in rows
            if row.kind in PLAN_KINDS
        ]


def fold(events: Iterable[Any]) -> Iterator[ChangeRow]:
    """Rows for ``events`` (in recorded order), each aggregate's earlier state giving "before"."""
    states: dict[UUID, dict[str, Any]] = {}
    names: dict[str, str] = {}  # project code → name, for rows about a project's 督办
    for event in events:
        state = states.setdefault(event.originator_id, {})
        changes = describe(event, state)
        code = state.get("code")
        if code and "reports" in state:
            names[code] = state["subject"]
        yield ChangeRow(
            time=event.timestamp,
            actor=getattr(event, "actor", ""),
            kind=type(event).__qualname__,
            unit=state.get("unit"),
            code=code,
            subject=state.get("subject") or names.get(code or "", ""),
            period=getattr(event, "period", None),
            changes=tuple(changes),
            reason=getattr(event, "reason", None) or getattr(event, "note", None) or None,
        )
