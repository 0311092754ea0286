"""Lights judge what could have been reported: a period awaiting its report is judged against
the plan due by the previous deadline, so the 1st of a month turns nothing yellow."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tracker.domain.rules.lights import Thresholds, judged_figures, lag_light
from tracker.domain.rules.ytd import Figures

# on track through 11月下半月 (plan 9,000 of 12,000 met); 12月上半月 adds 1,500 to the plan
ON_TRACK = Figures(Decimal("12000"), Decimal("10500"), Decimal("9000"), Decimal("0"))
BEFORE = Decimal("9000")


def test_a_period_awaiting_its_report_is_judged_against_the_previous_deadlines_plan() -> None:
    judged = judged_figures(ON_TRACK, "pending", BEFORE)
    assert judged.ytd_plan == BEFORE and judged.lag == 0
    assert lag_light(judged.lag, Thresholds(yellow=Decimal(10))) == "green"
    assert lag_light(ON_TRACK.lag, Thresholds(yellow=Decimal(10))) == "yellow"  # 12.5 points


@pytest.mark.parametrize("status", ["on_time", "late", "missing", "backfilled", "not_due"])
def test_once_reported_or_past_its_deadline_a_period_counts_its_whole_plan(status) -> None:
    assert judged_figures(ON_TRACK, status, BEFORE) == ON_TRACK


def test_only_the_plan_moves_the_figures_shown_stay_as_they_are() -> None:
    judged = judged_figures(ON_TRACK, "pending", BEFORE)
    assert (judged.annual_plan, judged.ytd_actual) == (ON_TRACK.annual_plan, ON_TRACK.ytd_actual)
