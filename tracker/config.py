"""Configuration, read from the environment in this one place."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo


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
    #: where rate limits are counted: memory:// (one process) or e.g. redis://host:6379
    rate_limits: str = "memory://"
    #: the ledger's hash: sha256, or sm3 (国密, where OpenSSL 3 provides it)
    chain_hash: str = "sha256"

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
            rate_limits=env.get("TRACKER_RATE_LIMITS") or "memory://",
            chain_hash=(env.get("TRACKER_CHAIN_HASH") or "sha256").strip().lower(),
        )
