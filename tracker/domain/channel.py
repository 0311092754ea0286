"""提醒渠道: where a unit's or the bureau's notices are delivered, kept as events.

A channel is known by its owner, kind and target, so adding the same one twice
collides instead of sending everything twice. Its secret (钉钉 加签, or the key a
generic webhook signs with) is kept to sign messages and never shown again.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit
from uuid import UUID, uuid5

from tracker.domain.base import NAMESPACE, TrackerAggregate
from tracker.domain.errors import Conflict, InvalidValue, RuleViolation
from tracker.domain.text import clean_text

KINDS = ("wecom", "dingtalk", "email", "webhook")
_ADDRESS = re.compile(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+")
#: the query parameter a robot's address must carry, and how it is written
ROBOTS = {
    "wecom": ("key", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…"),
    "dingtalk": ("access_token", "https://oapi.dingtalk.com/robot/send?access_token=…"),
}


def channel_id(unit: str | None, kind: str, target: str) -> UUID:
    return uuid5(NAMESPACE, f"channel:{unit or ''}:{kind}:{target.strip()}")


def check_target(kind: str, target: str, secret: str) -> None:
    """The target fits the kind: a robot's webhook address, a URL, or an e-mail address."""
    if kind not in KINDS:
        raise InvalidValue(f"渠道类型“{kind[:20]}”不存在，可选：{'、'.join(KINDS)}", "kind")
    if not target or len(target) > 500:
        raise InvalidValue("请填写渠道地址（最多500字）", "address")
    clean_text(target, "address")
    clean_text(secret, "secret")
    if kind == "email":
        if not _ADDRESS.fullmatch(target):
            raise InvalidValue(f"“{target[:60]}”不是有效的电子邮件地址", "address")
        if secret:
            raise InvalidValue("电子邮件渠道不需要密钥", "secret")
        return
    parts = urlsplit(target)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InvalidValue("地址须以 http:// 或 https:// 开头", "address")
    if kind in ROBOTS:
        param, example = ROBOTS[kind]
        if not parse_qs(parts.query).get(param):
            raise InvalidValue(f"群机器人地址应形如 {example}", "address")
    if kind == "wecom" and secret:
        raise InvalidValue("企业微信群机器人不需要密钥", "secret")


class Channel(TrackerAggregate):
    """One delivery channel of a unit (``unit``) or of the bureau (``unit`` None)."""

    class Added(TrackerAggregate.Created):
        unit: str | None
        kind: str
        target: str
        secret: str

    class Removed(TrackerAggregate.Event):
        def apply(self, channel: Channel) -> None:
            channel.active = False

    class Restored(TrackerAggregate.Event):
        """Added again after it was removed, perhaps with a new secret."""

        secret: str

        def apply(self, channel: Channel) -> None:
            channel.active, channel.secret = True, self.secret

    class Tested(TrackerAggregate.Event):
        """A test message was sent: ``error`` is "" when it arrived."""

        error: str

    def __init__(self, unit: str | None, kind: str, target: str, secret: str, actor: str) -> None:
        #: the unit whose notices it carries; None: the bureau's
        self.unit = unit
        #: wecom | dingtalk | email | webhook
        self.kind = kind
        #: the robot's or webhook's address, or the e-mail address
        self.target = target
        #: what messages are signed with (钉钉 加签); "" when there is none
        self.secret = secret
        self.active = True

    @classmethod
    def add(cls, unit: str | None, kind: str, target: str, secret: str, actor: str) -> Channel:
        target, secret = target.strip(), secret.strip()
        check_target(kind, target, secret)
        return cls._create(
            cls.Added,
            id=channel_id(unit, kind, target),
            unit=unit,
            kind=kind,
            target=target,
            secret=secret,
            actor=actor,
        )

    def restore(self, secret: str, actor: str) -> None:
        if self.active:
            raise Conflict("该渠道已存在")
        check_target(self.kind, self.target, secret.strip())
        self.trigger_event(self.Restored, secret=secret.strip(), actor=actor)

    def remove(self, actor: str) -> None:
        if not self.active:
            raise RuleViolation("该渠道已删除")
        self.trigger_event(self.Removed, actor=actor)

    def tested(self, error: str, actor: str) -> None:
        self.trigger_event(self.Tested, error=error, actor=actor)
