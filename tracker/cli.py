"""The ``tracker`` command. Every command exits non-zero with a Chinese message on bad input."""

from __future__ import annotations

import getpass
import json
import sys
from datetime import datetime
from functools import wraps
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import click
from sqlalchemy.exc import SQLAlchemyError

from tracker.application.app import TrackerApp, bootstrap
from tracker.application.jsonable import jsonable, project_json
from tracker.application.project_list import ProjectListRejected, total_annual_plan
from tracker.config import Settings
from tracker.domain.clock import clock
from tracker.domain.errors import TrackerError
from tracker.domain.money import format_money
from tracker.domain.period import Period


class Failure(click.ClickException):
    """A refusal shown as 「错误：…」 on stderr, exit code 1."""

    def show(self, file: Any = None) -> None:
        click.echo(f"错误：{self.format_message()}", err=True)


def actor() -> str:
    """Who did it, for events caused from the command line."""
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # no user name in some containers
        return "cli"


def open_app(init_schema: bool = False) -> TrackerApp:
    app = bootstrap(Settings.from_env(), init_schema=init_schema)
    if not init_schema and not app.is_initialised():
        raise Failure("数据库尚未初始化，请先运行 tracker init")
    if not init_schema and not app.read_models_current():
        raise Failure("读模型结构已随新版本变化，请先运行 tracker init（会从事件日志重建）")
    return app


def friendly(command: Any) -> Any:
    """Turn tracker and storage errors into a Chinese message and exit code 1."""

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ProjectListRejected as error:
            click.echo(f"错误：{error.message}", err=True)
            for row_error in error.errors:
                click.echo(f"  {row_error}", err=True)
            sys.exit(1)
        except TrackerError as error:
            raise Failure(str(error)) from None
        except SQLAlchemyError as error:
            raise Failure(f"数据库错误：{error.__class__.__name__}: {error}") from None

    return run


def print_json(value: Any) -> None:
    click.echo(json.dumps(jsonable(value), ensure_ascii=False, indent=2))


@click.group(help="城建战役投资追踪")
def main() -> None:
    pass


@main.command(help="创建事件库和读模型表（可重复执行）")
@friendly
def init() -> None:
    settings = Settings.from_env()
    app = bootstrap(settings)
    rebuilt = app.ensure_read_models()
    settings.files_dir.mkdir(parents=True, exist_ok=True)
    click.echo(f"已初始化：{settings.database_url}")
    if rebuilt is not None:
        click.echo(f"读模型结构已更新，已从事件日志重建（{rebuilt} 个事件）")


@main.group(help="年度战役")
def campaign() -> None:
    pass


@campaign.command("create", help="创建年度战役")
@click.argument("year", type=int)
@click.option("--district", required=True, help="区县名称")
@click.option("--target", required=True, help="年度目标投资（万元）")
@click.option("--due-days", default="14,28", show_default=True, help="两个报送日")
@click.option("--timezone", default=None, help="时区，默认 Asia/Shanghai")
@friendly
def campaign_create(
    year: int, district: str, target: str, due_days: str, timezone: str | None
) -> None:
    try:
        first, second = (int(day) for day in due_days.split(","))
    except ValueError:
        raise Failure("--due-days 应为两个日期，如 14,28") from None
    zone = timezone or Settings.from_env().timezone
    created = open_app().create_campaign(year, district, target, actor(), (first, second), zone)
    target_text = format_money(created.target)
    click.echo(f"已创建 {created.year} 年度战役：{created.district}，目标 {target_text} 万元")


@main.command("import-projects", help="导入附件1项目清单（CSV 或 XLSX），全部成功或全部不导入")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--campaign", "year", type=int, required=True, help="年度")
@friendly
def import_projects(file: Path, year: int) -> None:
    from tracker.application.projects import import_project_list

    specs = import_project_list(open_app(), year, file.read_bytes(), actor())
    total = format_money(total_annual_plan(specs))
    click.echo(f"已导入 {len(specs)} 个项目，年度计划投资合计 {total} 万元")


@main.command(help="项目清单")
@click.option("--unit", default=None, help="只列出该责任单位的项目")
@click.option("--campaign", "year", type=int, default=None, help="年度")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON")
@friendly
def projects(unit: str | None, year: int | None, as_json: bool) -> None:
    app = open_app()
    rows = app.list_projects(year=year, unit=unit)
    if as_json:
        print_json([project_json(app.project(row["code"])) for row in rows])
        return
    for row in rows:
        click.echo(
            f"{row['code']}\t{row['name']}\t{row['category']}\t{row['unit']}\t"
            f"{format_money(row['annual_plan'])}"
        )
    total = sum((row["annual_plan"] for row in rows), start=0)
    click.echo(f"共 {len(rows)} 个项目，年度计划投资合计 {format_money(total)} 万元")


@main.group(help="用户")
def user() -> None:
    pass


@user.command("add", help="添加用户，输出生成的密码")
@click.argument("name")
@click.option("--role", type=click.Choice(["bureau", "unit", "viewer"]), required=True)
@click.option("--unit", default=None, help="责任单位（role=unit 时必填）")
@friendly
def user_add(name: str, role: str, unit: str | None) -> None:
    click.echo(open_app().add_user(name, role, unit, actor()))


@user.command("token", help="签发新的 API 令牌，只输出令牌")
@click.argument("name")
@friendly
def user_token(name: str) -> None:
    click.echo(open_app().issue_token(name, actor()))


@main.command(help="项目的全部事件，按时间先后")
@click.argument("code")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON")
@friendly
def history(code: str, as_json: bool) -> None:
    rows = open_app().history(code)
    if as_json:
        print_json(rows)
        return
    zone = ZoneInfo(Settings.from_env().timezone)
    for row in rows:
        when = row.time.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")
        line = f"{when}  v{row.version:<3} {row.kind:<18} {row.actor}"
        if row.reason:
            line += f"  原因：{row.reason}"
        click.echo(line)


@main.command(help="载入演示战役、用户和截至 --today 的报送历史")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None, help="默认今天")
@click.option("--if-empty", is_flag=True, help="已有项目时什么也不做")
@friendly
def demo(today: datetime | None, if_empty: bool) -> None:
    from tracker.application.demo import load_demo

    app = open_app(init_schema=True)
    if if_empty and not app.is_empty():
        click.echo("已有项目，跳过演示数据")
        return
    settings = Settings.from_env()
    local_today = clock.now().astimezone(ZoneInfo(settings.timezone)).date()
    users = load_demo(app, today.date() if today else local_today, actor())
    lines = [f"{u.name}\t{u.password}\t{u.role}\t{u.unit or ''}" for u in users]
    out = settings.var_dir / "demo-users.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("登录名\t密码\t角色\t单位\n" + "\n".join(lines) + "\n", encoding="utf-8")
    out.chmod(0o600)
    click.echo("演示用户（登录名、密码、角色、单位）：")
    click.echo("\n".join(lines))
    click.echo(f"（已保存到 {out}）")


@main.command(help="某期的计划与完成汇总：全区、十大类别、责任单位、项目")
@click.argument("period")
@click.option("--as-of", default=None, help="按该时刻当时已知的数据，如 2026-05-15T00:00:00+08:00")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON")
@friendly
def summary(period: str, as_of: str | None, as_json: bool) -> None:
    from tracker.cli_reports import parse_as_of, print_summary

    moment = parse_as_of(as_of, Settings.from_env().timezone)
    print_summary(open_app(), Period.parse(period), moment, as_json)


@main.command(help="生成某期的城市建设战役项目（半）月报表（PDF 或 XLSX）；--issue 签发")
@click.argument("period")
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="输出文件：.pdf 或 .xlsx",
)
@click.option("--unit", default=None, help="只含该责任单位的项目")
@click.option("--as-of", default=None, help="按该时刻当时已知的数据，如 2026-05-15T00:00:00+08:00")
@click.option("--issue", is_flag=True, help="签发：以当前时刻生成 PDF，保存文件并登记其 sha256")
@friendly
def report(period: str, out: Path, unit: str | None, as_of: str | None, issue: bool) -> None:
    from tracker.cli_reports import parse_as_of, write_report

    moment = parse_as_of(as_of, Settings.from_env().timezone)
    write_report(open_app(), Period.parse(period), out, unit, moment, issue, actor())


@main.group(help="读模型")
def projections() -> None:
    pass


@projections.command("rebuild", help="从事件日志重建全部读模型")
@friendly
def projections_rebuild() -> None:
    app = open_app()
    total = app.recorder.max_notification_id() or 0
    with click.progressbar(length=total, label="重建读模型") as bar:
        applied = app.rebuild_projections(progress=bar.update)
    click.echo(f"已重建：应用 {applied} 个事件")


@main.command(help="启动网页服务")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
def serve(host: str, port: int, threads: int) -> None:
    from waitress import serve as waitress_serve

    from tracker.web import create_app

    click.echo(f"城建战役投资追踪：http://{host}:{port}")
    waitress_serve(create_app(Settings.from_env()), host=host, port=port, threads=threads)


if __name__ == "__main__":
    main()
