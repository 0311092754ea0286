"""Campaign events: the campaign's row (target, calendar, settings) and its sign-offs."""

from __future__ import annotations

from tracker.domain.base import campaign_id
from tracker.domain.campaign import Campaign
from tracker.domain.money import to_cents
from tracker.domain.period import Period
from tracker.projections import tables
from tracker.projections.codec import json_text, utc_text
from tracker.projections.handlers import Handlers, picked
from tracker.projections.rows import Rows

handlers = Handlers()


@handlers.on(Campaign.Created)
def created(rows: Rows, event: Campaign.Created) -> None:
    rows.add(
        tables.campaigns,
        utc_text(event.timestamp),
        **picked(event, "year", "district", "timezone", "level"),
        target_cents=to_cents(event.target),
        due_day_1=event.due_days[0],
        due_day_2=event.due_days[1],
    )


@handlers.on(Campaign.SettingsChanged)
def settings_changed(rows: Rows, event: Campaign.SettingsChanged) -> None:
    settings = json_text({"thresholds": event.thresholds, "weights": event.weights})
    key, at = {"year": year_of(rows, event)}, utc_text(event.timestamp)
    rows.change(tables.campaigns, key, at, settings=settings)


@handlers.on(Campaign.RemindersChanged)
def reminders_changed(rows: Rows, event: Campaign.RemindersChanged) -> None:
    rules = json_text({"days_before": event.days_before, "hour": event.hour})
    key, at = {"year": year_of(rows, event)}, utc_text(event.timestamp)
    rows.change(tables.campaigns, key, at, reminders=rules)


@handlers.on(Campaign.TargetRevised)
def target_revised(rows: Rows, event: Campaign.TargetRevised) -> None:
    key, at = {"year": year_of(rows, event)}, utc_text(event.timestamp)
    rows.change(tables.campaigns, key, at, target_cents=to_cents(event.target))


@handlers.on(Campaign.ReportIssued)
def report_issued(rows: Rows, event: Campaign.ReportIssued) -> None:
    rows.insert(
        tables.issued_reports,
        sha256=event.sha256,
        issued_at=utc_text(event.timestamp),
        year=Period.parse(event.period).year,
        period=event.period,
        unit=event.unit,
        as_of=utc_text(event.as_of),
        size=event.size,
        issued_by=event.actor,
    )


def year_of(rows: Rows, event: Campaign.Event) -> int:
    """The campaign's year: its id is made from the year."""
    for row in rows.holding_where(tables.campaigns):
        if campaign_id(row["year"]) == event.originator_id:
            return int(row["year"])
    raise LookupError(event.originator_id)
