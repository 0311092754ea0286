"""The overdue list's lag light worked out in 分 is the light of the figures in 万元."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.money import from_cents
from tracker.domain.rules.lights import (
    Thresholds,
    lag_light_cents,
    project_light,
    project_light_cents,
)
from tracker.domain.rules.overdue import (
    lagging_from,
    lagging_light,
)
from tracker.domain.rules.ytd import Figures, lag_hundredths

CENTS = st.integers(-(10**9), 10**12)
THRESHOLDS = st.builds(
    lambda y, r: Thresholds(yellow=Decimal(y).scaleb(-2), red=Decimal(y + r).scaleb(-2)),
    st.integers(1, 5000),
    st.integers(1, 5000),
)


@given(CENTS, CENTS, st.integers(0, 10**12), THRESHOLDS)
def test_the_light_in_cents_is_the_light_of_the_figures(plan, actual, annual, thresholds) -> None:
    figures = Figures(from_cents(annual), from_cents(plan), from_cents(actual), from_cents(0))
    assert lag_light_cents(plan, actual, annual, thresholds) == lagging_light(figures, thresholds)


def test_a_tie_rounds_half_up_as_the_percentage_does() -> None:
    # lag exactly 9.995 points: rounds to 10.00, which is yellow at a yellow threshold of 10
    assert lag_light_cents(9995, 0, 100_000, Thresholds()) == "yellow"
    assert lag_light_cents(9994, 0, 100_000, Thresholds()) == "green"


@given(CENTS, CENTS, st.integers(1, 10**12), THRESHOLDS)
def test_a_walk_in_hundredths_is_behind_exactly_when_the_light_is_not_green(
    plan, actual, annual, thresholds
) -> None:
    behind = lag_hundredths(plan, actual, annual) >= lagging_from(thresholds)
    assert behind == (lag_light_cents(plan, actual, annual, thresholds) != "green")


def test_the_walk_starts_at_the_yellow_threshold_itself() -> None:
    assert lagging_from(Thresholds()) == 1000  # 10 points: 10.00 is yellow, 9.99 green
    assert lag_hundredths(9995, 0, 100_000) == 1000
    assert lag_hundredths(0, 9995, 100_000) == -1000


@given(CENTS, CENTS, st.integers(0, 10**12), THRESHOLDS, st.booleans(), st.integers(0, 400))
def test_a_projects_light_in_cents_is_its_light_of_the_figures(
    plan, actual, annual, thresholds, new_start, days_late
) -> None:
    figures = Figures(from_cents(annual), from_cents(plan), from_cents(actual), from_cents(0))
    due, nature = date(2026, 6, 14), "new_start" if new_start else "renovation"
    planned = due - timedelta(days=days_late)
    assert project_light_cents(
        (plan, actual, annual), nature, planned, None, due, thresholds
    ) == project_light(figures, nature, planned, None, due, thresholds)
