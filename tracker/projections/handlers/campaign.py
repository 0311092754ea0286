"""Campaign events: the campaign's row (target, calendar, settings) and its sign-offs."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.domain.base import campaign_id
from tracker.domain.campaign import Campaign
from tracker.domain.money import to_cents
from tracker.domain.period import Period
from tracker.projections import tables
from tracker.projections.bitemporal import add, change
from tracker.projections.codec import json_text, utc_text
from tracker.projections.handlers import Handlers, picked

C = tables.campaigns.c
handlers = Handlers()


@handlers.on(Campaign.Created)
def created(session: Session, event: Campaign.Created) -> None:
    add(
        session,
        tables.campaigns,
        utc_text(event.timestamp),
        **picked(event, "year", "district", "timezone", "level"),
        target_cents=to_cents(event.target),
        due_day_1=event.due_days[0],
        due_day_2=event.due_days[1],
    )


@handlers.on(Campaign.SettingsChanged)
def settings_changed(session: Session, event: Campaign.SettingsChanged) -> None:
    settings = json_text({"thresholds": event.thresholds, "weights": event.weights})
    key, at = {"year": year_of(session, event)}, utc_text(event.timestamp)
    change(session, tables.campaigns, key, at, settings=settings)


@handlers.on(Campaign.RemindersChanged)
def reminders_changed(session: Session, event: Campaign.RemindersChanged) -> None:
    rules = json_text({"days_before": event.days_before, "hour": event.hour})
    key, at = {"year": year_of(session, event)}, utc_text(event.timestamp)
    change(session, tables.campaigns, key, at, reminders=rules)


@handlers.on(Campaign.TargetRevised)
def target_revised(session: Session, event: Campaign.TargetRevised) -> None:
    key, at = {"year": year_of(session, event)}, utc_text(event.timestamp)
    change(session, tables.campaigns, key, at, target_cents=to_cents(event.target))


@handlers.on(Campaign.ReportIssued)
def report_issued(session: Session, event: Campaign.ReportIssued) -> None:
    session.execute(
        tables.issued_reports.insert().values(
            sha256=event.sha256,
            issued_at=utc_text(event.timestamp),
            year=Period.parse(event.period).year,
            period=event.period,
            unit=event.unit,
            as_of=utc_text(event.as_of),
            size=event.size,
            issued_by=event.actor,
        )
    )


def year_of(session: Session, event: Campaign.Event) -> int:
    """The campaign's year: its id is made from the year."""
    for year in session.execute(select(C.year).distinct()).scalars():
        if campaign_id(year) == event.originator_id:
            return int(year)
    raise LookupError(event.originator_id)
