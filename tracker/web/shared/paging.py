"""Long lists a page at a time: ``?page=N`` beside the list's own filters, all kept in the URL."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from flask import abort, request, url_for

PER_PAGE = 50


@dataclass(frozen=True)
class Page:
    """One page of a list, and where the others are."""

    rows: Sequence[Any]
    number: int  # 1-based
    count: int  # pages in all (at least 1)
    total: int  # rows in all
    first: int  # the 1-based position of the page's first row (0 when there is none)

    def url(self, number: int) -> str:
        """This address with the same filters, at page ``number``."""
        args = {key: value for key, value in request.args.items() if key != "page"}
        values = {**(request.view_args or {}), **args}
        return url_for(request.endpoint or "", **values, page=number if number > 1 else None)


def page_of(rows: Sequence[Any], per_page: int = PER_PAGE) -> Page:
    """The page ``?page=`` asks for of ``rows``; a number that names no page does not exist."""
    number = page_number()
    start = (number - 1) * per_page
    return checked(rows[start : start + per_page], number, len(rows), per_page)


def page_number() -> int:
    """``?page=``: 1 when not given; anything but a whole number is a page that does not exist."""
    text = request.args.get("page", "1").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 6 or int(text) < 1:
        abort(404)
    return int(text)


def checked(shown: Sequence[Any], number: int, total: int, per_page: int = PER_PAGE) -> Page:
    """The page ``number`` of ``total`` rows, ``shown`` being its rows (read by the caller)."""
    count = max(1, -(-total // per_page))
    if number > count:
        abort(404)
    start = (number - 1) * per_page
    return Page(shown, number, count, total, start + 1 if shown else 0)
