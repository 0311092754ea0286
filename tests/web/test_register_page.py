"""项目清单 a page at a time: category order, the count and sum of all, the filter in the URL."""

from __future__ import annotations

import re

from tracker.domain.catalog import CATEGORIES


def codes_on(page: str) -> list[str]:
    return re.findall(r'<td data-label="编号">([\w-]+)</td>', page)


def test_the_register_is_paged_in_category_order_with_the_totals_of_all(signed_in, campaign):
    everyone = sorted(
        campaign.register.projects(2026), key=lambda r: (CATEGORIES.index(r.category), r.code)
    )
    client = signed_in("viewer")
    page = client.get("/projects").get_data(as_text=True)
    assert codes_on(page) == [r.code for r in everyone]  # 39: one page
    total = sum(r.annual_plan for r in everyone)
    assert f"共 {len(everyone)} 个项目，年度计划投资合计 <strong>{total:,}</strong>" in page
    assert client.get("/projects?page=2").status_code == 404
    assert client.get("/projects?category=没有的类别").status_code == 404

    category = everyone[-1].category
    only = client.get(f"/projects?category={category}").get_data(as_text=True)
    assert codes_on(only) == [r.code for r in everyone if r.category == category]

    some = campaign.register.page(2026, offset=10, limit=7)
    assert [r.code for r in some.rows] == [r.code for r in everyone[10:17]]
    assert (some.total, some.annual_plan) == (len(everyone), total)

    unit = signed_in("unit04").get("/projects").get_data(as_text=True)
    own = [r.code for r in everyone if r.unit == "区城管局"]
    assert own and codes_on(unit) == own
