"""消息: each user reads the notices to their unit (or the bureau's), with the unread count in
the menu; the unit home shows the 督办 awaiting an answer and what is due."""

from __future__ import annotations

import re
from datetime import date

from tests.web.conftest import OTHER, OWN


def page_of(response) -> str:
    return response.get_data(as_text=True)


def unread(page: str) -> int:
    found = re.search(r'class="inbox">消息 <span class="badge"[^>]*>(\d+)</span>', page)
    return int(found[1]) if found else 0


def test_a_unit_reads_its_own_notices_newest_first_and_opening_marks_them_read(
    signed_in, campaign, frozen
) -> None:
    frozen(2026, 1, 6, 10, 0)
    campaign.supervisions.issue(OWN, "请说明征地进展", date(2026, 1, 20), "bureau")
    campaign.reminders.run()
    frozen(2026, 1, 11, 9, 0)
    campaign.reminders.run()
    unit = signed_in("unit04")

    home = page_of(unit.get("/unit"))
    inbox = page_of(unit.get("/inbox"))
    after = page_of(unit.get("/unit"))

    assert unread(home) == 2 and unread(after) == 0
    titles = re.findall(r"<h2>(?:<span class=\"badge\">新</span> )?(.*?)</h2>", inbox)
    assert titles == ["第1期（1月上半月）半月报还有3天截止", "新督办：滨江公园二期"]
    assert inbox.count('<span class="badge">新</span>') == 2
    assert 'href="/unit/periods/2026-01-H1">去填报</a>' in inbox
    assert f'href="/projects/{OWN}">去答复</a>' in inbox
    assert "区交通局" not in inbox  # another unit's notices stay theirs
    assert '<span class="badge">新</span>' not in page_of(unit.get("/inbox"))


def test_the_bureau_and_viewers_read_the_bureaus_notices_each_with_their_own_mark(
    signed_in, campaign, frozen
) -> None:
    frozen(2026, 1, 15, 9, 0)  # the morning after 第1期: everyone missed it
    campaign.reminders.run()
    bureau, viewer = signed_in("bureau"), signed_in("viewer")

    inbox = page_of(bureau.get("/inbox"))

    assert (
        "第1期（1月上半月）未报汇总" in inbox
        and "截至1月14日24时，14个单位的39个项目未报送" in inbox
    )
    assert 'href="/bureau/status/2026-01-H1">查看报送情况</a>' in inbox
    assert "半月报未按时报送" not in inbox  # the units' own notices are theirs
    assert unread(page_of(bureau.get("/bureau"))) == 0
    assert unread(page_of(viewer.get("/bureau"))) == 1


def test_every_link_in_a_notice_opens_a_page_its_reader_may_see(signed_in, campaign, frozen):
    frozen(2026, 1, 6, 10, 0)
    order = str(campaign.supervisions.issue(OWN, "请说明", date(2026, 1, 9), "bureau"))
    campaign.supervisions.issue(OTHER, "请说明", date(2026, 1, 9), "bureau")
    campaign.reminders.run()
    campaign.supervisions.answer(order, "已办", "unit04")
    frozen(2026, 1, 15, 9, 0)
    campaign.reminders.run()

    for user, unit in (("unit04", "区城管局"), ("bureau", None)):
        client = signed_in(user)
        links = {s.link for n in campaign.notices.inbox(user, unit) for s in n.sections}
        assert len(links) >= 2
        for link in links:
            assert client.get(link).status_code == 200, (user, link)


def test_the_unit_home_shows_the_supervisions_awaiting_an_answer_and_what_is_due(
    signed_in, campaign, frozen
) -> None:
    frozen(2026, 1, 6, 10, 0)
    answered = str(campaign.supervisions.issue(OWN, "甲：请说明征地", date(2026, 1, 9), "bureau"))
    campaign.supervisions.issue(OWN, "乙：请说明施工许可", date(2026, 1, 7), "bureau")
    campaign.supervisions.answer(answered, "已办", "unit04")
    frozen(2026, 1, 8, 10, 0)

    page = page_of(signed_in("unit04").get("/unit"))
    todo = page.split('id="todo"')[1].split("</section>")[0]

    assert "第1期（1月上半月）还有 5 个项目待报，1月14日24时截止" in todo
    assert "乙：请说明施工许可" in todo and "期限 1月7日" in todo and "逾期" in todo
    assert "甲：请说明征地" not in todo  # answered: it waits for the bureau now
