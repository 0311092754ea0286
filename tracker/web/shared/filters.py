"""Template filters and the label tables every template may use."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask import Flask, g

from tracker.domain import catalog
from tracker.domain.errors import InvalidValue
from tracker.domain.money import CENT
from tracker.domain.numbers import format_percent
from tracker.domain.people import actor_shown
from tracker.domain.period import Period
from tracker.domain.report import REPORT_FIELDS
from tracker.web.common import link, local_time, the_tracker


def money(value: Decimal | None) -> str:
    """An amount as pages print it, grouped in thousands like the PDF: 350,000.00.

    Only for reading: a form's box shows what was typed and the API sends
    :func:`format_money` (ungrouped), so nothing typed back in needs a comma.
    """
    return "—" if value is None else f"{value.quantize(CENT):,}"


def pct(value: Decimal | None) -> str:
    """形象进度（%） with one decimal, as the change log prints it too."""
    return "—" if value is None else format_percent(value)


def rate(value: Decimal | None) -> str:
    return "—" if value is None else f"{value}%"


def day(value: date | None) -> str:
    return "—" if value is None else value.isoformat()


def period(value: str | None) -> str:
    """A period's code (``2026-11-H2``) as people read it: 第22期（11月下半月）."""
    if not value:
        return ""
    try:
        return Period.parse(value).label
    except InvalidValue:
        return value


def who(actor: str | None) -> str:
    """An event's actor as people read it (区城管局·张三, 系统管理员), read once per request."""
    if "people" not in g:
        g.people = the_tracker().directory.people()
    return actor_shown(actor, g.people)


def init_app(app: Flask) -> None:
    app.add_template_filter(money, "money")
    app.add_template_filter(rate, "rate")
    app.add_template_filter(pct, "pct")
    app.add_template_filter(local_time, "local")
    app.add_template_filter(day, "day")
    app.add_template_filter(period, "period")
    app.add_template_filter(who, "who")
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
