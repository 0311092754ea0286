"""What each event changed, told as 中文 before → after, by folding the log.

Events carry only the new state; the state before comes from folding every
earlier event of the same aggregate. ``describe`` updates that per-aggregate
state and returns the changes one event made.
"""

from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal
from functools import singledispatch
from typing import Any

from tracker.domain.campaign import Campaign
from tracker.domain.catalog import (
    NATURE_LABELS,
    ORDER_STATUS,
    PROJECT_STATUS,
    PROPOSAL_STATUS,
    ROLES,
    SETTING_LABELS,
)
from tracker.domain.money import format_money
from tracker.domain.numbers import format_percent
from tracker.domain.period import Period
from tracker.domain.project import Project
from tracker.domain.proposal import Proposal
from tracker.domain.report import REPORT_FIELDS
from tracker.domain.rules.lights import Thresholds
from tracker.domain.rules.ranking import Weights
from tracker.domain.supervision import Supervision
from tracker.domain.unit import Unit
from tracker.domain.user import User

Change = tuple[str, str | None, str | None]  # (what, before, after); None shows as —
State = dict[str, Any]


def money(value: Decimal | None) -> str | None:
    return None if value is None else format_money(Decimal(value))


def percent(value: object) -> str | None:
    return None if value is None or value == "" else format_percent(str(value))


def text(value: object) -> str | None:
    return None if value is None or value == "" else str(value)


def yes_no(value: bool) -> str:
    return "是" if value else "否"


def changed(label: str, before: object, after: object) -> list[Change]:
    """One change if the value differs, else none."""
    return [] if before == after else [(label, text(before), text(after))]


def replaced(state: State, key: str, label: str, new: Any, shown: Any = text) -> list[Change]:
    """The value of ``key`` replaced by ``new``: one change, before → after."""
    before, state[key] = state.get(key), new
    return [(label, shown(before), shown(new))]


@singledispatch
def describe(event: object, state: State) -> list[Change]:
    """Events without a story of their own (e.g. API tokens) show no values."""
    return []


# -- campaigns, units, users -------------------------------------------------


@describe.register
def _(event: Campaign.Created, state: State) -> list[Change]:
    state.update(subject=f"{event.year}年度战役（{event.district}）", target=event.target)
    state["settings"] = {**asdict(Thresholds()), **asdict(Weights())}
    return [("年度目标（万元）", None, money(event.target))]


@describe.register
def _(event: Campaign.TargetRevised, state: State) -> list[Change]:
    return replaced(state, "target", "年度目标（万元）", event.target, money)


@describe.register
def _(event: Campaign.SettingsChanged, state: State) -> list[Change]:
    before = state.get("settings", {})
    after = {**asdict(Thresholds()), **event.thresholds, **event.weights}  # newer ones: defaults
    state["settings"] = after
    found: list[Change] = []
    for key, label in SETTING_LABELS.items():
        old, new = before.get(key), after.get(key)
        if str(old) != str(new):
            found.append((label, text(old), text(new)))
    return found


@describe.register
def _(event: Campaign.ReportIssued, state: State) -> list[Change]:
    scope = event.unit or "全区"
    label = Period.parse(event.period).label
    return [("月报表", None, f"{scope}{label}，SHA-256 {event.sha256[:12]}…")]


@describe.register
def _(event: Unit.Registered, state: State) -> list[Change]:
    state.update(subject=event.name, unit=event.name)
    return [("责任单位", None, event.name)]


@describe.register
def _(event: User.Added, state: State) -> list[Change]:
    state.update(subject=event.name, name=event.name, unit=event.unit)
    found = [("角色", None, ROLES.get(event.role, event.role))]
    return found + ([("所属单位", None, event.unit)] if event.unit else [])


@describe.register
def _(event: User.PasswordChanged, state: State) -> list[Change]:
    how = "本人修改" if event.actor == state.get("name") else "管理员重置"
    return [("密码", None, how)]


@describe.register
def _(event: User.Disabled, state: State) -> list[Change]:
    return [("状态", "启用", "停用")]


# -- projects ------------------------------------------------------------------


@describe.register
def _(event: Project.Registered, state: State) -> list[Change]:
    spec = event.spec
    state.update(
        subject=spec["name"],
        code=spec["code"],
        unit=spec["unit"],
        annual_plan=spec["annual_plan"],
        monthly_plan=list(spec["monthly_plan"]),
        progress_plan=list(spec.get("progress_plan") or []),
        manager=spec.get("manager", ""),
        reporter=spec.get("reporter", ""),
        phone=spec.get("phone", ""),
        pilot=bool(spec.get("pilot")),
        spot_check=False,
        status="active",
        started_on=None,
        completed_on=None,
        reports={},
        problems={},
    )
    return [
        ("建设性质", None, NATURE_LABELS.get(spec["nature"], spec["nature"])),
        ("总投资（万元）", None, money(spec["total_investment"])),
        ("年度计划投资（万元）", None, money(spec["annual_plan"])),
    ]


@describe.register
def _(event: Project.PlanRevised, state: State) -> list[Change]:
    found = [("年度计划投资（万元）", money(state.get("annual_plan")), money(event.annual_plan))]
    months = state.get("monthly_plan") or [None] * 12
    for month, (old, new) in enumerate(zip(months, event.monthly_plan, strict=False), 1):
        if old != new:
            found.append((f"{month}月计划（万元）", money(old), money(new)))
    state.update(annual_plan=event.annual_plan, monthly_plan=list(event.monthly_plan))
    return found + plan_changes.progress_changes(state, event.progress_plan)


@describe.register
def _(event: Project.ContactsAssigned, state: State) -> list[Change]:
    found: list[Change] = []
    for key, label in (("manager", "项目负责人"), ("reporter", "信息员"), ("phone", "联系电话")):
        found += changed(label, state.get(key) or None, getattr(event, key) or None)
        state[key] = getattr(event, key)
    return found


@describe.register
def _(event: Project.FlagsSet, state: State) -> list[Change]:
    found: list[Change] = []
    for key, label in (("pilot", "试点项目"), ("spot_check", "抽检")):
        found += changed(label, yes_no(state.get(key, False)), yes_no(getattr(event, key)))
        state[key] = getattr(event, key)
    return found


@describe.register
def _(event: Project.Started, state: State) -> list[Change]:
    return replaced(state, "started_on", "开工日期", event.started_on)


@describe.register
def _(event: Project.Completed, state: State) -> list[Change]:
    return replaced(state, "completed_on", "竣工日期", event.completed_on) + status(
        state, "completed"
    )


@describe.register
def _(event: Project.Withdrawn, state: State) -> list[Change]:
    return status(state, "withdrawn")


def status(state: State, new: str) -> list[Change]:
    old, state["status"] = state.get("status", "active"), new
    return changed("项目状态", PROJECT_STATUS.get(old, old), PROJECT_STATUS.get(new, new))


@describe.register
def _(event: Project.ReportSubmitted, state: State) -> list[Change]:
    reports = state.setdefault("reports", {})
    before = reports.get(event.period, {})
    after = {field.name: getattr(event, field.name) for field in REPORT_FIELDS}
    reports[event.period] = after
    found: list[Change] = []
    for field in REPORT_FIELDS:
        old, new = before.get(field.name), after[field.name]
        shown = {"money": money, "percent": percent}.get(field.kind, text)
        if field.kind == "money" or old != new:  # amounts are always shown
            found.append((field.label, shown(old), shown(new)))
    return found


@describe.register
def _(event: Project.ProblemRaised, state: State) -> list[Change]:
    state.setdefault("problems", {})[event.problem_id] = event.text
    return [(f"问题{event.problem_id}", None, event.text)]


@describe.register
def _(event: Project.ProblemResolved, state: State) -> list[Change]:
    problem = state.get("problems", {}).get(event.problem_id, "")
    return [(f"问题{event.problem_id} {problem}".strip(), "未解决", f"已解决：{event.resolution}")]


# -- 督办 and 申报 ---------------------------------------------------------------


@describe.register
def _(event: Supervision.Issued, state: State) -> list[Change]:
    state.update(code=event.project_code, unit=event.unit, status="open")
    return [("督办要求", None, event.requirement), ("办理期限", None, event.due_on.isoformat())]


@describe.register
def _(event: Supervision.Answered, state: State) -> list[Change]:
    return [("答复", None, event.answer), *order_status(state, "answered")]


@describe.register
def _(event: Supervision.Closed, state: State) -> list[Change]:
    return order_status(state, "closed")


@describe.register
def _(event: Supervision.Returned, state: State) -> list[Change]:
    return order_status(state, "open")


def order_status(state: State, new: str) -> list[Change]:
    old, state["status"] = state.get("status", "open"), new
    return [("督办状态", ORDER_STATUS.get(old, old), ORDER_STATUS.get(new, new))]


@describe.register
def _(event: Proposal.Submitted, state: State) -> list[Change]:
    spec = event.spec
    state.update(subject=f"申报：{spec['name']}", unit=event.unit, status="submitted")
    return [
        ("类别", None, spec["category"]),
        ("年度计划投资（万元）", None, money(spec["annual_plan"])),
    ]


@describe.register
def _(event: Proposal.Approved, state: State) -> list[Change]:
    state.update(code=event.code, status="approved")
    before, after = PROPOSAL_STATUS["submitted"], PROPOSAL_STATUS["approved"]
    return [("申报状态", before, after), ("项目编号", None, event.code)]


@describe.register
def _(event: Proposal.Rejected, state: State) -> list[Change]:
    state["status"] = "rejected"
    return [("申报状态", PROPOSAL_STATUS["submitted"], PROPOSAL_STATUS["rejected"])]


# The reminders' changes (their rules, the channels) are told in a module of their own;
# importing it here registers them before anything is described.
from tracker.application.queries import plan_changes, reminder_changes  # noqa: E402,F401
