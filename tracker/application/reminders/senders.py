"""Delivering a message: 企业微信 and 钉钉 group robots, e-mail over SMTP, a generic webhook.

Each sender either returns (the message arrived) or raises ``DeliveryFailed``
with a Chinese reason that the bureau's page shows. Only the standard library
talks to the network here (urllib, smtplib), with a timeout on every call.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import smtplib
import ssl
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any
from urllib.parse import parse_qs, quote_plus, unquote, urlsplit

from tracker.application.reminders.messages import APP, Message, fitted, markdown, payload, text

#: what the robots take at most, in bytes of UTF-8
WECOM_MARKDOWN, WECOM_TEXT, DINGTALK_MARKDOWN = 4096, 2048, 5000


class DeliveryFailed(Exception):
    """The message did not arrive; the text says why, in Chinese."""


@dataclass(frozen=True)
class Outbound:
    """Where the links in messages point and how e-mail leaves (from the settings)."""

    base_url: str = "http://127.0.0.1:5000"
    smtp_url: str | None = None
    mail_from: str = "tracker@localhost"
    timeout: float = 10.0


@dataclass(frozen=True)
class Target:
    """A channel as a sender needs it, secret included (never shown on a page)."""

    id: str
    kind: str
    target: str
    secret: str


class Senders:
    """Sends a message to a channel of any kind."""

    def __init__(self, outbound: Outbound) -> None:
        self.outbound = outbound

    def send(self, target: Target, message: Message) -> None:
        kinds = {
            "wecom": self.wecom,
            "dingtalk": self.dingtalk,
            "email": self.email,
            "webhook": self.webhook,
        }
        kinds[target.kind](target, message)

    def wecom(self, target: Target, message: Message) -> None:
        """Markdown; a message that mentions 信息员 goes as text (markdown cannot mention)."""
        base = self.outbound.base_url
        if message.mentions:
            content = fitted(message, lambda m: text(m, base), WECOM_TEXT)
            mentions = list(message.mentions)
            body = {
                "msgtype": "text",
                "text": {"content": content, "mentioned_mobile_list": mentions},
            }
        else:
            content = fitted(message, lambda m: markdown(m, base), WECOM_MARKDOWN)
            body = {"msgtype": "markdown", "markdown": {"content": content}}
        robot_answer("企业微信", self.post(target.target, body))

    def dingtalk(self, target: Target, message: Message) -> None:
        """Markdown with ``at.atMobiles``; signed (加签) when the robot has a secret."""
        base = self.outbound.base_url
        content = fitted(message, lambda m: markdown(m, base), DINGTALK_MARKDOWN)
        if message.mentions:
            content += "\n\n" + " ".join(f"@{mobile}" for mobile in message.mentions)
        body = {
            "msgtype": "markdown",
            "markdown": {"title": message.title, "text": content},
            "at": {"atMobiles": list(message.mentions), "isAtAll": False},
        }
        address = signed(target.target, target.secret) if target.secret else target.target
        robot_answer("钉钉", self.post(address, body))

    def webhook(self, target: Target, message: Message) -> None:
        """JSON; with a secret, ``X-Tracker-Signature: sha256=<HMAC of the body>``."""
        body = json.dumps(payload(message, self.outbound.base_url), ensure_ascii=False).encode()
        headers = {}
        if target.secret:
            digest = hmac.new(target.secret.encode(), body, hashlib.sha256).hexdigest()
            headers["X-Tracker-Signature"] = f"sha256={digest}"
        post(target.target, body, headers, self.outbound.timeout)

    def email(self, target: Target, message: Message) -> None:
        server = smtp_server(self.outbound.smtp_url)
        mail = EmailMessage()
        mail["Subject"] = f"【{APP}】{message.title}"
        mail["From"] = self.outbound.mail_from
        mail["To"] = target.target
        mail["Date"] = formatdate(localtime=True)
        mail["Message-ID"] = make_msgid(domain=server.host)
        mail.set_content(text(message, self.outbound.base_url))
        server.send(mail, self.outbound.timeout)

    def post(self, url: str, body: dict[str, Any]) -> bytes:
        data = json.dumps(body, ensure_ascii=False).encode()
        return post(url, data, {}, self.outbound.timeout)


def post(url: str, body: bytes, headers: dict[str, str], timeout: float) -> bytes:
    """POST JSON; anything but a 2xx answer is a failure named by its status or reason."""
    kind = {"Content-Type": "application/json; charset=utf-8", "User-Agent": "tracker-reminders"}
    request = urllib.request.Request(url, data=body, headers={**kind, **headers}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return bytes(response.read(65536))
    except urllib.error.HTTPError as error:
        raise DeliveryFailed(f"对方返回 HTTP {error.code}") from None
    except urllib.error.URLError as error:
        raise DeliveryFailed(f"连接失败：{error.reason}") from None
    except (OSError, TimeoutError) as error:
        raise DeliveryFailed(f"连接失败：{error}") from None


def robot_answer(robot: str, answer: bytes) -> None:
    """A robot's reply ``{"errcode": 0, …}``; any other code is a failure."""
    try:
        reply = json.loads(answer or b"{}")
    except ValueError:
        raise DeliveryFailed(f"{robot}返回了无法识别的内容") from None
    code = reply.get("errcode", 0) if isinstance(reply, dict) else None
    if code != 0:
        raise DeliveryFailed(f"{robot}返回错误 {code}：{reply.get('errmsg', '')}")


def dingtalk_sign(secret: str, timestamp: str) -> str:
    """钉钉 加签: base64(HMAC-SHA256(key=secret, msg="{timestamp}\\n{secret}"))."""
    digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256)
    return base64.b64encode(digest.digest()).decode()


def signed(url: str, secret: str, timestamp: str | None = None) -> str:
    """The robot's address with ``timestamp`` (ms, the real time: 钉钉 checks it) and ``sign``."""
    stamp = timestamp or str(round(time.time() * 1000))
    separator = "&" if urlsplit(url).query else "?"
    return f"{url}{separator}timestamp={stamp}&sign={quote_plus(dingtalk_sign(secret, stamp))}"


@dataclass(frozen=True)
class SmtpServer:
    """``smtp://user:pass@host:587?starttls=1`` or ``smtps://…:465`` (TRACKER_SMTP_URL)."""

    host: str
    port: int
    user: str
    password: str
    tls: bool  # smtps: TLS from the start
    starttls: bool

    def send(self, mail: EmailMessage, timeout: float) -> None:
        try:
            if self.tls:
                context = ssl.create_default_context()
                client = smtplib.SMTP_SSL(self.host, self.port, timeout=timeout, context=context)
            else:
                client = smtplib.SMTP(self.host, self.port, timeout=timeout)
            with client:
                if self.starttls:
                    client.starttls(context=ssl.create_default_context())
                if self.user:
                    client.login(self.user, self.password)
                client.send_message(mail)
        except (smtplib.SMTPException, OSError) as error:
            raise DeliveryFailed(f"邮件发送失败：{error}") from None


def smtp_server(url: str | None) -> SmtpServer:
    if not url:
        raise DeliveryFailed("未配置邮件服务器（TRACKER_SMTP_URL）")
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise DeliveryFailed("TRACKER_SMTP_URL 应形如 smtp://user:pass@host:587?starttls=1")
    options = parse_qs(parts.query)
    return SmtpServer(
        host=parts.hostname,
        port=parts.port or (465 if parts.scheme == "smtps" else 25),
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        tls=parts.scheme == "smtps",
        starttls=options.get("starttls", ["0"])[0].lower() in ("1", "true", "yes", "on"),
    )
