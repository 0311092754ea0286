"""What a project is registered with, and the checks on a plan."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from tracker.domain.catalog import CATEGORIES, NATURES
from tracker.domain.dates import check_day
from tracker.domain.errors import InvalidValue
from tracker.domain.money import check_amount, format_money
from tracker.domain.progress import progress_plan_errors
from tracker.domain.text import clean_text

_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-]{0,39}")
#: 项目代码 as the 全国投资项目在线审批监管平台 issues it: YYYY-NNNNNN-NN-NN-NNNNNN
NATIONAL_CODE = re.compile(r"(20[0-9]{2}|2100)-[0-9]{6}-[0-9]{2}-[0-9]{2}-[0-9]{6}")
#: the texts of a spec, and whether each may hold line breaks
TEXTS = {
    "name": False, "unit": False, "scope": True, "manager": False,
    "reporter": False, "phone": False, "remark": True,
}  # fmt: skip


@dataclass(frozen=True)
class ProjectSpec:
    """A project as registered: the columns of the 附件1 list, parsed."""

    code: str
    name: str
    category: str
    unit: str
    nature: str  # continuing | new_start
    total_investment: Decimal
    annual_plan: Decimal
    monthly_plan: tuple[Decimal, ...]
    planned_start: date
    planned_completion: date
    scope: str = ""
    manager: str = ""
    reporter: str = ""
    phone: str = ""
    pilot: bool = False
    remark: str = ""
    #: 项目代码 of the national online platform, "" until the project has one
    national_code: str = ""
    #: 形象进度计划: 12 cumulative month-end percentages, or () for none
    progress_plan: tuple[Decimal, ...] = ()

    def errors(self) -> list[InvalidValue]:
        """Every problem with this spec, each naming its field."""
        found: list[InvalidValue] = []
        if not _CODE.fullmatch(self.code):
            found.append(InvalidValue("项目编号须为1–40位字母、数字、- 或 _", "code"))
        if not self.name.strip():
            found.append(InvalidValue("项目名称不能为空", "name"))
        elif len(self.name) > 100:
            found.append(InvalidValue("项目名称过长（最多100字）", "name"))
        if self.category not in CATEGORIES:
            found.append(InvalidValue(f"类别“{self.category}”不在十大类别之内", "category"))
        if not self.unit.strip():
            found.append(InvalidValue("责任单位不能为空", "unit"))
        if self.nature not in NATURES.values():
            found.append(InvalidValue("建设性质只能是“在建”或“新开工”", "nature"))
        found += national_code_errors(self.national_code)
        if self.planned_completion < self.planned_start:
            found.append(InvalidValue("计划竣工日期不能早于计划开工日期", "planned_completion"))
        found.extend(self.input_errors())
        found.extend(plan_errors(self.annual_plan, self.monthly_plan, self.total_investment))
        found.extend(progress_plan_errors(self.progress_plan))
        return found

    def input_errors(self) -> list[InvalidValue]:
        """Characters no text may hold, and planned days outside the years allowed."""
        found: list[InvalidValue] = []
        for name, lines in TEXTS.items():
            found += refusal(clean_text, getattr(self, name), name, lines)
        for name in ("planned_start", "planned_completion"):
            found += refusal(check_day, getattr(self, name), name)
        return found

    def errors_but_code(self) -> list[InvalidValue]:
        """Every problem but with the code: a proposed project gets its code on approval."""
        return [error for error in replace(self, code="P").errors() if error.field != "code"]


def national_code_errors(code: str) -> list[InvalidValue]:
    """项目代码 is optional; when given it has the platform's shape (ASCII digits)."""
    if code and not NATIONAL_CODE.fullmatch(code):
        message = f"项目代码“{code[:30]}”格式不对，应形如 2026-330102-48-01-123456"
        return [InvalidValue(message, "national_code")]
    return []


def refusal(check: Callable[..., object], *args: object) -> list[InvalidValue]:
    """The error ``check(*args)`` raises, as a list of none or one."""
    try:
        check(*args)
    except InvalidValue as error:
        return [error]
    return []


def plan_errors(
    annual: Decimal, monthly: tuple[Decimal, ...], total: Decimal
) -> list[InvalidValue]:
    """Checks of DESIGN §3: 12 monthly amounts adding up exactly to the annual plan."""
    found: list[InvalidValue] = []
    if len(monthly) != 12:
        found.append(InvalidValue("月度计划必须是12个月的金额", "monthly_plan"))
        return found
    for field, amount in (("annual_plan", annual), ("total_investment", total)):
        found += refusal(check_amount, amount, field)
    for month, amount in enumerate(monthly, 1):
        for error in refusal(check_amount, amount, "monthly_plan"):
            found.append(InvalidValue(f"{month}月：{error.message}", "monthly_plan"))
    if found:
        return found
    if annual > total:
        found.append(
            InvalidValue(
                f"年度计划投资 {format_money(annual)} 超过总投资 {format_money(total)} 万元",
                "annual_plan",
            )
        )
    summed = sum(monthly, Decimal("0.00"))
    if summed != annual:
        found.append(
            InvalidValue(
                f"1–12月计划合计 {format_money(summed)} 与年度计划投资 "
                f"{format_money(annual)} 不符（相差 {format_money(abs(summed - annual))}）",
                "monthly_plan",
            )
        )
    return found
