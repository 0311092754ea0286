"""When reminders are due (DESIGN §3 Reminders), and how a failed delivery is retried.

A deadline reminder has a window: from the morning it fires until the next one
fires (or the deadline). A run inside a window sends that reminder once; a run
that comes late (after downtime) sends only the reminder of the window it falls
in, so a recipient never gets two deadline reminders for one period in one run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from tracker.domain.errors import InvalidValue
from tracker.domain.period import Period, Schedule

#: a failed delivery waits 5 minutes, then twice as long after each failure, at most 6 hours
FIRST_RETRY = timedelta(minutes=5)
LONGEST_WAIT = timedelta(hours=6)
MAX_ATTEMPTS = 8
#: an attempt with no outcome after this long was cut off (its process ended): try again
CUT_OFF = timedelta(minutes=10)
#: messages a group robot accepts per minute (企业微信 and 钉钉: 20 each)
PER_MINUTE = {"wecom": 20, "dingtalk": 20}


@dataclass(frozen=True)
class ReminderRules:
    """Campaign settings: reminders ``days_before`` each deadline, and the morning's hour.

    The due day's reminder and the morning-after 未报 notice go out at ``hour`` too.
    """

    days_before: tuple[int, ...] = (3, 1)
    hour: int = 9

    def check(self) -> None:
        days = self.days_before
        if len(set(days)) != len(days) or not all(1 <= d <= 10 for d in days):
            raise InvalidValue("提前提醒的天数须为 1–10 之间互不相同的整数，如 3,1", "days_before")
        if not 0 <= self.hour <= 23:
            raise InvalidValue("提醒时刻须为 0–23 点", "hour")


def morning(day: date, schedule: Schedule, rules: ReminderRules) -> datetime:
    return datetime.combine(day, time(rules.hour), tzinfo=schedule.zone)


def deadline_rule(
    period: Period, schedule: Schedule, at: datetime, rules: ReminderRules
) -> str | None:
    """The deadline reminder whose window holds ``at``: ``before_3``, ``before_1``, ``due_day``.

    None before the first one fires and from the deadline on.
    """
    if at >= period.closes_at(schedule):
        return None
    due = period.due_date(schedule)
    fires = [(f"before_{n}", due - timedelta(days=n)) for n in sorted(rules.days_before)[::-1]]
    found = None
    for rule, day in [*fires, ("due_day", due)]:
        if morning(day, schedule, rules) <= at:
            found = rule
    return found


def missing_due(period: Period, schedule: Schedule, at: datetime, rules: ReminderRules) -> bool:
    """The morning after the deadline has come: the 未报 notices of ``period`` are due."""
    after = period.due_date(schedule) + timedelta(days=1)
    return at >= morning(after, schedule, rules)


def order_morning(today: date, at: datetime, schedule: Schedule, rules: ReminderRules) -> bool:
    """督办 reminders (due tomorrow, overdue) wait for the morning's hour."""
    return at >= morning(today, schedule, rules)


def retry_after(failures: int) -> timedelta:
    """How long a delivery waits after its ``failures``-th failure."""
    return min(FIRST_RETRY * 2 ** (failures - 1), LONGEST_WAIT)


def deadline_text(day: date) -> str:
    """A deadline as people write it: ``12月14日24时``."""
    return f"{day.month}月{day.day}日24时"


def day_text(day: date) -> str:
    return f"{day.month}月{day.day}日"
