"""Campaign commands: start a year's campaign, change its settings."""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

from tracker.application.store import Store
from tracker.domain.base import campaign_id, unit_id
from tracker.domain.campaign import Campaign
from tracker.domain.money import parse_money
from tracker.domain.period import Schedule
from tracker.domain.rules.lights import Thresholds
from tracker.domain.rules.ranking import Weights
from tracker.domain.rules.reminders import ReminderRules
from tracker.domain.unit import Unit


class CampaignCommands:
    """Create campaigns and change their settings."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def create(
        self,
        year: int,
        district: str,
        target: Decimal | str,
        actor: str,
        due_days: tuple[int, int] = (14, 28),
        timezone: str = "Asia/Shanghai",
        level: str = "district",
    ) -> UUID:
        """Start a year's campaign (a district's, or a city's that rolls districts up).
        A second one for the same year is a Conflict."""
        schedule, amount = Schedule(due_days, timezone), parse_money(target, "target")
        campaign = Campaign.start(year, district, amount, schedule, actor, level)
        self.store.commit(campaign, conflict=f"{year} 年度战役已存在")
        return campaign.id

    def change_settings(
        self, year: int, thresholds: Thresholds, weights: Weights, reason: str, actor: str
    ) -> UUID:
        """Light thresholds and 考核 weights for the campaign (bureau)."""
        campaign = load_campaign(self.store, year)
        campaign.change_settings(thresholds, weights, reason, actor)
        self.store.commit(campaign)
        return campaign.id

    def change_reminders(self, year: int, rules: ReminderRules, reason: str, actor: str) -> UUID:
        """When reminders go out (bureau): days before each deadline, the morning's hour."""
        campaign = load_campaign(self.store, year)
        campaign.change_reminders(rules, reason, actor)
        self.store.commit(campaign)
        return campaign.id


def load_campaign(store: Store, year: int) -> Campaign:
    return store.load(
        Campaign,
        campaign_id(year),
        f"尚未创建 {year} 年度战役，请先运行 tracker campaign create {year}",
    )


def schedule_of(store: Store, year: int) -> Schedule:
    """The campaign's reporting calendar."""
    return load_campaign(store, year).schedule


def new_units(store: Store, names: set[str], actor: str) -> list[Unit]:
    """Unit aggregates for the names not yet registered (not saved)."""
    return [Unit.register(name, actor) for name in sorted(names) if not store.exists(unit_id(name))]
