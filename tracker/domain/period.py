"""Reporting periods: two a month, ``2026-05-H1`` (due the 14th) and ``-H2`` (the 28th)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache, total_ordering
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tracker.domain.dates import FIRST, LAST, RANGE
from tracker.domain.errors import InvalidValue
from tracker.domain.text import shown

_PATTERN = re.compile(r"([0-9]{4})-([0-9]{2})-H([12])")


@dataclass(frozen=True)
class Schedule:
    """A campaign's reporting calendar: the two due days and its time zone."""

    due_days: tuple[int, int] = (14, 28)
    timezone: str = "Asia/Shanghai"

    def __post_init__(self) -> None:
        first, second = self.due_days
        if not 1 <= first < second <= 31:
            raise InvalidValue("报送日须为两个递增的日期，如 14,28", "due_days")
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise InvalidValue(f"未知的时区“{self.timezone}”", "timezone") from None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@total_ordering
@dataclass(frozen=True)
class Period:
    """One half-month of a year: ``half`` is 1 (上半月) or 2 (下半月)."""

    year: int
    month: int
    half: int

    @classmethod
    def parse(cls, text: str, field: str = "期次") -> Period:
        """Parse ``2026-05-H1`` (ASCII digits, spaces around allowed, nothing else);
        a clear Chinese error for anything else."""
        match = _PATTERN.fullmatch(str(text).strip(" "))
        if not match:
            raise InvalidValue(f"“{shown(text)}”不是有效的期次，应形如 2026-05-H1", field)
        year, month, half = (int(g) for g in match.groups())
        if not 1 <= month <= 12:
            raise InvalidValue(f"“{shown(text)}”的月份不存在", field)
        if not FIRST.year <= year <= LAST.year:
            raise InvalidValue(f"期次的年份{RANGE}", field)
        return cls(year, month, half)

    @classmethod
    def from_index(cls, year: int, index: int) -> Period:
        """The ``index``-th period (1 … 24) of ``year``."""
        return cls(year, (index - 1) // 2 + 1, (index - 1) % 2 + 1)

    @classmethod
    def all_of(cls, year: int) -> list[Period]:
        return [cls.from_index(year, i) for i in range(1, 25)]

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d}-H{self.half}"

    def __lt__(self, other: Period) -> bool:
        return (self.year, self.month, self.half) < (other.year, other.month, other.half)

    @property
    def index(self) -> int:
        """1 … 24 within the year."""
        return (self.month - 1) * 2 + self.half

    @property
    def label(self) -> str:
        """第N期 with the months spelled out, e.g. ``第9期（5月上半月）``."""
        half = "上半月" if self.half == 1 else "下半月"
        return f"第{self.index}期（{self.month}月{half}）"

    def previous(self) -> Period:
        if self.index == 1:
            return Period(self.year - 1, 12, 2)
        return Period.from_index(self.year, self.index - 1)

    def next(self) -> Period:
        if self.index == 24:
            return Period(self.year + 1, 1, 1)
        return Period.from_index(self.year, self.index + 1)

    def due_date(self, schedule: Schedule) -> date:
        """The due day; clamped to the month's last day (a 30th in February)."""
        last = calendar.monthrange(self.year, self.month)[1]
        return date(self.year, self.month, min(schedule.due_days[self.half - 1], last))

    def closes_at(self, schedule: Schedule) -> datetime:
        """The first instant after the deadline: midnight after the due day.

        A report received before this moment is on time; at or after it, late.
        """
        next_day = self.due_date(schedule) + timedelta(days=1)
        return datetime.combine(next_day, time(0), tzinfo=schedule.zone)

    def opens_at(self, schedule: Schedule) -> datetime:
        """When this period becomes the open one: the previous one closes."""
        return self.previous().closes_at(schedule)

    def start_date(self, schedule: Schedule) -> date:
        """The first day whose events belong to this period."""
        return self.previous().due_date(schedule) + timedelta(days=1)


def open_period(now: datetime, schedule: Schedule) -> Period:
    """The period being reported at ``now``: the first one not yet closed."""
    local = now.astimezone(schedule.zone)
    period = Period(local.year, local.month, 1)
    while period.closes_at(schedule) <= now:
        period = period.next()
    return period


@lru_cache(maxsize=8192)  # lists judge many projects' dates by the same few months
def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the month's end."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def latest_closed(open_: Period, schedule: Schedule, now: datetime) -> Period:
    """The last period whose deadline has passed (all its reports are in), else the first."""
    if open_.closes_at(schedule) <= now or open_.index == 1:
        return open_
    return open_.previous()


def campaign_period(year: int, now: datetime, schedule: Schedule) -> Period:
    """The open period of ``year``'s campaign, or its first or last outside the year."""
    return min(max(open_period(now, schedule), Period(year, 1, 1)), Period(year, 12, 2))
