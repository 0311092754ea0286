"""libcoveoc4ids, offline: the OC4IDS 0.9.5 schema and codelists vendored in ../shared/standards.

libcoveoc4ids fetches its schema and codelists over HTTP; here the schema host is the vendored
folder (libcove opens local paths itself), the codelists are read from its CSV files, and any
HTTP request fails the test instead of reaching the network.
"""

from __future__ import annotations

import csv
from functools import cached_property
from pathlib import Path
from typing import Any

import pytest

STANDARD = Path(__file__).resolve().parents[2] / "shared" / "standards" / "oc4ids-0.9.5"


def vendored_schema() -> Any:
    """libcoveoc4ids' schema object reading only the vendored files."""
    from libcoveoc4ids.config import LibCoveOC4IDSConfig
    from libcoveoc4ids.schema import SchemaOC4IDS

    if not STANDARD.is_dir():
        pytest.fail(f"the vendored OC4IDS schema is missing: {STANDARD}")
    host = f"{STANDARD}/"

    class Vendored(SchemaOC4IDS):  # type: ignore[misc]
        @cached_property
        def schema_str(self) -> str:
            return (STANDARD / "project-schema.json").read_text(encoding="utf-8")

        def process_codelists(self) -> None:
            from libcove.lib.common import get_schema_codelist_paths

            self.core_codelist_schema_paths = get_schema_codelist_paths(self, use_extensions=False)
            self.extended_codelist_schema_paths = get_schema_codelist_paths(
                self, use_extensions=True
            )
            files = {paths[0] for paths in self.core_codelist_schema_paths.values()}
            self.core_codelists = {name: codelist(name) for name in files}
            self.extended_codelists = dict(self.core_codelists)

    config = LibCoveOC4IDSConfig({"schema_host": host, "schema_codelists": {"0.9": host}})
    return Vendored(config)


def codelist(name: str) -> dict[str, str]:
    with (STANDARD / "codelists" / name).open(encoding="utf-8") as rows:
        return {row["Code"]: row["Title"] for row in csv.DictReader(rows)}


def cove(package: dict[str, Any], monkeypatch: pytest.MonkeyPatch, folder: Path) -> dict[str, Any]:
    """libcoveoc4ids' report on ``package``: validation errors, codelist values, checks."""
    import requests
    from libcove.lib import common
    from libcoveoc4ids.common_checks import common_checks_oc4ids

    def refuse(url: str, *args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"libcoveoc4ids tried the network: {url}")

    monkeypatch.setattr(requests, "get", refuse)
    common.load_core_codelists.cache_clear()
    return common_checks_oc4ids(  # type: ignore[no-any-return]
        {"file_type": "json"}, str(folder), package, vendored_schema(), cache=False
    )
