"""On the 1st of a month a project on track is still green: the open period, awaiting its
report before its deadline, is judged against the plan due by the previous deadline."""

from __future__ import annotations

from decimal import Decimal

from tracker.domain.money import from_cents, to_cents
from tracker.domain.period import Period
from tracker.domain.report import ReportInput
from tracker.domain.rules.lights import Thresholds
from tracker.domain.rules.ranking import Weights
from tracker.domain.rules.ytd import ytd_plan_cents

CODE = "CJ2026-008"  # 在建, 6,034.48 万元 in 2026, 734.08 of it in December
NOVEMBER_H2, DECEMBER_H1 = Period(2026, 11, 2), Period(2026, 12, 1)


def on_plan_through_november(campaign, frozen) -> None:
    """Every period up to 11月下半月 reported at exactly its share of the plan; a yellow light
    from 5 points of lag, so that half of December's plan (6.08 points) would show."""
    frozen(2026, 1, 5, 10, 0)
    campaign.campaigns.change_settings(
        2026, Thresholds(yellow=Decimal(5)), Weights(), "更严的黄灯", "cli:test"
    )
    cents = [to_cents(m) for m in campaign.register.project(CODE).monthly_plan]
    frozen(2026, 11, 28, 20, 0)
    done = 0
    for period in Period.all_of(2026)[: NOVEMBER_H2.index]:
        due = ytd_plan_cents(cents, period)
        report = ReportInput(from_cents(due - done), "按计划施工")
        campaign.projects.submit_report(CODE, period, report, "cli:test")
        done = due


def row(campaign, period: Period):
    return next(r for r in campaign.summaries.summary(period).projects if r.code == CODE)


def test_on_the_first_of_december_a_project_on_plan_is_green_before_anyone_could_report(
    campaign, frozen
) -> None:
    on_plan_through_november(campaign, frozen)
    frozen(2026, 12, 1, 9, 0)
    opened = row(campaign, DECEMBER_H1)

    assert opened.status == "pending" and opened.light == "green"
    assert opened.figures.lag > 5  # the figures shown still count December's half
    assert row(campaign, NOVEMBER_H2).light == "green"


def test_once_the_period_is_reported_or_its_deadline_passes_its_whole_plan_counts(
    campaign, frozen
) -> None:
    on_plan_through_november(campaign, frozen)
    frozen(2026, 12, 15, 9, 0)  # the deadline passed with no report: 未报, judged in full
    assert (row(campaign, DECEMBER_H1).status, row(campaign, DECEMBER_H1).light) == (
        "missing",
        "yellow",
    )
    campaign.projects.submit_report(CODE, DECEMBER_H1, ReportInput(Decimal("0"), "停工"), "u")
    assert row(campaign, DECEMBER_H1).light == "yellow"  # reported nothing: lagging
