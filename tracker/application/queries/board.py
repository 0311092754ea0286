"""报送情况 in the database: each project's status at a period as a SQL ``CASE``, counted
and filtered there, so the board reads the counts and one page of rows, however many projects.

``status_case`` is :func:`tracker.domain.rules.status.status_at` written for the database
(times are fixed-width UTC text, so they compare as text); tests hold the two equal.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import ColumnElement, case, func, literal, select

from tracker.application.queries.reader import Reader, View
from tracker.application.queries.register import known_campaign
from tracker.domain.money import from_cents
from tracker.domain.period import Period, Schedule
from tracker.projections import tables
from tracker.projections.codec import moment, utc_text

P, R = tables.projects.c, tables.period_reports.c
CHASED = ("missing", "pending")  # statuses a unit is chased for


def status_case(
    period: Period, schedule: Schedule, now: datetime, received: ColumnElement
) -> ColumnElement[str]:
    """The status of the period's report of the row's project (``received``: its receipt)."""
    closes = utc_text(period.closes_at(schedule))
    starts = period.start_date(schedule).isoformat()
    due = P.registered_at < closes
    unreported = "missing" if now >= period.closes_at(schedule) else "pending"
    return case(
        (
            received.is_not(None),
            case((~due, "backfilled"), (received < closes, "on_time"), else_="late"),
        ),
        (P.completed_on < starts, "not_due"),  # finished before the period began
        (P.withdrawn_at < closes, "not_due"),  # withdrawn before its deadline
        (~due, "not_due"),
        else_=literal(unreported),
    )


@dataclass(frozen=True)
class BoardRow:
    code: str
    name: str
    unit: str
    status: str
    received_at: datetime | None
    changed_at: datetime | None
    versions: int
    investment: Decimal | None  # None: nothing reported
    reporter: str
    phone: str


@dataclass(frozen=True)
class Chase:
    """A unit with projects still to report."""

    unit: str
    missing: int
    pending: int

    @property
    def projects(self) -> int:
        return self.missing + self.pending


@dataclass(frozen=True)
class Board:
    period: Period
    counts: dict[str, int]  # by status, over every project
    chase: list[Chase]  # units with projects missing or pending, by unit
    units: list[str]  # every unit with a project in the campaign
    rows: list[BoardRow]  # the rows asked for (filtered, one page), by unit then code
    total: int  # rows matching the filters


class Boards:
    """报送情况 of a period, now or as of a past moment."""

    def __init__(self, read: Reader) -> None:
        self.read = read

    def board(
        self,
        period: Period,
        as_of: datetime | None = None,
        unit: str | None = None,
        statuses: Collection[str] = (),
        offset: int = 0,
        limit: int | None = None,
    ) -> Board:
        """Counts and chased units over every project; rows of ``unit`` with one of
        ``statuses`` (empty: any), from ``offset``, at most ``limit``."""
        with self.read.at(as_of) as view:
            schedule = known_campaign(view, period.year).schedule
            return board_at(view, period, schedule, unit, tuple(statuses), offset, limit)


def board_at(
    view: View,
    period: Period,
    schedule: Schedule,
    unit: str | None,
    statuses: tuple[str, ...],
    offset: int,
    limit: int | None,
) -> Board:
    here = (
        select(R.code, R.received_at, R.changed_at, R.versions, R.investment_cents)
        .where(R.idx == period.index, view.holds(tables.period_reports))
        .subquery()
    )
    judged = status_case(period, schedule, view.now, here.c.received_at)
    status = judged.label("status")
    listed = (P.campaign_year == period.year, P.status != "withdrawn", view.holds(tables.projects))
    joined = tables.projects.outerjoin(here, here.c.code == P.code)
    each = select(P.code, P.unit, status).select_from(joined).where(*listed).subquery()
    connection = view.connection
    grouped = select(each.c.unit, each.c.status, func.count()).group_by(each.c.unit, each.c.status)
    by_unit: dict[str, dict[str, int]] = {}
    for name, judged_as, count in connection.execute(grouped):  # one pass: counts, chase, total
        by_unit.setdefault(name, {})[judged_as] = count
    counts: dict[str, int] = {}
    for found in by_unit.values():
        for key, count in found.items():
            counts[key] = counts.get(key, 0) + count
    chase = [
        Chase(name, found.get("missing", 0), found.get("pending", 0))
        for name, found in sorted(by_unit.items())
        if any(found.get(key) for key in CHASED)
    ]
    total = sum(
        count
        for name, found in by_unit.items()
        if unit is None or name == unit
        for key, count in found.items()
        if not statuses or key in statuses
    )
    units = sorted(by_unit)
    wanted = []
    if unit is not None:
        wanted.append(P.unit == unit)
    if statuses:
        wanted.append(judged.in_(statuses))  # the CASE again: a label is no column to filter
    columns = (P.code, P.name, P.unit, status, P.reporter, P.phone)
    columns += (here.c.received_at, here.c.changed_at, here.c.versions, here.c.investment_cents)
    query = select(*columns).select_from(joined).where(*listed, *wanted)
    query = query.order_by(P.unit, P.code).offset(offset).limit(limit)
    rows = [
        BoardRow(
            code=row.code,
            name=row.name,
            unit=row.unit,
            status=row.status,
            received_at=moment(row.received_at),
            changed_at=moment(row.changed_at),
            versions=row.versions or 0,
            investment=None if row.versions is None else from_cents(row.investment_cents),
            reporter=row.reporter,
            phone=row.phone,
        )
        for row in connection.execute(query)
    ]
    return Board(period, counts, chase, units, rows, total)
