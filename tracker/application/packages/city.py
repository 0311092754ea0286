"""The city's side: import a district's data package, verified, kept as an event.

A package is refused whole, with its reason in Chinese, unless its form (the JSON Schema),
its signature (HMAC-SHA256 with the city's key), its figures' hash and its sums all hold,
and the store runs the city's campaign of the package's year. A later package for the same
district and period is a restatement, kept beside the first.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from tracker.application.commands.campaigns import load_campaign
from tracker.application.packages.signing import PackageRefused, canonical, verified
from tracker.application.store import Store
from tracker.domain.errors import NotFound
from tracker.domain.package import DistrictPackage, package_id


@dataclass(frozen=True)
class ImportedPackage:
    """What an import recorded."""

    district: str
    period: str
    period_label: str
    version: int  # 1: the first package of that district and period; 2…: restatements
    sha256: str


class CityCommands:
    """Imports of district packages into a city's campaign."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def import_package(self, data: bytes, key: str | None, actor: str) -> ImportedPackage:
        """Verify ``data`` with ``key`` (TRACKER_PACKAGE_KEY) and keep it; PackageRefused if not."""
        package = verified(data, key)
        year = package["year"]
        try:
            campaign = load_campaign(self.store, year)
        except NotFound:
            raise PackageRefused(f"本系统没有 {year} 年度市级战役，请先创建") from None
        if campaign.level != "city":
            raise PackageRefused(f"本系统的 {year} 年度战役是区县战役，只有市级战役能导入数据包")
        sha256 = hashlib.sha256(canonical(package)).hexdigest()
        ident = package_id(year, package["district"], package["period"])
        if self.store.exists(ident):
            packages = self.store.load(DistrictPackage, ident, "数据包记录不存在")
            packages.restate(package, sha256, actor)
        else:
            packages = DistrictPackage.receive(package, sha256, actor)
        self.store.commit(packages, conflict="该区县同一期的数据包正由他人同时导入，请重试")
        return ImportedPackage(
            package["district"],
            package["period"],
            package["period_label"],
            len(packages.versions),
            sha256,
        )
