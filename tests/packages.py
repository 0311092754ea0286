"""District data packages made by hand for the city's pages: signed as a district signs them.

(``tests/application/test_city_packages.py`` makes real ones, by two district stores; the
pages only need packages that verify, so these are quick to make.)
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tracker.application.packages.signing import signed
from tracker.domain.period import Period

KEY = "市里下发的数据包密钥-2026"
FIGURES = ("annual_plan", "ytd_plan", "ytd_actual", "period_investment")


def project(code: str, category: str, unit: str, *amounts: str, light: str = "green") -> dict:  # type: ignore[type-arg]
    return {
        "code": code, "national_code": "", "name": f"{unit}{category}项目{code[-2:]}",
        "category": category, "unit": unit, "nature": "continuing", "project_status": "active",
        "status": "on_time", **dict(zip(FIGURES, amounts, strict=True)), "light": light,
        "progress": "主体施工", "progress_pct": "40",
    }  # fmt: skip


def package(
    district: str,
    projects: list[dict[str, Any]],
    period: str = "2026-05-H1",
    issued_at: str = "2026-05-15T10:00:00+08:00",
    key: str = KEY,
) -> bytes:
    """The signed package of ``district`` with these project rows."""
    when = Period.parse(period)
    totals = {
        name: str(sum((Decimal(p[name]) for p in projects), Decimal("0.00"))) for name in FIGURES
    }
    content = {
        "format": "tracker.district-package", "version": 1, "district": district,
        "year": when.year, "period": period, "period_label": when.label,
        "deadline": "2026-05-15T00:00:00+08:00", "as_of": issued_at, "issued_at": issued_at,
        "issued_by": "bureau", "report": {"sha256": "a" * 64, "size": 1234}, "chain_head": "",
        "totals": {"projects": len(projects), **totals}, "projects": projects,
        "restatements": [],
    }  # fmt: skip
    return signed(content, key)


def two_districts() -> dict[str, bytes]:
    """甲区 ahead of its plan, 乙区 behind: 甲区 ranks first."""
    return {
        "甲区": package("甲区", [
            project("JQ-01", "城市绿化", "甲区城管局", "1200.00", "400.00", "420.50", "60.25"),
            project("JQ-02", "城市综合交通", "甲区交通局", "3000.00", "1000.00", "980.00",
                    "120.00"),
        ]),
        "乙区": package("乙区", [
            project("YQ-01", "城市绿化", "乙区园林局", "800.00", "300.00", "150.00", "20.00",
                    light="red"),
            project("YQ-02", "垃圾处理", "乙区环卫处", "500.00", "200.00", "180.30", "30.10"),
        ], issued_at="2026-05-16T09:00:00+08:00"),
    }  # fmt: skip
