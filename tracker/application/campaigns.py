"""Campaign and unit commands."""

from __future__ import annotations

from decimal import Decimal

from tracker.application.store import Store
from tracker.domain.base import campaign_id, unit_id
from tracker.domain.campaign import Campaign
from tracker.domain.figures import Thresholds, Weights
from tracker.domain.money import parse_money
from tracker.domain.period import Schedule
from tracker.domain.unit import Unit


class CampaignCommands(Store):
    """Create campaigns and units; look them up."""

    def create_campaign(
        self,
        year: int,
        district: str,
        target: Decimal | str,
        actor: str,
        due_days: tuple[int, int] = (14, 28),
        timezone: str = "Asia/Shanghai",
    ) -> Campaign:
        """Start a year's campaign. A second one for the same year is a Conflict."""
        campaign = Campaign.start(
            year, district, parse_money(target, "target"), Schedule(due_days, timezone), actor
        )
        self.commit(campaign, conflict=f"{year} 年度战役已存在")
        return campaign

    def change_settings(
        self, year: int, thresholds: Thresholds, weights: Weights, reason: str, actor: str
    ) -> None:
        """Light thresholds and 考核 weights for the campaign (bureau)."""
        campaign = self.campaign(year)
        campaign.change_settings(thresholds, weights, reason, actor)
        self.commit(campaign)

    def campaign(self, year: int) -> Campaign:
        return self.load(
            Campaign,
            campaign_id(year),
            f"尚未创建 {year} 年度战役，请先运行 tracker campaign create {year}",
        )

    def unit(self, name: str) -> Unit:
        return self.load(Unit, unit_id(name), f"责任单位“{name}”不存在")

    def new_units(self, names: set[str], actor: str) -> list[Unit]:
        """Unit aggregates for the names not yet registered (not saved)."""
        return [
            Unit.register(name, actor) for name in sorted(names) if not self.exists(unit_id(name))
        ]
