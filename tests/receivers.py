"""Stand-ins for the outside world the reminders talk to, on 127.0.0.1 only.

``Robots`` is one HTTP server playing 企业微信 group robots (``/cgi-bin/webhook/send?key=…``),
钉钉 custom robots (``/robot/send?access_token=…``, checking the 加签 signature as 钉钉
does) and a generic webhook (``/hook/…``); it counts what it received and serves a page
showing the markdown messages as 企业微信 would. ``Mailbox`` is a real SMTP server (aiosmtpd).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import json
import re
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from aiosmtpd.controller import Controller

CODES = re.compile(r"CJ2026-[0-9]{3}")


@dataclass
class Received:
    """One request a robot or webhook received."""

    robot: str  # wecom | dingtalk | webhook
    key: str  # the robot's key or token, or the webhook's path
    body: dict
    headers: dict

    @property
    def content(self) -> str:
        """The message's words, whatever its msgtype."""
        if self.robot == "webhook":
            return self.body["text"]
        kind = self.body["msgtype"]
        part = self.body[kind]
        return part.get("content") or part.get("text") or ""

    @property
    def codes(self) -> set[str]:
        return set(CODES.findall(self.content))

    @property
    def mentions(self) -> list[str]:
        if self.robot == "dingtalk":
            return self.body.get("at", {}).get("atMobiles", [])
        return self.body.get("text", {}).get("mentioned_mobile_list", [])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Robots:
    """企业微信, 钉钉 and webhook receivers in one threaded HTTP server.

    ``failing`` makes a 企业微信 key answer HTTP 500 (``500``) or a reply such as
    ``{"errcode": 93000}``; ``hits`` counts every request per key, failed or not.
    ``dingtalk_secrets`` maps a 钉钉 access token to its 加签 secret.
    """

    def __init__(self) -> None:
        self.received: list[Received] = []
        self.refused: list[str] = []  # 钉钉 requests whose signature did not check
        self.dingtalk_secrets: dict[str, str] = {}
        self.failing: dict[str, int | dict] = {}
        self.hits: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler(self))
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def wecom(self, key: str) -> str:
        return f"{self.url}/cgi-bin/webhook/send?key={key}"

    def dingtalk(self, token: str, secret: str) -> str:
        self.dingtalk_secrets[token] = secret
        return f"{self.url}/robot/send?access_token={token}"

    def of(self, key: str) -> list[Received]:
        return [r for r in self.received if r.key == key]

    def keys(self) -> list[str]:
        return [r.key for r in self.received]

    def answer(self, path: str, body: dict, headers: dict) -> tuple[int, dict]:
        parts = urlsplit(path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        if parts.path == "/cgi-bin/webhook/send":
            key = query.get("key", "")
            with self.lock:
                self.hits[key] += 1
            failing = self.failing.get(key)
            if failing == 500:
                return 500, {}
            if isinstance(failing, dict):
                return 200, failing
            self.record(Received("wecom", key, body, headers))
            return 200, {"errcode": 0, "errmsg": "ok"}
        if parts.path == "/robot/send":
            token = query.get("access_token", "")
            if not self.signature_holds(token, query):
                self.refused.append(token)
                return 200, {"errcode": 310000, "errmsg": "sign not match"}
            self.record(Received("dingtalk", token, body, headers))
            return 200, {"errcode": 0, "errmsg": "ok"}
        if parts.path.startswith("/hook/"):
            self.record(Received("webhook", parts.path.removeprefix("/hook/"), body, headers))
            return 200, {}
        return 404, {}

    def signature_holds(self, token: str, query: dict[str, str]) -> bool:
        """What 钉钉 checks: the timestamp within an hour, the HMAC-SHA256 of it and the secret."""
        secret = self.dingtalk_secrets.get(token)
        if secret is None:
            return "sign" not in query
        stamp, sign = query.get("timestamp", ""), query.get("sign", "")
        if not stamp.isdigit() or abs(int(stamp) - time.time() * 1000) > 3_600_000:
            return False
        mac = hmac.new(secret.encode(), f"{stamp}\n{secret}".encode(), hashlib.sha256)
        return hmac.compare_digest(base64.b64encode(mac.digest()).decode(), sign)

    def record(self, received: Received) -> None:
        with self.lock:
            self.received.append(received)

    def page(self, key: str | None = None) -> str:
        """The messages a robot (``key``; None: any) received, drawn as 企业微信 shows them."""
        cards = []
        for r in self.received if key is None else self.of(key):
            if r.robot == "wecom" and r.body.get("msgtype") == "markdown":
                cards.append(
                    f'<div class="msg"><div class="who">城建提醒机器人</div>'
                    f'<div class="bubble">{render_markdown(r.content)}</div></div>'
                )
            elif r.robot == "wecom":
                at = " ".join(f"@{m}" for m in r.mentions)
                text = html.escape(r.content).replace("\n", "<br>")
                cards.append(
                    f'<div class="msg"><div class="who">城建提醒机器人</div>'
                    f'<div class="bubble">{text}<p class="at">{at}</p></div></div>'
                )
        return PAGE.format(cards="\n".join(cards))

    def __enter__(self) -> Robots:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def handler(robots: Robots) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            size = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(size) or b"{}")
            status, reply = robots.answer(self.path, body, dict(self.headers))
            data = json.dumps(reply).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:  # noqa: N802
            key = parse_qs(urlsplit(self.path).query).get("key", [None])[0]
            data = robots.page(key).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


# -- the 企业微信 markdown subset, drawn ----------------------------------------------

COLOURS = {"info": "#06ad56", "comment": "#888888", "warning": "#fa9d3b"}


def render_markdown(text: str) -> str:
    """Headings, bold, ``<font color>``, quotes and links: what 企业微信 markdown supports."""
    out = []
    for line in text.split("\n"):
        escaped = html.escape(line, quote=False)
        escaped = re.sub(
            r'&lt;font color="(info|comment|warning)"&gt;(.*?)&lt;/font&gt;',
            lambda m: f'<span style="color:{COLOURS[m[1]]}">{m[2]}</span>',
            escaped,
        )
        escaped = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", escaped)
        escaped = re.sub(r"\[(.+?)\]\((.+?)\)", r'<a href="\2">\1</a>', escaped)
        if heading := re.match(r"(#{1,6}) (.*)", escaped):
            level = len(heading[1])
            out.append(f"<h{level}>{heading[2]}</h{level}>")
        elif escaped.startswith("&gt; "):
            out.append(f'<div class="quote">{escaped[5:]}</div>')
        elif escaped:
            out.append(f"<p>{escaped}</p>")
    return "\n".join(out)


PAGE = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>企业微信群</title>
<style>
body {{ margin: 0; background: #ededed; font-family: "Noto Sans CJK SC", sans-serif; }}
header {{ background: #f7f7f7; border-bottom: 1px solid #ddd; padding: 12px; text-align: center;
  font-weight: bold; }}
.msg {{ margin: 16px 12px; max-width: 560px; }}
.who {{ color: #888; font-size: 12px; margin: 0 0 4px 4px; }}
.bubble {{ background: #fff; border-radius: 6px; padding: 10px 14px; line-height: 1.6;
  font-size: 14px; box-shadow: 0 1px 1px rgba(0,0,0,.06); }}
.bubble h3 {{ font-size: 16px; margin: 4px 0; }}
.bubble h4 {{ font-size: 15px; margin: 6px 0 2px; }} .bubble p {{ margin: 4px 0; }}
.quote {{ color: #666; border-left: 3px solid #ddd; padding-left: 8px; }}
.bubble a {{ color: #576b95; text-decoration: none; }} .at {{ color: #576b95; }}
</style></head><body><header>城建战役工作群（企业微信）</header>
{cards}
</body></html>"""


# -- e-mail ------------------------------------------------------------------------


class Mailbox:
    """An SMTP server on 127.0.0.1 keeping every message it was handed."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802
        mail = message_from_bytes(envelope.original_content, policy=policy.default)
        self.messages.append(mail)  # type: ignore[arg-type]
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]

    def __enter__(self) -> Mailbox:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()


# -- fixtures (import them into a conftest) ----------------------------------------


@pytest.fixture
def robots() -> Iterator[Robots]:
    with Robots() as robots:
        yield robots


@pytest.fixture(scope="session")
def smtp_server() -> Iterator[Mailbox]:
    with Mailbox() as mailbox:
        yield mailbox


@pytest.fixture
def mailbox(smtp_server: Mailbox) -> Mailbox:
    """The session's SMTP server, emptied for this test."""
    smtp_server.messages.clear()
    return smtp_server
