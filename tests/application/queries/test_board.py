"""报送情况 counted in the database: each project's status is the rule's, at every period."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from tests.application.queries.test_series import lay_down
from tracker.domain.period import Period
from tracker.domain.report import ReportInput

pytestmark = pytest.mark.postgres


def test_the_board_counts_filters_and_pages_as_the_project_rows_say(campaign, frozen) -> None:
    middle = lay_down(campaign, frozen)  # reports, a correction, a withdrawal, moments apart
    code = next(row.code for row in campaign.register.projects(2026) if row.status == "active")
    today = frozen(2026, 6, 3, 9).date()
    campaign.projects.record_completion(code, today, "b")  # nothing due after June's first half
    first = Period(2026, 1, 1)
    late = next(r.code for r in campaign.summaries.period_status(first) if r.status == "missing")
    campaign.projects.submit_report(late, first, ReportInput(Decimal("1.00"), "补报"), "u")
    seen: Counter[str] = Counter()
    for moment in (None, middle):
        for period in Period.all_of(2026):
            rows = campaign.summaries.period_status(period, moment)
            board = campaign.boards.board(period, moment)
            expected = {row.code: row.status for row in rows}
            assert {row.code: row.status for row in board.rows} == expected, period
            assert board.counts == dict(Counter(expected.values())), period
            chased = Counter(row.unit for row in rows if row.status in ("missing", "pending"))
            assert {c.unit: c.projects for c in board.chase} == dict(chased), period
            assert board.total == len(rows)
            seen.update(expected.values())
    assert all(seen[s] for s in ("on_time", "late", "missing", "pending", "not_due")), seen

    period = Period(2026, 3, 1)
    everyone = campaign.boards.board(period).rows
    unit = everyone[0].unit
    some = campaign.boards.board(period, unit=unit, statuses=("missing",), offset=1, limit=2)
    wanted = [r for r in everyone if r.unit == unit and r.status == "missing"]
    assert some.total == len(wanted) and some.rows == wanted[1:3]
    assert [r.code for r in everyone] == [
        r.code for r in sorted(everyone, key=lambda r: (r.unit, r.code))
    ]
