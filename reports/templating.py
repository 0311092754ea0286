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
from tracker.domain.catalog import NATURE_LABELS
from tracker.domain.figures import LIGHT_LABELS

CLIP = 160  # characters of free text per PDF cell; the spreadsheet keeps it all


def amount(value: Decimal | None) -> str:
    """万元 with thousands separators and two decimals, exactly (no float on the way)."""
    return "" if value is None else f"{value:,.2f}"


def rate(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:.2f}%"


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
        signed=signed,
        moment=moment,
        clip=clip,
        light=lambda value: LIGHT_LABELS.get(value, value),
        nature=lambda value: NATURE_LABELS.get(value, value),
    )
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def fingerprint(data: Any) -> str:
    """A short content hash of the rows a report was made from."""
    text = json.dumps(jsonable(data), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
