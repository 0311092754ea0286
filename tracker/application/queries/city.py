"""市级汇总: the district packages a city holds, its dashboard at a period, its 月报表's rows.

Every figure is read from the packages as the districts signed them off (money as exact
decimals); the city's totals are sums of the districts', the districts' of their projects'.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from tracker.application.packages.signing import canonical
from tracker.application.queries.reader import Reader
from tracker.application.queries.register import known_campaign
from tracker.application.queries.rows import CampaignRow
from tracker.application.queries.summaries import TotalRow
from tracker.domain.catalog import CATEGORIES
from tracker.domain.clock import clock
from tracker.domain.errors import NotFound
from tracker.domain.period import Period
from tracker.domain.rules.lights import Thresholds, lag_light
from tracker.domain.rules.ytd import NO_FIGURES, Figures
from tracker.projections import tables
from tracker.projections.codec import moment

K = tables.city_packages.c
ORDINALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class PackageRow:
    """One imported package: the first of its district and period (1) or a restatement."""

    district: str
    period: Period
    version: int
    sha256: str
    received_at: datetime
    received_by: str
    package: dict[str, Any]

    @property
    def figures(self) -> Figures:
        return figures_of(self.package["totals"])

    @property
    def issued_at(self) -> datetime:
        return datetime.fromisoformat(self.package["issued_at"])


@dataclass(frozen=True)
class DistrictRow:
    """One district at a period: its latest package's totals, its standing, its rank."""

    district: str
    status: str  # reported (已报) | late (迟报) | missing (未报) | pending (待报)
    total: TotalRow
    latest: PackageRow | None
    versions: list[PackageRow]  # every package of the period, oldest first: side by side
    rank: int | None  # by 累计完成 / 序时进度, among the districts that reported


@dataclass(frozen=True)
class CityView:
    campaign: CampaignRow
    period: Period
    deadline: datetime  # the city's: packages received before it are 已报
    total: TotalRow
    districts: list[DistrictRow]


@dataclass(frozen=True)
class CategoryGroup:
    label: str  # 一、城市绿化
    total: TotalRow
    lines: list[dict[str, Any]]  # the package's project rows


@dataclass(frozen=True)
class DistrictGroup:
    total: TotalRow
    categories: list[CategoryGroup]
    package: PackageRow


def figures_of(row: dict[str, Any]) -> Figures:
    names = ("annual_plan", "ytd_plan", "ytd_actual", "period_investment")
    return Figures(*(Decimal(row[name]) for name in names))


def total_of(name: str, members: list[Figures], thresholds: Thresholds, count: int) -> TotalRow:
    figures = sum(members, NO_FIGURES)
    return TotalRow(name, figures, lag_light(figures.lag, thresholds), count)


class CityPackages:
    """What a city holds of its districts."""

    def __init__(self, read: Reader) -> None:
        self.read = read

    def rows(self, year: int, period: Period | None = None) -> list[PackageRow]:
        """Every imported package of the year (or period), by district, period and version."""
        query = select(tables.city_packages).where(K.year == year)
        if period is not None:
            query = query.where(K.period == str(period))
        with self.read.at() as view:
            found = view.connection.execute(query.order_by(K.district, K.period, K.version))
            return [package_row(row) for row in found.mappings()]

    def file(self, year: int, district: str, period: Period, version: int | None = None) -> bytes:
        """A package's file as the district sent it: the same bytes (canonical JSON)."""
        found = [r for r in self.rows(year, period) if r.district == district]
        found = [r for r in found if version is None or r.version == version]
        if not found:
            raise NotFound(f"没有{district}{period.label}的数据包", "district")
        return canonical(found[-1].package)

    def view(self, year: int, period: Period) -> CityView:
        """Each district's latest package of ``period``, its standing by the city's deadline."""
        campaign = self.campaign(year)
        deadline, now = period.closes_at(campaign.schedule), clock.now()
        packages, every = self.rows(year, period), self.rows(year)
        districts = sorted({row.district for row in every})
        rows = []
        for district in districts:
            versions = [row for row in packages if row.district == district]
            latest = versions[-1] if versions else None
            figures = [latest.figures] if latest else []
            count = latest.package["totals"]["projects"] if latest else 0
            total = total_of(district, figures, campaign.thresholds, count)
            rows.append((district, standing(versions, deadline, now), total, latest, versions))
        ranked = ranks([(d, t) for d, _, t, latest, _ in rows if latest is not None])
        shown = [DistrictRow(*row, ranked.get(row[0])) for row in rows]
        reported = [row for row in shown if row.latest is not None]
        total = total_of(
            campaign.district,
            [row.total.figures for row in reported],
            campaign.thresholds,
            sum(row.total.projects for row in reported),
        )
        return CityView(campaign, period, deadline, total, shown)

    def monthly(self, year: int, period: Period) -> tuple[CityView, list[DistrictGroup]]:
        """The city 月报表's rows: by district, then by the ten categories, then projects."""
        view = self.view(year, period)
        groups = []
        for row in view.districts:
            if row.latest is None:
                continue
            categories = []
            projects = row.latest.package["projects"]
            for ordinal, category in zip(ORDINALS, CATEGORIES, strict=True):
                lines = [p for p in projects if p["category"] == category]
                if not lines:
                    continue
                figures = [figures_of(p) for p in lines]
                total = total_of(category, figures, view.campaign.thresholds, len(lines))
                categories.append(CategoryGroup(f"{ordinal}、{category}", total, lines))
            groups.append(DistrictGroup(row.total, categories, row.latest))
        return view, groups

    def campaign(self, year: int) -> CampaignRow:
        with self.read.at() as view:
            found = known_campaign(view, year)
        if found.level != "city":
            raise NotFound(f"{year} 年度战役不是市级战役")
        return found


def standing(versions: list[PackageRow], deadline: datetime, now: datetime) -> str:
    """已报 before the city's deadline, 迟报 after it; 未报 once it passed without, else 待报."""
    if versions:
        return "reported" if versions[0].received_at < deadline else "late"
    return "missing" if now >= deadline else "pending"


def ranks(totals: list[tuple[str, TotalRow]]) -> dict[str, int]:
    """1 for the district furthest ahead of its plan (累计完成 / 序时进度), ties share a rank."""

    def ratio(row: TotalRow) -> Decimal:
        return row.figures.schedule_ratio or Decimal(0)

    ordered = sorted(totals, key=lambda item: (-ratio(item[1]), item[0]))
    found: dict[str, int] = {}
    for place, (district, row) in enumerate(ordered, 1):
        tied = [d for d, r in ordered[: place - 1] if ratio(r) == ratio(row)]
        found[district] = found[tied[0]] if tied else place
    return found


def package_row(row: Any) -> PackageRow:
    return PackageRow(
        district=row["district"],
        period=Period.parse(row["period"]),
        version=row["version"],
        sha256=row["sha256"],
        received_at=moment(row["received_at"]),  # type: ignore[arg-type]
        received_by=row["received_by"],
        package=json.loads(row["package"]),
    )
