"""``tracker summary`` and ``tracker projections``: the read-model commands."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import click

from tracker.application.jsonable import summary_json
from tracker.domain.figures import LIGHT_LABELS
from tracker.domain.money import format_money
from tracker.domain.period import Period
from tracker.projections.summary import TotalRow


def parse_as_of(text: str | None, timezone: str) -> datetime | None:
    """ISO time; without an offset it is read in the campaign's time zone."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        example = "2026-05-15T00:00:00+08:00"
        raise click.BadParameter(f"“{text}”不是有效的时间，应形如 {example}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(timezone))


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
    from tracker.cli import print_json

    summary = app.summary(period, as_of)
    if as_json:
        print_json(summary_json(summary))
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
