"""The ``tracker`` command, run as a user would, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.conftest import DEMO_CSV
from tracker.cli import main


@pytest.fixture
def tracker(database_url: str, tmp_path: Path):
    """Run ``tracker ARGS…`` against a fresh store; returns the click Result."""
    env = {"TRACKER_DATABASE_URL": database_url, "TRACKER_VAR_DIR": str(tmp_path / "var")}

    def run(*args: str) -> Result:
        return CliRunner(env=env).invoke(main, list(args))

    return run


@pytest.fixture
def imported(tracker, frozen):
    assert tracker("init").exit_code == 0
    assert (
        tracker("campaign", "create", "2026", "--district", "某区", "--target", "350000").exit_code
        == 0
    )
    result = tracker("import-projects", str(DEMO_CSV), "--campaign", "2026")
    assert result.exit_code == 0, result.output
    return tracker


def test_importing_the_demo_list_gives_39_projects_adding_up_to_350000(imported) -> None:
    result = imported("projects", "--json")

    projects = json.loads(result.output)
    assert len(projects) == 39
    assert sum(Decimal(p["annual_plan"]) for p in projects) == Decimal("350000.00")
    first = projects[0]
    assert first["code"] == "CJ2026-001"
    assert first["name"] == "新城片区控制性详细规划编制"
    assert first["category"] == "城市规划编制和实施"
    assert first["unit"] == "区自然资源和规划分局"
    assert first["nature"] == "new_start"
    assert first["annual_plan"] == "1005.74"
    assert first["monthly_plan"][5:7] == ["103.00", "123.81"]
    assert len(first["monthly_plan"]) == 12
    assert sum(Decimal(m) for m in first["monthly_plan"]) == Decimal(first["annual_plan"])


def test_the_import_prints_the_count_and_total(tracker) -> None:
    tracker("init")
    tracker("campaign", "create", "2026", "--district", "某区", "--target", "350000")
    result = tracker("import-projects", str(DEMO_CSV), "--campaign", "2026")
    assert "已导入 39 个项目，年度计划投资合计 350000.00 万元" in result.output


def test_a_broken_file_is_refused_whole_with_row_column_and_reason(
    imported, tmp_path: Path
) -> None:
    lines = DEMO_CSV.read_text(encoding="utf-8-sig").splitlines()
    lines[1] = lines[1].replace("CJ2026-001", "NEW-001").replace("城市规划编制和实施", "城市美化")
    lines[2] = lines[2].replace("CJ2026-002", "NEW-002")
    broken = tmp_path / "broken.csv"
    broken.write_text("\n".join(lines[:3]), encoding="utf-8")

    result = imported("import-projects", str(broken), "--campaign", "2026")

    assert result.exit_code == 1
    assert "第2行 类别：类别“城市美化”不在十大类别之内" in result.output
    assert "未导入任何项目" in result.output
    assert len(json.loads(imported("projects", "--json").output)) == 39


def test_history_lists_every_event_with_time_actor_and_reason(
    imported, database_url: str, tmp_path: Path
) -> None:
    from tracker.bootstrap import bootstrap
    from tracker.config import Settings

    app = bootstrap(Settings(database_url, tmp_path / "unused", None))
    project = app.register.project("CJ2026-001")
    monthly = list(project.monthly_plan)
    monthly[11] += Decimal("10.00")
    app.projects.revise_plan(
        "CJ2026-001", project.annual_plan + 10, monthly, "追加设计费", "bureau"
    )
    app.close()

    text = imported("history", "CJ2026-001")
    rows = json.loads(imported("history", "CJ2026-001", "--json").output)

    assert text.exit_code == 0
    assert "登记项目" in text.output and "调整计划" in text.output
    assert "Registered" not in text.output and "登记项目  系统管理员" in text.output
    assert "原因：追加设计费" in text.output
    assert [row["kind"] for row in rows] == ["Registered", "PlanRevised"]
    assert rows[1]["actor"] == "bureau" and rows[1]["reason"] == "追加设计费"
    assert rows[1]["data"]["annual_plan"] == "1015.74"
    assert rows[0]["time"].endswith("+00:00")


def test_history_and_projects_as_of_a_moment_show_what_was_known_then(
    imported, frozen, database_url: str, tmp_path: Path
) -> None:
    from tracker.bootstrap import bootstrap
    from tracker.config import Settings

    frozen(2026, 1, 6, 9, 0)  # a day after the import
    app = bootstrap(Settings(database_url, tmp_path / "unused", None))
    project = app.register.project("CJ2026-001")
    monthly = list(project.monthly_plan)
    monthly[11] += Decimal("10.00")
    app.projects.revise_plan(
        "CJ2026-001", project.annual_plan + 10, monthly, "追加设计费", "bureau"
    )
    app.close()
    then = "2026-01-05T12:00"

    history = imported("history", "CJ2026-001", "--as-of", then)
    events = json.loads(imported("history", "CJ2026-001", "--as-of", then, "--json").output)
    listed = imported("projects", "--as-of", then)
    plans = json.loads(imported("projects", "--as-of", then, "--json").output)
    now = json.loads(imported("projects", "--json").output)
    bad = imported("projects", "--as-of", "昨天")

    assert history.output.startswith("数据截至 2026-01-05 12:00（历史视图）\n")
    assert "登记项目" in history.output and "调整计划" not in history.output
    assert [event["kind"] for event in events] == ["Registered"]
    assert listed.output.startswith("数据截至 2026-01-05 12:00（历史视图）\n")
    assert plans[0]["annual_plan"] == "1005.74" and now[0]["annual_plan"] == "1015.74"
    assert bad.exit_code != 0 and "不是有效的时间" in bad.output


def test_user_add_prints_the_password_alone_and_token_the_token_alone(imported) -> None:
    password = imported("user", "add", "unit01", "--role", "unit", "--unit", "区城管局")
    token = imported("user", "token", "unit01")

    assert password.exit_code == 0 and len(password.output.strip()) == 12
    assert "\n" not in password.output.strip()
    assert token.output.strip().startswith("trk_") and len(token.output.split()) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("user", "add", "x1", "--role", "unit", "--unit", "不存在局"), "责任单位“不存在局”不存在"),
        (("user", "add", "x1", "--role", "unit"), "责任单位用户必须指定所属单位"),
        (("user", "token", "nobody"), "用户“nobody”不存在"),
        (("history", "CJ2099-001"), "项目“CJ2099-001”不存在"),
        (
            ("campaign", "create", "2026", "--district", "某区", "--target", "1"),
            "2026 年度战役已存在",
        ),
        (("campaign", "create", "2027", "--district", "某区", "--target", "-5"), "金额不能为负数"),
        (("import-projects", str(DEMO_CSV), "--campaign", "2030"), "尚未创建 2030 年度战役"),
    ],
)
def test_bad_input_exits_non_zero_with_a_chinese_message(imported, args, message) -> None:
    result = imported(*args)
    assert result.exit_code == 1
    assert message in result.output
    assert result.output.startswith("错误：")


def test_commands_before_init_say_to_run_init(tracker) -> None:
    result = tracker("projects")
    assert result.exit_code == 1
    assert "请先运行 tracker init" in result.output


def test_summary_json_has_the_district_categories_units_and_projects(imported) -> None:
    result = imported("summary", "2026-05-H1", "--json", "--as-of", "2026-05-15T00:00:00+08:00")

    summary = json.loads(result.output)
    assert result.exit_code == 0, result.output
    assert summary["period"] == "2026-05-H1" and summary["label"] == "第9期（5月上半月）"
    assert summary["as_of"] == "2026-05-15T00:00:00+08:00"
    assert summary["district"]["annual_plan"] == "350000.00"
    assert len(summary["categories"]) == 10 and len(summary["projects"]) == 39
    assert sum(Decimal(c["ytd_plan"]) for c in summary["categories"]) == Decimal(
        summary["district"]["ytd_plan"]
    )
    assert set(summary["projects"][0]) >= {
        "annual_plan",
        "ytd_plan",
        "ytd_actual",
        "period_investment",
        "completion_rate",
        "lag",
        "light",
        "status",
    }
    assert {p["status"] for p in summary["projects"]} == {"missing"}


def test_summary_text_and_a_bad_period(imported) -> None:
    text = imported("summary", "2026-05-H1")
    bad = imported("summary", "2026-5-H1")

    assert "某区 2026年 第9期（5月上半月）" in text.output
    assert "某区\t年度计划 350000.00" in text.output
    assert bad.exit_code == 1 and "不是有效的期次" in bad.output


def test_projections_rebuild_recreates_the_read_models(imported) -> None:
    before = json.loads(imported("projects", "--json").output)

    result = imported("projections", "rebuild")

    assert result.exit_code == 0, result.output
    assert "已重建：应用 54 个事件" in result.output  # campaign + 14 units + 39 projects
    assert json.loads(imported("projects", "--json").output) == before


def test_read_models_of_an_older_shape_are_refused_until_init_rebuilds_them(
    imported, database_url: str
) -> None:
    from sqlalchemy import create_engine, update

    from tracker.projections.tables import read_model_meta

    engine = create_engine(database_url)
    with engine.begin() as connection:  # as if written by an older version of the code
        connection.execute(update(read_model_meta).values(value="older"))
    engine.dispose()

    refused = imported("projects")
    init = imported("init")
    again = imported("init")

    assert refused.exit_code == 1 and "请先运行 tracker init" in refused.output
    assert "读模型结构已更新，已从事件日志重建（54 个事件）" in init.output
    assert "重建" not in again.output
    assert imported("projects").exit_code == 0
