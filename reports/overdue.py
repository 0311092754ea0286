"""The overdue list the bureau reviews, with the 督办 orders and where each stands."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from reports import xlsx
from reports.base import Report
from reports.templating import moment
from tracker.application.queries.overdue import OverdueItem
from tracker.application.queries.rows import CampaignRow
from tracker.application.queries.supervisions import SupervisionRow
from tracker.domain.catalog import LIGHTS, ORDER_STATUS

ITEM_COLUMNS = (
    xlsx.Column("序号", "integer"),
    xlsx.Column("类型"),
    xlsx.Column("项目编号"),
    xlsx.Column("项目名称", wrap=30),
    xlsx.Column("责任单位", wrap=20),
    xlsx.Column("亮灯"),
    xlsx.Column("起始"),
    xlsx.Column("说明", wrap=50),
)
ORDER_COLUMNS = (
    xlsx.Column("序号", "integer"),
    xlsx.Column("项目名称", wrap=30),
    xlsx.Column("责任单位", wrap=20),
    xlsx.Column("督办要求", wrap=40),
    xlsx.Column("办理期限"),
    xlsx.Column("状态"),
    xlsx.Column("下达时间"),
    xlsx.Column("答复", wrap=40),
    xlsx.Column("意见", wrap=30),
)


@dataclass(frozen=True)
class Order:
    """A 督办 order with its project's name and its state in words."""

    row: SupervisionRow
    project: str
    status: str  # 待答复 / 已答复 / 已办结, with 逾期 when unanswered past its deadline
    overdue: bool


@dataclass(frozen=True)
class OverdueReport(Report):
    name = "overdue"

    items: list[OverdueItem]
    orders: list[Order]

    def since(self, value: date | datetime) -> str:
        if isinstance(value, datetime):
            return moment(value, self.zone)[:10]
        return value.isoformat()


def overdue_report(
    campaign: CampaignRow,
    as_of: datetime,
    items: list[OverdueItem],
    orders: list[SupervisionRow],
    names: dict[str, str],
    past: bool = False,
) -> OverdueReport:
    """The year's overdue items, reddest first, and its 督办 orders, oldest first.

    ``past``: made as of a moment asked for: it says 历史视图.
    """
    today = as_of.astimezone(campaign.schedule.zone).date()
    shown = []
    for order in orders:
        if order.code not in names:
            continue
        late = order.overdue_on(today)
        status = ORDER_STATUS.get(order.status, order.status) + ("（逾期）" if late else "")
        shown.append(Order(order, names[order.code], status, late))
    return OverdueReport.made(
        campaign,
        as_of,
        f"{campaign.district}{campaign.year}年城市建设战役逾期事项及督办清单",
        {"items": items, "orders": [o.row for o in shown]},
        past,
        items=items,
        orders=shown,
    )


def overdue_xlsx(report: OverdueReport) -> bytes:
    book = xlsx.Book(report.as_of)
    notes = [report.stamp]
    items = [
        xlsx.Row(
            None,
            [
                number,
                item.label,
                item.code,
                item.name,
                item.unit,
                LIGHTS[item.light],
                report.since(item.since),
                item.detail,
            ],
        )
        for number, item in enumerate(report.items, start=1)
    ]
    book.sheet("逾期事项", report.title, notes, ITEM_COLUMNS, items)
    orders = [
        xlsx.Row(
            None,
            [
                number,
                order.project,
                order.row.unit,
                order.row.requirement,
                order.row.due_on.isoformat(),
                order.status,
                moment(order.row.issued_at, report.zone),
                order.row.answer or "",
                order.row.note or "",
            ],
        )
        for number, order in enumerate(report.orders, start=1)
    ]
    book.sheet("督办", f"{report.title}（督办）", notes, ORDER_COLUMNS, orders)
    return book.save()
