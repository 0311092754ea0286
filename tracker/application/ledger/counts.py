"""The read models against the log: as many projects, report versions, 签发 and 督办 as events.

A log whose tail was cut off together with its links still chains; the read
models, written in the same transactions, then hold more than the log explains.
Rows are counted distinct by their key, so tables that keep each row's history
(valid_from / valid_to) count the same.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import Connection, distinct, func, select

from tracker.projections import tables

LISTED = 20  # disagreeing projects named


@dataclass(frozen=True)
class Held:
    """What the read models hold, counted."""

    projects: int
    reports: dict[str, int]  # report versions by project code
    issued: int
    supervisions: int


def held(connection: Connection) -> Held:
    def count(column: object) -> int:
        return int(connection.execute(select(func.count(distinct(column)))).scalar() or 0)

    versions = tables.report_versions.c
    per_project = select(versions.code, func.count()).group_by(versions.code)
    issued = connection.execute(select(func.count()).select_from(tables.issued_reports)).scalar()
    return Held(
        projects=count(tables.projects.c.id),
        reports={code: int(n) for code, n in connection.execute(per_project).all()},
        issued=int(issued or 0),
        supervisions=count(tables.supervisions.c.id),
    )


def names(connection: Connection) -> dict[str, str]:
    """Aggregate id → project code, for projects and for their 督办 orders."""
    found = {}
    for table in (tables.projects, tables.supervisions):
        query = select(table.c.id, table.c.code).distinct()
        found.update({ident: code for ident, code in connection.execute(query).all()})
    return found


def disagreements(rows: Held, kinds: Counter[str], reports: Counter[str]) -> list[str]:
    """Where the read models hold other counts than the log's events explain."""
    found = []
    for label, in_rows, kind in (
        ("项目", rows.projects, "Project.Registered"),
        ("签发的月报表", rows.issued, "Campaign.ReportIssued"),
        ("督办", rows.supervisions, "Supervision.Issued"),
    ):
        if in_rows != kinds[kind]:
            found.append(f"读模型有 {in_rows} 个{label}，事件日志中有 {kinds[kind]} 个")
    codes = sorted(set(rows.reports) | set(reports))
    differing = [c for c in codes if rows.reports.get(c, 0) != reports.get(c, 0)]
    for code in differing[:LISTED]:
        found.append(
            f"项目 {code}：读模型有 {rows.reports.get(code, 0)} 个报送版本，"
            f"事件日志中有 {reports.get(code, 0)} 个"
        )
    if len(differing) > LISTED:
        found.append(f"……另有 {len(differing) - LISTED} 个项目的报送版本数不一致")
    return found
