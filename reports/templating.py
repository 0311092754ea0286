"""Jinja templates for the reports: autoescaped, with the filters the tables need.

Templates receive finished rows and format them; they never query anything.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from decimal import Decimal
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from tracker.application.jsonable import jsonable
from tracker.domain.catalog import LIGHTS, NATURE_LABELS, ORDER_STATUS
from tracker.domain.people import actor_shown

CLIP = 160  # characters of free text per PDF cell; the spreadsheet keeps it all
HUNDRED = Decimal(100)


def amount(value: Decimal | None) -> str:
    """万元 with thousands separators and two decimals, exactly (no float on the way)."""
    return "" if value is None else f"{value:,.2f}"


def rate(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:.2f}%"


def percent(fraction: Decimal | None) -> Decimal | None:
    """A 0…1 rate as a percentage with two decimals."""
    return None if fraction is None else (fraction * HUNDRED).quantize(Decimal("0.01"))


def signed(value: Decimal) -> str:
    return f"{value:+,.2f}"


def moment(value: datetime | None, zone: str, seconds: bool = False) -> str:
    if value is None:
        return ""
    shape = "%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M"
    return value.astimezone(ZoneInfo(zone)).strftime(shape)


def clip(text: str | None, limit: int = CLIP) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def label(table: dict[str, str]) -> Any:
    """A filter that shows a code name by its label in one of the catalog's tables."""
    return lambda value: table.get(value, value)


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        amount=amount,
        rate=rate,
        percent=percent,
        signed=signed,
        moment=moment,
        clip=clip,
        light=label(LIGHTS),
        nature=label(NATURE_LABELS),
        order_status=label(ORDER_STATUS),
    )
    env.globals["months"] = [f"{month}月" for month in range(1, 13)]
    env.globals["who"] = actor_shown  # who(actor, people): 区城管局·张三, 系统管理员
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def fingerprint(data: Any) -> str:
    """A short content hash of the rows a report was made from."""
    text = json.dumps(jsonable(data), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
