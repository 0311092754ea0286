"""Reminders from the command line: ``channel add|list|test|remove`` and ``remind``.

``tracker remind`` is what cron or a systemd timer runs (README, Reminders 提醒);
``tracker serve`` runs the same every few minutes in the background (``schedule``).
"""

from __future__ import annotations

import click

from tracker.application import moments
from tracker.application.reminders.runner import Run
from tracker.cli.base import Failure, actor, friendly, open_app, print_json
from tracker.config import Settings
from tracker.domain.catalog import CHANNEL_KINDS
from tracker.domain.channel import KINDS


@click.group(help="提醒渠道：企业微信、钉钉群机器人，电子邮件，通用 Webhook")
def channel() -> None:
    pass


@channel.command("add", help="为责任单位（--unit）或建设局（--bureau）添加提醒渠道")
@click.option("--unit", default=None, help="责任单位名称")
@click.option("--bureau", is_flag=True, help="建设局自己的渠道")
@click.option("--kind", type=click.Choice(KINDS), required=True)
@click.option("--target", required=True, help="机器人或 Webhook 地址，或电子邮件地址")
@click.option("--secret", default="", help="钉钉加签密钥（SEC…），或 Webhook 的签名密钥")
@friendly
def channel_add(unit: str | None, bureau: bool, kind: str, target: str, secret: str) -> None:
    if bool(unit) == bureau:
        raise Failure("请用 --unit 指定责任单位，或用 --bureau 表示建设局，二者选一")
    app = open_app()
    ident = app.channels.add(unit or None, kind, target, secret, actor())
    row = app.channel_list.one(str(ident))
    sealed = "，密钥已保存（不再显示）" if row.has_secret else ""
    click.echo(f"已添加提醒渠道 {row.short_id}：{row.owner} {row.kind_label} {row.target}{sealed}")


@channel.command("list", help="列出提醒渠道（不显示密钥）")
@click.option("--json", "as_json", is_flag=True)
@friendly
def channel_list(as_json: bool) -> None:
    rows = open_app().channel_list.rows()
    if as_json:
        print_json(rows)
        return
    if not rows:
        click.echo("尚未添加提醒渠道：提醒只出现在各用户的“消息”中")
    for row in rows:
        secret = "密钥已设置" if row.has_secret else "无密钥"
        tested = (
            "未测试" if row.tested_at is None else ("测试失败" if row.test_error else "测试通过")
        )
        line = f"{row.short_id}\t{row.owner}\t{CHANNEL_KINDS[row.kind]}\t{row.target}"
        click.echo(f"{line}\t{secret}\t{tested}")


@channel.command("test", help="向该渠道发送一条测试消息")
@click.argument("ident")
@friendly
def channel_test(ident: str) -> None:
    app = open_app()
    row = app.channel_list.one(ident)
    error = app.reminders.test(row.id, actor())
    if error:
        raise Failure(f"测试消息未送达（{row.owner} {row.kind_label}）：{error}")
    click.echo(f"测试消息已送达：{row.owner} {row.kind_label} {row.target}")


@channel.command("remove", help="删除提醒渠道（记录保留）")
@click.argument("ident")
@friendly
def channel_remove(ident: str) -> None:
    app = open_app()
    row = app.channel_list.one(ident)
    app.channels.remove(row.id, actor())
    click.echo(f"已删除提醒渠道 {row.short_id}：{row.owner} {row.kind_label}")


@click.command(help="发送到期的提醒（每条只发一次）并重试发送失败的")
@click.option(
    "--at", "at_text", default=None, help="按此时刻判断到期（默认现在），如 2026-12-11T09:00"
)
@click.option("--dry-run", is_flag=True, help="只列出到期的提醒，不发送、不记录")
@friendly
def remind(at_text: str | None, dry_run: bool) -> None:
    settings = Settings.from_env()
    at = moments.parse_as_of(at_text, settings.timezone) if at_text else None
    run = open_app().reminders.run(at, dry_run=dry_run, actor=actor())
    report(run, dry_run, settings)


def report(run: Run, dry_run: bool, settings: Settings) -> None:
    when = run.at.astimezone(settings.zone).strftime("%Y-%m-%d %H:%M")
    head = "预演（不发送、不记录）" if dry_run else "提醒"
    click.echo(f"{head}：按 {when} 判断，{len(run.digests)} 位收件人有新提醒")
    for digest in run.digests:
        click.echo(f"  {digest.recipient}：{'；'.join(s.heading for s in digest.sections)}")
    if dry_run:
        return
    click.echo(
        f"已生成 {run.raised} 条提醒；送达 {run.sent} 次，失败 {len(run.failed)} 次，"
        f"因限流顺延 {run.deferred} 次"
    )
    for failure in run.failed:
        click.echo(f"  发送失败：{failure}（稍后自动重试）", err=True)
