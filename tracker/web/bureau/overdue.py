"""逾期清单: the overdue items of DESIGN §3 with lights and since-when, filtered; 督办 from any."""

from __future__ import annotations

from collections import Counter
from typing import Any

from flask import render_template, request
from flask_login import current_user

from tracker.application.queries.overdue import OverdueItem, matching
from tracker.domain.catalog import CATEGORIES, OVERDUE_KINDS
from tracker.domain.clock import clock
from tracker.web.common import (
    as_of_arg,
    as_of_context,
    campaign_year,
    day_of,
    link,
    roles,
    the_tracker,
)
from tracker.web.shared.paging import page_of

READERS = ("bureau", "viewer")
FILTERS = ("unit", "category", "kind")


@roles(*READERS)
def overdue() -> str:
    tracker, moment, year = the_tracker(), as_of_arg(), campaign_year()
    items = tracker.overdue.items(year, moment)
    chosen = {key: request.args.get(key) or None for key in FILTERS}
    shown = page_of(matching(items, **chosen))
    return render_template(
        "bureau/overdue.html",
        **as_of_context(moment),
        page=shown,
        items=aged(list(shown.rows), day_of(moment or clock.now())),
        total=len(items),
        counts=Counter(item.kind for item in matching(items, chosen["unit"], chosen["category"])),
        kinds=OVERDUE_KINDS,
        units=tracker.register.project_units(year, moment),
        categories=CATEGORIES,
        chosen=chosen,
        kind_links={
            kind: link("bureau.overdue", moment, **{**chosen, "kind": kind})
            for kind in OVERDUE_KINDS
        },
        may_issue=current_user.role == "bureau" and moment is None,
    )


def aged(items: list[OverdueItem], today: Any) -> list[tuple[OverdueItem, Any, int]]:
    """Each item with the day it became overdue and how many days ago that was."""
    return [(item, day_of(item.since), (today - day_of(item.since)).days) for item in items]
