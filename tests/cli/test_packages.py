"""``tracker export package|oc4ids`` and ``tracker import-package``: from a district to its city."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from tests.conftest import DEMO_CSV
from tracker.cli import main

KEY = "市里下发的数据包密钥-2026"


def store(tmp_path: Path, name: str, key: str | None = KEY):  # type: ignore[no-untyped-def]
    env = {
        "TRACKER_DATABASE_URL": f"sqlite:///{tmp_path / name}.db",
        "TRACKER_VAR_DIR": str(tmp_path / name),
        "TRACKER_FILES_DIR": str(tmp_path / name / "files"),
        "TRACKER_PACKAGE_KEY": key or "",
    }

    def run(*args: str) -> Result:
        return CliRunner(env=env).invoke(main, list(args))

    assert run("init").exit_code == 0
    return run


def test_a_district_exports_its_signed_off_period_and_the_city_imports_it(
    tmp_path: Path, frozen
) -> None:
    district, city = store(tmp_path, "district"), store(tmp_path, "city")
    district("campaign", "create", "2026", "--district", "某区", "--target", "350000")
    district("import-projects", str(DEMO_CSV), "--campaign", "2026")
    out = tmp_path / "某区-2026-01-H1.json"
    refused = district("export", "package", "2026-01-H1", "--out", str(out))
    assert refused.exit_code == 1 and "尚未签发全区月报表" in refused.output
    frozen(2026, 1, 16, 10, 0)
    signed = district("report", "2026-01-H1", "--out", str(tmp_path / "r.pdf"), "--issue")
    assert signed.exit_code == 0
    assert district("export", "package", "2026-01-H1", "--out", str(out)).exit_code == 0

    created = city("campaign", "create", "2026", "--level", "city", "--district", "某市")
    done = city("import-package", str(out))
    again = city("import-package", str(out))
    copy = tmp_path / "copy.json"
    city("export", "package", "2026-01-H1", "--district", "某区", "--out", str(copy))

    assert created.output.strip() == "已创建 2026 年度市级战役：某市（汇总各区县数据包）"
    assert done.exit_code == 0 and "已导入 某区第1期（1月上半月）数据包：首次报送" in done.output
    assert again.exit_code == 1 and "已导入，未重复导入" in again.output
    assert copy.read_bytes() == out.read_bytes()


def test_a_tampered_package_or_a_missing_key_is_refused_in_chinese(tmp_path: Path, frozen) -> None:
    district, city = store(tmp_path, "district", key=None), store(tmp_path, "city")
    district("campaign", "create", "2026", "--district", "某区", "--target", "350000")
    district("import-projects", str(DEMO_CSV), "--campaign", "2026")
    frozen(2026, 1, 16, 10, 0)
    district("report", "2026-01-H1", "--out", str(tmp_path / "r.pdf"), "--issue")
    no_key = district("export", "package", "2026-01-H1", "--out", str(tmp_path / "p.json"))
    assert no_key.exit_code == 1 and "TRACKER_PACKAGE_KEY" in no_key.output

    city("campaign", "create", "2026", "--level", "city", "--district", "某市")
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps({"format": "tracker.district-package"}), encoding="utf-8")
    refused = city("import-package", str(forged))

    assert refused.exit_code == 1
    assert refused.output.startswith("错误：文件：数据包未导入：数据包没有签名")


def test_the_oc4ids_export_is_a_project_package_of_every_project(tmp_path: Path, frozen) -> None:
    district = store(tmp_path, "district")
    district("campaign", "create", "2026", "--district", "某区", "--target", "350000")
    district("import-projects", str(DEMO_CSV), "--campaign", "2026")
    out = tmp_path / "oc4ids-2026.json"

    done = district("export", "oc4ids", "--campaign", "2026", "--out", str(out))

    package = json.loads(out.read_text(encoding="utf-8"))
    assert done.exit_code == 0 and package["version"] == "0.9"
    assert [p["id"] for p in package["projects"]][:2] == ["某区-CJ2026-001", "某区-CJ2026-002"]
