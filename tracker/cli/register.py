"""Registering: ``campaign create``, ``import-projects``, ``projects``, ``user add|token``."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.application.jsonable import project_json
from tracker.application.project_list import total_annual_plan
from tracker.cli.base import Failure, actor, friendly, open_app, print_json
from tracker.cli.reading import AS_OF_HELP, echo_as_of, parse_as_of
from tracker.config import Settings
from tracker.domain.money import format_money


@click.group(help="年度战役")
def campaign() -> None:
    pass


@campaign.command("create", help="创建年度战役；--level city 为汇总各区县数据包的市级战役")
@click.argument("year", type=int)
@click.option("--district", required=True, help="区县名称（市级：市名）")
@click.option("--target", default=None, help="年度目标投资（万元；市级可不填）")
@click.option(
    "--due-days", default=None, help="报送日，区县默认 14,28；市级为收数据包截止日，默认 16,30"
)
@click.option("--timezone", default=None, help="时区，默认 Asia/Shanghai")
@click.option("--level", type=click.Choice(["district", "city"]), default="district")
@friendly
def campaign_create(
    year: int, district: str, target: str | None, due_days: str | None, timezone: str | None,
    level: str,
) -> None:  # fmt: skip
    if target is None and level == "district":
        raise Failure("区县战役须填写 --target（年度目标投资，万元）")
    due_days = due_days or ("16,30" if level == "city" else "14,28")
    try:
        first, second = (int(day) for day in due_days.split(","))
    except ValueError:
        raise Failure("--due-days 应为两个日期，如 14,28") from None
    zone = timezone or Settings.from_env().timezone
    app = open_app()
    app.campaigns.create(year, district, target or "0", actor(), (first, second), zone, level)
    created = app.register.campaign(year)
    if level == "city":
        click.echo(f"已创建 {created.year} 年度市级战役：{created.district}（汇总各区县数据包）")
        return
    target_text = format_money(created.target)
    click.echo(f"已创建 {created.year} 年度战役：{created.district}，目标 {target_text} 万元")


@click.command("import-projects", help="导入附件1项目清单（CSV 或 XLSX），全部成功或全部不导入")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--campaign", "year", type=int, required=True, help="年度")
@friendly
def import_projects(file: Path, year: int) -> None:
    specs = open_app().project_lists.import_file(year, file.read_bytes(), actor())
    total = format_money(total_annual_plan(specs))
    click.echo(f"已导入 {len(specs)} 个项目，年度计划投资合计 {total} 万元")


@click.command(help="项目清单；--as-of 按该时刻登记在册的项目")
@click.option("--unit", default=None, help="只列出该责任单位的项目")
@click.option("--campaign", "year", type=int, default=None, help="年度")
@click.option("--as-of", default=None, help=AS_OF_HELP)
@click.option("--json", "as_json", is_flag=True, help="输出 JSON")
@friendly
def projects(unit: str | None, year: int | None, as_of: str | None, as_json: bool) -> None:
    moment = parse_as_of(as_of)
    rows = open_app().register.projects(year=year, unit=unit, as_of=moment)
    if as_json:
        print_json([project_json(row) for row in rows])
        return
    echo_as_of(moment)
    for row in rows:
        click.echo(
            f"{row.code}\t{row.name}\t{row.category}\t{row.unit}\t{format_money(row.annual_plan)}"
        )
    total = sum((row.annual_plan for row in rows), start=0)
    click.echo(f"共 {len(rows)} 个项目，年度计划投资合计 {format_money(total)} 万元")


@click.group(help="用户")
def user() -> None:
    pass


@user.command("add", help="添加用户，输出生成的密码")
@click.argument("name")
@click.option("--role", type=click.Choice(["bureau", "unit", "viewer"]), required=True)
@click.option("--unit", default=None, help="责任单位（role=unit 时必填）")
@click.option("--display-name", default="", help="页面显示的姓名，如 张三")
@friendly
def user_add(name: str, role: str, unit: str | None, display_name: str) -> None:
    click.echo(open_app().users.add(name, role, unit, actor(), display_name))


@user.command("token", help="签发新的 API 令牌，只输出令牌")
@click.argument("name")
@friendly
def user_token(name: str) -> None:
    click.echo(open_app().users.issue_token(name, actor()))
