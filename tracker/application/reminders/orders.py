"""督办 reminders: each step of an order reaches the one who acts next.

Issued → the unit at once; due tomorrow and unanswered → the unit (in the
morning); answered → the bureau; overdue → both; returned → the unit. An order's
keys carry the answer it stands after, so a returned order is news again.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select

from tracker.application.queries.reader import View
from tracker.application.queries.rows import CampaignRow
from tracker.application.queries.supervisions import SupervisionRow, supervision_rows
from tracker.application.reminders.sections import BUREAU, Section
from tracker.domain.rules.reminders import day_text, order_morning
from tracker.projections import tables
from tracker.projections.codec import utc_text

P = tables.projects.c


def order_sections(
    view: View, campaign: CampaignRow, at: datetime, phones: dict[str, str]
) -> list[Section]:
    """The reminders of every order not yet closed on a project of the campaign."""
    schedule = campaign.schedule
    today = at.astimezone(schedule.zone).date()
    morning = order_morning(today, at, schedule, campaign.reminders)
    query = select(P.code, P.name).where(P.campaign_year == campaign.year)
    names = dict(view.connection.execute(query.where(view.holds(tables.projects))).all())
    found: list[Section] = []
    for order in supervision_rows(view):
        name = names.get(order.code)
        if name is not None and order.status != "closed":
            mention = (phones[order.code],) if order.code in phones else ()
            found += Steps(order, name, mention).due(today, morning)
    return found


class Steps:
    """The sections one order calls for."""

    def __init__(self, order: SupervisionRow, name: str, mention: tuple[str, ...]) -> None:
        self.order, self.name, self.mention = order, name, mention
        # which answer the order stands after ("0": none yet)
        self.after = utc_text(order.answered_at) if order.answered_at else "0"

    def due(self, today: date, morning: bool) -> list[Section]:
        order = self.order
        if order.status == "answered":
            return [self.answered()]
        found = [self.issued() if order.answered_at is None else self.returned()]
        if morning and order.due_on == today + timedelta(days=1):
            found.append(self.due_tomorrow())
        if morning and order.overdue_on(today):
            found += [self.overdue(order.unit), self.overdue(None)]
        return found

    def section(self, rule: str, unit: str | None, heading: str, intro: str, **more) -> Section:
        order = self.order
        return Section(
            key=f"{rule}:{order.id}:{self.after}:{unit or BUREAU}",
            rule=rule,
            unit=unit,
            heading=f"{heading}：{self.name}",
            intro=intro,
            lines=more.get("lines") or (f"督办要求：{order.requirement}", f"项目：{order.code}"),
            link=more.get("link") or f"/projects/{order.code}",
            action=more.get("action") or "去答复",
            mentions=self.mention if unit else (),
        )

    def issued(self) -> Section:
        due = day_text(self.order.due_on)
        intro = f"{self.order.unit}：建设局下达督办，请于{due}前答复。"
        return self.section("order_issued", self.order.unit, "新督办", intro)

    def due_tomorrow(self) -> Section:
        due = day_text(self.order.due_on)
        intro = f"{self.order.unit}：督办将于明天（{due}）到期，尚未答复。"
        return self.section("order_due", self.order.unit, "督办明天到期", intro)

    def overdue(self, unit: str | None) -> Section:
        order, due = self.order, day_text(self.order.due_on)
        if unit is not None:
            intro = f"{unit}：督办已于{due}到期，仍未答复，请立即答复。"
            return self.section("order_overdue", unit, "督办已逾期", intro)
        intro = f"{order.unit}的督办已于{due}到期，仍未答复。"
        more = {"link": "/bureau/supervisions", "action": "查看督办"}
        return self.section("order_overdue", None, "督办逾期未答复", intro, **more)

    def answered(self) -> Section:
        order = self.order
        lines = (f"督办要求：{order.requirement}", f"答复：{order.answer}")
        more = {"lines": lines, "link": "/bureau/supervisions?status=answered"}
        intro = f"{order.unit}已答复督办，请办结或退回。"
        return self.section(
            "order_answered", None, "督办已答复", intro, **more, action="去办结或退回"
        )

    def returned(self) -> Section:
        order = self.order
        lines = (f"退回意见：{order.note}", f"督办要求：{order.requirement}")
        intro = f"{order.unit}：建设局退回了督办答复，请重新答复。"
        return self.section(
            "order_returned", order.unit, "督办被退回", intro, lines=lines, action="重新答复"
        )
