"""What is due at a moment: each recipient's digest of reminders not yet sent.

The facts come from the queries the pages use: a project's status at a period
(``summaries.summary_at``: pending, missing) and the 督办 orders
(``supervisions.supervision_rows`` and their ``overdue_on`` rule). Only the
rules of *when* to remind are new (``domain.rules.reminders``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from tracker.application.queries.reader import Reader, View
from tracker.application.queries.rows import CampaignRow, ProjectRow, campaign_row
from tracker.application.queries.summaries import summary_at
from tracker.application.reminders.orders import order_sections
from tracker.application.reminders.sections import BUREAU, Section
from tracker.domain.period import Period, campaign_period, latest_closed
from tracker.domain.rules.reminders import deadline_rule, deadline_text, missing_due
from tracker.projections import tables
from tracker.projections.notice_tables import notice_keys

P = tables.projects.c
MOBILE = re.compile(r"1[0-9]{10}")


@dataclass(frozen=True)
class Digest:
    """One recipient's reminders of one run: a unit's, or the bureau's (``unit`` None)."""

    unit: str | None
    sections: tuple[Section, ...]

    @property
    def recipient(self) -> str:
        return self.unit or BUREAU


class Due:
    """Works out, for a moment, who is to be reminded of what."""

    def __init__(self, read: Reader) -> None:
        self.read = read

    def digests(self, at: datetime) -> list[Digest]:
        """The reminders due at ``at`` whose keys no notice has claimed, by recipient.

        Facts are read as they stand now; ``at`` is the moment the rules judge by.
        """
        with self.read.at() as view:
            campaign = campaign_at(view, at)
            if campaign is None:
                return []
            phones = reporters(view, campaign.year)
            sections = deadline_sections(view, campaign, at, phones)
            sections += order_sections(view, campaign, at, phones)
            taken = claimed(view, [s.key for s in sections])
        return grouped(s for s in sections if s.key not in taken)


def campaign_at(view: View, at: datetime) -> CampaignRow | None:
    """The campaign of the year ``at`` falls in (in its own time zone)."""
    query = select(tables.campaigns.c.year).where(view.holds(tables.campaigns))
    for year in view.connection.execute(query).scalars():
        campaign = campaign_row(view, year)
        if campaign and at.astimezone(campaign.schedule.zone).year == year:
            return campaign
    return None


def reporters(view: View, year: int) -> dict[str, str]:
    """Each project's 信息员's mobile number (landlines cannot be mentioned)."""
    query = select(P.code, P.phone).where(P.campaign_year == year, view.holds(tables.projects))
    found = {}
    for code, phone in view.connection.execute(query).all():
        if MOBILE.fullmatch((phone or "").strip()):
            found[code] = phone.strip()
    return found


def claimed(view: View, keys: list[str]) -> set[str]:
    if not keys:
        return set()
    query = select(notice_keys.c.key).where(notice_keys.c.key.in_(keys))
    return set(view.connection.execute(query).scalars())


def grouped(sections: Iterable[Section]) -> list[Digest]:
    """One digest per recipient (the bureau last), its sections in the order found."""
    by_recipient: dict[str | None, list[Section]] = {}
    for section in sections:
        by_recipient.setdefault(section.unit, []).append(section)
    order = sorted(by_recipient, key=lambda unit: (unit is None, unit or ""))
    return [Digest(unit, tuple(by_recipient[unit])) for unit in order]


# -- deadlines -------------------------------------------------------------------


def deadline_sections(
    view: View, campaign: CampaignRow, at: datetime, phones: dict[str, str]
) -> list[Section]:
    """Before a deadline, the units still to report; the morning after, who missed it."""
    schedule, rules = campaign.schedule, campaign.reminders
    found: list[Section] = []
    open_ = campaign_period(campaign.year, at, schedule)
    rule = deadline_rule(open_, schedule, at, rules)
    if rule is not None:
        pending = by_unit(summary_at(view, open_, at).projects, "pending")
        found += [before(rule, open_, campaign, unit, rows, phones) for unit, rows in pending]
    closed = latest_closed(open_, schedule, at)
    if closed.closes_at(schedule) <= at and missing_due(closed, schedule, at, rules):
        missing = by_unit(summary_at(view, closed, at).projects, "missing")
        found += [missed(closed, campaign, unit, rows, phones) for unit, rows in missing]
        if missing:
            found.append(missing_digest(closed, campaign, missing))
    return found


def by_unit(rows: list[ProjectRow], status: str) -> list[tuple[str, list[ProjectRow]]]:
    units: dict[str, list[ProjectRow]] = {}
    for row in rows:
        if row.status == status:
            units.setdefault(row.unit, []).append(row)
    return sorted(units.items())


def named(rows: list[ProjectRow]) -> tuple[str, ...]:
    return tuple(f"{row.code} {row.name}" for row in rows)


def mobiles(rows: list[ProjectRow], phones: dict[str, str]) -> tuple[str, ...]:
    return tuple(sorted({phones[row.code] for row in rows if row.code in phones}))


def before(
    rule: str,
    period: Period,
    campaign: CampaignRow,
    unit: str,
    rows: list[ProjectRow],
    phones: dict[str, str],
) -> Section:
    deadline = deadline_text(period.due_date(campaign.schedule))
    if rule == "due_day":
        heading, when = f"{period.label}半月报今天截止", f"今天（{deadline}）截止"
    else:
        days = rule.removeprefix("before_")
        heading, when = f"{period.label}半月报还有{days}天截止", f"请于{deadline}前报送"
    return Section(
        key=f"{rule}:{period}:{unit}",
        rule=rule,
        unit=unit,
        heading=heading,
        intro=f"{unit}：{when}，以下{len(rows)}个项目尚未报送：",
        lines=named(rows),
        link=f"/unit/periods/{period}",
        action="去填报",
        mentions=mobiles(rows, phones),
    )


def missed(
    period: Period, campaign: CampaignRow, unit: str, rows: list[ProjectRow], phones: dict
) -> Section:
    deadline = deadline_text(period.due_date(campaign.schedule))
    return Section(
        key=f"missing:{period}:{unit}",
        rule="missing",
        unit=unit,
        heading=f"{period.label}半月报未按时报送",
        intro=f"{unit}：{period.label}已于{deadline}截止，以下{len(rows)}个项目未报送，"
        "请尽快补报（将计为迟报）：",
        lines=named(rows),
        link=f"/unit/periods/{period}",
        action="去补报",
        mentions=mobiles(rows, phones),
    )


def missing_digest(
    period: Period, campaign: CampaignRow, units: list[tuple[str, list[ProjectRow]]]
) -> Section:
    deadline = deadline_text(period.due_date(campaign.schedule))
    count = sum(len(rows) for _, rows in units)
    lines = tuple(f"{unit}（{len(rows)}个）：{'、'.join(named(rows))}" for unit, rows in units)
    return Section(
        key=f"missing_digest:{period}:{BUREAU}",
        rule="missing_digest",
        unit=None,
        heading=f"{period.label}未报汇总",
        intro=f"截至{deadline}，{len(units)}个单位的{count}个项目未报送：",
        lines=lines,
        link=f"/bureau/status/{period}",
        action="查看报送情况",
    )
