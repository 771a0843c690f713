"""The place a phone video was recorded, from its MP4/QuickTime metadata (CC/01 3.15, 5.3).

Phones write it as an ISO 6709 string ("+52.4862-001.8904+120.0/") in the ``©xyz`` user-data
atom or the ``com.apple.quicktime.location.ISO6709`` metadata key. Both sit in the ``moov``
box, which a phone puts at the start or the end of the file: those two regions are read, not the
frames in between.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bluelamp.engine.media import FileKey, file_key
from bluelamp.engine.media.exif import GpsLocation, _usable
from bluelamp.engine.model import InputError

_EDGE = 4 * 1024 * 1024  # bytes read from each end of the file
_ISO6709 = re.compile(rb"([+-]\d{1,2}(?:\.\d+)?)([+-]\d{1,3}(?:\.\d+)?)(?:[+-]\d+(?:\.\d+)?)?/?")
_MARKERS = (b"\xa9xyz", b"com.apple.quicktime.location.ISO6709", b"location.ISO6709")


def read_video_gps(path: str) -> GpsLocation | None:
    """The recording position of an MP4/MOV video, or None; InputError for an unreadable file."""
    return _read_cached(file_key(path))


@lru_cache(maxsize=256)
def _read_cached(key: FileKey) -> GpsLocation | None:
    path = key[0]
    try:
        with open(path, "rb") as fh:
            head = fh.read(_EDGE)
            fh.seek(0, 2)
            size = fh.tell()
            tail = b""
            if size > _EDGE:
                fh.seek(max(_EDGE, size - _EDGE))
                tail = fh.read(_EDGE)
    except OSError as exc:
        raise InputError(f"{path}: cannot read the video: {exc.strerror}") from None
    if head[4:8] not in (b"ftyp", b"moov", b"mdat", b"wide", b"free", b"skip"):
        raise InputError(f"{path}: not an MP4 or QuickTime video")
    for region in (head, tail):
        for marker in _MARKERS:
            at = region.find(marker)
            while at != -1:
                m = _ISO6709.search(region, at + len(marker), at + len(marker) + 80)
                if m:
                    lat, lon = float(m.group(1)), float(m.group(2))
                    if _usable(lat, lon):
                        return GpsLocation(
                            lat=lat, lon=lon, tags=(marker.decode("latin-1"),), source="video"
                        )
                at = region.find(marker, at + 1)
    return None
