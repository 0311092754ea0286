"""The demo: the 2026 campaign of 39 projects, its users and a realistic report history.

``load_demo`` registers the packaged 附件1 list on 5 January 2026, adds a bureau
user, a viewer and one reporter per unit, then lays down the half-monthly
reports up to ``today`` as they would have arrived: mostly on time, some late,
a few missing, a handful corrected, problems raised and resolved, new starts
starting (two of them late), projects completing, and one plan revision. The 附件1
file it imports carries each project's 形象进度计划, and the nodes are planned and
met as ``demo/plans.py`` says (a few late, two projects for 数据核查).

Everything is planned first (a seeded ``random.Random``, money in integer
cents), then executed in time order with the clock moved to each moment, so
the event log reads like a year of real use. The same ``today`` always gives
the same history; only the generated passwords differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from importlib import resources
from typing import TYPE_CHECKING

from tracker.application.project_list import parse_project_list, read_rows
from tracker.cli.demo.history import History
from tracker.cli.demo.model import DISTRICT, LOADED_AT, SHANGHAI, TARGET, YEAR
from tracker.cli.demo.plans import with_progress_plans
from tracker.domain.base import user_id
from tracker.domain.clock import clock
from tracker.domain.errors import Conflict, InvalidValue

if TYPE_CHECKING:
    from tracker.application.app import TrackerApp

__all__ = ["DemoUser", "load_demo"]

#: A sign-in to add: (name, role, unit, the name pages show)
Account = tuple[str, str, str | None, str]
#: who sits at the bureau and who reads for the leaders in the demo
BUREAU_NAME, VIEWER_NAME = "王振华", "陈立言"


@dataclass(frozen=True)
class DemoUser:
    """A demo sign-in and its generated password."""

    name: str
    role: str
    unit: str | None
    password: str


def load_demo(app: TrackerApp, today: date, actor: str = "demo") -> list[DemoUser]:
    """Load the demo campaign, users and report history up to the end of ``today``.

    Refused with Conflict when projects (or the demo users) already exist.
    """
    if today < LOADED_AT.date():
        raise InvalidValue(
            f"演示数据从 {LOADED_AT.date().isoformat()} 开始，日期不能早于该日", "today"
        )
    if not app.register.is_empty():
        raise Conflict("库中已有项目，演示数据只能装入空库", "demo")
    data = resources.files("tracker.cli.demo_data").joinpath("projects-2026.csv").read_bytes()
    accounts = demo_accounts(app, data)
    horizon = _horizon(today, clock.now())
    listed = [spec for _, spec in parse_project_list(read_rows(data))]
    data = with_progress_plans(data, listed, horizon)  # 附件1 with its 形象进度计划 columns

    with clock.frozen(LOADED_AT):
        app.campaigns.create(YEAR, DISTRICT, TARGET, actor)
        specs = app.project_lists.import_file(YEAR, data, actor)
    users = add_users(app, accounts, actor)
    reporters = {user.unit: user.name for user in users if user.unit}
    schedule = app.register.campaign(YEAR).schedule
    actions = History(specs, reporters, schedule, horizon).actions()
    for action in sorted(actions, key=lambda a: a.at):  # stable: ties keep plan order
        with clock.frozen(action.at):
            action.run(app)
    return users


def demo_accounts(app: TrackerApp, data: bytes) -> list[Account]:
    """The bureau, a viewer and one reporter per unit of the list (named after the 信息员 of
    the unit's first project); Conflict if a name is taken."""
    reporters: dict[str, str] = {}
    for _, spec in sorted(parse_project_list(read_rows(data)), key=lambda row: row[1].code):
        reporters.setdefault(spec.unit, spec.reporter)
    accounts: list[Account] = [
        ("bureau", "bureau", None, BUREAU_NAME),
        ("viewer", "viewer", None, VIEWER_NAME),
        *(
            (f"unit{i:02d}", "unit", unit, reporters[unit])
            for i, unit in enumerate(sorted(reporters), 1)
        ),
    ]
    taken = [account[0] for account in accounts if app.store.exists(user_id(account[0]))]
    if taken:
        raise Conflict(f"登录名已被使用：{'、'.join(taken)}", "demo")
    return accounts


def add_users(app: TrackerApp, accounts: list[Account], actor: str) -> list[DemoUser]:
    """Each account added ten seconds after the last, from ten past nine on loading day."""
    users = []
    for i, (name, role, unit, shown) in enumerate(accounts):
        with clock.frozen(LOADED_AT + timedelta(minutes=10, seconds=10 * i)):
            password = app.users.add(name, role, unit, actor, shown)
            users.append(DemoUser(name, role, unit, password))
    return users


def _horizon(today: date, now: datetime) -> datetime:
    """The moment the history stops: the end of ``today``, or now if today is today."""
    start = datetime.combine(today, time(0), tzinfo=SHANGHAI)
    end = start + timedelta(days=1)
    horizon = now if start <= now < end else end
    return max(horizon, LOADED_AT + timedelta(minutes=30))
