"""考核: the monthly ranking of units, with the three component scores."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reports import xlsx
from reports.base import Report
from reports.templating import percent
from tracker.application.queries.rows import CampaignRow
from tracker.domain.rules.ranking import RankingRow, Weights


@dataclass(frozen=True)
class RankingReport(Report):
    name = "ranking"

    weights: Weights
    rows: list[RankingRow]

    @staticmethod
    def note(row: RankingRow) -> str:
        """备注: 末位, or how a unit without new starts is scored."""
        if row.last:
            return "末位"
        return "无新开工项目，其余两项折算为百分制" if row.start_score is None else ""


def ranking_report(
    campaign: CampaignRow, month: int, as_of: datetime, rows: list[RankingRow], past: bool = False
) -> RankingReport:
    """The units' ranking for ``month``, scored with the weights ``campaign`` had then.

    ``past``: made as of a moment asked for: it says 历史视图.
    """
    return RankingReport.made(
        campaign,
        as_of,
        f"{campaign.district}{campaign.year}年{month}月城市建设战役责任单位考核排名",
        past=past,
        weights=campaign.weights,
        rows=rows,
    )


def ranking_xlsx(report: RankingReport) -> bytes:
    w = report.weights
    columns = (
        xlsx.Column("名次", "integer"),
        xlsx.Column("责任单位", wrap=30),
        xlsx.Column("按时报送率", "percent"),
        xlsx.Column(f"按时报送得分（{w.on_time}）", "money"),
        xlsx.Column("投资进度", "percent"),
        xlsx.Column(f"投资进度得分（{w.progress}）", "money"),
        xlsx.Column("按期开工率", "percent"),
        xlsx.Column(f"按期开工得分（{w.starts}）", "money"),
        xlsx.Column("总分", "money"),
        xlsx.Column("备注"),
    )
    rows = [
        xlsx.Row(
            "subtotal" if row.last else None,
            [
                row.rank,
                row.unit,
                percent(row.on_time_rate),
                row.on_time_score,
                percent(row.progress_rate),
                row.progress_score,
                percent(row.start_rate),
                row.start_score,
                row.total,
                report.note(row),
            ],
        )
        for row in report.rows
    ]
    notes = [report.stamp]
    book = xlsx.Book(report.as_of)
    book.sheet("考核排名", report.title, notes, columns, rows)
    return book.save()
