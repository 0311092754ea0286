"""A PNG read piece by piece: every chunk checked, the image data inflated a strip at a time.

Pillow decodes a PNG whole, at 4 bytes a pixel: a 0.5 MB file of 13000×13000
pixels takes 676 MB. Here the compressed data is inflated a few megabytes at a
time and each strip of rows is handed to Pillow as a small PNG of its own,
led by the row above it (unfiltered), so that the Up, Average and Paeth
filters of its first row still find the row they refer to.

Reading checks the whole file on the way: the chunks' order and checksums,
the closing IEND chunk, the end of the zlib stream, exactly as many bytes as
the header promises and a valid filter type on every row. A PNG whose data
stops early is refused, whatever ``ImageFile.LOAD_TRUNCATED_IMAGES`` says
(importing WeasyPrint sets it for the whole process).
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from PIL import Image

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}  # by colour type
ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2))
ADAM7 += ((0, 1, 1, 2),)  # (x0, y0, dx, dy) of the seven passes of an interlaced image
STRIP_BYTES = 2**20  # decoded bytes of one strip, about
INPUT = 1024  # compressed bytes inflated at once: at most ~1 MB comes out of them
MAX_FILTER = 4


class Broken(ValueError):
    """A PNG that is damaged, cut short or not what its header says."""


@dataclass(frozen=True)
class Png:
    """The parts of a PNG file that its pixels are made from."""

    width: int
    height: int
    depth: int
    colour: int
    interlaced: bool
    alpha: bool  # an alpha channel or a transparent colour (tRNS)
    extra: bytes  # PLTE and tRNS chunks, as they are, for the strips
    exif: bytes | None
    data: tuple[memoryview, ...]  # the IDAT chunks' contents

    @property
    def stride(self) -> int:
        """Bytes of one row of the image data, its filter type included."""
        return 1 + row_bytes(self.width, self.depth * CHANNELS[self.colour])

    @property
    def inflated_size(self) -> int:
        if not self.interlaced:
            return self.height * self.stride
        bits, total = self.depth * CHANNELS[self.colour], 0
        for x0, y0, dx, dy in ADAM7:
            width, height = -(-(self.width - x0) // dx), -(-(self.height - y0) // dy)
            if width > 0 and height > 0:
                total += height * (1 + row_bytes(width, bits))
        return total

    @property
    def in_strips(self) -> bool:
        """Whether strips can be decoded one by one: 8 bits a sample and not interlaced."""
        return self.depth == 8 and not self.interlaced


def row_bytes(width: int, bits: int) -> int:
    return (width * bits + 7) // 8


def parse(data: bytes) -> Png:
    """The header and chunks of ``data``; Broken unless every chunk is whole and IEND ends them."""
    if not data.startswith(SIGNATURE):
        raise Broken("not a PNG")
    view, pos, chunks = memoryview(data), len(SIGNATURE), []
    while True:
        if pos + 12 > len(data):
            raise Broken("cut short before IEND")
        length, kind = struct.unpack_from(">I4s", data, pos)
        end = pos + 12 + length
        if end > len(data):
            raise Broken(f"{kind!r} cut short")
        body = view[pos + 8 : end - 4]
        if zlib.crc32(body, zlib.crc32(kind)) != struct.unpack_from(">I", data, end - 4)[0]:
            raise Broken(f"{kind!r} fails its checksum")
        if kind == b"IEND":
            break
        chunks.append((kind, body))
        pos = end
    if not chunks or chunks[0][0] != b"IHDR" or len(chunks[0][1]) != 13:
        raise Broken("no header")
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    if colour not in CHANNELS or not (width and height):
        raise Broken("bad header")
    extra = b"".join(_chunk(k, b) for k, b in chunks if k in (b"PLTE", b"tRNS"))
    exif = next((bytes(b) for k, b in chunks if k == b"eXIf"), None)
    idat = tuple(b for k, b in chunks if k == b"IDAT")
    if not idat:
        raise Broken("no image data")
    alpha = colour in (4, 6) or any(k == b"tRNS" for k, _ in chunks)
    return Png(width, height, depth, colour, interlace == 1, alpha, extra, exif, idat)


def inflated(png: Png, piece: int) -> Iterator[bytes]:
    """The image data in pieces of ``piece`` bytes (the last may be shorter), checked whole.

    For an image in strips a piece is whole rows, and every row's filter type is checked.
    """
    expected, total, pending = png.inflated_size, 0, bytearray()
    inflate = zlib.decompressobj()
    try:
        for body in png.data:
            for start in range(0, len(body), INPUT):
                out = inflate.decompress(body[start : start + INPUT])
                total += len(out)
                if total > expected:
                    raise Broken("more image data than the header says")
                pending += out
                while len(pending) >= piece:
                    yield _rows(png, bytes(pending[:piece]))
                    del pending[:piece]
        out = inflate.flush()
    except zlib.error as error:
        raise Broken(f"image data: {error}") from error
    pending += out
    if not inflate.eof or total + len(out) != expected:
        raise Broken("image data cut short")
    if pending:
        yield _rows(png, bytes(pending))


def check(data: bytes) -> Png:
    """``data`` read through, all of it: Broken if anything is damaged or missing."""
    png = parse(data)
    piece = png.stride * max(1, STRIP_BYTES // png.stride) if png.in_strips else STRIP_BYTES
    for _ in inflated(png, piece):
        pass
    return png


def reduced(png: Png, factor: tuple[int, int], mode: str) -> Image.Image:
    """The image in ``mode`` reduced by ``factor`` (averages of blocks), decoded a strip at a time.

    The same pixels as ``Image.reduce`` of the whole image: every strip but the
    last is a whole number of blocks high.
    """
    fx, fy = factor
    rows = max(1, STRIP_BYTES // (4 * png.width * fy)) * fy
    out = Image.new(mode, (-(-png.width // fx), -(-png.height // fy)))
    above, top = b"", 0
    for piece in inflated(png, rows * png.stride):
        strip = _decode(png, above + piece)
        count = len(piece) // png.stride
        if above:
            strip = strip.crop((0, 1, png.width, count + 1))
        above = b"\0" + strip.crop((0, count - 1, png.width, count)).tobytes()
        out.paste(strip.convert(mode).reduce(factor), (0, top // fy))
        top += count
    return out


def _rows(png: Png, piece: bytes) -> bytes:
    if png.in_strips and max(piece[:: png.stride]) > MAX_FILTER:
        raise Broken("unknown row filter")
    return piece


def _decode(png: Png, rows: bytes) -> Image.Image:
    """Rows of the image as a small PNG of their own, decoded by Pillow."""
    header = struct.pack(
        ">IIBBBBB", png.width, len(rows) // png.stride, png.depth, png.colour, 0, 0, 0
    )
    small = b"".join(
        (
            SIGNATURE,
            _chunk(b"IHDR", header),
            png.extra,
            _chunk(b"IDAT", zlib.compress(rows, 1)),
            _chunk(b"IEND", b""),
        )
    )
    strip = Image.open(io.BytesIO(small), formats=["PNG"])
    strip.load()
    return strip


def _chunk(kind: bytes, body: bytes | memoryview) -> bytes:
    crc = zlib.crc32(body, zlib.crc32(kind))
    return struct.pack(">I", len(body)) + kind + bytes(body) + struct.pack(">I", crc)
