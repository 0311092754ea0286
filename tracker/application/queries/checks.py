"""数据核查: the projects whose reported figures do not hang together, rule by rule.

Reads the latest version of every report of the year as of the view (two plain reads:
the projects and their period reports) and hands each project's to the domain's rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select

from tracker.application.queries.reader import Reader, View
from tracker.application.queries.register import known_campaign
from tracker.domain.catalog import CHECK_KINDS
from tracker.domain.money import from_cents
from tracker.domain.period import Period
from tracker.domain.rules.consistency import Reported, check_project
from tracker.projections import tables
from tracker.projections.codec import day

P, R = tables.projects.c, tables.period_reports.c


@dataclass(frozen=True)
class CheckItem:
    """One rule that fired on one project, with its numbers and the reports behind it."""

    kind: str
    code: str
    name: str
    unit: str
    category: str
    periods: tuple[Period, ...]
    detail: str

    @property
    def label(self) -> str:
        return CHECK_KINDS[self.kind]


class Checks:
    """数据核查 of a campaign, now or as of a past moment."""

    def __init__(self, read: Reader) -> None:
        self.read = read

    def items(self, year: int, as_of: datetime | None = None) -> list[CheckItem]:
        """Every finding, by rule (in the order of CHECK_KINDS), then project code."""
        with self.read.at(as_of) as view:
            return check_items(view, year)


def check_items(view: View, year: int) -> list[CheckItem]:
    campaign = known_campaign(view, year)
    query = select(tables.projects).where(
        P.campaign_year == year, P.status != "withdrawn", view.holds(tables.projects)
    )
    projects = {row["code"]: row for row in view.connection.execute(query).mappings()}
    reported = reports_by_code(view, set(projects), year)
    items = []
    for code, project in sorted(projects.items()):
        findings = check_project(
            reported.get(code, []),
            new_start=project["nature"] == "new_start",
            total=from_cents(project["total_investment_cents"]),
            completed_on=day(project["completed_on"]),
            schedule=campaign.schedule,
            threshold=campaign.thresholds.mismatch_points,
        )
        for found in findings:
            shown = {key: project[key] for key in ("code", "name", "unit", "category")}
            items.append(CheckItem(found.kind, **shown, periods=found.periods, detail=found.detail))
    order = list(CHECK_KINDS)
    return sorted(items, key=lambda item: (order.index(item.kind), item.code))


def reports_by_code(view: View, codes: set[str], year: int) -> dict[str, list[Reported]]:
    """Each project's reports as they stand (the latest versions), oldest period first."""
    query = select(R.code, R.idx, R.investment_cents, R.progress, R.progress_pct)
    query = query.where(view.holds(tables.period_reports)).order_by(R.code, R.idx)
    found: dict[str, list[Reported]] = {}
    for code, idx, cents, progress, pct in view.connection.execute(query).all():
        if code in codes:
            found.setdefault(code, []).append(
                Reported(
                    Period.from_index(year, idx),
                    from_cents(cents),
                    progress or "",
                    Decimal(pct) if pct else None,
                )
            )
    return found
