"""Template filters and the label tables every template may use."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask import Flask

from tracker.domain import catalog
from tracker.domain.money import format_money
from tracker.domain.report import REPORT_FIELDS
from tracker.web.common import link, local_time


def money(value: Decimal | None) -> str:
    return "—" if value is None else format_money(value)


def rate(value: Decimal | None) -> str:
    return "—" if value is None else f"{value}%"


def day(value: date | None) -> str:
    return "—" if value is None else value.isoformat()


def init_app(app: Flask) -> None:
    app.add_template_filter(money, "money")
    app.add_template_filter(rate, "rate")
    app.add_template_filter(local_time, "local")
    app.add_template_filter(day, "day")
    app.add_template_global(link, "link")  # link('shared.project', as_of, code=…): same moment
    app.add_template_global(catalog.LIGHTS, "LIGHTS")
    app.add_template_global(catalog.REPORT_STATUS, "REPORT_STATUS")
    app.add_template_global(catalog.NATURE_LABELS, "NATURES")
    app.add_template_global(catalog.PROJECT_STATUS, "PROJECT_STATUS")
    app.add_template_global(catalog.ORDER_STATUS, "ORDER_STATUS")
    app.add_template_global(catalog.PROPOSAL_STATUS, "PROPOSAL_STATUS")
    app.add_template_global(catalog.ROLES, "ROLES")
    app.add_template_global(REPORT_FIELDS, "REPORT_FIELDS")
    app.add_template_global([(name, name) for name in catalog.CATEGORIES], "CATEGORY_CHOICES")
