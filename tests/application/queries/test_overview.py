"""The dashboard's figures summed in the database equal those of every project's row."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from tests.application.queries.test_series import lay_down
from tracker.domain.period import Period

pytestmark = pytest.mark.postgres


def reference_starts(summary, today) -> tuple[int, int, int, list[str]]:
    """The new starts as the dashboard counted them from the summary's project rows."""
    day = min(summary.period.due_date(summary.campaign.schedule), today)
    rows = [row for row in summary.projects if row.nature == "new_start"]
    due = [row for row in rows if row.planned_start <= day]
    started = [row for row in due if row.started_on and row.started_on <= day]
    return len(rows), len(due), len(started), [r.code for r in due if r not in started]


def test_totals_lights_starts_and_forecasts_equal_the_project_rows_now_and_as_of(
    campaign, frozen
) -> None:
    starts = sorted(
        (r for r in campaign.register.projects(2026) if r.nature == "new_start"),
        key=lambda r: r.planned_start,
    )  # the earliest due: started late, each counts as waiting at the periods before its start
    frozen(2026, 3, 20, 9)
    campaign.projects.record_start(starts[0].code, date(2026, 3, 18), "u")  # before ``middle``
    middle = lay_down(campaign, frozen)
    campaign.projects.record_start(starts[1].code, date(2026, 5, 2), "u")  # after it
    checked, seen = 0, Counter()
    for moment in (None, middle):
        for period in Period.all_of(2026):
            summary = campaign.summaries.summary(period, moment)
            overview = campaign.summaries.overview(period, moment)
            totals = campaign.summaries.totals(period, moment)
            assert totals == overview.totals
            assert totals.district == summary.district, period
            assert totals.categories == summary.categories, period
            assert totals.units == summary.units, period
            judged = overview.standings
            assert judged.lights == Counter(row.light for row in summary.projects), period
            assert judged.projects == len(summary.projects)
            today = summary.as_of.astimezone(summary.campaign.schedule.zone).date()
            starts = judged.starts
            waiting = [w.code for w in starts.waiting]
            all_, due, started, reference = reference_starts(summary, today)
            assert (starts.all, starts.due, starts.started) == (all_, due, started), period
            assert waiting == reference[: len(waiting)] and starts.waiting_count == len(reference)
            assert judged.district == summary.outlook.district, period
            assert judged.categories == summary.outlook.categories, period
            assert judged.units == summary.outlook.units, period
            checked += 1
            seen.update(judged.lights)
            seen['waiting'] += starts.waiting_count
            seen['started'] += starts.started
    assert checked == 48
    assert all(seen[key] for key in ('green', 'yellow', 'red', 'waiting', 'started')), seen
    # the two moments differ: the comparison was not of two empty views
    assert campaign.summaries.totals(Period(2026, 3, 2)) != campaign.summaries.totals(
        Period(2026, 3, 2), middle
    )


def test_a_units_rows_are_the_summarys_rows_of_that_unit_now_and_as_of(campaign, frozen) -> None:
    middle = lay_down(campaign, frozen)
    units = sorted({row.unit for row in campaign.register.projects(2026)})
    for moment in (None, middle):
        for period in (Period(2026, 2, 1), Period(2026, 5, 2), Period(2026, 12, 2)):
            rows = campaign.summaries.summary(period, moment).projects
            for unit in units:
                mine = [row for row in rows if row.unit == unit]
                assert campaign.summaries.unit_rows(period, unit, moment) == mine, (unit, period)
