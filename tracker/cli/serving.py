"""How ``tracker serve`` runs: waitress threads in one process, or gunicorn workers on Linux.

The tables are made once by ``tracker init``; here the store is only checked
(in the one starting process, before any worker exists), and each worker then
builds its own app, engine and connections after the fork. Reminders run in
one process only: the first worker to take ``var/reminders.lock`` (a replaced
worker takes it over when the holder dies); every notice is claimed in the
store anyway, so a second scheduler on another machine sends nothing twice.
"""

from __future__ import annotations

import fcntl
import os
import sys
from pathlib import Path
from typing import IO

import click
from flask import Flask

from tracker.cli.base import Failure
from tracker.cli.schedule import start_reminders
from tracker.config import Settings

#: the lock file held by the process that runs the reminders, kept open while it lives
_held: list[IO[str]] = []


def checked_app(settings: Settings) -> Flask:
    """The web app, or a refusal in Chinese: no tables yet, an older shape, a weak key."""
    from tracker.web import create_app

    try:
        app = create_app(settings)
    except RuntimeError as refusal:  # a weak secret key, read models of an older shape
        raise Failure(str(refusal)) from None
    if not app.extensions["tracker"].store.is_initialised():
        app.extensions["tracker"].close()
        raise Failure("数据库尚未初始化，请先运行 tracker init（只需一次，之后再启动服务）")
    return app


def workers_for(settings: Settings, workers: int) -> int:
    """The processes to run: SQLite has one writer, so one process with threads there."""
    if workers > 1 and settings.database_url.startswith("sqlite"):
        click.echo(
            f"提示：SQLite 只适合单进程，--workers {workers} 已改为 1 个进程多线程；"
            "多进程请使用 PostgreSQL（TRACKER_DATABASE_URL=postgresql+psycopg://…）",
            err=True,
        )
        return 1
    if workers > 1 and not sys.platform.startswith("linux"):
        click.echo(f"提示：gunicorn 多进程只用于 Linux，--workers {workers} 已改为 1", err=True)
        return 1
    return max(1, workers)


def serve_threads(app: Flask, settings: Settings, host: str, port: int, threads: int) -> None:
    """One process, waitress threads; the reminders in this process."""
    from waitress import serve as waitress_serve

    reminders = start_reminders(app.extensions["tracker"], settings)
    if reminders is None:
        click.echo("提醒已关闭（TRACKER_REMINDERS=off）")
    try:
        waitress_serve(app, host=host, port=port, threads=threads)
    finally:
        if reminders is not None:
            reminders.shutdown(wait=False)


def serve_workers(settings: Settings, host: str, port: int, workers: int, threads: int) -> None:
    """gunicorn: ``workers`` processes of ``threads`` threads, each with its own app."""
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            options = {
                "bind": f"{host}:{port}",
                "workers": workers,
                "worker_class": "gthread",
                "threads": threads,
                "timeout": 120,  # a 月报表 rendered in the request may take a while
                "graceful_timeout": 20,
                "keepalive": 30,  # idle client connections kept (a proxy reuses its own)
                "accesslog": None,
                "errorlog": "-",
                "post_worker_init": lambda worker: reminders_once(worker.wsgi, settings),
                "proc_name": "tracker",
                "control_socket_disable": True,  # gunicorn 24+: one path per user would clash
            }
            for key, value in options.items():
                if key in self.cfg.settings:  # an older gunicorn may lack a newer setting
                    self.cfg.set(key, value)

        def load(self) -> Flask:
            from tracker.web import create_app

            return create_app(settings)  # in the worker, after the fork: its own engine

    if not settings.reminders:
        click.echo("提醒已关闭（TRACKER_REMINDERS=off）")
    Server().run()


def reminders_once(app: Flask, settings: Settings) -> None:
    """Start the reminders in this worker if no other process of this server runs them."""
    if not settings.reminders or not take_lock(settings.var_dir / "reminders.lock"):
        return
    start_reminders(app.extensions["tracker"], settings)
    click.echo(f"提醒由工作进程 {os.getpid()} 运行", err=True)


def take_lock(path: Path) -> bool:
    """Hold an exclusive lock on ``path`` for the life of this process; False if taken."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    handle = path.open("a")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return False
    _held.append(handle)
    return True
