"""Configuration, read from the environment in this one place."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

OFF = ("off", "0", "no", "false")


@dataclass(frozen=True)
class Settings:
    """Everything the tracker needs to know about where it runs."""

    database_url: str
    files_dir: Path
    secret_key: str | None
    timezone: str = "Asia/Shanghai"
    var_dir: Path = Path("var")
    #: cookies only over HTTPS, HSTS: for a deployment behind TLS
    secure_cookies: bool = False
    #: reverse proxies in front (nginx: 1): their X-Forwarded-For/-Proto/-Host are believed
    proxies: int = 0
    #: where rate limits are counted: memory:// (one process) or e.g. redis://host:6379
    rate_limits: str = "memory://"
    #: the ledger's hash: sha256, or sm3 (国密, where OpenSSL 3 provides it)
    chain_hash: str = "sha256"
    #: where links in reminders point: the address people open the app at
    base_url: str = "http://127.0.0.1:5000"
    #: how e-mail reminders leave, e.g. smtp://user:pass@host:587?starttls=1 (None: no e-mail)
    smtp_url: str | None = None
    mail_from: str = "tracker@localhost"
    #: `tracker serve` runs the reminders every ``remind_minutes`` unless TRACKER_REMINDERS=off
    reminders: bool = True
    remind_minutes: int = 5
    #: the HMAC-SHA256 key of the data packages sent to (and checked by) the city
    package_key: str | None = None
    #: a 月报表 of more projects than this (or any as of a moment) is made in the background
    report_threshold: int = 300
    #: how long a page waits for a background report before it shows the progress instead
    report_wait: float = 1.5

    @property
    def zone(self) -> ZoneInfo:
        """The deployment's time zone: how pages show moments."""
        return ZoneInfo(self.timezone)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        var = Path(env.get("TRACKER_VAR_DIR", "var"))
        return cls(
            database_url=env.get("TRACKER_DATABASE_URL") or f"sqlite:///{var / 'tracker.db'}",
            files_dir=Path(env.get("TRACKER_FILES_DIR") or var / "files"),
            secret_key=env.get("TRACKER_SECRET_KEY") or None,
            timezone=env.get("TRACKER_TIMEZONE") or "Asia/Shanghai",
            var_dir=var,
            secure_cookies=env.get("TRACKER_SECURE_COOKIES", "").lower()
            in ("1", "true", "yes", "on"),
            proxies=int(env.get("TRACKER_PROXIES") or 0),
            rate_limits=env.get("TRACKER_RATE_LIMITS") or "memory://",
            chain_hash=(env.get("TRACKER_CHAIN_HASH") or "sha256").strip().lower(),
            base_url=(env.get("TRACKER_BASE_URL") or "http://127.0.0.1:5000").rstrip("/"),
            smtp_url=env.get("TRACKER_SMTP_URL") or None,
            mail_from=env.get("TRACKER_MAIL_FROM") or "tracker@localhost",
            reminders=env.get("TRACKER_REMINDERS", "").strip().lower() not in OFF,
            remind_minutes=int(env.get("TRACKER_REMIND_MINUTES") or 5),
            package_key=env.get("TRACKER_PACKAGE_KEY") or None,
            report_threshold=int(env.get("TRACKER_REPORT_THRESHOLD") or 300),
            report_wait=float(env.get("TRACKER_REPORT_WAIT") or 1.5),
        )
