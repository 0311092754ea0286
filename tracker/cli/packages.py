"""Leaving the district: ``export package`` and ``export oc4ids``; the city's ``import-package``."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.application.app import TrackerApp
from tracker.cli.base import actor, friendly, open_app
from tracker.config import Settings
from tracker.domain.period import Period

OUT = click.Path(dir_okay=False, path_type=Path)


@click.group(help="导出：签发期次的数据包（报市级），OC4IDS 开放数据")
def export() -> None:
    pass


@export.command("package", help="已签发期次的数据包（JSON，以 TRACKER_PACKAGE_KEY 签名）")
@click.argument("period")
@click.option("--out", required=True, type=OUT, help="输出文件，如 某区-2026-05-H1.json")
@click.option("--district", default=None, help="（市级）导出已导入的该区县数据包，原样字节")
@friendly
def export_package(period: str, out: Path, district: str | None) -> None:
    app, chosen = open_app(), Period.parse(period)
    out.write_bytes(package_bytes(app, chosen, district))
    click.echo(f"已导出 {out}（{out.stat().st_size:,} 字节）")


def package_bytes(app: TrackerApp, period: Period, district: str | None) -> bytes:
    if district is not None:  # the city: the package as the district sent it
        return app.city_packages.file(period.year, district, period)
    return app.packages.package(period, Settings.from_env().package_key)


@export.command("oc4ids", help="OC4IDS 0.9 项目数据包（开放数据，JSON）")
@click.option("--campaign", "year", type=int, required=True, help="年度")
@click.option("--out", required=True, type=OUT, help="输出文件，如 oc4ids-2026.json")
@friendly
def export_oc4ids(year: int, out: Path) -> None:
    out.write_bytes(open_app().oc4ids.package_bytes(year))
    click.echo(f"已导出 {out}（{out.stat().st_size:,} 字节）")


@click.command("import-package", help="（市级）导入区县数据包：格式、签名、指纹都通过才导入")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@friendly
def import_package(file: Path) -> None:
    key = Settings.from_env().package_key
    done = open_app().city.import_package(file.read_bytes(), key, actor())
    kind = "首次报送" if done.version == 1 else f"第{done.version}版（更正重报）"
    click.echo(f"已导入 {done.district}{done.period_label}数据包：{kind}，sha256 {done.sha256}")
