"""One content-addressed store for every file kept: attachments, issued reports, staged lists.

A file is kept once under its sha256 as ``root/ab/cdef…``; it is written beside
its place, then renamed into it, so a reader sees the whole file or none.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from pathlib import Path

from tracker.domain.errors import NotFound

FILE_MODE = 0o640
DIR_MODE = 0o750
HASH = re.compile(r"[0-9a-f]{64}")


class FileStore:
    """Files under ``root`` by their sha256."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)  # made when the first file is kept

    def put(self, data: bytes) -> str:
        """Keep ``data`` (once) and return its sha256."""
        sha256 = hashlib.sha256(data).hexdigest()
        target = self.where(sha256)
        if not (target.is_file() and target.stat().st_size == len(data)):
            write_atomically(target, data)
        return sha256

    def path(self, sha256: str, missing: str = "文件不存在") -> Path:
        """Where a kept file is; NotFound for an unknown or malformed hash."""
        if not isinstance(sha256, str) or not HASH.fullmatch(sha256):
            raise NotFound(missing)
        target = self.where(sha256)
        if not target.is_file():
            raise NotFound(missing)
        return target

    def read(self, sha256: str, missing: str = "文件不存在") -> bytes:
        return self.path(sha256, missing).read_bytes()

    def remove(self, sha256: str) -> None:
        if HASH.fullmatch(sha256):
            self.where(sha256).unlink(missing_ok=True)

    def where(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:]

    def within(self, folder: str) -> FileStore:
        """A store of its own in a subfolder, e.g. for lists awaiting confirmation."""
        return FileStore(self.root / folder)


def write_atomically(target: Path, data: bytes) -> None:
    """Write beside the target, then rename: a reader sees the whole file or none."""
    target.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".keep-")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temp, FILE_MODE)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
