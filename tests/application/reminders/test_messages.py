"""What the robots are sent: the 钉钉 signature, keys cut short, long digests cut to size.

No storage and no network: the senders' and messages' pure parts.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from urllib.parse import parse_qs, quote_plus, urlsplit

from tracker.application.queries.notices import masked
from tracker.application.reminders.messages import Message, fitted, markdown
from tracker.application.reminders.senders import signed


def test_the_dingtalk_signature_is_the_hmac_of_the_timestamp_and_the_secret() -> None:
    robot = "https://oapi.dingtalk.com/robot/send?access_token=abc"
    url = signed(robot, "SECxyz", "1700000000000")
    query = parse_qs(urlsplit(url).query)
    digest = hmac.new(b"SECxyz", b"1700000000000\nSECxyz", hashlib.sha256).digest()
    sign = base64.b64encode(digest).decode()
    assert query["access_token"] == ["abc"] and query["timestamp"] == ["1700000000000"]
    assert url.endswith(f"&sign={quote_plus(sign)}")  # base64's +, / and = travel encoded


def test_a_robots_key_is_cut_short_wherever_a_channel_is_shown() -> None:
    url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4"
    assert masked(url) == "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a…"
    assert masked("jsj@example.org") == "jsj@example.org"


def test_a_long_digest_is_cut_to_what_the_robot_takes_saying_how_long_it_was() -> None:
    lines = [f"CJ2026-{n:03d} 某某道路改造工程第{n}标段" for n in range(400)]
    section = {
        "key": "k", "rule": "missing_digest", "heading": "第23期未报汇总", "intro": "…",
        "lines": lines, "link": "/bureau/status/2026-12-H1", "action": "查看报送情况",
    }  # fmt: skip
    message = Message(None, "第23期未报汇总", (section,))

    shown = fitted(message, lambda m: markdown(m, "http://x"), 4096)

    assert len(shown.encode()) <= 4096
    assert "……共400项，详见链接" in shown
    assert "[查看报送情况](http://x/bureau/status/2026-12-H1)" in shown
