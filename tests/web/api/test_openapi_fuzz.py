"""The API keeps to its OpenAPI document: schemathesis over every operation, at a small size.

``bench/fuzz.py`` runs the same checks with 10,000+ requests; here a few cases
per operation, mode and token keep the run to seconds.
"""

from __future__ import annotations

import pytest

from bench.fuzz import fuzz, real_ids, seed_world
from tracker.web.api.docs import ENDPOINTS

EXAMPLES = 4  # cases per operation × token × (valid, invalid) × (generated, real ids)


@pytest.fixture
def ids(campaign, frozen) -> dict[str, str]:
    """12 May 2026: a report with a problem and a 督办 on the unit's own project."""
    frozen(2026, 5, 12, 10, 0)
    return real_ids(seed_world(campaign))


def as_rule(path: str) -> str:
    """An OpenAPI path as the Flask rule it documents."""
    path = path.replace("{id}", "{order_id}").replace(".pdf", ".{fmt}").replace(".xlsx", ".{fmt}")
    return "/api/v1" + path.replace("{", "<").replace("}", ">")


def test_the_document_has_every_api_route_with_its_error_wrapper_and_201s(web) -> None:
    document = web.test_client().get("/api/v1/openapi.json").get_json()
    documented = {
        (as_rule(path), method.upper())
        for path, item in document["paths"].items()
        for method in item
    }
    routes = {
        (rule.rule, method)
        for rule in web.url_map.iter_rules()
        if rule.endpoint.startswith("api.") and rule.endpoint != "api.spec"
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert documented == routes
    assert sum(len(item) for item in document["paths"].values()) == len(ENDPOINTS) == 23
    error = document["components"]["schemas"]["Error"]
    assert error["required"] == ["error"]
    created = {(p, m) for p, item in document["paths"].items() for m, op in item.items()
               if "201" in op["responses"]}  # fmt: skip
    assert created == {
        ("/projects", "post"),
        ("/projects/{code}/reports/{period}", "put"),
        ("/projects/{code}/reports/{period}/corrections", "post"),
        ("/projects/{code}/supervisions", "post"),
    }
    accepted = {(p, m) for p, item in document["paths"].items() for m, op in item.items()
                if "202" in op["responses"]}  # fmt: skip
    assert accepted == {
        ("/reports/{period}.pdf", "get"),
        ("/reports/{period}.xlsx", "get"),
        ("/oc4ids.json", "get"),
    }
    money = document["components"]["schemas"]["Report"]["properties"]["investment"]
    assert money["type"] == "string" and money["pattern"].startswith("^[0-9]")


def test_every_operation_answers_as_documented_for_a_unit_and_the_bureau(
    web, tokens, ids, capsys
) -> None:
    fuzzers = {name: tokens[name] for name in ("unit04", "bureau")}
    tally = fuzz(web, fuzzers, ids, EXAMPLES, at=1)
    with capsys.disabled():
        print(f"\nschemathesis: {tally.line()}")
    assert tally.requests >= 400
    assert tally.statuses[200] + tally.statuses[201] >= 50  # real ids reach the views
    assert tally.server_errors == []
    assert tally.violations == []
