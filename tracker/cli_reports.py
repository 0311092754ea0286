"""``tracker summary`` and ``tracker report``: the read-model and report commands."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import click

from tracker.application import moments
from tracker.application.jsonable import summary_json
from tracker.domain.errors import InvalidValue
from tracker.domain.figures import LIGHT_LABELS
from tracker.domain.money import format_money
from tracker.domain.period import Period
from tracker.projections.summary import TotalRow


def parse_as_of(text: str | None, timezone: str) -> datetime | None:
    """The shared reader, with click's message for a bad --as-of."""
    try:
        return moments.parse_as_of(text, timezone)
    except InvalidValue as error:
        raise click.BadParameter(error.message) from None


def rate(value: object) -> str:
    return "—" if value is None else f"{value}%"


def total_line(row: TotalRow) -> str:
    f = row.figures
    return (
        f"{row.name}\t年度计划 {format_money(f.annual_plan)}\t序时 {format_money(f.ytd_plan)}\t"
        f"累计 {format_money(f.ytd_actual)}\t本期 {format_money(f.period_investment)}\t"
        f"完成率 {rate(f.completion_rate)}\t滞后 {f.lag}\t{LIGHT_LABELS[row.light]}"
    )


def print_summary(app, period: Period, as_of: datetime | None, as_json: bool) -> None:  # type: ignore[no-untyped-def]
    summary = app.summary(period, as_of)
    if as_json:  # as tracker.cli.print_json, which the web (a user of parse_as_of) may not import
        click.echo(json.dumps(summary_json(summary), ensure_ascii=False, indent=2))
        return
    when = summary.as_of.astimezone(summary.campaign.schedule.zone).strftime("%Y-%m-%d %H:%M")
    click.echo(f"{summary.campaign.district} {period.year}年 {period.label}（数据截至 {when}）")
    click.echo(total_line(summary.district))
    click.echo("—— 按类别")
    for row in summary.categories:
        click.echo(total_line(row))
    click.echo("—— 按责任单位")
    for row in summary.units:
        click.echo(total_line(row))


def write_report(  # type: ignore[no-untyped-def]
    app,
    period: Period,
    out: Path,
    unit: str | None,
    as_of: datetime | None,
    issue: bool,
    actor: str,
) -> None:
    """``tracker report``: the 月报表 to a .pdf or .xlsx file; with ``issue``, 签发 it."""
    import reports

    fmt = out.suffix.lower().removeprefix(".")
    if fmt not in reports.FORMATS:
        raise click.BadParameter("--out 的文件名须以 .pdf 或 .xlsx 结尾", param_hint="--out")
    if issue:
        if fmt != "pdf" or as_of is not None:
            raise click.BadParameter("签发只能生成当前时刻的 PDF，不能与 .xlsx 或 --as-of 同用")
        issued = reports.issue_report(app, period, unit, actor)
        out.write_bytes(app.issued_file(issued.sha256))
        click.echo(
            f"已签发 {period.label}{'（' + unit + '）' if unit else ''}：sha256 {issued.sha256}"
        )
    else:
        out.write_bytes(reports.render_report(app, period, fmt, unit, as_of))
    click.echo(f"已生成 {out}（{out.stat().st_size:,} 字节）")
