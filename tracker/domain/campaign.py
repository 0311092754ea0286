"""The campaign: one district's 城市建设战役 for one year."""

from __future__ import annotations

import re
from dataclasses import asdict
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from tracker.domain.base import TrackerAggregate, campaign_id
from tracker.domain.errors import InvalidValue, RuleViolation
from tracker.domain.period import Period, Schedule
from tracker.domain.rules.lights import Thresholds
from tracker.domain.rules.ranking import Weights
from tracker.domain.rules.reminders import ReminderRules
from tracker.domain.text import check_reason, clean_text

_SHA256 = re.compile(r"[0-9a-f]{64}")
LEVELS = ("district", "city")


class Campaign(TrackerAggregate):
    """A year's campaign with its annual target (万元) and reporting calendar."""

    class Created(TrackerAggregate.Created):
        """``level``: ``district`` (projects report to it) or ``city`` (districts send packages)."""

        class_version = 2

        year: int
        district: str
        target: Decimal
        due_days: list[int]
        timezone: str
        level: str

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["level"] = "district"

    class TargetRevised(TrackerAggregate.Event):
        target: Decimal
        reason: str

        def apply(self, campaign: Campaign) -> None:
            campaign.target = self.target

    class SettingsChanged(TrackerAggregate.Event):
        """Light thresholds and 考核 weights; they apply to every view from now on."""

        thresholds: dict[str, Any]
        weights: dict[str, Any]
        reason: str

        def apply(self, campaign: Campaign) -> None:
            campaign.thresholds = Thresholds(**self.thresholds)
            campaign.weights = Weights(**self.weights)

    class RemindersChanged(TrackerAggregate.Event):
        """When deadline reminders go out: days before each deadline, the morning's hour."""

        days_before: list[int]
        hour: int
        reason: str

        def apply(self, campaign: Campaign) -> None:
            campaign.reminders = ReminderRules(tuple(self.days_before), self.hour)

    class ReportIssued(TrackerAggregate.Event):
        """签发: a period's 月报表 (district-wide, or one unit's) signed off.

        ``as_of`` is the moment whose data the report shows: re-making the
        report as of it gives the file whose ``sha256`` and ``size`` are here.
        ``chain_head`` is the ledger's head as of ``as_of`` (the link of the last
        event up to then), printed on the report; "" for sign-offs before the ledger.
        """

        class_version = 2

        period: str
        unit: str | None
        as_of: datetime
        sha256: str
        size: int
        chain_head: str

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["chain_head"] = ""

    def __init__(
        self,
        year: int,
        district: str,
        target: Decimal,
        due_days: list[int],
        timezone: str,
        actor: str,
        level: str = "district",
    ) -> None:
        self.year = year
        #: district | city (a city's campaign rolls up its districts' packages)
        self.level = level
        self.district = district
        #: 年度目标投资, 万元
        self.target = target
        self.due_days = list(due_days)
        self.timezone = timezone
        self.created_by = actor
        #: light thresholds and 考核 weights (DESIGN §3 defaults until changed)
        self.thresholds = Thresholds()
        self.weights = Weights()
        #: when reminders go out (3 and 1 days before, 9 o'clock, until changed)
        self.reminders = ReminderRules()

    @classmethod
    def start(
        cls,
        year: int,
        district: str,
        target: Decimal,
        schedule: Schedule,
        actor: str,
        level: str = "district",
    ) -> Campaign:
        """Create a campaign after checking its settings."""
        if level not in LEVELS:
            raise InvalidValue("级别只能是 district（区县）或 city（市）", "level")
        if not 2000 <= year <= 2100:
            raise InvalidValue(f"年度“{year}”不合理", "year")
        if not district.strip():
            raise InvalidValue("区县名称不能为空", "district")
        clean_text(district, "district")
        return cls._create(
            cls.Created,
            id=campaign_id(year),
            year=year,
            district=district.strip(),
            target=target,
            due_days=list(schedule.due_days),
            timezone=schedule.timezone,
            actor=actor,
            level=level,
        )

    @property
    def schedule(self) -> Schedule:
        return Schedule((self.due_days[0], self.due_days[1]), self.timezone)

    def change_settings(
        self, thresholds: Thresholds, weights: Weights, reason: str, actor: str
    ) -> None:
        """New light thresholds and ranking weights, with the reason for them."""
        thresholds.check()
        weights.check()
        check_reason(reason, missing="调整设置必须说明原因")
        self.trigger_event(
            self.SettingsChanged,
            thresholds=asdict(thresholds),
            weights=asdict(weights),
            reason=reason.strip(),
            actor=actor,
        )

    def change_reminders(self, rules: ReminderRules, reason: str, actor: str) -> None:
        """New reminder rules, with the reason for them."""
        rules.check()
        check_reason(reason, missing="调整提醒规则必须说明原因")
        self.trigger_event(
            self.RemindersChanged,
            days_before=list(rules.days_before),
            hour=rules.hour,
            reason=reason.strip(),
            actor=actor,
        )

    def revise_target(self, target: Decimal, reason: str, actor: str) -> None:
        """Change the annual target; a reason is required."""
        check_reason(reason, missing="调整目标必须说明原因")
        self.trigger_event(self.TargetRevised, target=target, reason=reason.strip(), actor=actor)

    def issue_report(
        self,
        period: Period,
        unit: str | None,
        as_of: datetime,
        sha256: str,
        size: int,
        now: datetime,
        actor: str,
        chain_head: str = "",
    ) -> None:
        """Record the sign-off of a period's 月报表 made as of ``as_of``.

        Only a period whose deadline has passed can be signed off, and only
        with data that were known by now. The sign-off is recorded strictly
        after ``as_of`` (by a microsecond when the clock stands still), so the
        chain head as of ``as_of`` printed on the report never covers its own sign-off.
        """
        if period.year != self.year:
            raise InvalidValue(f"{period} 不属于 {self.year} 年度战役", "period")
        if as_of.tzinfo is None or as_of > now:
            raise InvalidValue("签发的数据时刻须为已过去的时刻（带时区）")
        if as_of < period.closes_at(self.schedule):
            raise RuleViolation(f"{period.label}尚未截止，不能签发", "period")
        if not _SHA256.fullmatch(sha256) or size <= 0:
            raise InvalidValue("报表文件的摘要或大小无效", "file")
        if chain_head and not _SHA256.fullmatch(chain_head):
            raise InvalidValue("账本链头无效", "file")
        if unit is not None and not unit.strip():
            raise InvalidValue("责任单位不能为空", "unit")
        self.trigger_event(
            self.ReportIssued,
            period=str(period),
            unit=unit.strip() if unit else None,
            as_of=as_of,
            sha256=sha256,
            size=size,
            chain_head=chain_head,
            actor=actor,
            timestamp=now if now > as_of else as_of + timedelta(microseconds=1),
        )
