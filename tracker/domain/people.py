"""People as pages print them: 区城管局·张三 for a user, 系统管理员 for the command line."""

from __future__ import annotations

#: where a user of each role sits, and what to call one not yet given a name
ROLE_ORGS: dict[str, tuple[str, str]] = {
    "bureau": ("区住建局", "工作人员"),
    "viewer": ("领导/审计", "查阅人员"),
    "unit": ("责任单位", "信息员"),
}
#: what pages print for actors that are not users: the command line, the demo loader
SYSTEM_ACTORS = {"cli": "系统管理员", "demo": "系统管理员（演示数据）"}


def person(role: str, unit: str | None, display_name: str) -> str:
    """A user as pages print them: 区城管局·张三 (the unit, or the bureau, and the name)."""
    org, nobody = ROLE_ORGS.get(role, ("", "用户"))
    return f"{unit or org}·{display_name or nobody}"


def actor_shown(actor: str | None, people: dict[str, str]) -> str:
    """Who did something (an event's actor), as pages print it; ``people`` from the directory."""
    if not actor:
        return ""
    if actor in people:
        return people[actor]
    if actor == "cli" or actor.startswith("cli:"):
        return SYSTEM_ACTORS["cli"]
    return SYSTEM_ACTORS.get(actor, actor)
