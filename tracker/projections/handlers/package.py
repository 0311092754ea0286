"""District packages the city imported: one row per package, kept whole."""

from __future__ import annotations

from tracker.domain.package import DistrictPackage
from tracker.projections import tables
from tracker.projections.codec import json_text, utc_text
from tracker.projections.handlers import Handlers
from tracker.projections.rows import Rows

handlers = Handlers()


@handlers.on(DistrictPackage.Received, DistrictPackage.Restated)
def received(rows: Rows, event: DistrictPackage.Received) -> None:
    package = event.package
    key = {name: package[name] for name in ("year", "district", "period")}
    version = len(rows.select(tables.city_packages, **key)) + 1
    rows.insert(
        tables.city_packages,
        **key,
        version=version,
        sha256=event.sha256,
        package=json_text(package),
        received_at=utc_text(event.timestamp),
        received_by=event.actor,
    )
