"""The district's, each category's and each unit's figures at a period, summed in the database.

本年累计 and 本期完成 are ``SUM``s grouped by unit and category over the period reports
(integer 分, read from an index alone); 序时进度 comes from each project's twelve monthly
amounts, the half of an H1 month rounded half up per project (DESIGN §3), so the plans are
added up here from the rows' plan text, parsed once per distinct plan. Python touches a row
per (unit, category) pair and per project plan, never a row per report.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import case, func, select

from tracker.application.queries.reader import View
from tracker.application.queries.rows import CampaignRow
from tracker.domain.catalog import CATEGORIES
from tracker.domain.money import from_cents
from tracker.domain.period import Period
from tracker.domain.rules.lights import lag_light
from tracker.domain.rules.ytd import Figures
from tracker.projections import tables
from tracker.projections.codec import plan_steps

P, R = tables.projects.c, tables.period_reports.c


@dataclass(frozen=True)
class TotalRow:
    """Sums of the same figures over a group of projects."""

    name: str
    figures: Figures
    light: str
    projects: int


@dataclass(frozen=True)
class Totals:
    """A period's figures for the district, its ten categories and its units."""

    district: TotalRow
    categories: list[TotalRow]
    units: list[TotalRow]


class Sums:
    """Running sums of one group, in 分."""

    __slots__ = ("projects", "annual", "plan", "actual", "investment")

    def __init__(self) -> None:
        self.projects = self.annual = self.plan = self.actual = self.investment = 0

    def count(self, annual: int, plan: int, actual: int = 0, investment: int = 0) -> None:
        """One project more: its 年度计划, 序时进度, and (if known yet) 本年累计 and 本期完成."""
        self.projects += 1
        self.annual += annual
        self.plan += plan
        self.actual += actual
        self.investment += investment

    def add(self, other: Sums) -> None:
        self.projects += other.projects
        self.annual += other.annual
        self.plan += other.plan
        self.actual += other.actual
        self.investment += other.investment

    def figures(self) -> Figures:
        return Figures(
            annual_plan=from_cents(self.annual),
            ytd_plan=from_cents(self.plan),
            ytd_actual=from_cents(self.actual),
            period_investment=from_cents(self.investment),
        )


def listed(view: View, year: int) -> tuple:
    """The projects a summary counts: the campaign's, not withdrawn, as the view sees them."""
    return (P.campaign_year == year, P.status != "withdrawn", view.holds(tables.projects))


def pair_sums(view: View, period: Period) -> dict[tuple[str, str], Sums]:
    """Sums by (unit, category): plans from the projects, reports summed in the database."""
    pairs: dict[tuple[str, str], Sums] = defaultdict(Sums)
    index = period.index - 1
    plans = select(P.unit, P.category, P.annual_plan_cents, P.monthly_plan)
    for unit, category, annual, monthly in view.connection.execute(
        plans.where(*listed(view, period.year))
    ).all():  # fetched at once: a row at a time costs more than the sums
        pairs[unit, category].count(annual, plan_steps(monthly)[index])
    here = func.sum(case((R.idx == period.index, R.investment_cents), else_=0))
    by_code = (
        select(R.code, func.sum(R.investment_cents).label("actual"), here.label("investment"))
        .where(R.idx <= period.index, view.holds(tables.period_reports))
        .group_by(R.code)
        .subquery()
    )
    reports = (
        select(P.unit, P.category, func.sum(by_code.c.actual), func.sum(by_code.c.investment))
        .join(by_code, by_code.c.code == P.code)
        .where(*listed(view, period.year))
        .group_by(P.unit, P.category)
    )
    for unit, category, actual, investment in view.connection.execute(reports):
        sums = pairs[unit, category]
        sums.actual += int(actual or 0)
        sums.investment += int(investment or 0)
    return pairs


def totals(view: View, campaign: CampaignRow, period: Period) -> Totals:
    """The district, each of the ten categories (empty ones too) and each unit at ``period``."""
    return grouped(pair_sums(view, period), campaign)


def grouped(pairs: dict[tuple[str, str], Sums], campaign: CampaignRow) -> Totals:
    """The totals of the district, each category and each unit, from the sums of each pair."""
    district, categories = Sums(), {name: Sums() for name in CATEGORIES}
    units: dict[str, Sums] = defaultdict(Sums)
    for (unit, category), sums in pairs.items():
        district.add(sums)
        categories[category].add(sums)
        units[unit].add(sums)

    def row(name: str, sums: Sums) -> TotalRow:
        figures = sums.figures()
        return TotalRow(name, figures, lag_light(figures.lag, campaign.thresholds), sums.projects)

    return Totals(
        district=row(campaign.district, district),
        categories=[row(name, sums) for name, sums in categories.items()],
        units=[row(name, units[name]) for name in sorted(units)],
    )
