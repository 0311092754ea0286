"""What every ``tracker`` command shares: the app, the actor, errors and JSON output."""

from __future__ import annotations

import json
import os
import sys
from functools import wraps
from typing import Any

import click
from sqlalchemy.exc import SQLAlchemyError

from tracker.application.app import TrackerApp
from tracker.application.jsonable import jsonable
from tracker.application.project_list import ProjectListRejected
from tracker.bootstrap import bootstrap
from tracker.config import Settings
from tracker.domain.errors import TrackerError


class Failure(click.ClickException):
    """A refusal shown as 「错误：…」 on stderr, exit code 1."""

    def show(self, file: Any = None) -> None:
        click.echo(f"错误：{self.format_message()}", err=True)


#: who commands run from the command line are recorded as, unless --actor or TRACKER_ACTOR says
DEFAULT_ACTOR = "系统管理员"


def actor() -> str:
    """Who did it, for events caused from the command line: ``tracker --actor 张三 …``,
    else ``TRACKER_ACTOR``, else 系统管理员."""
    context = click.get_current_context(silent=True)
    chosen = context.find_root().params.get("actor") if context else None
    return (chosen or os.environ.get("TRACKER_ACTOR") or DEFAULT_ACTOR).strip() or DEFAULT_ACTOR


def open_app(init_schema: bool = False) -> TrackerApp:
    """The application of the configured store; refused until ``tracker init`` has run."""
    app = bootstrap(Settings.from_env(), init_schema=init_schema)
    if not init_schema and not app.store.is_initialised():
        raise Failure("数据库尚未初始化，请先运行 tracker init")
    if not init_schema and not app.store.read_models_current():
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
