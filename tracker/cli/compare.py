"""``tracker compare``: 基线对比 of a period between two moments."""

from __future__ import annotations

from datetime import datetime

import click

from tracker.application.jsonable import comparison_json
from tracker.cli.base import friendly, open_app, print_json
from tracker.cli.reading import AS_OF_HELP, parse_as_of
from tracker.domain.catalog import COMPARED, compared_value
from tracker.domain.period import Period


@click.command(help="基线对比：某期数据在两个时刻之间的变化，含改动人、时间和原因")
@click.argument("period")
@click.option("--from", "start", required=True, help="起始时刻；" + AS_OF_HELP)
@click.option("--to", "end", default=None, help="结束时刻（缺省为现在）")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON")
@friendly
def compare(period: str, start: str, end: str | None, as_json: bool) -> None:
    chosen, since, until = Period.parse(period), parse_as_of(start), parse_as_of(end)
    app = open_app()
    found = app.compare.between(chosen, since, until)  # type: ignore[arg-type]
    if as_json:
        print_json(comparison_json(found))
        return
    zone = app.register.campaign(chosen.year).schedule.zone

    def shown(moment: datetime) -> str:
        return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")

    span = f"{shown(found.start)} → {shown(found.end)}"
    click.echo(f"{chosen.label}：{span}，{len(found.changes)} 项变化")
    for c in found.changes:
        before, after = compared_value(c.field, c.before), compared_value(c.field, c.after)
        line = f"{c.code} {c.name}  {COMPARED[c.field]}：{before} → {after}"
        who = f"{c.actor} {shown(c.at)}" if c.actor and c.at else "无人操作（截止时间已过等）"
        click.echo(f"{line}  {who}" + (f"  原因：{c.reason}" if c.reason else ""))
