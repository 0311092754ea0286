"""Reading: ``summary``, ``report`` (the 月报表, or 签发 it) and ``history``."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import click

from tracker.application import moments
from tracker.application.app import TrackerApp
from tracker.application.jsonable import summary_json
from tracker.application.queries.history import HistoryRow
from tracker.application.queries.summaries import TotalRow
from tracker.cli.base import actor, friendly, open_app, print_json
from tracker.config import Settings
from tracker.domain.catalog import LIGHTS
from tracker.domain.errors import InvalidValue
from tracker.domain.money import format_money
from tracker.domain.people import actor_shown
from tracker.domain.period import Period

AS_OF_HELP = "按该时刻当时已知的数据，如 2026-05-15T00:00:00+08:00"


def parse_as_of(text: str | None) -> datetime | None:
    """The shared reader, with click's message for a bad --as-of."""
    try:
        return moments.parse_as_of(text, Settings.from_env().timezone)
    except InvalidValue as error:
        raise click.BadParameter(error.message) from None


def echo_as_of(moment: datetime | None) -> None:
    """The line that says a listing shows a past moment (nothing for now), as the pages do."""
    if moment is not None:
        when = moment.astimezone(ZoneInfo(Settings.from_env().timezone))
        click.echo(f"数据截至 {when:%Y-%m-%d %H:%M}（历史视图）")


@click.command(help="某期的计划与完成汇总：全区、十大类别、责任单位、项目")
@click.argument("period")
@click.option("--as-of", default=None, help=AS_OF_HELP)
@click.option("--json", "as_json", is_flag=True, help="输出 JSON")
@friendly
def summary(period: str, as_of: str | None, as_json: bool) -> None:
    moment = parse_as_of(as_of)
    app = open_app()
    chosen = Period.parse(period)
    shown = app.summaries.summary(chosen, moment)
    if as_json:
        print_json(summary_json(shown))
        return
    when = shown.as_of.astimezone(shown.campaign.schedule.zone).strftime("%Y-%m-%d %H:%M")
    click.echo(f"{shown.campaign.district} {chosen.year}年 {chosen.label}（数据截至 {when}）")
    click.echo(total_line(shown.district))
    click.echo("—— 按类别")
    for row in shown.categories:
        click.echo(total_line(row))
    click.echo("—— 按责任单位")
    for row in shown.units:
        click.echo(total_line(row))


def rate(value: object) -> str:
    return "—" if value is None else f"{value}%"


def total_line(row: TotalRow) -> str:
    f = row.figures
    return (
        f"{row.name}\t年度计划 {format_money(f.annual_plan)}\t序时 {format_money(f.ytd_plan)}\t"
        f"累计 {format_money(f.ytd_actual)}\t本期 {format_money(f.period_investment)}\t"
        f"完成率 {rate(f.completion_rate)}\t滞后 {f.lag}\t{LIGHTS[row.light]}"
    )


@click.command(help="生成某期的城市建设战役项目（半）月报表（PDF 或 XLSX）；--issue 签发")
@click.argument("period")
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="输出文件：.pdf 或 .xlsx",
)
@click.option("--unit", default=None, help="只含该责任单位的项目")
@click.option("--as-of", default=None, help=AS_OF_HELP)
@click.option("--issue", is_flag=True, help="签发：以当前时刻生成 PDF，保存文件并登记其 sha256")
@friendly
def report(period: str, out: Path, unit: str | None, as_of: str | None, issue: bool) -> None:
    import reports

    moment = parse_as_of(as_of)
    app = open_app()
    chosen = Period.parse(period)
    fmt = out.suffix.lower().removeprefix(".")
    if fmt not in reports.FORMATS:
        raise click.BadParameter("--out 的文件名须以 .pdf 或 .xlsx 结尾", param_hint="--out")
    if issue:
        if fmt != "pdf" or moment is not None:
            raise click.BadParameter("签发只能生成当前时刻的 PDF，不能与 .xlsx 或 --as-of 同用")
        sign_off(app, chosen, out, unit)
    else:
        out.write_bytes(reports.render_report(app, chosen, fmt, unit, moment))
    click.echo(f"已生成 {out}（{out.stat().st_size:,} 字节）")


def sign_off(app: TrackerApp, period: Period, out: Path, unit: str | None) -> None:
    """签发: the PDF as of now, kept by the application; a copy written to ``out``."""
    import reports

    scope = f"{period.label}{'（' + unit + '）' if unit else ''}"
    same = app.sign_offs.unchanged(period, unit)
    if same is not None:  # nothing changed since: the same report is not recorded twice
        out.write_bytes(app.issued.file(same.sha256))
        when = same.issued_at.astimezone(ZoneInfo(Settings.from_env().timezone))
        click.echo(f"{scope} 已于 {when:%Y-%m-%d %H:%M} 签发，此后数据没有变化，未重复签发")
        return
    issued = reports.issue_report(app, period, unit, actor())
    out.write_bytes(app.issued.file(issued.sha256))
    click.echo(f"已签发 {scope}：sha256 {issued.sha256}")


@click.command(help="项目的全部事件，按时间先后；--as-of 只列出截至该时刻的事件")
@click.argument("code")
@click.option("--as-of", default=None, help=AS_OF_HELP)
@click.option("--json", "as_json", is_flag=True, help="输出 JSON")
@friendly
def history(code: str, as_of: str | None, as_json: bool) -> None:
    moment, app = parse_as_of(as_of), open_app()
    rows = app.history.project(code, until=moment)
    if as_json:
        print_json([history_json(row) for row in rows])
        return
    echo_as_of(moment)
    zone, people = ZoneInfo(Settings.from_env().timezone), app.directory.people()
    for row in rows:
        when = row.time.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")
        line = f"{when}  第{row.version}版  {row.label}  {actor_shown(row.actor, people)}"
        if row.reason:
            line += f"  原因：{row.reason}"
        click.echo(line)


def history_json(row: HistoryRow) -> dict[str, Any]:
    """The fields ``history --json`` has always shown (not the row's ``aggregate``)."""
    fields = ("version", "time", "actor", "kind", "data", "reason")
    return {name: getattr(row, name) for name in fields}
