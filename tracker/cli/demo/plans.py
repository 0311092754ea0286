"""The demo's plans beyond the money: 形象进度计划, 节点, and two projects whose figures disagree.

Nothing here draws from the history's ``random.Random``: the report history stays what
it was. The 形象进度计划 rides in the 附件1 file the demo imports (its optional columns),
computed from each project's traits as a throwaway ``History`` of the same seed draws
them; the nodes are the usual sequence, planned by the bureau on loading day and
reported met by the units in the report of the period they fall in (the lagging
projects' 主体完工 and the held-up new start's approvals stay late); one project's
形象进度 rises half as fast as its money, another's stands still for three periods.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import partial
from typing import TYPE_CHECKING

from tracker.application.progress_columns import PROGRESS_COLUMNS
from tracker.cli.demo.actions import Action
from tracker.cli.demo.model import LOADED_AT, PlannedReport
from tracker.domain.milestones import DEFAULT_NODES, MetNode, Node, suggested_nodes
from tracker.domain.period import Schedule
from tracker.domain.spec import ProjectSpec

if TYPE_CHECKING:
    from datetime import datetime

    from tracker.application.app import TrackerApp
    from tracker.cli.demo.history import History

NODES_REASON = "按项目审批和施工组织计划确定节点"
RECENT = timedelta(days=30)
#: nodes a continuing project had met before the year
BEFORE_THE_YEAR = DEFAULT_NODES[:5]
#: the three periods (Aug–Sep) whose 形象进度 one project leaves as it was
IDLE_PERIODS = (15, 16, 17)
#: kept clear of the demo's two sign-offs of 2026-11-H1 (tests compare between them)
SIGNED_OFF = ("CJ2026-037", "CJ2026-038")


def with_progress_plans(data: bytes, specs: list[ProjectSpec], horizon: datetime) -> bytes:
    """The 附件1 file with each project's 形象进度计划 in its optional columns."""
    from tracker.cli.demo.history import History  # the traits of the same seed

    traits = History(specs, {}, Schedule(), horizon)
    traits.choose_traits()
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    code = rows[0].index("项目编号")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*rows[0], *PROGRESS_COLUMNS])
    for row in rows[1:]:
        plan = planned_progress(traits, row[code]) if any(row) else []
        writer.writerow([*row, *plan])
    return ("\ufeff" + out.getvalue()).encode()


def planned_progress(h: History, code: str) -> list[str]:
    """Month-end 形象进度 as the money is planned: what was done before the year and the
    plan's months so far, as a share of what makes 100 %."""
    done, scale = h.prior[code], h.scale[code]
    found = []
    for month in range(1, 13):
        done += h.plans[code][month - 1]
        pct = min(Decimal(100), Decimal(done * 100) / Decimal(scale))
        found.append(str(pct.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)))
    return found


def lay_down(h: History) -> None:
    """Nodes planned on loading day and met in the reports; two projects that disagree."""
    for number, spec in enumerate(h.specs):
        at = LOADED_AT + timedelta(minutes=20, seconds=10 * number)
        h.extra.append(Action(at, partial(plan, code=spec.code, nodes=nodes_of(spec))))
        for name, day in met_nodes(h, spec):
            report = report_for(h, spec.code, day)
            if report is not None:
                report.met.append(MetNode(name, min(day, report.at.date())))
    stands_still(h, runs_ahead(h))


def plan(app: TrackerApp, code: str, nodes: list[Node]) -> None:
    app.projects.plan_milestones(code, nodes, NODES_REASON, "bureau")


def nodes_of(spec: ProjectSpec) -> list[Node]:
    return suggested_nodes(spec.planned_start, spec.planned_completion)


def met_nodes(h: History, spec: ProjectSpec) -> list[tuple[str, date]]:
    """(node, the day it was met) of the nodes met by the end of the history."""
    code, start, finish = spec.code, h.start[spec.code], h.completion[spec.code]
    found = []
    for node in nodes_of(spec):
        if spec.nature == "continuing" and node.name in BEFORE_THE_YEAR:
            found.append((node.name, node.planned_on))
        elif node.name in BEFORE_THE_YEAR:  # a new start's approvals: by the day it starts
            if start is not None and start <= h.last_day:
                found.append((node.name, min(node.planned_on, start)))
        elif node.name == "主体完工" and code not in h.lagging:
            # reported once done; one due in the last month is still being finished (yellow)
            done = finish if finish and finish <= h.last_day else h.last_day - RECENT
            if node.planned_on <= done:
                found.append((node.name, node.planned_on))
        elif node.name == "竣工验收" and finish is not None and finish <= h.last_day:
            found.append((node.name, finish))
    return found


def report_for(h: History, code: str, day: date) -> PlannedReport | None:
    """The first report received of the period that covers ``day`` or any later one."""
    for report in h.of(code):
        if report.period.due_date(h.schedule) >= day:
            return report
    return None


def runs_ahead(h: History) -> str:
    """A continuing project whose 形象进度 rises half as fast as its money (投资与形象进度不符)."""
    code = next(
        s.code
        for s in h.specs
        if s.nature == "continuing" and s.code in h.long_running and s.code not in h.lagging
        and s.annual_plan * 10 >= s.total_investment * 7 and s.code not in SIGNED_OFF
    )  # fmt: skip
    reports = [r for r in h.of(code) if r.pct is not None]
    first = reports[0].pct or 0
    for report in reports[1:]:
        report.pct = first + ((report.pct or 0) - first) // 2
    return code


def stands_still(h: History, taken: str) -> None:
    """A project reporting money for three periods while its 形象进度 stays word for word."""
    for spec in h.specs:
        if spec.code not in h.long_running or spec.code in (*h.lagging, *SIGNED_OFF, taken):
            continue
        by_index = {r.period.index: r for r in h.of(spec.code)}
        run = [by_index.get(index) for index in IDLE_PERIODS]
        if all(r is not None and r.plain and r.cents > 0 and not r.met for r in run):
            first = run[0]
            for report in run[1:]:
                report.progress, report.pct = first.progress, first.pct  # type: ignore[union-attr]
            return
