"""The S-curve's series: plan and actual of the district and of each category at all 24
periods, in whole 分, not as 24 summaries of every project: 本期完成 from the category
sums the projection keeps as reports come (``rm_category_sums``), plans from the projects.

Each period's 序时进度 of a group is the sum of its projects' (DESIGN §3): months before
the period's, and for an H1 half the month's plan rounded half up to the 分 — per project,
so the halves are summed as ``(分 + 1) // 2`` one project at a time.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from tracker.application.queries.reader import View
from tracker.domain.catalog import CATEGORIES
from tracker.domain.money import from_cents
from tracker.domain.period import Period
from tracker.domain.rules.ytd import Figures
from tracker.projections import tables
from tracker.projections.codec import plan_steps

P, S = tables.projects.c, tables.category_sums.c
DISTRICT = ""  # the key of the whole district's series


class Sums:
    """One group's plans (annual, 序时进度 at each period) and reports (per period), in 分."""

    def __init__(self) -> None:
        self.annual = 0
        self.plan = [0] * 24  # by period index 1 … 24, at 0 … 23
        self.reported = [0] * 25  # by period index 1 … 24

    def add_plans(self, annual: int, steps: list[tuple[int, ...]]) -> None:
        """Add ``annual`` and the 序时进度 at each period of each of ``steps``."""
        self.annual += annual
        self.plan = [sum(column) for column in zip(self.plan, *steps, strict=True)]

    def figures(self, period: Period) -> Figures:
        return Figures(
            annual_plan=from_cents(self.annual),
            ytd_plan=from_cents(self.plan[period.index - 1]),
            ytd_actual=from_cents(sum(self.reported[1 : period.index + 1])),
            period_investment=from_cents(self.reported[period.index]),
        )


def curves(view: View, year: int) -> dict[str, list[Figures]]:
    """The district's (key ``""``) and each category's figures at periods 1 … 24."""
    groups: dict[str, Sums] = defaultdict(Sums)
    listed = (P.campaign_year == year, P.status != "withdrawn", view.holds(tables.projects))
    plans = select(P.category, P.annual_plan_cents, P.monthly_plan).where(*listed)
    annual: dict[str, int] = defaultdict(int)
    steps: dict[str, list[tuple[int, ...]]] = defaultdict(list)
    for category, cents, monthly in view.connection.execute(plans).all():
        annual[category] += cents
        steps[category].append(plan_steps(monthly))  # per project: its halves round
    for category in CATEGORIES:
        groups[category].add_plans(annual[category], steps[category])
        groups[DISTRICT].add_plans(groups[category].annual, [tuple(groups[category].plan)])
    sums = tables.category_sums
    reports = select(S.category, S.idx, S.investment_cents).where(
        S.year == year, view.holds(sums)
    )  # kept by category and period as the reports come (not a sum over every report)
    for category, idx, cents in view.connection.execute(reports):
        groups[category].reported[idx] += cents
        groups[DISTRICT].reported[idx] += cents
    periods = Period.all_of(year)
    return {key: [groups[key].figures(p) for p in periods] for key in (DISTRICT, *CATEGORIES)}
