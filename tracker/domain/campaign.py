"""The campaign: one district's 城市建设战役 for one year."""

from __future__ import annotations

from decimal import Decimal

from tracker.domain.base import TrackerAggregate, campaign_id
from tracker.domain.errors import InvalidValue
from tracker.domain.period import Schedule


class Campaign(TrackerAggregate):
    """A year's campaign with its annual target (万元) and reporting calendar."""

    class Created(TrackerAggregate.Created):
        year: int
        district: str
        target: Decimal
        due_days: list[int]
        timezone: str

    class TargetRevised(TrackerAggregate.Event):
        target: Decimal
        reason: str

        def apply(self, campaign: Campaign) -> None:
            campaign.target = self.target

    def __init__(
        self,
        year: int,
        district: str,
        target: Decimal,
        due_days: list[int],
        timezone: str,
        actor: str,
    ) -> None:
        self.year = year
        self.district = district
        #: 年度目标投资, 万元
        self.target = target
        self.due_days = list(due_days)
        self.timezone = timezone
        self.created_by = actor

    @classmethod
    def start(
        cls,
        year: int,
        district: str,
        target: Decimal,
        schedule: Schedule,
        actor: str,
    ) -> Campaign:
        """Create a campaign after checking its settings."""
        if not 2000 <= year <= 2100:
            raise InvalidValue(f"年度“{year}”不合理", "year")
        if not district.strip():
            raise InvalidValue("区县名称不能为空", "district")
        return cls._create(
            cls.Created,
            id=campaign_id(year),
            year=year,
            district=district.strip(),
            target=target,
            due_days=list(schedule.due_days),
            timezone=schedule.timezone,
            actor=actor,
        )

    @property
    def schedule(self) -> Schedule:
        return Schedule((self.due_days[0], self.due_days[1]), self.timezone)

    def revise_target(self, target: Decimal, reason: str, actor: str) -> None:
        """Change the annual target; a reason is required."""
        if not reason.strip():
            raise InvalidValue("调整目标必须说明原因", "reason")
        self.trigger_event(self.TargetRevised, target=target, reason=reason.strip(), actor=actor)
