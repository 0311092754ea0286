"""The S-curves summed in the database equal the sums of every project's figures."""

from __future__ import annotations

import random
from datetime import datetime
from decimal import Decimal

from tracker.domain.catalog import CATEGORIES
from tracker.domain.period import Period
from tracker.domain.report import ReportInput


def lay_down(campaign, frozen) -> datetime:
    """Reports with odd 分 (so H1 halves round), then, after a moment returned, more of them,
    a correction, a plan revision with an odd month and a withdrawal."""
    rng = random.Random(7)
    codes = [row.code for row in campaign.register.projects(2026)]
    schedule = campaign.register.campaign(2026).schedule

    def report(periods: list[Period]) -> None:
        for period in periods:
            frozen(*period.due_date(schedule).timetuple()[:3], 20)
            for code in rng.sample(codes, 25):
                cents = Decimal(rng.randint(1, 99_999)) / 100
                campaign.projects.submit_report(code, period, ReportInput(cents, "施工"), "u")

    report(Period.all_of(2026)[:6])
    middle = frozen(2026, 4, 1, 12, 0)
    report(Period.all_of(2026)[6:9])
    project = campaign.register.project(codes[0])
    monthly = list(project.monthly_plan)
    monthly[4] += Decimal("0.01")  # an odd 分 in May: its H1 half rounds up
    annual = project.annual_plan + Decimal("0.01")
    campaign.projects.revise_plan(codes[0], annual, monthly, "调整", "b")
    campaign.projects.withdraw(codes[1], "撤销", "b")
    code = next(c for c in codes[2:] if campaign.register.versions(c))
    period = Period.parse(campaign.register.versions(code)[0].period)
    fixed = ReportInput(Decimal("123.45"), "更正")
    campaign.projects.correct_report(code, period, fixed, "错填", "u")
    return middle


def test_the_curves_equal_the_sums_of_the_projects_figures_now_and_as_of(campaign, frozen) -> None:
    middle = lay_down(campaign, frozen)
    for moment in (None, middle):
        curves = campaign.summaries.curves(2026, moment)
        summaries = campaign.summaries.summaries(2026, moment)
        assert curves[""] == [s.district.figures for s in summaries]
        for at, category in enumerate(CATEGORIES):
            assert curves[category] == [s.categories[at].figures for s in summaries], category
    assert campaign.summaries.curves(2026) != campaign.summaries.curves(2026, middle)
