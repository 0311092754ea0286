"""数据核查: the projects whose reported figures do not hang together, each with its rule,
its numbers and links to the reports behind it (bureau; viewers read)."""

from __future__ import annotations

from collections import Counter

from flask import abort, render_template, request

from tracker.domain.catalog import CHECK_KINDS
from tracker.web.common import as_of_arg, as_of_context, campaign_year, link, roles, the_tracker

READERS = ("bureau", "viewer")


@roles(*READERS)
def checks() -> str:
    tracker, moment, year = the_tracker(), as_of_arg(), campaign_year()
    items = tracker.checks.items(year, moment)
    kind, unit = request.args.get("kind") or None, request.args.get("unit") or None
    if kind is not None and kind not in CHECK_KINDS:
        abort(404)
    shown = [i for i in items if kind in (None, i.kind) and unit in (None, i.unit)]
    return render_template(
        "bureau/checks.html",
        **as_of_context(moment),
        items=shown,
        total=len(items),
        counts=Counter(item.kind for item in items if unit in (None, item.unit)),
        kinds=CHECK_KINDS,
        chosen={"kind": kind, "unit": unit},
        units=sorted({item.unit for item in items}),
        threshold=tracker.register.campaign(year, moment).thresholds.mismatch_points,
        kind_links={key: link("bureau.checks", moment, unit=unit, kind=key) for key in CHECK_KINDS},
    )
