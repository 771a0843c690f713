"""Decompression-bomb-shaped images made cheaply: a PNG whose header claims a huge picture of
one colour, compressed to a few hundred kilobytes, written a row at a time so that making one
never holds the decoded picture."""

from __future__ import annotations

import struct
import zlib


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def bomb_png(width: int = 9400, height: int = 9400, *, channels: int = 3) -> bytes:
    """A valid ``width`` × ``height`` 8-bit PNG (RGB, or grey with ``channels=1``), all black."""
    colour_type = {1: 0, 3: 2, 4: 6}[channels]
    header = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)
    row = b"\0" * (1 + width * channels)  # filter byte "none", then the pixels
    packer = zlib.compressobj(9)
    body = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", body)
        + _chunk(b"IEND", b"")
    )
