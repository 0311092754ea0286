"""The ``tracker`` command. Every command exits non-zero with a Chinese message on bad input."""

from __future__ import annotations

import click

from tracker.cli import audit, compare, packages, reading, register, reminders, store


@click.group(help="城建战役投资追踪")
@click.option(
    "--actor", default=None, metavar="姓名",
    help="记录为操作人的姓名（缺省取环境变量 TRACKER_ACTOR，再缺省为 系统管理员）",
)  # fmt: skip
def main(actor: str | None) -> None:
    pass


main.add_command(store.init)
main.add_command(register.campaign)
main.add_command(register.import_projects)
main.add_command(register.projects)
main.add_command(register.user)
main.add_command(reading.history)
main.add_command(store.demo)
main.add_command(reading.summary)
main.add_command(reading.report)
main.add_command(compare.compare)
main.add_command(store.projections)
main.add_command(store.serve)
main.add_command(audit.audit)
main.add_command(reminders.channel)
main.add_command(reminders.remind)
main.add_command(packages.export)
main.add_command(packages.import_package)
