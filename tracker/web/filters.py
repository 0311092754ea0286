"""Template filters: money, lights, statuses and times in the campaign's zone."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from flask import Flask, current_app

from tracker.domain.catalog import EVENT_LABELS, NATURE_LABELS, ROLES, STATUS_LABELS
from tracker.domain.figures import LIGHT_LABELS
from tracker.domain.figures import STATUS_LABELS as REPORT_STATUS
from tracker.domain.money import format_money


def money(value: Decimal | None) -> str:
    return "—" if value is None else format_money(value)


def rate(value: Decimal | None) -> str:
    return "—" if value is None else f"{value}%"


def local_time(value: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    if value is None:
        return "—"
    zone = ZoneInfo(current_app.extensions["tracker_settings"].timezone)
    return value.astimezone(zone).strftime(fmt)


def day(value: date | None) -> str:
    return "—" if value is None else value.isoformat()


def init_app(app: Flask) -> None:
    app.add_template_filter(money, "money")
    app.add_template_filter(rate, "rate")
    app.add_template_filter(local_time, "local")
    app.add_template_filter(day, "day")
    app.add_template_global(LIGHT_LABELS, "LIGHTS")
    app.add_template_global(REPORT_STATUS, "REPORT_STATUS")
    app.add_template_global(NATURE_LABELS, "NATURES")
    app.add_template_global(STATUS_LABELS, "PROJECT_STATUS")
    app.add_template_global(ROLES, "ROLES")
    app.add_template_filter(lambda kind: EVENT_LABELS.get(kind, kind), "event")
