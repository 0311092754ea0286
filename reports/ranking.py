"""考核: the monthly ranking of units, with the three component scores."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from reports import xlsx
from reports.templating import fingerprint, moment, render
from tracker.domain.figures import Weights
from tracker.projections.ranking import RankingRow

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class RankingReport:
    title: str
    district: str
    zone: str
    as_of: datetime
    weights: Weights
    rows: list[RankingRow]
    fingerprint: str

    @property
    def as_of_text(self) -> str:
        return moment(self.as_of, self.zone)


def ranking_report(
    district: str,
    year: int,
    month: int,
    zone: str,
    as_of: datetime,
    weights: Weights,
    rows: list[RankingRow],
) -> RankingReport:
    return RankingReport(
        title=f"{district}{year}年{month}月城市建设战役责任单位考核排名",
        district=district,
        zone=zone,
        as_of=as_of,
        weights=weights,
        rows=rows,
        fingerprint=fingerprint({"weights": weights, "rows": rows}),
    )


def percent(fraction: Decimal | None) -> Decimal | None:
    """A 0…1 rate as a percentage with two decimals."""
    return None if fraction is None else (fraction * HUNDRED).quantize(Decimal("0.01"))


def ranking_html(report: RankingReport) -> str:
    return render("ranking.html", report=report, percent=percent)


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
                "末位"
                if row.last
                else ("无新开工项目，其余两项折算为百分制" if row.start_score is None else ""),
            ],
        )
        for row in report.rows
    ]
    notes = [f"数据截至 {report.as_of_text}　数据指纹 {report.fingerprint}"]
    book = xlsx.Book(report.as_of)
    book.sheet("考核排名", report.title, notes, columns, rows)
    return book.save()
