"""A district's data packages for one period as the city received them (市级汇总).

The first package of a district and period is ``Received``; every later one, sent after a
correction and signed off again, is ``Restated``: nothing is replaced, and the city shows
the versions side by side. The package is kept whole, exactly as verified.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid5

from tracker.domain.base import NAMESPACE, TrackerAggregate
from tracker.domain.errors import Conflict


def package_id(year: int, district: str, period: str) -> UUID:
    return uuid5(NAMESPACE, f"package:{year}:{district.strip()}:{period}")


class DistrictPackage(TrackerAggregate):
    """Every package one district sent for one period, oldest first (``versions``)."""

    class Received(TrackerAggregate.Created):
        year: int
        district: str
        period: str
        package: dict[str, Any]
        sha256: str

    class Restated(TrackerAggregate.Event):
        package: dict[str, Any]
        sha256: str

        def apply(self, packages: DistrictPackage) -> None:
            packages.versions.append(self.sha256)

    def __init__(
        self,
        year: int,
        district: str,
        period: str,
        package: dict[str, Any],
        sha256: str,
        actor: str,
    ) -> None:
        self.year, self.district, self.period = year, district, period
        #: the sha256 of each package's file, in the order received
        self.versions = [sha256]

    @classmethod
    def receive(cls, package: dict[str, Any], sha256: str, actor: str) -> DistrictPackage:
        """The first package of its district and period."""
        year, district, period = package["year"], package["district"], package["period"]
        return cls._create(
            cls.Received,
            id=package_id(year, district, period),
            year=year,
            district=district,
            period=period,
            package=package,
            sha256=sha256,
            actor=actor,
        )

    def restate(self, package: dict[str, Any], sha256: str, actor: str) -> None:
        """A later package for the same period: a restatement, kept beside the earlier ones."""
        if sha256 in self.versions:
            shown = f"{self.district}{package['period_label']}"
            raise Conflict(f"该数据包（{shown}）已导入，未重复导入")
        self.trigger_event(self.Restated, package=package, sha256=sha256, actor=actor)
