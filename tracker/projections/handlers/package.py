"""District packages the city imported: one row per package, kept whole."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.domain.package import DistrictPackage
from tracker.projections import tables
from tracker.projections.codec import json_text, utc_text
from tracker.projections.handlers import Handlers

K = tables.city_packages.c
handlers = Handlers()


@handlers.on(DistrictPackage.Received, DistrictPackage.Restated)
def received(session: Session, event: DistrictPackage.Received) -> None:
    package = event.package
    key = (K.year == package["year"], K.district == package["district"])
    query = select(func.count()).where(*key, K.period == package["period"])
    version = int(session.execute(query).scalar() or 0) + 1
    session.execute(
        tables.city_packages.insert().values(
            year=package["year"],
            district=package["district"],
            period=package["period"],
            version=version,
            sha256=event.sha256,
            package=json_text(package),
            received_at=utc_text(event.timestamp),
            received_by=event.actor,
        )
    )
