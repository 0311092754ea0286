"""Fixed vocabularies of the campaign: the ten categories, natures, statuses."""

from __future__ import annotations

CATEGORIES: tuple[str, ...] = (
    "城市规划编制和实施",
    "城市绿化",
    "城乡景观风貌整治",
    "城市综合交通",
    "污水处理及水环境整治",
    "供水、供气设施建设",
    "垃圾处理",
    "架空缆线下地",
    "数字城管系统建设",
    "城市综合体",
)

# 建设性质: the Chinese label as written in files and pages -> code name.
NATURES: dict[str, str] = {"在建": "continuing", "新开工": "new_start"}
NATURE_LABELS: dict[str, str] = {code: label for label, code in NATURES.items()}

STATUS_LABELS: dict[str, str] = {
    "active": "在建",
    "completed": "已竣工",
    "withdrawn": "已撤销",
}

ROLES: dict[str, str] = {"bureau": "建设局", "unit": "责任单位", "viewer": "领导/审计"}
