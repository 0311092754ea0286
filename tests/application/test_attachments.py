"""Attachments: checked by what the bytes are, kept once by their sha256, names made safe.

Every sample file is made here: tiny images with Pillow, a minimal PDF, a DOCX
built with zipfile, an OLE2 header for a DOC. No database is involved.
"""

from __future__ import annotations

import hashlib
import io
import stat
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from PIL import Image

from tracker.application.attachments import MAX_BYTES, Attachment, Attachments
from tracker.application.files import FileStore
from tracker.domain.errors import InvalidValue, NotFound

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def image(fmt: str, size: tuple[int, int] = (4, 3), mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, "red" if mode == "RGB" else (255, 0, 0, 0)).save(out, fmt)
    return out.getvalue()


def zipped(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


DOCX = zipped(
    {
        "[Content_Types].xml": b"<Types/>",
        "_rels/.rels": b"<Relationships/>",
        "word/document.xml": b"<w:document/>",
    }
)
PNG = image("PNG")
JPEG = image("JPEG")


@pytest.fixture
def store(tmp_path: Path) -> Attachments:
    return Attachments(FileStore(tmp_path / "files"))


def refusal(store: Attachments, data: bytes, name: str, kind: str) -> str:
    with pytest.raises(InvalidValue) as caught:
        store.add(data, name, kind)
    assert caught.value.field == "attachments"
    return caught.value.message


# Accepting what each kind allows ------------------------------------------


@pytest.mark.parametrize(
    ("data", "name", "media_type"),
    [
        (PDF, "纪要.pdf", "application/pdf"),
        (DOC, "纪要.doc", "application/msword"),
        (DOCX, "纪要.docx", DOCX_TYPE),
        (JPEG, "纪要.jpg", "image/jpeg"),
        (PNG, "纪要.png", "image/png"),
    ],
)
def test_meeting_minutes_may_be_pdf_doc_docx_jpeg_or_png(
    store: Attachments, data: bytes, name: str, media_type: str
) -> None:
    attachment = store.add(data, name, "minutes")

    sha256 = hashlib.sha256(data).hexdigest()
    assert attachment == Attachment(sha256, name, len(data), media_type, "minutes")
    assert store.read(sha256) == data
    assert store.files.path(sha256) == store.files.root / sha256[:2] / sha256[2:]


@pytest.mark.parametrize(
    ("data", "name", "media_type"),
    [(JPEG, "现场.jpg", "image/jpeg"), (PNG, "现场.png", "image/png")],
)
def test_site_photos_may_be_jpeg_or_png(
    store: Attachments, data: bytes, name: str, media_type: str
) -> None:
    attachment = store.add(data, name, "photo")

    assert attachment.media_type == media_type
    assert attachment.sha256 == hashlib.sha256(data).hexdigest()
    assert attachment.kind == "photo"


def test_an_attachment_is_carried_in_events_as_a_plain_dict(store: Attachments) -> None:
    attachment = store.add(PDF, "纪要.pdf", "minutes")

    data = attachment.as_event_data()

    assert data == {
        "sha256": hashlib.sha256(PDF).hexdigest(),
        "name": "纪要.pdf",
        "size": len(PDF),
        "media_type": "application/pdf",
        "kind": "minutes",
    }
    assert Attachment.from_event_data(data) == attachment


def test_the_media_type_comes_from_the_content_not_the_name(store: Attachments) -> None:
    assert store.add(PNG, "扫描件.pdf", "minutes").media_type == "image/png"


def test_the_same_content_twice_is_stored_once(store: Attachments) -> None:
    first = store.add(PNG, "现场一.png", "photo")
    second = store.add(PNG, "现场二.png", "minutes")

    assert first.sha256 == second.sha256
    assert (first.name, second.name) == ("现场一.png", "现场二.png")
    assert [p for p in store.files.root.rglob("*") if p.is_file()] == [
        store.files.path(first.sha256)
    ]


def test_a_stored_file_is_readable_by_its_group_only_and_no_temp_file_is_left(
    store: Attachments,
) -> None:
    attachment = store.add(PDF, "纪要.pdf", "minutes")

    assert stat.S_IMODE(store.files.path(attachment.sha256).stat().st_mode) == 0o640
    assert [p.name for p in store.files.path(attachment.sha256).parent.iterdir()] == [
        attachment.sha256[2:]
    ]


def test_the_root_folder_is_created_when_missing(tmp_path: Path) -> None:
    Attachments(FileStore(tmp_path / "a" / "b"))

    assert (tmp_path / "a" / "b").is_dir()


# Refusals ----------------------------------------------------------------


def test_an_empty_file_is_refused(store: Attachments) -> None:
    assert refusal(store, b"", "纪要.pdf", "minutes") == "文件“纪要.pdf”是空的"


def test_a_file_over_20mb_is_refused_and_the_message_says_so(store: Attachments) -> None:
    big = PDF + bytes(MAX_BYTES - len(PDF) + 1)

    assert refusal(store, big, "纪要.pdf", "minutes") == "文件“纪要.pdf”超过 20MB 的大小上限"


def test_a_file_of_exactly_20mb_is_accepted(store: Attachments) -> None:
    assert store.add(PDF + bytes(MAX_BYTES - len(PDF)), "纪要.pdf", "minutes").size == MAX_BYTES


@pytest.mark.parametrize(("data", "label"), [(PDF, "PDF"), (DOC, "DOC"), (DOCX, "DOCX")])
def test_a_site_photo_must_be_an_image(store: Attachments, data: bytes, label: str) -> None:
    message = refusal(store, data, "现场.jpg", "photo")

    assert message == f"“现场.jpg”是 {label} 文件，现场照片只能是 JPEG 或 PNG 图片"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"MZ\x90\x00\x03\x00\x00\x00" + bytes(100), "现场.jpg"),  # a Windows program
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "现场.png"),
        (b"<html><script>alert(1)</script></html>", "现场.png"),
        (b"\x00\x00\x00\x00", "现场.png"),
    ],
)
def test_content_that_is_not_an_allowed_type_is_refused_whatever_its_name(
    store: Attachments, data: bytes, name: str
) -> None:
    message = refusal(store, data, name, "photo")

    assert message == f"无法识别文件“{name}”的内容，现场照片只能是 JPEG 或 PNG 图片"


def test_unknown_content_as_minutes_names_every_allowed_type(store: Attachments) -> None:
    message = refusal(store, b"just text", "纪要.txt", "minutes")

    assert message.endswith("会议纪要只能是 PDF、DOC、DOCX、JPEG 或 PNG 文件")


@pytest.mark.parametrize(
    "data",
    [
        b"\xff\xd8\xff\xe0" + b"not really a jpeg" * 10,
        JPEG[: len(JPEG) // 2],
        b"\x89PNG\r\n\x1a\n" + b"broken" * 10,
    ],
)
def test_an_image_pillow_cannot_read_is_refused(store: Attachments, data: bytes) -> None:
    assert refusal(store, data, "现场.jpg", "photo") == "图片“现场.jpg”已损坏或无法读取"


def test_a_png_claiming_ten_billion_pixels_is_refused_before_it_is_unpacked(
    store: Attachments,
) -> None:
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    bomb = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(10)))
        + chunk(b"IEND", b"")
    )

    assert refusal(store, bomb, "现场.png", "photo") == (
        "图片“现场.png”像素过多，超过 4000 万像素的上限，请缩小后再上传"
    )


def test_a_zip_that_is_not_a_word_document_is_refused(store: Attachments) -> None:
    data = zipped({"evil.exe": b"MZ", "readme.txt": b"hi"})

    assert refusal(store, data, "纪要.docx", "minutes") == (
        "文件“纪要.docx”是压缩包，不是 Word 文档（DOCX）；"
        "会议纪要只能是 PDF、DOC、DOCX、JPEG 或 PNG 文件"
    )
    assert refusal(store, data, "现场.jpg", "photo") == (
        "文件“现场.jpg”是压缩包，不是 Word 文档（DOCX）；现场照片只能是 JPEG 或 PNG 图片"
    )


def test_a_docx_listing_a_huge_unpacked_size_is_refused_as_a_zip_bomb(
    store: Attachments,
) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as entry:
            chunk = bytes(2**20)
            for _ in range(201):  # 201MB of zeros compress to about 200KB
                entry.write(chunk)

    message = refusal(store, out.getvalue(), "纪要.docx", "minutes")

    assert message == "文件“纪要.docx”解压后过大，不予接收"


def test_a_broken_zip_is_refused(store: Attachments) -> None:
    assert refusal(store, b"PK\x03\x04broken", "纪要.docx", "minutes") == (
        "文件“纪要.docx”已损坏，无法打开"
    )


def test_an_unknown_kind_is_refused(store: Attachments) -> None:
    assert refusal(store, PDF, "纪要.pdf", "invoice") == "未知的附件类别“invoice”"


def test_a_refused_file_leaves_nothing_stored(store: Attachments) -> None:
    refusal(store, PDF, "纪要.pdf", "photo")

    assert list(store.files.root.iterdir()) == []


# Names -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "kept"),
    [
        ("../../etc/passwd.pdf", PDF, "passwd.pdf"),
        ("C:\\x\\会议纪要.pdf", PDF, "会议纪要.pdf"),
        ("/var/www/现场 照片.png", PNG, "现场 照片.png"),
        ("现\x00场\x1b照片\x7f.png", PNG, "现场照片.png"),
        ("现场\t\n  照片\u3000 二.png", PNG, "现场 照片 二.png"),
        ('a<b>c:"d|e?f*.pdf', PDF, "abcdef.pdf"),
        ("照片\u202egnp.exe", PNG, "照片gnp.png"),  # a right-to-left override hides ".exe"
        ("现场.png", JPEG, "现场.jpg"),
        ("现场.JPEG", JPEG, "现场.JPEG"),
        ("纪要.exe", PDF, "纪要.pdf"),
        ("纪要", PDF, "纪要.pdf"),
        ("v1.2 纪要", PDF, "v1.2 纪要.pdf"),
        ("", PDF, "附件.pdf"),
        ("../", PDF, "附件.pdf"),
        (".pdf", PDF, "附件.pdf"),
        ("...", DOCX, "附件.docx"),
        ("<>|?*", JPEG, "附件.jpg"),
        (".bashrc.doc", DOC, "bashrc.doc"),
    ],
)
def test_names_are_made_safe(store: Attachments, name: str, data: bytes, kept: str) -> None:
    assert store.add(data, name, "minutes").name == kept


def test_a_300_character_name_is_cut_to_100_keeping_its_extension(
    store: Attachments,
) -> None:
    name = store.add(PDF, "长" * 300 + ".pdf", "minutes").name

    assert name == "长" * 96 + ".pdf"
    assert len(name) == 100


def test_a_refusal_names_the_file_by_its_cleaned_name(store: Attachments) -> None:
    assert refusal(store, b"", "../../秘密\x00.pdf", "minutes") == "文件“秘密.pdf”是空的"


# Finding stored files ----------------------------------------------------


@pytest.mark.parametrize(
    "sha256",
    [
        "../x",
        "../" + "a" * 61,
        "z" * 64,
        "A" * 64,
        "ab",
        "a" * 63,
        "a" * 65,
        "",
        "a" * 64,  # well formed but never stored
    ],
)
def test_a_malformed_or_unknown_hash_is_not_found(store: Attachments, sha256: str) -> None:
    with pytest.raises(NotFound):
        store.files.path(sha256)
    with pytest.raises(NotFound):
        store.read(sha256)


def test_a_hash_cannot_reach_a_thumbnail_or_a_file_outside_the_root(
    store: Attachments, tmp_path: Path
) -> None:
    attachment = store.add(PNG, "现场.png", "photo")
    store.thumbnail(attachment.sha256)
    (tmp_path / "secret").write_bytes(b"secret")

    with pytest.raises(NotFound):
        store.files.path(attachment.sha256 + ".thumb240.jpg")
    with pytest.raises(NotFound):
        store.files.path("../../secret")


# Thumbnails --------------------------------------------------------------


def test_a_large_png_gets_a_jpeg_thumbnail_no_bigger_than_asked(store: Attachments) -> None:
    attachment = store.add(image("PNG", (2000, 1000)), "现场.png", "photo")

    thumb = Image.open(io.BytesIO(store.thumbnail(attachment.sha256)))

    assert thumb.format == "JPEG"
    assert thumb.size == (240, 120)
    assert Image.open(io.BytesIO(store.thumbnail(attachment.sha256, 100))).size == (100, 50)


def test_a_thumbnail_is_made_once_and_kept_next_to_the_file(store: Attachments) -> None:
    attachment = store.add(image("JPEG", (800, 600)), "现场.jpg", "photo")
    source = store.files.path(attachment.sha256)

    first = store.thumbnail(attachment.sha256)

    cached = source.with_name(source.name + ".thumb240.jpg")
    assert cached.read_bytes() == first
    assert store.thumbnail(attachment.sha256) == first


def test_a_transparent_png_is_thumbnailed_on_white(store: Attachments) -> None:
    attachment = store.add(image("PNG", (50, 50), "RGBA"), "透明.png", "photo")

    thumb = Image.open(io.BytesIO(store.thumbnail(attachment.sha256)))

    assert thumb.mode == "RGB"
    assert all(channel > 240 for channel in thumb.getpixel((25, 25)))


def test_a_photo_taken_sideways_is_thumbnailed_upright(store: Attachments) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to show
    out = io.BytesIO()
    Image.new("RGB", (400, 200), "blue").save(out, "JPEG", exif=exif)
    attachment = store.add(out.getvalue(), "竖拍.jpg", "photo")

    assert Image.open(io.BytesIO(store.thumbnail(attachment.sha256))).size == (120, 240)


def test_a_pdf_has_no_thumbnail(store: Attachments) -> None:
    attachment = store.add(PDF, "纪要.pdf", "minutes")

    with pytest.raises(NotFound):
        store.thumbnail(attachment.sha256)


def test_a_thumbnail_of_an_unknown_hash_is_not_found(store: Attachments) -> None:
    with pytest.raises(NotFound):
        store.thumbnail("0" * 64)


@pytest.mark.parametrize("size", [0, -1, 5000])
def test_a_thumbnail_size_out_of_range_is_refused(store: Attachments, size: int) -> None:
    attachment = store.add(PNG, "现场.png", "photo")

    with pytest.raises(InvalidValue):
        store.thumbnail(attachment.sha256, size)
