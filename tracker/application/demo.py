"""The demo: the 2026 campaign of 39 projects, its users and a realistic report history.

``load_demo`` registers the packaged 附件1 list on 5 January 2026, adds a bureau
user, a viewer and one reporter per unit, then lays down the half-monthly
reports up to ``today`` as they would have arrived: mostly on time, some late,
a few missing, a handful corrected, problems raised and resolved, new starts
starting (two of them late), projects completing, and one plan revision.

Everything is planned first (a seeded ``random.Random``, money in integer
cents), then executed in time order with the clock moved to each moment, so
the event log reads like a year of real use. The same ``today`` always gives
the same history; only the generated passwords differ.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import partial
from importlib import resources
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from tracker.application.project_list import parse_project_list, read_rows
from tracker.application.projects import import_project_list
from tracker.domain.base import user_id
from tracker.domain.clock import clock
from tracker.domain.errors import Conflict, InvalidValue
from tracker.domain.money import from_cents, to_cents
from tracker.domain.period import Period, Schedule
from tracker.domain.report import ReportInput, Resolution
from tracker.domain.spec import ProjectSpec

if TYPE_CHECKING:
    from tracker.application.app import TrackerApp

YEAR = 2026
DISTRICT = "某区"
TARGET = "350000"
SEED = 20260105
SHANGHAI = ZoneInfo("Asia/Shanghai")
#: When the campaign and its project list are registered.
LOADED_AT = datetime(2026, 1, 5, 9, 0, tzinfo=SHANGHAI)
#: When the bureau revises one delayed new start's plan.
REVISED_AT = datetime(2026, 6, 10, 10, 30, tzinfo=SHANGHAI)
LAST_EVENT_DAY = date(YEAR, 12, 28)  # the last due day of the year

LATE_SHARE = 0.09  # of a unit's half-months; about 8 % of the reports
EARLY_SHARE = 0.4  # units that have reported for the open period
LAGGING = 5  # projects investing 40–70 % of plan
DELAYED = 2  # new starts that start ≥ 2 months late
CORRECTIONS = 6

# 形象进度 stages, from first to last, by category (a few projects have their own).
STAGES: dict[str, tuple[str, ...]] = {
    "城市规划编制和实施": (
        "基础资料收集和现状调研",
        "规划方案编制",
        "方案深化并征求部门意见",
        "专家评审后修改完善",
        "成果公示及报批",
    ),
    "城市绿化": (
        "场地清表及土方平整",
        "园路及广场基层施工",
        "苗木种植和绿化铺装",
        "景观小品及照明安装",
        "绿化养护及收尾",
    ),
    "城乡景观风貌整治": (
        "现场测绘和违章搭建拆除",
        "建筑立面改造施工",
        "沿街店招和景观节点整治",
        "道路铺装及绿化提升",
        "收尾整改",
    ),
    "城市综合交通": (
        "路基土方和管线迁改",
        "桥涵及排水工程施工",
        "路面基层施工",
        "沥青面层摊铺",
        "交通设施及附属工程施工",
    ),
    "污水处理及水环境整治": (
        "管槽开挖和基坑支护",
        "管道铺设及构筑物施工",
        "设备采购和安装",
        "河道清淤及生态护岸施工",
        "设备联动调试",
    ),
    "供水、供气设施建设": (
        "管线路由复测和沟槽开挖",
        "管道焊接铺设",
        "站场构筑物施工",
        "设备安装及管道试压",
        "通水通气调试",
    ),
    "垃圾处理": (
        "桩基及土建基础施工",
        "主厂房结构施工",
        "工艺设备安装",
        "环保设施安装",
        "单机及联动调试",
    ),
    "架空缆线下地": (
        "管沟开挖",
        "排管敷设及工井砌筑",
        "电缆和通信线缆穿管敷设",
        "架空杆线拆除及割接",
        "路面恢复",
    ),
    "数字城管系统建设": (
        "需求调研和方案设计",
        "平台软件开发",
        "前端感知设备安装",
        "系统联调和数据接入",
        "试运行",
    ),
    "城市综合体": (
        "基坑支护及桩基施工",
        "地下室结构施工",
        "主体结构施工",
        "机电安装和幕墙施工",
        "室内装修及室外配套",
    ),
}
STAGE_OVERRIDES: dict[str, tuple[str, ...]] = {
    "CJ2026-003": (
        "传统建筑测绘及修缮方案深化",
        "屋面及木构件修缮",
        "立面修缮和街巷铺装",
        "给排水及消防设施改造",
        "景观小品及收尾工程",
    ),
}
OFFICE_WORK = {"城市规划编制和实施", "数字城管系统建设"}

PREPARATION = (
    "前期手续办理中：项目建议书已批复，可行性研究报告编制中",
    "前期手续办理中：可研已批复，正在办理用地预审和规划选址",
    "前期手续办理中：初步设计已报审，施工图设计同步推进",
    "施工图审查中，施工招标文件编制中",
    "施工招标已完成，正在办理施工许可，施工单位进场准备",
)
DELAYED_PREPARATION = (
    "征地拆迁尚未完成，施工单位无法进场，开工推迟",
    "征地拆迁协调推进中，施工单位已完成临建准备",
    "剩余征迁户协商中，施工图和施工许可已具备，待作业面移交后开工",
)

# A problem as raised, and how it was eventually resolved.
PROBLEMS: tuple[tuple[str, str], ...] = (
    (
        "征地拆迁未完成，红线范围内仍有3户未签约，影响施工作业面移交",
        "经区征迁协调会研究，剩余住户已签约腾空，作业面已移交施工单位",
    ),
    (
        "管线迁改滞后，燃气、通信管线迁改方案尚未确定",
        "已与各管线产权单位召开协调会，管线迁改已完成",
    ),
    (
        "资金拨付延迟，第二期工程款尚未到位，施工单位资金周转困难",
        "区财政已拨付第二期工程款，施工恢复正常",
    ),
    (
        "施工许可证办理滞后，消防设计审查意见尚未回复",
        "消防设计审查已通过，施工许可证已取得",
    ),
    ("电力杆线迁移需供电公司配合，进度缓慢", "供电公司已完成杆线迁移，障碍已清除"),
    ("设计变更未批复，部分工程暂停施工", "设计变更已经专家评审并批复，已恢复施工"),
    (
        "交通导改方案未获交警部门批准，无法占道施工",
        "交通导改方案已获批，围挡已完成，开始占道施工",
    ),
    ("林地占用审批尚未批复", "林地占用手续已批复"),
    ("连续降雨影响土方及路基施工", "天气好转，已增加作业班组抢回工期"),
    ("砂石等主要材料价格上涨，供应紧张", "已协调本地砂石料场保障供应，材料已进场"),
    (
        "周边居民对夜间施工噪音有投诉，夜间施工受限",
        "经街道与居民协商，调整施工时段并加装隔音屏，投诉已化解",
    ),
    ("环评批复尚未下达，影响设备招标", "环评已批复，设备招标已启动"),
)
LAND_PROBLEM = PROBLEMS[0]

# Correction reasons and what the first submission got wrong.
#: add: the first figure was too low; cut: too high; ytd: the 本年累计 was entered;
#: text: the progress said only "同上期".
CORRECTION_REASONS: tuple[tuple[str, str], ...] = (
    ("统计口径调整，补录漏报的设备款", "add"),
    ("监理计量审核后核减本期完成工程量", "cut"),
    ("补录本期已支付的征地拆迁补偿款", "add"),
    ("误将本年累计完成数填为本期完成数，予以更正", "ytd"),
    ("财务对账发现重复计列材料款，予以扣减", "cut"),
    ("形象进度描述不完整，补充本期实际进展", "text"),
    ("施工单位补报进度款结算，调整本期完成投资", "add"),
)

PLAN_REASON = (
    "受征地拆迁影响项目推迟开工，经区城建战役指挥部会议研究，调减年度计划投资并相应调整月度计划"
)


@dataclass(frozen=True)
class DemoUser:
    """A demo sign-in and its generated password."""

    name: str
    role: str
    unit: str | None
    password: str


@dataclass
class _Report:
    """One planned 半月报: what is true, and when it arrives."""

    spec: ProjectSpec
    period: Period
    at: datetime
    actor: str
    cents: int
    ytd_cents: int
    progress: str
    pct: int | None
    started_on: date | None = None
    completed_on: date | None = None
    problems: list[str] = field(default_factory=list)
    resolved: list[Resolution] = field(default_factory=list)
    #: a first submission that was wrong: (cents, progress, reason, corrected at)
    wrong: tuple[int, str, str, datetime] | None = None

    @property
    def code(self) -> str:
        return self.spec.code

    @property
    def plain(self) -> bool:
        """Nothing special rides on this report, so it may go missing or be corrected."""
        return not (
            self.started_on or self.completed_on or self.problems or self.resolved or self.wrong
        )

    def as_input(self, cents: int, progress: str, with_problems: bool) -> ReportInput:
        return ReportInput(
            investment=from_cents(cents),
            progress=progress,
            progress_pct=None if self.pct is None else from_cents(self.pct * 100),
            started_on=self.started_on,
            completed_on=self.completed_on,
            problems=tuple(self.problems) if with_problems else (),
            resolved=tuple(self.resolved) if with_problems else (),
        )


@dataclass(frozen=True)
class _Action:
    at: datetime
    run: Callable[[TrackerApp], None]


def load_demo(app: TrackerApp, today: date, actor: str = "demo") -> list[DemoUser]:
    """Load the demo campaign, users and report history up to the end of ``today``.

    Refused with Conflict when projects (or the demo users) already exist.
    """
    if today < LOADED_AT.date():
        raise InvalidValue(
            f"演示数据从 {LOADED_AT.date().isoformat()} 开始，日期不能早于该日", "today"
        )
    if not app.is_empty():
        raise Conflict("库中已有项目，演示数据只能装入空库", "demo")
    data = resources.files("tracker.demo_data").joinpath("projects-2026.csv").read_bytes()
    units = sorted({spec.unit for _, spec in parse_project_list(read_rows(data))})
    accounts: list[tuple[str, str, str | None]] = [
        ("bureau", "bureau", None),
        ("viewer", "viewer", None),
        *((f"unit{i:02d}", "unit", unit) for i, unit in enumerate(units, 1)),
    ]
    taken = [name for name, _, _ in accounts if app.exists(user_id(name))]
    if taken:
        raise Conflict(f"登录名已被使用：{'、'.join(taken)}", "demo")
    horizon = _horizon(today, clock.now())

    with clock.frozen(LOADED_AT):
        app.create_campaign(YEAR, DISTRICT, TARGET, actor)
        specs = import_project_list(app, YEAR, data, actor)
    users = []
    for i, (name, role, unit) in enumerate(accounts):
        with clock.frozen(LOADED_AT + timedelta(minutes=10, seconds=10 * i)):
            users.append(DemoUser(name, role, unit, app.add_user(name, role, unit, actor)))

    reporters = {user.unit: user.name for user in users if user.unit}
    schedule = app.campaign(YEAR).schedule
    actions = _History(specs, reporters, schedule, horizon).actions()
    for action in sorted(actions, key=lambda a: a.at):  # stable: ties keep plan order
        with clock.frozen(action.at):
            action.run(app)
    return users


def _horizon(today: date, now: datetime) -> datetime:
    """The moment the history stops: the end of ``today``, or now if today is today."""
    start = datetime.combine(today, time(0), tzinfo=SHANGHAI)
    end = start + timedelta(days=1)
    horizon = now if start <= now < end else end
    return max(horizon, LOADED_AT + timedelta(minutes=30))


class _History:
    """Plans every report and bureau action of the demo year, deterministically."""

    def __init__(
        self,
        specs: list[ProjectSpec],
        reporters: dict[str, str],
        schedule: Schedule,
        horizon: datetime,
    ) -> None:
        self.rng = random.Random(SEED)
        self.specs = sorted(specs, key=lambda s: s.code)
        self.reporters = reporters
        self.schedule = schedule
        self.horizon = horizon
        #: the last day anything happens: today, in the campaign's time zone
        self.last_day = (horizon - timedelta(microseconds=1)).astimezone(schedule.zone).date()
        self.periods = [p for p in Period.all_of(YEAR) if p.opens_at(schedule) <= horizon]
        self.closed = [p for p in self.periods if p.closes_at(schedule) <= horizon]
        self.plans = {s.code: [to_cents(m) for m in s.monthly_plan] for s in self.specs}
        self.reports: dict[tuple[str, Period], _Report] = {}
        self.extra: list[_Action] = []

    # -- the plan ------------------------------------------------------------

    def actions(self) -> list[_Action]:
        self.choose_traits()
        self.revise_plan()
        self.lay_down_reports()
        self.leave_some_missing()
        self.raise_problems()
        self.make_corrections()
        return self.report_actions() + self.extra

    def choose_traits(self) -> None:
        """Who lags, which new starts start late, when each starts and completes."""
        rng = self.rng
        pool = [
            s.code
            for s in self.specs
            if s.nature == "new_start"
            and s.planned_start <= date(YEAR, 6, 30)
            and s.planned_completion.year > YEAR
        ]
        self.delayed = sorted(rng.sample(pool, DELAYED))
        # Lagging projects, and those with problems, run past the year: a project
        # that completes on time neither lags badly nor leaves problems open.
        self.long_running = [
            s.code
            for s in self.specs
            if s.planned_completion.year > YEAR and s.code not in self.delayed
        ]
        self.lagging = sorted(rng.sample(self.long_running, LAGGING))
        self.factor: dict[str, int] = {}
        self.start: dict[str, date | None] = {}
        self.completion: dict[str, date | None] = {}
        self.prior: dict[str, int] = {}
        self.scale: dict[str, int] = {}
        for spec in self.specs:
            code = spec.code
            lagging = code in self.lagging
            self.factor[code] = rng.randint(40, 70) if lagging else rng.randint(85, 115)
            if spec.nature != "new_start":
                self.start[code] = None
            elif code in self.delayed:
                # The first starts two months late; the second is still held up by
                # land acquisition at the end of the year (未按期开工 on the overdue list).
                low, high = (62, 80) if code == self.delayed[0] else (400, 430)
                self.start[code] = spec.planned_start + timedelta(days=rng.randint(low, high))
            else:
                planned = self.period_of(spec.planned_start)
                day = spec.planned_start + timedelta(days=rng.randint(-2, 3))
                first = max(planned.start_date(self.schedule), spec.planned_start.replace(day=1))
                last = planned.due_date(self.schedule)
                self.start[code] = min(max(day, first), last)
            finish = spec.planned_completion
            self.completion[code] = (
                finish if finish.year == YEAR and finish <= LAST_EVENT_DAY else None
            )
            total, annual = to_cents(spec.total_investment), to_cents(spec.annual_plan)
            if spec.nature == "new_start":
                self.prior[code] = 0
            elif self.completion[code]:
                self.prior[code] = total - annual
            else:
                self.prior[code] = (total - annual) * rng.randint(30, 70) // 100
            # The amount that makes 100 %: the rest of the project, or all of it.
            self.scale[code] = self.prior[code] + annual if self.completion[code] else total

    def revise_plan(self) -> None:
        """In June the bureau cuts the first delayed new start's plan to fit its late start."""
        if REVISED_AT >= self.horizon:
            return
        code = self.delayed[0]
        old = self.plans[code]
        kept = sum(old[:5])
        annual = max(sum(old) * self.rng.randint(55, 70) // 100, kept + 1200)
        first = max(6, self.start[code].month)  # type: ignore[union-attr]
        weights = [old[m - 1] or 1 for m in range(first, 13)]
        rest = annual - kept
        months = [rest * w // sum(weights) for w in weights]
        months[-1] += rest - sum(months)
        new = old[:5] + [0] * (first - 6) + months
        assert sum(new) == annual and len(new) == 12
        self.plans[code] = new
        self.extra.append(
            _Action(
                REVISED_AT,
                partial(
                    _revise,
                    code=code,
                    annual=from_cents(annual),
                    monthly=[from_cents(c) for c in new],
                ),
            )
        )

    def lay_down_reports(self) -> None:
        """Every report each unit would send, at the time it would arrive."""
        rng = self.rng
        by_unit: dict[str, list[ProjectSpec]] = {}
        for spec in self.specs:
            by_unit.setdefault(spec.unit, []).append(spec)
        ytd = {s.code: 0 for s in self.specs}
        pct = {s.code: 0 for s in self.specs}
        done: set[str] = set()
        for period in self.periods:
            is_open = period not in self.closed
            due = period.due_date(self.schedule)
            early = sorted(rng.sample(sorted(by_unit), round(len(by_unit) * EARLY_SHARE)))
            for unit in sorted(by_unit):
                if is_open:  # only some units have reported so far, in the last few days
                    if unit not in early:
                        continue
                    opened = period.opens_at(self.schedule).date()
                    recently = self.last_day - timedelta(days=rng.randint(0, 4))
                    day = max(opened, LOADED_AT.date(), recently)
                elif rng.random() < LATE_SHARE:
                    day = due + timedelta(days=rng.randint(1, 4))
                else:
                    day = due - timedelta(days=rng.randint(0, 4))
                at = self.moment(day, rng.randint(0, 470))
                for spec in by_unit[unit]:
                    at += timedelta(minutes=rng.randint(3, 12), seconds=rng.randint(0, 59))
                    if spec.code in done:
                        continue
                    report = self.report(spec, period, at, ytd, pct)
                    if not LOADED_AT + timedelta(hours=1) <= report.at < self.horizon:
                        continue  # not (yet) received
                    ytd[spec.code] = report.ytd_cents
                    pct[spec.code] = report.pct or 0
                    self.reports[spec.code, period] = report
                    if report.completed_on:
                        done.add(spec.code)

    def report(
        self,
        spec: ProjectSpec,
        period: Period,
        at: datetime,
        ytd: dict[str, int],
        pct: dict[str, int],
    ) -> _Report:
        code = spec.code
        first, due = period.start_date(self.schedule), period.due_date(self.schedule)
        start, finish = self.start[code], self.completion[code]
        started_here = start if start and first <= start <= due else None
        completed_here = finish if finish and first <= finish <= due else None
        for day in (started_here, completed_here):
            if day and at.date() < day:  # a date is reported once it has happened
                at = datetime.combine(day, at.timetz())
        actor = self.reporters[spec.unit]
        if start and start > due:  # a new start still preparing
            return _Report(
                spec, period, at, actor, 0, ytd[code], self.preparing(spec, period), None
            )
        month = self.plans[code][period.month - 1]
        if completed_here and period.half == 1:
            base = month  # the whole month's work is done by completion
        else:
            base = month // 2 if period.half == 1 else month - month // 2
        cents = base * self.factor[code] * self.rng.randint(90, 110) // 10000
        cents = min(cents, to_cents(spec.total_investment))
        total = ytd[code] + cents
        percent = min(99, (self.prior[code] + total) * 100 // self.scale[code])
        percent = max(percent, pct[code], 1)
        stages = STAGE_OVERRIDES.get(code) or STAGES[spec.category]
        if completed_here:
            percent = 100
            text = f"已于{completed_here.month}月{completed_here.day}日完工，正在组织竣工验收"
        elif started_here:
            text = f"已于{started_here.month}月{started_here.day}日开工，{stages[0]}"
        else:
            stage = stages[min(len(stages) - 1, percent * len(stages) // 100)]
            text = f"{stage}，{self.crew(spec)}"
        return _Report(
            spec,
            period,
            at,
            actor,
            cents,
            total,
            text,
            percent,
            started_on=started_here,
            completed_on=completed_here,
        )

    def preparing(self, spec: ProjectSpec, period: Period) -> str:
        """Preparatory progress of a new start that has not started."""
        ahead = self.period_of(spec.planned_start).index - period.index
        if ahead < 0:  # past the planned start: delayed
            return DELAYED_PREPARATION[min(-ahead // 3, len(DELAYED_PREPARATION) - 1)]
        return PREPARATION[max(0, len(PREPARATION) - 1 - ahead // 3)]

    def crew(self, spec: ProjectSpec) -> str:
        """Who is at work this half-month: about the same team, period after period."""
        if spec.category in OFFICE_WORK and spec.code not in STAGE_OVERRIDES:
            return f"项目组投入{self.rng.randint(6, 12)}人"
        size = min(300, max(20, int(spec.annual_plan) // 100))  # 万元 a year -> people
        people = size * self.rng.randint(75, 125) // 100
        machines = max(2, people // 8 + self.rng.randint(-2, 2))
        return f"现场作业人员{people}人、机械{machines}台"

    def leave_some_missing(self) -> None:
        """About three missing in the latest closed period, two or three older ones."""
        if not self.closed:
            return
        latest = self.closed[-1]
        plain = [r for r in self.ordered() if r.period in self.closed and r.plain]
        recent = [r for r in plain if r.period == latest]
        older = [r for r in plain if 3 <= r.period.index < latest.index]
        gone = self.rng.sample(recent, min(3, len(recent)))
        gone += self.rng.sample(older, min(self.rng.randint(2, 3), len(older)))
        for report in gone:
            del self.reports[report.code, report.period]

    def raise_problems(self) -> None:
        """About ten problems; most resolved 1–3 periods later, some still open."""
        rng = self.rng
        texts = list(PROBLEMS[1:])
        rng.shuffle(texts)
        raised: list[tuple[_Report, tuple[str, str], str]] = []
        for code in self.delayed:  # the land problem that holds the start back
            candidates = [
                r
                for r in self.of(code)
                if r.period >= self.period_of(self.spec(code).planned_start)
                and r.period in self.closed
            ]
            if candidates:
                raised.append((candidates[0], LAND_PROBLEM, "start"))
        fates = ["report"] * 3 + ["bureau"] * 3 + ["open"] * 2
        rng.shuffle(fates)
        others = [code for code in self.long_running if code not in self.lagging]
        codes = self.lagging + sorted(rng.sample(others, 3))
        for code, fate in zip(codes, fates, strict=True):
            candidates = [r for r in self.of(code) if r.plain and r.period in self.closed and r.pct]
            if candidates:
                raised.append((rng.choice(candidates), texts.pop(), fate))
        next_id: dict[str, int] = {}
        for report, (text, resolution), fate in sorted(
            raised, key=lambda item: (item[0].code, item[0].period)
        ):
            problem_id = next_id[report.code] = next_id.get(report.code, 0) + 1
            report.problems.append(text)
            self.resolve(report, problem_id, resolution, fate)

    def resolve(self, raised: _Report, problem_id: int, text: str, fate: str) -> None:
        later = [r for r in self.of(raised.code) if r.period > raised.period]
        if fate == "start":
            later = [r for r in later if r.started_on]
            if later:
                later[0].resolved.append(Resolution(problem_id, text))
            return
        if fate == "open":
            return
        periods = self.rng.randint(1, 3)
        if fate == "report":
            fitting = [r for r in later if r.period.index - raised.period.index >= periods]
            if fitting and fitting[0].period.index - raised.period.index <= 4:
                fitting[0].resolved.append(Resolution(problem_id, text))
                return
        day = raised.at.date() + timedelta(days=15 * periods + self.rng.randint(0, 4))
        while day.weekday() >= 5:
            day += timedelta(days=1)
        at = self.moment(day, 60 + self.rng.randint(0, 420))
        if at < self.horizon:
            self.extra.append(
                _Action(at, partial(_resolve, code=raised.code, problem_id=problem_id, text=text))
            )

    def make_corrections(self) -> None:
        """A handful of reports corrected a few days later, with the reason."""
        rng = self.rng
        reasons = rng.sample(CORRECTION_REASONS, CORRECTIONS)
        candidates = [
            r for r in self.ordered() if r.plain and r.period in self.closed and r.cents > 0
        ]
        rng.shuffle(candidates)
        used: set[str] = set()
        for report in candidates:
            if not reasons:
                break
            if report.code in used:
                continue
            reason, kind = reasons[-1]
            if kind == "ytd" and report.ytd_cents == report.cents:
                continue
            day = report.at.date() + timedelta(days=rng.randint(2, 6))
            at = self.moment(day, rng.randint(0, 540))
            if at >= self.horizon:
                continue
            reasons.pop()
            used.add(report.code)
            error = rng.randint(10, 40)
            cents, progress = report.cents, report.progress
            if kind == "add":
                cents = report.cents * 100 // (100 + error)
            elif kind == "cut":
                cents = min(
                    report.cents * (100 + error) // 100, to_cents(report.spec.total_investment)
                )
            elif kind == "ytd":
                cents = report.ytd_cents
            else:
                progress = "同上期"
            report.wrong = (cents, progress, reason, at)

    def report_actions(self) -> list[_Action]:
        actions = []
        for report in self.ordered():
            cents, progress = report.cents, report.progress
            if report.wrong:
                cents, progress, reason, corrected_at = report.wrong
                true = report.as_input(report.cents, report.progress, with_problems=False)
                actions.append(
                    _Action(
                        corrected_at, partial(_correct, report=report, data=true, reason=reason)
                    )
                )
            data = report.as_input(cents, progress, with_problems=True)
            actions.append(_Action(report.at, partial(_submit, report=report, data=data)))
        return actions

    # -- helpers ----------------------------------------------------------------

    def moment(self, day: date, minutes: int) -> datetime:
        """``minutes`` after 09:00 Shanghai time on ``day``."""
        return datetime.combine(day, time(9, 0), tzinfo=self.schedule.zone) + timedelta(
            minutes=minutes
        )

    def period_of(self, day: date) -> Period:
        """The period whose figures cover ``day``."""
        for period in Period.all_of(YEAR):
            if period.start_date(self.schedule) <= day <= period.due_date(self.schedule):
                return period
        raise ValueError(day)

    def spec(self, code: str) -> ProjectSpec:
        return next(s for s in self.specs if s.code == code)

    def ordered(self) -> list[_Report]:
        return [self.reports[key] for key in sorted(self.reports, key=lambda k: (k[1], k[0]))]

    def of(self, code: str) -> list[_Report]:
        return sorted((r for r in self.reports.values() if r.code == code), key=lambda r: r.period)


def _submit(app: TrackerApp, report: _Report, data: ReportInput) -> None:
    app.submit_report(report.code, report.period, data, actor=report.actor)


def _correct(app: TrackerApp, report: _Report, data: ReportInput, reason: str) -> None:
    app.correct_report(report.code, report.period, data, reason, actor=report.actor)


def _resolve(app: TrackerApp, code: str, problem_id: int, text: str) -> None:
    app.resolve_problem(code, problem_id, text, "bureau")


def _revise(app: TrackerApp, code: str, annual: Decimal, monthly: list[Decimal]) -> None:
    app.revise_plan(code, annual, monthly, PLAN_REASON, "bureau")
