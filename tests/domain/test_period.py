"""Periods: two a month, due on the 14th and the 28th, closing at midnight in Shanghai."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from tracker.domain.errors import InvalidValue
from tracker.domain.period import Period, Schedule, open_period

SHANGHAI = ZoneInfo("Asia/Shanghai")
DEFAULT = Schedule()


def shanghai(*args: int) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)


# -- naming a period ---


def test_a_period_is_written_year_month_half_and_parses_back() -> None:
    period = Period.parse("2026-05-H1")

    assert (period.year, period.month, period.half) == (2026, 5, 1)
    assert str(period) == "2026-05-H1"
    assert str(Period(2026, 12, 2)) == "2026-12-H2"


def test_surrounding_spaces_are_ignored() -> None:
    assert Period.parse(" 2026-05-H2 ") == Period(2026, 5, 2)


@pytest.mark.parametrize(
    "text", ["2026-5-H1", "2026-05-H3", "2026-05-H0", "2026-05", "五月上半月", ""]
)
def test_anything_but_year_month_half_is_refused_with_an_example(text: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        Period.parse(text, "period")

    assert refused.value.field == "period"
    assert refused.value.message == f"“{text}”不是有效的期次，应形如 2026-05-H1"


@pytest.mark.parametrize("text", ["2026-13-H1", "2026-00-H2"])
def test_a_month_that_does_not_exist_is_refused(text: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        Period.parse(text)

    assert refused.value.message == f"“{text}”的月份不存在"
    assert refused.value.field == "期次"


@pytest.mark.parametrize(
    ("text", "index", "label"),
    [
        ("2026-01-H1", 1, "第1期（1月上半月）"),
        ("2026-01-H2", 2, "第2期（1月下半月）"),
        ("2026-05-H1", 9, "第9期（5月上半月）"),
        ("2026-12-H2", 24, "第24期（12月下半月）"),
    ],
)
def test_periods_are_numbered_1_to_24_and_labelled_in_chinese(
    text: str, index: int, label: str
) -> None:
    period = Period.parse(text)

    assert period.index == index
    assert period.label == label
    assert Period.from_index(2026, index) == period


def test_a_year_has_24_periods_in_order() -> None:
    periods = Period.all_of(2026)

    assert len(periods) == 24
    assert periods == sorted(periods)
    assert [str(p) for p in periods[:3]] == ["2026-01-H1", "2026-01-H2", "2026-02-H1"]
    assert str(periods[-1]) == "2026-12-H2"


# -- order, previous and next ---


def test_periods_order_by_year_then_month_then_half() -> None:
    assert Period(2026, 5, 1) < Period(2026, 5, 2) < Period(2026, 6, 1)
    assert Period(2025, 12, 2) < Period(2026, 1, 1)
    assert Period(2026, 10, 1) > Period(2026, 9, 2)  # not compared as text
    assert Period(2026, 5, 1) <= Period.parse("2026-05-H1")
    assert max(Period(2026, 2, 1), Period(2026, 11, 2), Period(2026, 3, 2)) == Period(2026, 11, 2)


@pytest.mark.parametrize(
    ("period", "previous", "following"),
    [
        ("2026-05-H1", "2026-04-H2", "2026-05-H2"),
        ("2026-05-H2", "2026-05-H1", "2026-06-H1"),
        ("2026-01-H1", "2025-12-H2", "2026-01-H2"),
        ("2026-12-H2", "2026-12-H1", "2027-01-H1"),
    ],
)
def test_previous_and_next_cross_month_and_year_ends(
    period: str, previous: str, following: str
) -> None:
    assert str(Period.parse(period).previous()) == previous
    assert str(Period.parse(period).next()) == following
    assert Period.parse(period).next().previous() == Period.parse(period)


# -- deadlines ---


def test_the_first_half_is_due_on_the_14th_and_the_second_on_the_28th() -> None:
    assert Period.parse("2026-05-H1").due_date(DEFAULT) == date(2026, 5, 14)
    assert Period.parse("2026-05-H2").due_date(DEFAULT) == date(2026, 5, 28)


def test_a_due_day_past_the_month_end_is_clamped_to_its_last_day() -> None:
    schedule = Schedule((15, 30))

    assert Period.parse("2026-02-H2").due_date(schedule) == date(2026, 2, 28)
    assert Period.parse("2028-02-H2").due_date(schedule) == date(2028, 2, 29)
    assert Period.parse("2026-04-H2").due_date(schedule) == date(2026, 4, 30)
    assert Period.parse("2026-02-H1").due_date(schedule) == date(2026, 2, 15)


def test_a_period_closes_at_midnight_after_its_due_day_in_shanghai() -> None:
    closes = Period.parse("2026-05-H1").closes_at(DEFAULT)

    assert closes == shanghai(2026, 5, 15, 0, 0, 0)
    assert closes == datetime(2026, 5, 14, 16, 0, tzinfo=UTC)


def test_a_report_at_23_59_59_on_the_14th_in_shanghai_is_before_the_close() -> None:
    closes = Period.parse("2026-05-H1").closes_at(DEFAULT)

    assert shanghai(2026, 5, 14, 23, 59, 59) < closes
    assert datetime(2026, 5, 14, 15, 59, 59, tzinfo=UTC) < closes


def test_a_report_at_midnight_starting_the_15th_in_shanghai_is_not_before_the_close() -> None:
    closes = Period.parse("2026-05-H1").closes_at(DEFAULT)

    assert not shanghai(2026, 5, 15, 0, 0, 0) < closes
    # 20:00 on the 14th in UTC is already the 15th in Shanghai.
    assert not datetime(2026, 5, 14, 20, 0, tzinfo=UTC) < closes


def test_the_close_follows_the_campaign_time_zone() -> None:
    urumqi = Schedule((14, 28), "Asia/Urumqi")

    assert Period.parse("2026-05-H1").closes_at(urumqi) == datetime(2026, 5, 14, 18, 0, tzinfo=UTC)


def test_a_period_opens_when_the_one_before_closes() -> None:
    assert Period.parse("2026-05-H2").opens_at(DEFAULT) == shanghai(2026, 5, 15)
    assert Period.parse("2026-01-H1").opens_at(DEFAULT) == shanghai(2025, 12, 29)


def test_a_period_covers_the_days_after_the_previous_due_day() -> None:
    assert Period.parse("2026-05-H1").start_date(DEFAULT) == date(2026, 4, 29)
    assert Period.parse("2026-05-H2").start_date(DEFAULT) == date(2026, 5, 15)
    assert Period.parse("2026-01-H1").start_date(DEFAULT) == date(2025, 12, 29)


# -- which period is open now ---


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (shanghai(2026, 5, 1, 9, 0), "2026-05-H1"),
        (shanghai(2026, 5, 14, 23, 59, 59), "2026-05-H1"),
        (shanghai(2026, 5, 15, 0, 0, 0), "2026-05-H2"),
        (shanghai(2026, 5, 28, 23, 59, 59), "2026-05-H2"),
        (shanghai(2026, 5, 29, 0, 0, 0), "2026-06-H1"),
        (shanghai(2026, 5, 31, 12, 0), "2026-06-H1"),
        (shanghai(2026, 12, 29, 0, 0), "2027-01-H1"),
        (shanghai(2026, 1, 1, 0, 0), "2026-01-H1"),
        # UTC instants are read as Shanghai wall time.
        (datetime(2026, 5, 14, 15, 59, 59, tzinfo=UTC), "2026-05-H1"),
        (datetime(2026, 5, 14, 16, 0, 0, tzinfo=UTC), "2026-05-H2"),
        (datetime(2025, 12, 31, 16, 0, tzinfo=UTC), "2026-01-H1"),
    ],
)
def test_the_open_period_is_the_first_one_not_yet_closed(now: datetime, expected: str) -> None:
    assert str(open_period(now, DEFAULT)) == expected


def test_the_open_period_follows_a_campaign_s_own_due_days() -> None:
    schedule = Schedule((15, 30))

    assert str(open_period(shanghai(2026, 2, 28, 23, 59), schedule)) == "2026-02-H2"
    assert str(open_period(shanghai(2026, 3, 1, 0, 0), schedule)) == "2026-03-H1"
    assert str(open_period(shanghai(2026, 4, 30, 12, 0), schedule)) == "2026-04-H2"


# -- the campaign's calendar ---


def test_the_default_calendar_is_the_14th_and_28th_in_shanghai() -> None:
    assert DEFAULT.due_days == (14, 28)
    assert DEFAULT.timezone == "Asia/Shanghai"


@pytest.mark.parametrize("due_days", [(28, 14), (14, 14), (0, 28), (14, 32)])
def test_due_days_must_be_two_increasing_days_of_a_month(due_days: tuple[int, int]) -> None:
    with pytest.raises(InvalidValue) as refused:
        Schedule(due_days)

    assert refused.value.field == "due_days"
    assert "两个递增的日期" in refused.value.message


def test_an_unknown_time_zone_is_refused_by_name() -> None:
    with pytest.raises(InvalidValue) as refused:
        Schedule((14, 28), "Mars/Olympus")

    assert refused.value.field == "timezone"
    assert refused.value.message == "未知的时区“Mars/Olympus”"
