"""The overdue list read from one pass over the projects equals the list made from every
project's full rows at every closed period (the way it was made before)."""

from __future__ import annotations

from decimal import Decimal

from tests.application.queries.test_series import lay_down
from tracker.application.queries.rows import project_rows
from tracker.domain.period import Period
from tracker.domain.report import ReportInput
from tracker.domain.rules import overdue as rules

KINDS = ("missing_report", "lagging", "late_start")


def reference(campaign, as_of=None) -> list[tuple]:
    """未报, 滞后 and 未按期开工 from a ProjectRow per project per closed period."""
    c = campaign.register.campaign(2026, as_of)
    with campaign.overdue.read.at(as_of) as view:
        now = view.now
        closed = [p for p in Period.all_of(2026) if p.closes_at(c.schedule) <= now]
        history = [project_rows(view, p, c.schedule, now, c.thresholds) for p in closed]
    today, items = now.astimezone(c.schedule.zone).date(), []
    for row in history[-1] if history else []:
        rows = [next(r for r in rows if r.code == row.code) for rows in history]
        missing = [p for p, r in zip(closed, rows, strict=True) if r.status == "missing"]
        if missing:
            labels = "、".join(p.label for p in missing)
            since = missing[0].closes_at(c.schedule)
            items.append(
                (
                    "missing_report",
                    row.code,
                    rules.missing_light(len(missing)),
                    since,
                    f"未报：{labels}",
                )
            )
        light = rules.lagging_light(row.figures, c.thresholds)
        if light != "green" and row.project_status == "active":
            start = len(closed) - 1
            while (
                start > 0 and rules.lagging_light(rows[start - 1].figures, c.thresholds) != "green"
            ):
                start -= 1
            since = closed[start].closes_at(c.schedule)
            items.append(
                ("lagging", row.code, light, since, f"滞后序时进度 {row.figures.lag} 个百分点")
            )
        if row.nature == "new_start" and row.started_on is None:
            light = rules.late_start_light(row.planned_start, today, c.thresholds)
            if light != "green":
                items.append(
                    ("late_start", row.code, light, row.planned_start, "计划开工日期已过，尚未开工")
                )
    return sorted(items)


def test_the_overdue_list_equals_the_list_from_every_projects_rows(campaign, frozen) -> None:
    middle = lay_down(campaign, frozen)
    frozen(2026, 6, 20, 9, 0)
    campaign.projects.submit_report(
        "CJ2026-005", Period(2026, 6, 1), ReportInput(Decimal("0.01"), "停工"), "u"
    )
    for moment in (None, middle):
        fast = sorted(
            (i.kind, i.code, i.light, i.since, i.detail)
            for i in campaign.overdue.items(2026, moment)
            if i.kind in KINDS
        )
        expected = reference(campaign, moment)
        assert fast == expected
        assert {kind for kind, *_ in expected} == set(KINDS)  # every kind is exercised
