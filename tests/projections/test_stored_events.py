"""Events are a public contract: an event stored long ago must still decode."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from eventsourcing.persistence import StoredEvent

from tracker.application.app import TrackerApp
from tracker.domain.base import project_id

# Written by hand in the stored format of the first release. If a change to
# Project.Registered breaks this, add class_version and an upcaster instead.
REGISTERED_V1 = (
    '{"timestamp":{"_type_":"datetime_iso","_data_":"2026-01-05T09:00:00+08:00"},'
    '"originator_topic":"tracker.domain.project:Project","actor":"cli:root",'
    '"campaign_year":2026,"spec":{"code":"OLD-001","name":"旧项目","category":"城市绿化",'
    '"unit":"区城管局","nature":"continuing",'
    '"total_investment":{"_type_":"decimal_str","_data_":"100.00"},'
    '"annual_plan":{"_type_":"decimal_str","_data_":"12.00"},'
    '"monthly_plan":[' + ",".join(['{"_type_":"decimal_str","_data_":"1.00"}'] * 12) + "],"
    '"planned_start":{"_type_":"date_iso","_data_":"2025-03-01"},'
    '"planned_completion":{"_type_":"date_iso","_data_":"2027-06-30"},'
    '"scope":"","manager":"张三","reporter":"李四","phone":"","pilot":true,"remark":""}}'
)
REPORT_V1 = (
    '{"timestamp":{"_type_":"datetime_iso","_data_":"2026-01-13T10:00:00+08:00"},'
    '"actor":"unit01","period":"2026-01-H1",'
    '"investment":{"_type_":"decimal_str","_data_":"0.50"},"progress":"基础施工",'
    '"progress_pct":null,"started_on":null,"completed_on":null,"attachments":[],'
    '"received_at":{"_type_":"datetime_iso","_data_":"2026-01-13T10:00:00+08:00"}}'
)


def test_a_hand_written_stored_registration_and_report_decode_into_a_project(
    app: TrackerApp,
) -> None:
    ident = project_id("OLD-001")
    app.store.recorder.insert_events(
        [
            StoredEvent(
                ident, 1, "tracker.domain.project:Project.Registered", REGISTERED_V1.encode()
            ),
            StoredEvent(
                ident, 2, "tracker.domain.project:Project.ReportSubmitted", REPORT_V1.encode()
            ),
        ]
    )

    project = app.projects.load("OLD-001")

    assert project.name == "旧项目"
    assert project.annual_plan == Decimal("12.00")
    assert project.monthly_plan == [Decimal("1.00")] * 12
    assert project.planned_start == date(2025, 3, 1)
    assert project.pilot is True
    assert project.national_code == ""  # 项目代码 came later: an old registration has none
    assert project.reports["2026-01-H1"][0]["investment"] == Decimal("0.50")
    assert project.reports["2026-01-H1"][0]["actor"] == "unit01"
    assert [row.kind for row in app.history.project("OLD-001")] == ["Registered", "ReportSubmitted"]


# A campaign created before it had a level (city campaigns came with issue 16).
CAMPAIGN_V1 = (
    '{"timestamp":{"_type_":"datetime_iso","_data_":"2026-01-05T09:00:00+08:00"},'
    '"originator_topic":"tracker.domain.campaign:Campaign","actor":"cli:root","year":2026,'
    '"district":"某区","target":{"_type_":"decimal_str","_data_":"350000.00"},'
    '"due_days":[14,28],"timezone":"Asia/Shanghai"}'
)


def test_a_campaign_stored_before_levels_decodes_as_a_district_campaign(app: TrackerApp) -> None:
    from tracker.application.commands.campaigns import load_campaign
    from tracker.domain.base import campaign_id

    topic = "tracker.domain.campaign:Campaign.Created"
    app.store.recorder.insert_events(
        [StoredEvent(campaign_id(2026), 1, topic, CAMPAIGN_V1.encode())]
    )

    campaign = load_campaign(app.store, 2026)

    assert (campaign.district, campaign.level) == ("某区", "district")


# A plan revision as stored before the 形象进度计划 was part of the plan (class version 1).
PLAN_REVISED_V1 = (
    '{"timestamp":{"_type_":"datetime_iso","_data_":"2026-02-01T09:00:00+08:00"},'
    '"actor":"bureau","annual_plan":{"_type_":"decimal_str","_data_":"24.00"},'
    '"monthly_plan":[' + ",".join(['{"_type_":"decimal_str","_data_":"2.00"}'] * 12) + "],"
    '"reason":"调增计划"}'
)


def test_an_old_plan_revision_decodes_keeping_the_progress_plan_and_an_old_project_has_none(
    app: TrackerApp,
) -> None:
    ident = project_id("OLD-001")
    app.store.recorder.insert_events(
        [
            StoredEvent(
                ident, 1, "tracker.domain.project:Project.Registered", REGISTERED_V1.encode()
            ),
            StoredEvent(
                ident, 2, "tracker.domain.project:Project.PlanRevised", PLAN_REVISED_V1.encode()
            ),
        ]
    )

    project = app.projects.load("OLD-001")
    revised = app.store.events_of(ident)[-1]

    assert project.annual_plan == Decimal("24.00") and project.progress_plan == []
    assert revised.progress_plan is None  # upcast from version 1: the revision kept it
    assert list(project.milestones) == []
