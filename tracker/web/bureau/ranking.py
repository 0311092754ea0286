"""考核排名: per month, the three component scores, total, rank and 末位, and each unit's year."""

from __future__ import annotations

from flask import abort, render_template, request

from tracker.domain.clock import clock
from tracker.domain.rules.ranking import RankingRow, default_month, month_done
from tracker.web.common import (
    as_of_arg,
    as_of_context,
    campaign_year,
    chosen_month,
    roles,
    the_tracker,
)


@roles("bureau", "viewer")
def ranking(month: str | None = None) -> str:
    tracker, moment, year = the_tracker(), as_of_arg(), campaign_year()
    now, campaign = moment or clock.now(), tracker.register.campaign(year)
    open_ = tracker.summaries.current_period(year, now)
    months = list(range(1, open_.month + 1))
    chosen = chosen_month(month or request.args.get("month"), year)
    chosen = chosen or default_month(open_, campaign.schedule, now)
    if chosen not in months:
        abort(404)
    tables = tracker.rankings.months(year, months, moment)
    rows = tables[chosen - 1]
    return render_template(
        "bureau/ranking.html",
        **as_of_context(moment),
        year=year,
        month=chosen,
        months=months,
        in_progress=None if month_done(open_, campaign.schedule, now) else open_.month,
        rows=rows,
        by_unit=by_unit(rows, tables),
        weights=campaign.weights,
    )


def by_unit(
    rows: list[RankingRow], tables: list[list[RankingRow]]
) -> list[tuple[str, list[RankingRow | None]]]:
    """Each unit of ``rows`` with its row in each month's table (None: not ranked then)."""
    months = [{row.unit: row for row in table} for table in tables]
    return [(row.unit, [month.get(row.unit) for month in months]) for row in rows]
