"""A data package's bytes, its signature and its checks: what the district signs, the city verifies.

The bytes are canonical (UTF-8 JSON, keys sorted, two-space indent, one final newline), so
the same package always gives the same bytes: exported, imported by the city and exported
again, it is the same file. The signature is HMAC-SHA256, keyed by ``TRACKER_PACKAGE_KEY``,
over the compact canonical JSON of everything but ``signature``; ``figures_sha256`` is the
SHA-256 of the compact canonical JSON of the totals, the projects and the restatements.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from tracker.domain.errors import InvalidValue

SCHEMA = Path(__file__).with_name("package-schema.json")
ALGORITHM = "HMAC-SHA256"
FIGURES = ("totals", "projects", "restatements")
SUMMED = ("annual_plan", "ytd_plan", "ytd_actual", "period_investment")
MIN_KEY_BYTES = 16


class PackageRefused(InvalidValue):
    """A data package refused whole: its reason, in Chinese."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"数据包未导入：{reason}", "file")


def compact(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def canonical(package: dict[str, Any]) -> bytes:
    """The package's file: the same package, the same bytes."""
    text = json.dumps(package, ensure_ascii=False, sort_keys=True, indent=2)
    return (text + "\n").encode()


def check_key(key: str | None) -> bytes:
    """The signing key, or a refusal that says how to set one."""
    if not key or len(key.encode()) < MIN_KEY_BYTES:
        raise InvalidValue(
            f"未设置数据包密钥：请把市里下发的密钥（至少{MIN_KEY_BYTES}字节）"
            "设为 TRACKER_PACKAGE_KEY"
        )
    return key.encode()


def figures_hash(package: dict[str, Any]) -> str:
    return hashlib.sha256(compact({name: package[name] for name in FIGURES})).hexdigest()


def signature(package: dict[str, Any], key: str | None) -> str:
    unsigned = {name: value for name, value in package.items() if name != "signature"}
    return hmac.new(check_key(key), compact(unsigned), hashlib.sha256).hexdigest()


def signed(package: dict[str, Any], key: str | None) -> bytes:
    """The package with its figures' hash and its signature, as canonical bytes."""
    package = {**package, "figures_sha256": figures_hash(package)}
    package["signature"] = {"algorithm": ALGORITHM, "value": signature(package, key)}
    return canonical(package)


def verified(data: bytes, key: str | None) -> dict[str, Any]:
    """The package in ``data`` if its form, signature, hash and sums hold; else PackageRefused."""
    try:
        package = json.loads(data.decode("utf-8"), parse_float=Decimal)
    except (UnicodeDecodeError, ValueError):
        raise PackageRefused("文件不是 UTF-8 编码的 JSON 数据包") from None
    if not isinstance(package, dict):
        raise PackageRefused("文件不是数据包（应为 JSON 对象）")
    if not package.get("signature"):
        raise PackageRefused("数据包没有签名，不能确认来自区县、未被改动")
    form_errors(package)
    expected = signature(package, key)
    if not hmac.compare_digest(expected, package["signature"]["value"]):
        raise PackageRefused("签名校验失败：数据包在签名后被改动，或不是用本市下发的密钥签名的")
    if package["figures_sha256"] != figures_hash(package):
        raise PackageRefused("数据指纹不符：各项目数据与签名时不同")
    check_sums(package)
    return package


def form_errors(package: dict[str, Any]) -> None:
    """Schema errors, the first named by where it is."""
    error = next(iter(sorted(validator().iter_errors(package), key=lambda e: list(e.path))), None)
    if error is not None:
        where = "/".join(str(part) for part in error.absolute_path) or "（整个文件）"
        raise PackageRefused(f"数据包格式不符（位置 {where}）：{error.message[:120]}")


@cache
def validator() -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def check_sums(package: dict[str, Any]) -> None:
    """The district's totals are the sums of its projects' figures, to the cent."""
    totals, projects = package["totals"], package["projects"]
    if totals["projects"] != len(projects):
        raise PackageRefused(f"合计项目数 {totals['projects']} 与所列项目数 {len(projects)} 不符")
    for name in SUMMED:
        summed = sum((Decimal(p[name]) for p in projects), Decimal("0.00"))
        if summed != Decimal(totals[name]):
            raise PackageRefused(f"合计的 {name} {totals[name]} 与各项目之和 {summed} 不符")
