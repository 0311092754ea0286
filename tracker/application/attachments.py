"""Attachments: uploaded files checked by their content and kept by their sha256.

The web layer and the API hand over the raw bytes and the client's file name.
Neither the name nor the client's Content-Type is trusted: the type comes from
the bytes, and the name is cleaned and given the extension of that type.
Pictures are held to the limits of ``images``: a pixel cap, whole files only,
thumbnails made in little memory and at most two at a time.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields

from tracker.application import images, png
from tracker.application.files import DIR_MODE, FileStore, write_atomically
from tracker.domain.errors import InvalidValue, NotFound

MAX_BYTES = 20 * 1024 * 1024
MAX_NAME = 100
MAX_UNZIPPED = 10 * MAX_BYTES  # a DOCX that lists more than this when unpacked is a zip bomb
MAX_ZIP_ENTRIES = 5000
THUMBNAIL_SIZES = range(16, 1025)
FIELD = "attachments"
MISSING = "附件不存在"
FALLBACK_STEM = "附件"
ILLEGAL = frozenset('<>:"/\\|?*')  # not allowed in a Windows file name


@dataclass(frozen=True)
class FileType:
    """A type recognised by its content."""

    label: str
    media_type: str
    extensions: tuple[str, ...]  # the first is given to a file whose name disagrees


PDF = FileType("PDF", "application/pdf", ("pdf",))
DOC = FileType("DOC", "application/msword", ("doc",))
DOCX = FileType(
    "DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ("docx",)
)
JPEG = FileType("JPEG", "image/jpeg", ("jpg", "jpeg"))
PNG = FileType("PNG", "image/png", ("png",))
MAGIC = (
    (b"%PDF-", PDF),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", DOC),  # OLE2 compound file
    (b"PK\x03\x04", DOCX),  # a ZIP; checked further
    (b"\xff\xd8\xff", JPEG),
    (b"\x89PNG\r\n\x1a\n", PNG),
)


@dataclass(frozen=True)
class Kind:
    """What an attachment is for, and which types it may be."""

    label: str
    types: tuple[FileType, ...]
    accepts: str  # the rule as a message says it


KINDS = {
    "minutes": Kind("会议纪要", (PDF, DOC, DOCX, JPEG, PNG), "PDF、DOC、DOCX、JPEG 或 PNG 文件"),
    "photo": Kind("现场照片", (JPEG, PNG), "JPEG 或 PNG 图片"),
}


@dataclass(frozen=True)
class Attachment:
    """A stored file as a report and its events refer to it."""

    sha256: str
    name: str
    size: int
    media_type: str
    kind: str

    def as_event_data(self) -> dict[str, object]:
        """The plain dict carried in ``ReportInput.attachments`` and in the events."""
        return asdict(self)

    @classmethod
    def from_event_data(cls, data: Mapping[str, object]) -> Attachment:
        return cls(**{f.name: data[f.name] for f in fields(cls)})  # type: ignore[arg-type]


class Attachments:
    """Uploaded files checked by content, kept in the one file store, with thumbnails."""

    def __init__(self, files: FileStore) -> None:
        self.files = files
        files.root.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)

    def add(self, data: bytes, name: str, kind: str) -> Attachment:
        """Check an uploaded file and keep it; the same content is stored once."""
        rule = KINDS.get(kind)
        if rule is None:
            raise InvalidValue(f"未知的附件类别“{kind}”", FIELD)
        shown = clean_name(name)[:MAX_NAME] or FALLBACK_STEM
        if not data:
            raise InvalidValue(f"文件“{shown}”是空的", FIELD)
        if len(data) > MAX_BYTES:
            raise InvalidValue(f"文件“{shown}”超过 {MAX_BYTES // 2**20}MB 的大小上限", FIELD)
        found = detect(data, shown, rule)
        sha256 = self.files.put(data)
        return Attachment(sha256, final_name(name, found), len(data), found.media_type, kind)

    def read(self, sha256: str) -> bytes:
        return self.files.read(sha256, MISSING)

    def thumbnail(self, sha256: str, size: int = 240) -> bytes:
        """A JPEG at most ``size`` pixels each way of a stored image, made once and cached."""
        if size not in THUMBNAIL_SIZES:
            raise InvalidValue(f"缩略图尺寸须在 {THUMBNAIL_SIZES[0]} 到 {THUMBNAIL_SIZES[-1]} 之间")
        source = self.files.path(sha256, MISSING)
        cached = source.with_name(f"{source.name}.thumb{size}.jpg")
        if cached.is_file():
            return cached.read_bytes()
        with source.open("rb") as file:
            head = file.read(8)
        if not head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")):
            raise NotFound("该附件不是图片，没有缩略图")
        with images.MAKING:
            if cached.is_file():  # made meanwhile, for another request
                return cached.read_bytes()
            try:
                data = images.thumbnail(source, size)
            except images.TooManyPixels as error:
                raise NotFound("该图片像素过多，没有缩略图") from error
            except (png.Broken, OSError, SyntaxError) as error:  # a file kept before these checks
                raise NotFound("该图片已损坏，没有缩略图") from error
            write_atomically(cached, data)
        return data


def detect(data: bytes, shown: str, kind: Kind) -> FileType:
    """The type of ``data`` by its content; refuses what is unknown, broken or not for ``kind``."""
    found = next((t for magic, t in MAGIC if data.startswith(magic)), None)
    if found is None:
        raise InvalidValue(f"无法识别文件“{shown}”的内容，{kind.label}只能是 {kind.accepts}", FIELD)
    if found is DOCX:  # first, so that any other ZIP is not called a DOCX below
        _check_docx(data, shown, kind)
    if found not in kind.types:
        raise InvalidValue(
            f"“{shown}”是 {found.label} 文件，{kind.label}只能是 {kind.accepts}", FIELD
        )
    if found in (JPEG, PNG):
        _check_image(data, found, shown)
    return found


def _check_docx(data: bytes, shown: str, kind: Kind) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError, OSError) as error:
        raise InvalidValue(f"文件“{shown}”已损坏，无法打开", FIELD) from error
    # Only the listed sizes are read: zipfile never unpacks more than an entry lists.
    if len(entries) > MAX_ZIP_ENTRIES or sum(e.file_size for e in entries) > MAX_UNZIPPED:
        raise InvalidValue(f"文件“{shown}”解压后过大，不予接收", FIELD)
    if not {"word/document.xml", "[Content_Types].xml"} <= {e.filename for e in entries}:
        raise InvalidValue(
            f"文件“{shown}”是压缩包，不是 Word 文档（DOCX）；{kind.label}只能是 {kind.accepts}",
            FIELD,
        )


def _check_image(data: bytes, found: FileType, shown: str) -> None:
    try:
        images.check(data, found.label)
    except images.TooManyPixels as error:
        limit = f"超过 {images.MAX_PIXELS // 10_000} 万像素的上限，请缩小后再上传"
        if error.size is None:
            raise InvalidValue(f"图片“{shown}”像素过多，{limit}", FIELD) from error
        width, height = error.size
        raise InvalidValue(f"图片“{shown}”有 {width}×{height} 像素，{limit}", FIELD) from error
    except Exception as error:  # Pillow raises many types for a broken or hostile file
        raise InvalidValue(f"图片“{shown}”已损坏或无法读取", FIELD) from error


def clean_name(name: str) -> str:
    """The client's base name without control or Windows-illegal characters, spaces collapsed."""
    base = re.split(r"[\\/]", name)[-1]
    kept = "".join(
        c for c in base if c.isspace() or (c not in ILLEGAL and unicodedata.category(c)[0] != "C")
    )
    return " ".join(kept.split())


def final_name(name: str, found: FileType) -> str:
    """The name to keep: cleaned, at most MAX_NAME characters, with an extension of ``found``."""
    stem, dot, ext = clean_name(name).rpartition(".")
    if not (dot and _looks_like_extension(ext)):
        stem, ext = clean_name(name), ""
    if ext.lower() not in found.extensions:
        ext = found.extensions[0]
    stem = stem[: MAX_NAME - len(ext) - 1].strip(". ") or FALLBACK_STEM
    return f"{stem}.{ext}"


def _looks_like_extension(ext: str) -> bool:
    # "v1.2 纪要" has no extension; "现场.png" has one.
    return 0 < len(ext) <= 10 and ext.isascii() and ext.isalnum() and not ext.isdigit()
