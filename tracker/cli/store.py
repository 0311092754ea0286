"""The store and the service: ``init``, ``projections rebuild``, ``demo`` and ``serve``."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import click

from tracker.bootstrap import bootstrap
from tracker.cli.audit import link_existing
from tracker.cli.base import actor, friendly, open_app
from tracker.config import Settings
from tracker.domain.clock import clock


@click.command(help="创建事件库和读模型表（可重复执行）")
@friendly
def init() -> None:
    settings = Settings.from_env()
    app = bootstrap(settings)
    rebuilt = app.store.ensure_read_models()
    settings.files_dir.mkdir(parents=True, exist_ok=True)
    click.echo(f"已初始化：{settings.database_url}")
    if rebuilt is not None:
        click.echo(f"读模型结构已更新，已从事件日志重建（{rebuilt} 个事件）")
    link_existing(app)  # the ledger's chain, once, for a store that has none


@click.group(help="读模型")
def projections() -> None:
    pass


@projections.command("rebuild", help="从事件日志重建全部读模型")
@friendly
def projections_rebuild() -> None:
    app = open_app()
    total = app.store.event_count()
    with click.progressbar(length=total, label="重建读模型") as bar:
        applied = app.store.rebuild_projections(progress=bar.update)
    click.echo(f"已重建：应用 {applied} 个事件")


@click.command(help="载入演示战役、用户和截至 --today 的报送历史")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None, help="默认今天")
@click.option("--if-empty", is_flag=True, help="已有项目时什么也不做")
@friendly
def demo(today: datetime | None, if_empty: bool) -> None:
    from tracker.cli.demo import load_demo

    app = open_app(init_schema=True)
    if if_empty and not app.register.is_empty():
        click.echo("已有项目，跳过演示数据")
        return
    settings = Settings.from_env()
    local_today = clock.now().astimezone(ZoneInfo(settings.timezone)).date()
    users = load_demo(app, today.date() if today else local_today, actor())
    lines = [f"{u.name}\t{u.password}\t{u.role}\t{u.unit or ''}" for u in users]
    out = keep_users(settings.var_dir, lines)
    click.echo("演示用户（登录名、密码、角色、单位）：")
    click.echo("\n".join(lines))
    click.echo(f"（已保存到 {out}）")


def keep_users(var_dir: Path, lines: list[str]) -> Path:
    """The demo sign-ins, readable by the owner only, for ``make run``'s message."""
    out = var_dir / "demo-users.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("登录名\t密码\t角色\t单位\n" + "\n".join(lines) + "\n", encoding="utf-8")
    out.chmod(0o600)
    return out


@click.command(help="启动网页服务（PostgreSQL 上可用 --workers N 多进程）")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="进程数：大于 1 时用 gunicorn（Linux，PostgreSQL）",
)
@click.option(
    "--threads",
    default=None,
    type=click.IntRange(1, 64),
    help="每个进程的线程数（默认：单进程 8，多进程 4）",
)
def serve(host: str, port: int, workers: int, threads: int | None) -> None:
    from tracker.cli import serving

    settings = Settings.from_env()
    app = serving.checked_app(settings)  # refused here, once, before any worker starts
    workers = serving.workers_for(settings, workers)
    click.echo(f"城建战役投资追踪：http://{host}:{port}")
    if workers == 1:
        serving.serve_threads(app, settings, host, port, threads or 8)
        return
    app.extensions["tracker"].close()  # each worker opens its own after the fork
    click.echo(f"gunicorn：{workers} 个工作进程，每个 {threads or 4} 个线程")
    serving.serve_workers(settings, host, port, workers, threads or 4)
