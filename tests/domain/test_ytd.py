"""序时进度 in 万元 and in 分 agree: the read models' integer path is the rule's."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.money import from_cents, to_cents
from tracker.domain.period import Period
from tracker.domain.rules.ytd import ytd_plan, ytd_plan_cents, ytd_plan_steps

MONTHS = st.lists(st.integers(0, 10**12), min_size=12, max_size=12)
PERIODS = st.sampled_from(Period.all_of(2026))


@given(MONTHS, PERIODS)
def test_ytd_plan_in_cents_is_ytd_plan_in_wan_yuan(cents: list[int], period: Period) -> None:
    assert from_cents(ytd_plan_cents(cents, period)) == ytd_plan(
        [from_cents(c) for c in cents], period
    )


def test_an_odd_fen_in_the_month_of_an_h1_rounds_half_up() -> None:
    cents = [0] * 12
    cents[4] = 101  # 1.01 万元 in May: half is 0.505, rounded half up 0.51
    assert ytd_plan_cents(cents, Period(2026, 5, 1)) == 51
    assert to_cents(ytd_plan([from_cents(c) for c in cents], Period(2026, 5, 1))) == 51


@given(MONTHS)
def test_the_steps_of_a_plan_are_its_ytd_plan_at_each_period(cents: list[int]) -> None:
    steps = ytd_plan_steps(cents)
    assert len(steps) == 24
    assert all(steps[p.index - 1] == ytd_plan_cents(cents, p) for p in Period.all_of(2026))
