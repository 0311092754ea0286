"""``tracker audit``: verify the ledger, print its head as of a moment, check a file."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import click

from tracker.application.app import TrackerApp
from tracker.application.attachments import KINDS
from tracker.application.jsonable import jsonable
from tracker.application.ledger.chain import Head
from tracker.application.ledger.matching import FileCheck
from tracker.application.ledger.verification import Verification
from tracker.cli.base import actor, friendly, open_app, print_json
from tracker.cli.reading import AS_OF_HELP, parse_as_of
from tracker.config import Settings
from tracker.domain.period import Period
from tracker.projections.codec import moment

LONG_LOG = 20_000  # events: a progress bar from here on


def zone() -> ZoneInfo:
    return Settings.from_env().zone


def shown(value: datetime | str | None) -> str:
    when = moment(value) if isinstance(value, str) else value
    return when.astimezone(zone()).strftime("%Y-%m-%d %H:%M") if when else "—"


@click.group(help="审计：校验账本链、打印链头、核对文件")
def audit() -> None:
    pass


@audit.command("verify", help="重算整个事件日志的账本链并与读模型核对；有异常时退出码非零")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON")
@friendly
def verify(as_json: bool) -> None:
    app = open_app()
    total = app.audit.events()
    if total >= LONG_LOG:
        err = click.get_text_stream("stderr")
        with click.progressbar(length=total, label="校验账本链", file=err) as bar:
            outcome = app.audit.verify(actor(), progress=bar.update)
    else:
        outcome = app.audit.verify(actor())
    if as_json:
        print_json({**jsonable(outcome), "messages": messages(outcome)})
    else:
        click.echo("\n".join(report_lines(outcome)))
    if not outcome.ok:
        sys.exit(1)


def messages(outcome: Verification) -> list[str]:
    return [b.text(zone()) for b in outcome.breaks] + list(outcome.disagreements)


def report_lines(outcome: Verification) -> list[str]:
    rate = f"用时 {outcome.seconds:.2f} 秒（{outcome.rate:,.0f} 个事件/秒）"
    algorithms = "、".join(outcome.algorithms) or "—"
    if outcome.ok:
        return [
            f"账本完好：已校验 {outcome.events} 个事件（{algorithms}），链与事件逐一相符",
            f"链头 {outcome.head}（第 {outcome.head_id or 0} 号事件）",
            "读模型与事件日志相符（项目、报送版本、签发、督办的数目）",
            rate,
        ]
    lines = [f"账本校验未通过：已读 {outcome.events} 个事件，{outcome.broken} 处异常"]
    if outcome.first is not None:
        lines.append(f"首个异常位置：{outcome.first.text(zone())}")
        lines += [f"  {b.text(zone())}" for b in outcome.breaks[1:]]
        if outcome.broken > len(outcome.breaks):
            lines.append(f"  ……另有 {outcome.broken - len(outcome.breaks)} 处未列出")
    if outcome.disagreements:
        lines.append("读模型与事件日志不符：")
        lines += [f"  {text}" for text in outcome.disagreements]
    lines.append("请先备份数据库现状，再对照备份和签发报表上的链头查明被改动之处。")
    lines.append(rate)
    return lines


@audit.command("head", help="账本链头：现在的，或 --at 时刻的（该时刻及之前最后一个事件的链接）")
@click.option("--at", "at", default=None, help=AS_OF_HELP)
@click.option("--json", "as_json", is_flag=True, help="输出 JSON")
@friendly
def head(at: str | None, as_json: bool) -> None:
    moment_ = parse_as_of(at)
    found = open_app().audit.head(moment_)
    if as_json:
        print_json({"at": moment_, **jsonable(found)})
        return
    click.echo(found.link)
    click.echo(head_note(found, moment_))


def head_note(found: Head, at: datetime | None) -> str:
    asked = f"截至 {shown(at)}" if at else "现在"
    if found.notification_id is None:
        return f"（{asked}尚无事件：链头为初始值）"
    return f"（{asked}：第 {found.notification_id} 号事件之后，该事件时间 {shown(found.at)}）"


@audit.command("check-file", help="核对文件是否与签发的报表或保存的附件逐字节一致")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="输出 JSON")
@friendly
def check_file(file: Path, as_json: bool) -> None:
    with file.open("rb") as stream:
        found = open_app().audit.check(stream)
    if as_json:
        print_json(jsonable(found) | {"known": found.known})
    else:
        click.echo("\n".join(check_lines(found)))
    if not found.known:
        sys.exit(1)


def check_lines(found: FileCheck) -> list[str]:
    if not found.known:
        return [
            f"不一致：该文件（SHA-256 {found.sha256}，{found.size} 字节）"
            "与本系统签发的任何报表、保存的任何附件都不相同"
        ]
    lines = [f"一致：该文件（SHA-256 {found.sha256}，{found.size} 字节）与以下记录逐字节相同"]
    for match in found.issued:
        r = match.report
        lines.append(
            f"签发的月报表：{r.unit or '全区'} {r.period.label}，数据截至 {shown(r.as_of)}，"
            f"{shown(r.issued_at)} 由 {r.issued_by} 签发"
        )
        lines.append(f"  签发时的链头 {r.chain_head or '（签发早于账本链，未记录）'}")
        if r.chain_head and match.head_now != r.chain_head:
            lines.append(f"  警告：按现在的账本链，该时刻的链头却是 {match.head_now}")
            lines.append("  （签发之后日志被改动过）请运行 tracker audit verify 查明")
    for a in found.attachments:
        kind = KINDS[a.kind].label if a.kind in KINDS else a.kind
        lines.append(
            f"附件：项目 {a.code} 的 {Period.parse(a.period).label}半月报，{kind}“{a.name}”，"
            f"{shown(a.added_at)} 由 {a.added_by} 上传"
        )
    return lines


def link_existing(app: TrackerApp) -> None:
    """`tracker init` on a store with events but no chain: compute the chain once."""
    unlinked = app.audit.unlinked()
    if not unlinked:
        return
    with click.progressbar(length=unlinked, label="建立账本链") as bar:
        linked = app.audit.link_existing(progress=bar.update)
    click.echo(
        f"已为现有的 {linked} 个事件建立账本链（{app.audit.algorithm}），"
        "此后的每个事件在写入时入链；可用 tracker audit verify 校验"
    )
