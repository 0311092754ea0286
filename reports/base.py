"""What every report has: a title, the district, the moment its rows stood, their fingerprint."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar, Self

from reports.pdf import html_to_pdf
from reports.templating import fingerprint, moment, render
from tracker.application.queries.rows import CampaignRow


@dataclass(frozen=True)
class Report:
    """The head of a report; each report adds its rows and names its template."""

    name: ClassVar[str]  # <name>.html laid out by static/<name>.css

    title: str
    district: str
    zone: str
    as_of: datetime
    fingerprint: str
    #: made as of a moment asked for (``as_of`` given), not as of the moment it was made:
    #: it then says so, "（历史视图）", as the pages do. A 签发 is made as of its moment too.
    past: bool = field(default=False, kw_only=True)

    @classmethod
    def made(
        cls,
        campaign: CampaignRow,
        as_of: datetime,
        title: str,
        source: Any = None,
        past: bool = False,
        **parts: Any,
    ) -> Self:
        """The report of ``parts`` in ``campaign``'s district and zone.

        Its fingerprint is that of ``source``, the rows it was made from (default: ``parts``).
        """
        return cls(
            title=title,
            district=campaign.district,
            zone=campaign.schedule.timezone,
            as_of=as_of,
            fingerprint=fingerprint(parts if source is None else source),
            past=past,
            **parts,
        )

    @property
    def as_of_text(self) -> str:
        return moment(self.as_of, self.zone)

    @property
    def as_of_line(self) -> str:
        """数据截至 …, and （历史视图） when the report was asked for as of that moment."""
        return f"数据截至 {self.as_of_text}{'（历史视图）' if self.past else ''}"

    @property
    def stamp(self) -> str:
        """数据截至 … 数据指纹 …, as a workbook's sheets say it under their title."""
        return f"{self.as_of_line}　数据指纹 {self.fingerprint}"

    @property
    def stylesheet(self) -> str:
        return f"{self.name}.css"

    def html(self) -> str:
        return render(f"{self.name}.html", report=self)

    def pdf(self, progress: Callable[[str], None] | None = None) -> bytes:
        """The PDF; ``progress`` hears "排版" and then "生成文件" (see ``html_to_pdf``)."""
        html = self.html()
        if progress is not None:
            progress("排版")
        return html_to_pdf(html, progress)
