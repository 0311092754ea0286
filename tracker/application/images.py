"""Pictures within limits: a pixel cap, whole files only, thumbnails in little memory.

- At most ``MAX_PIXELS`` pixels, read from the header before anything is
  decoded; Pillow's own decompression-bomb limit (about 89 megapixels for a
  warning, twice that for an error) lies above it, and both are refused too.
- A picture must be whole: a JPEG runs through its scan data to its EOI
  marker, a PNG is read through to IEND (see ``png``). Neither check looks at
  ``ImageFile.LOAD_TRUNCATED_IMAGES``, which importing WeasyPrint turns on for
  the whole process, and neither changes it.
- A thumbnail never decodes a picture whole: a JPEG is decoded from a draft
  (libjpeg scales by 1/2 to 1/8 while decoding), a PNG a strip at a time,
  each strip reduced before the next; only an interlaced PNG or one of other
  than 8 bits a sample is decoded whole, within the pixel cap.
- ``MAKING`` lets ``THUMBNAIL_WORKERS`` thumbnails be made at once in the process.
"""

from __future__ import annotations

import io
import math
import threading
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageOps

from tracker.application import png

MAX_PIXELS = 40_000_000
THUMBNAIL_WORKERS = 2
MAKING = threading.BoundedSemaphore(THUMBNAIL_WORKERS)
REDUCING_GAP = 2.0  # as Pillow's thumbnail: reduce to at least twice the size, then resample
BOMBS = (Image.DecompressionBombError, Image.DecompressionBombWarning)


class TooManyPixels(Exception):
    """A picture over the pixel cap; ``size`` is None when Pillow refused its header itself."""

    def __init__(self, size: tuple[int, int] | None) -> None:
        super().__init__(size)
        self.size = size


class Incomplete(ValueError):
    """A JPEG without the end of its data."""


def check(data: bytes, fmt: str) -> None:
    """Refuse a picture over the cap (TooManyPixels) or damaged or cut short (any other error)."""
    try:
        with Image.open(io.BytesIO(data), formats=[fmt]) as image:
            within_cap(image.size)
            image.verify()
    except BOMBS as error:  # the warning too, where warnings are errors
        raise TooManyPixels(None) from error
    if fmt == "PNG":
        png.check(data)
        return
    if not jpeg_complete(data):
        raise Incomplete("the JPEG stops before its EOI marker")
    with Image.open(io.BytesIO(data), formats=[fmt]) as image:
        image.draft("RGB", (64, 64))  # decodes every scan, at 1/8 scale
        image.load()


def within_cap(size: tuple[int, int]) -> None:
    if size[0] * size[1] > MAX_PIXELS:
        raise TooManyPixels(size)


def jpeg_complete(data: bytes) -> bool:
    """Whether the segments of a JPEG run from SOI through scan data to an EOI marker."""
    pos, scanned, end = 2, False, len(data)
    while pos + 1 < end:
        if data[pos] != 0xFF:
            return False
        marker = data[pos + 1]
        pos += 1 if marker == 0xFF else 2  # 0xFF: a fill byte before a marker
        if marker == 0xD9:
            return scanned
        if marker == 0xFF or 0xD0 <= marker <= 0xD7 or marker == 0x01:
            continue  # markers without a length
        if pos + 2 > end:
            return False
        pos += int.from_bytes(data[pos : pos + 2], "big")
        if marker == 0xDA:  # start of scan: entropy-coded data up to the next real marker
            scanned, pos = True, _after_scan(data, pos)
    return False


def _after_scan(data: bytes, pos: int) -> int:
    while True:
        pos = data.find(b"\xff", pos)
        if pos < 0 or pos + 1 >= len(data):
            return len(data)
        following = data[pos + 1]
        if following == 0 or 0xD0 <= following <= 0xD7:  # a stuffed 0xFF, a restart marker
            pos += 2
        elif following == 0xFF:
            pos += 1
        else:
            return pos


def thumbnail(source: Path, size: int) -> bytes:
    """A JPEG of at most ``size`` pixels each way, upright, transparency on white."""
    try:
        with Image.open(source, formats=["JPEG", "PNG"]) as image:
            within_cap(image.size)
            if image.format == "PNG" and (found := png.parse(source.read_bytes())).in_strips:
                small = _png_thumbnail(found, size)
            else:  # a JPEG from a draft, a PNG that cannot be read in strips whole
                image.thumbnail((size, size), reducing_gap=REDUCING_GAP)
                small = ImageOps.exif_transpose(image)
    except BOMBS as error:
        raise TooManyPixels(None) from error
    out = io.BytesIO()
    on_white(small).save(out, "JPEG", quality=85)
    return out.getvalue()


def _png_thumbnail(found: png.Png, size: int) -> Image.Image:
    final = fitted(found.width, found.height, size)
    factor = (
        max(1, int(found.width / final[0] / REDUCING_GAP)),
        max(1, int(found.height / final[1] / REDUCING_GAP)),
    )
    small = png.reduced(found, factor, "RGBA" if found.alpha else "RGB")
    if small.size != final:
        box = (0, 0, found.width / factor[0], found.height / factor[1])
        small = small.resize(final, Image.Resampling.BICUBIC, box)
    if found.exif:
        small.info["exif"] = b"Exif\x00\x00" + found.exif  # as Pillow keeps a PNG's eXIf
        small = ImageOps.exif_transpose(small)
    return small


def fitted(width: int, height: int, size: int) -> tuple[int, int]:
    """The size Pillow's ``thumbnail((size, size))`` gives a picture of ``width``×``height``."""
    if width <= size and height <= size:
        return width, height
    aspect = width / height

    def closest(number: float, error: Callable[[int], float]) -> int:
        return max(min(math.floor(number), math.ceil(number), key=error), 1)

    if aspect <= 1:
        return closest(size * aspect, lambda n: abs(aspect - n / size)), size
    return size, closest(size / aspect, lambda n: 0 if n == 0 else abs(aspect - size / n))


def on_white(image: Image.Image) -> Image.Image:
    """RGB, with anything transparent laid on white."""
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        rgb = Image.new("RGB", rgba.size, "white")
        rgb.paste(rgba, mask=rgba.getchannel("A"))
        return rgb
    return image.convert("RGB")
