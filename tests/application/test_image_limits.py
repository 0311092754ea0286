"""Pictures within limits: a pixel cap at upload, thumbnails in little memory, two at a time,
and truncated files refused even once WeasyPrint has told Pillow to load truncated images.

The large images are written row by row with zlib, so that making them costs
the test next to no memory; memory is measured in a child process by the
growth of its peak resident size, VmHWM (Pillow allocates outside Python's
allocator, so tracemalloc would not see the decoded pixels).
"""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import threading
import time
import warnings
import zlib
from pathlib import Path

import pytest
import weasyprint  # noqa: F401  -- sets ImageFile.LOAD_TRUNCATED_IMAGES = True, as in the app
from PIL import Image, ImageFile

from tracker.application.attachments import Attachments
from tracker.application.files import FileStore
from tracker.domain.errors import InvalidValue

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CAP = "超过 4000 万像素的上限，请缩小后再上传"
BROKEN = "图片“{}”已损坏或无法读取"


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(
    width: int, height: int, colour: int = 2, depth: int = 8, idat: bytes | None = None
) -> bytes:
    """A PNG of ``width``×``height`` whose rows are a shifting gradient, made row by row."""
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    length = (width * channels * depth + 7) // 8
    pattern = bytes(range(256)) * (length // 256 + 2)
    if idat is None:
        squeeze, parts = zlib.compressobj(6), []
        for y in range(height):
            parts.append(squeeze.compress(b"\x00" + pattern[y % 256 : y % 256 + length]))
        idat = b"".join(parts) + squeeze.flush()
    header = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    pieces = [idat[i : i + 65536] for i in range(0, len(idat), 65536)]
    return (
        SIGNATURE
        + chunk(b"IHDR", header)
        + b"".join(chunk(b"IDAT", p) for p in pieces)
        + chunk(b"IEND", b"")
    )


def photo(size: tuple[int, int] = (640, 480)) -> bytes:
    out = io.BytesIO()
    Image.effect_noise(size, 64).convert("RGB").save(out, "JPEG", quality=90)
    return out.getvalue()


@pytest.fixture
def store(tmp_path: Path) -> Attachments:
    return Attachments(FileStore(tmp_path / "files"))


def refusal(store: Attachments, data: bytes, name: str) -> str:
    with pytest.raises(InvalidValue) as caught:
        store.add(data, name, "photo")
    assert caught.value.field == "attachments"
    return caught.value.message


# The pixel cap ---------------------------------------------------------------


def test_a_png_over_the_pixel_cap_is_refused_by_its_header_naming_the_file(
    store: Attachments,
) -> None:
    data = png(9000, 9000, colour=0, depth=1)  # 81 megapixels in a few kilobytes

    assert len(data) < 100_000
    assert refusal(store, data, "航拍.png") == f"图片“航拍.png”有 9000×9000 像素，{CAP}"


def test_a_jpeg_whose_header_claims_too_many_pixels_is_refused_before_it_is_decoded(
    store: Attachments,
) -> None:
    small = photo((64, 48))
    sof = small.index(b"\xff\xc0")
    claimed = small[: sof + 5] + struct.pack(">HH", 9000, 9000) + small[sof + 9 :]

    assert refusal(store, claimed, "航拍.jpg") == f"图片“航拍.jpg”有 9000×9000 像素，{CAP}"


def test_a_decompression_bomb_is_refused_with_the_cap_even_when_warnings_are_errors(
    store: Attachments,
) -> None:
    data = png(10000, 10000, colour=0, depth=1)  # over Pillow's own warning threshold

    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        message = refusal(store, data, "炸弹.png")

    assert message.startswith("图片“炸弹.png”") and message.endswith(CAP)


def test_an_image_of_exactly_the_cap_is_accepted(store: Attachments) -> None:
    data = png(8000, 5000, colour=0)  # 40,000,000 pixels

    assert store.add(data, "正好.png", "photo").media_type == "image/png"


# Thumbnails in little memory ----------------------------------------------------

PROBE = """
import json, sys
from pathlib import Path
from tracker.application.attachments import Attachments
from tracker.application.files import FileStore


def status(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024


data = Path(sys.argv[1]).read_bytes()
store = Attachments(FileStore(Path(sys.argv[2])))
Path("/proc/self/clear_refs").write_text("5")  # the peak starts again from here
before = status("VmRSS")
attachment = store.add(data, sys.argv[1], "photo")
thumb = store.thumbnail(attachment.sha256)
print(json.dumps({"grew_mb": status("VmHWM") - before, "thumb": len(thumb)}))
"""


needs_proc = pytest.mark.skipif(
    not Path("/proc/self/clear_refs").exists(), reason="peak memory is read from Linux's /proc"
)


def peak_growth_mb(tmp_path: Path, data: bytes) -> float:
    """How far accepting and thumbnailing ``data`` raises a fresh process's peak memory, in MB."""
    source = tmp_path / "big.png"
    source.write_bytes(data)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(source), str(tmp_path / "files")],
        check=True,
        capture_output=True,
        text=True,
    )
    result = json.loads(done.stdout)
    assert result["thumb"] > 0
    return result["grew_mb"]


@pytest.mark.parametrize(("colour", "decoded_mb"), [(2, 137), (6, 137)])
@needs_proc
def test_a_large_png_is_checked_and_thumbnailed_without_decoding_it_whole(
    tmp_path: Path, colour: int, decoded_mb: int
) -> None:
    """6000×6000 (36 megapixels, allowed): Pillow alone decodes it to 137 MB, twice for RGBA."""
    grew = peak_growth_mb(tmp_path, png(6000, 6000, colour=colour))

    assert grew < decoded_mb / 4, f"peak memory grew by {grew:.0f} MB"


@needs_proc
def test_a_large_jpeg_is_thumbnailed_from_a_draft(tmp_path: Path) -> None:
    out = io.BytesIO()
    Image.linear_gradient("L").resize((8000, 5000)).convert("RGB").save(out, "JPEG")

    grew = peak_growth_mb(tmp_path, out.getvalue())

    assert grew < 153 / 4, f"peak memory grew by {grew:.0f} MB"  # 153 MB decoded whole


def varied(mode: str, size: tuple[int, int] = (517, 391)) -> Image.Image:
    """Noise and gradients: Pillow's encoder picks the Sub, Up and Paeth filters for its rows."""
    noise = Image.effect_noise(size, 40).convert("L")
    ramp = Image.linear_gradient("L").resize(size)
    bands = {"L": (ramp,), "LA": (ramp, noise), "RGB": (noise, ramp, ramp.rotate(90))}
    bands["RGBA"] = (noise, ramp, noise, ramp)
    if mode == "P":
        return Image.merge("RGB", bands["RGB"]).quantize(200)
    return Image.merge(mode, bands[mode])


@pytest.mark.parametrize("mode", ["L", "LA", "RGB", "RGBA", "P"])
def test_a_png_read_in_strips_has_the_pixels_of_the_whole_image_reduced(
    monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    from tracker.application import png as strips

    monkeypatch.setattr(strips, "STRIP_BYTES", 30_000)  # dozens of strips
    out = io.BytesIO()
    varied(mode).save(out, "PNG")
    found = strips.parse(out.getvalue())
    whole = Image.open(io.BytesIO(out.getvalue()))
    target = "RGBA" if mode in ("LA", "RGBA") else "RGB"

    for factor in [(1, 1), (3, 2), (5, 7)]:
        mine = strips.reduced(found, factor, target)
        assert mine.tobytes() == whole.convert(target).reduce(factor).tobytes(), factor


def test_a_png_thumbnail_looks_like_pillows_own_and_stands_upright(store: Attachments) -> None:
    picture = varied("RGB", (1200, 700))
    exif = Image.Exif()
    exif[0x0112] = 6  # to be shown turned 90° clockwise
    out = io.BytesIO()
    picture.save(out, "PNG", exif=exif)
    attachment = store.add(out.getvalue(), "竖拍.png", "photo")

    thumb = Image.open(io.BytesIO(store.thumbnail(attachment.sha256)))
    expected = picture.transpose(Image.Transpose.ROTATE_270)
    expected.thumbnail((240, 240))

    assert thumb.size == expected.size == (140, 240)
    difference = sum(abs(a - b) for a, b in zip(thumb.tobytes(), expected.tobytes(), strict=True))
    assert difference / len(thumb.tobytes()) < 3  # JPEG at quality 85 of the same picture


# Truncated files, whatever Pillow's global says ---------------------------------------


@pytest.fixture
def truncated_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # importing weasyprint did this
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)


JPEG = photo()


@pytest.mark.parametrize(
    "data",
    [JPEG[: len(JPEG) // 2], JPEG[: len(JPEG) * 9 // 10], JPEG[:-2], JPEG[:-1]],
    ids=["half", "nine-tenths", "no-EOI", "half-EOI"],
)
def test_a_truncated_jpeg_is_refused(
    truncated_allowed: None, store: Attachments, data: bytes
) -> None:
    assert refusal(store, data, "截断.jpg") == BROKEN.format("截断.jpg")


def _idat(data: bytes) -> bytes:
    found, pos = b"", 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        if data[pos + 4 : pos + 8] == b"IDAT":
            found += data[pos + 8 : pos + 8 + length]
        pos += 12 + length
    return found


WHOLE = png(300, 200)
STREAM = _idat(WHOLE)


@pytest.mark.parametrize(
    "data",
    [
        png(300, 200, idat=STREAM[: len(STREAM) // 2]),  # the zlib stream stops early
        png(300, 200, idat=zlib.compress(zlib.decompress(STREAM)[:-601])),  # too few rows
        WHOLE[: len(WHOLE) // 2],  # the file stops inside its data
        WHOLE[: -len(chunk(b"IEND", b""))],  # no IEND
    ],
    ids=["stream-cut", "rows-missing", "file-cut", "no-IEND"],
)
def test_a_truncated_png_is_refused(
    truncated_allowed: None, store: Attachments, data: bytes
) -> None:
    assert refusal(store, data, "截断.png") == BROKEN.format("截断.png")


def test_whole_images_still_pass_the_same_checks(
    truncated_allowed: None, store: Attachments
) -> None:
    assert store.add(JPEG, "整.jpg", "photo").media_type == "image/jpeg"
    assert store.add(WHOLE, "整.png", "photo").media_type == "image/png"


# At most two thumbnails are made at once ---------------------------------------------


def test_no_more_than_two_thumbnails_are_made_at_once(
    store: Attachments, monkeypatch: pytest.MonkeyPatch
) -> None:
    photos = [store.add(photo((320 + n, 240)), f"{n}.jpg", "photo") for n in range(6)]
    real_open, lock = Image.open, threading.Lock()
    running, peak = [0], [0]

    def slow_open(*args, **kwargs):  # every thumbnail opens its image
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.3)
        with lock:
            running[0] -= 1
        return real_open(*args, **kwargs)

    monkeypatch.setattr(Image, "open", slow_open)
    start = threading.Barrier(len(photos))

    def make(sha256: str) -> None:
        start.wait()
        store.thumbnail(sha256)

    threads = [threading.Thread(target=make, args=(p.sha256,)) for p in photos]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert peak[0] == 2
    assert all(real_open(io.BytesIO(store.thumbnail(p.sha256))).size[0] == 240 for p in photos)
