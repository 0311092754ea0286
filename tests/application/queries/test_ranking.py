"""The ranking read from the running tallies equals the ranking of every project's full rows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.application.queries.test_series import lay_down
from tracker.application.queries.rows import project_rows
from tracker.domain.period import Period
from tracker.domain.project import ProjectSpec
from tracker.domain.report import ReportInput
from tracker.domain.rules.ranking import UnitMonth, rank_units, scored_on
from tracker.domain.rules.ytd import ZERO


def reference(campaign, month: int, as_of=None) -> list:
    """The ranking as it was computed before: a ProjectRow per project at H1 and H2."""
    with campaign.rankings.read.at(as_of) as view:
        c = campaign.register.campaign(2026, as_of)
        first, second = (
            project_rows(view, Period(2026, month, half), c.schedule, view.now, c.thresholds)
            for half in (1, 2)
        )
        today = view.now.astimezone(c.schedule.zone).date()
    units = sorted({row.unit for row in second})
    months = [
        UnitMonth(
            unit,
            *(
                sum(1 for r in first + second if r.unit == unit and r.status == status)
                for status in ("on_time", "late", "missing")
            ),
            sum((r.figures.ytd_plan for r in second if r.unit == unit), start=ZERO),
            sum((r.figures.ytd_actual for r in second if r.unit == unit), start=ZERO),
            tuple(
                (r.planned_start, r.started_on)
                for r in second
                if r.unit == unit and r.nature == "new_start"
            ),
        )
        for unit in units
    ]
    return rank_units(months, scored_on(2026, month, c.schedule, today), c.weights, c.thresholds)


def test_the_ranking_equals_the_ranking_of_every_projects_rows(campaign, frozen) -> None:
    middle = lay_down(campaign, frozen)
    frozen(2026, 5, 20, 9, 0)  # late reports for a closed period, and a new start
    for code in ("CJ2026-001", "CJ2026-009", "CJ2026-021"):
        if not campaign.register.versions(code, "2026-04-H2"):
            campaign.projects.submit_report(
                code, Period(2026, 4, 2), ReportInput(Decimal("9.99"), "迟报"), "u"
            )
    schedule = campaign.register.campaign(2026).schedule

    def report(code: str, cents: str, progress: str, **days) -> None:
        at = {name: Period.parse(p).due_date(schedule) for name, p in days.items()}
        inputs = ReportInput(Decimal(cents), progress, **at)
        campaign.projects.submit_report(code, Period(2026, 5, 2), inputs, "u")

    starts = [r.code for r in campaign.register.projects(2026) if r.nature == "new_start"]
    report(starts[0], "1.00", "开工", started_on="2026-05-H1")
    reported = [c for c in campaign.register.projects(2026) if campaign.register.versions(c.code)]
    # completed back in March: its later periods were never due
    report(reported[-1].code, "2.00", "完工", completed_on="2026-03-H1")
    for moment in (None, middle):
        fast = campaign.rankings.months(2026, list(range(1, 13)), moment)
        assert fast == [reference(campaign, month, moment) for month in range(1, 13)]
    assert any(row.on_time_rate not in (None, 1) for row in campaign.rankings.month(2026, 4))


def test_the_tallies_follow_late_registrations_completions_and_withdrawals(campaign, frozen):
    """A project registered in June (due from its first deadline after), a completion
    recorded back in February, a withdrawal after reports: the tallies taken apart and
    put together again give the ranking of the full rows, now and at each moment."""
    middle = lay_down(campaign, frozen)
    projects = campaign.register.projects(2026)
    reported = [p for p in projects if p.status == "active" and campaign.register.versions(p.code)]
    registered = frozen(2026, 6, 10, 9, 0)
    spec = ProjectSpec(
        code="CJ2026-950", name="迟登记", category=projects[2].category, unit=projects[2].unit,
        nature="new_start", total_investment=Decimal("900.00"), annual_plan=Decimal("120.00"),
        monthly_plan=(Decimal("10.00"),) * 12, planned_start=date(2026, 6, 1),
        planned_completion=date(2027, 6, 30),
    )  # fmt: skip
    campaign.projects.register(2026, [spec], "b")
    frozen(2026, 6, 20, 9, 0)  # late for 2026-06-H1, and reported for May before it was due
    figures = ReportInput(Decimal("5.55"), "施工")
    for period in (Period(2026, 5, 2), Period(2026, 6, 1)):
        campaign.projects.submit_report("CJ2026-950", period, figures, "u")
    campaign.projects.record_completion(reported[0].code, date(2026, 2, 20), "b")
    completed = frozen(2026, 6, 21, 9, 0)
    campaign.projects.withdraw(reported[1].code, "撤销", "b")
    frozen(2026, 7, 20, 9, 0)
    for moment in (None, middle, registered, completed):
        fast = campaign.rankings.months(2026, list(range(1, 8)), moment)
        assert fast == [reference(campaign, month, moment) for month in range(1, 8)], moment
    late = next(r for r in campaign.rankings.month(2026, 6) if r.unit == spec.unit)
    assert late.on_time_rate is not None and late.on_time_rate < 1
