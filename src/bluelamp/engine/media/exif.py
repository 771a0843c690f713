"""The GPS position an image's metadata carries, if any (CC/01 3.15 and 5.3).

Read from the EXIF GPS IFD (JPEG, PNG, WebP, TIFF: wherever Pillow exposes EXIF), and from
XMP ``exif:GPSLatitude``/``exif:GPSLongitude`` when there is no EXIF position (editors such
as Lightroom and some PNG exporters write only XMP).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from bluelamp.engine.media import FileKey, describe_error, file_key, open_image, quiet
from bluelamp.engine.model import InputError

if TYPE_CHECKING:
    from PIL.Image import Image

#: EXIF GPS tag numbers (EXIF 2.3, GPS IFD) and their names.
GPS_TAG_NAMES = {
    0: "GPSVersionID",
    1: "GPSLatitudeRef",
    2: "GPSLatitude",
    3: "GPSLongitudeRef",
    4: "GPSLongitude",
    5: "GPSAltitudeRef",
    6: "GPSAltitude",
    7: "GPSTimeStamp",
    8: "GPSSatellites",
    9: "GPSStatus",
    10: "GPSMeasureMode",
    11: "GPSDOP",
    12: "GPSSpeedRef",
    13: "GPSSpeed",
    14: "GPSTrackRef",
    15: "GPSTrack",
    16: "GPSImgDirectionRef",
    17: "GPSImgDirection",
    18: "GPSMapDatum",
    19: "GPSDestLatitudeRef",
    20: "GPSDestLatitude",
    21: "GPSDestLongitudeRef",
    22: "GPSDestLongitude",
    23: "GPSDestBearingRef",
    24: "GPSDestBearing",
    25: "GPSDestDistanceRef",
    26: "GPSDestDistance",
    27: "GPSProcessingMethod",
    28: "GPSAreaInformation",
    29: "GPSDateStamp",
    30: "GPSDifferential",
    31: "GPSHPositioningError",
}
_GPS_INFO_POINTER = 0x8825
_XMP_INFO_KEYS = ("xmp", "XML:com.adobe.xmp")
_XMP_TIFF_TAG = 700
_CACHE_SIZE = 64


@dataclass(frozen=True, slots=True)
class GpsLocation:
    """A position found in an image's metadata, in signed decimal degrees (WGS 84)."""

    lat: float
    lon: float
    #: The metadata tags present, e.g. ("GPSLatitudeRef", "GPSLatitude", ...), or
    #: ("exif:GPSLatitude", "exif:GPSLongitude") when it came from XMP.
    tags: tuple[str, ...]
    #: "exif", "xmp" or "video".
    source: str = "exif"

    def short(self) -> str:
        """The position to two decimals (about a kilometre), as in a finding's message."""
        return f"({self.lat:.2f}, {self.lon:.2f})"


def read_gps(path: str) -> GpsLocation | None:
    """The GPS position in the metadata of the image at ``path``, or None.

    An image whose GPS IFD has no usable coordinates (no latitude or longitude, a zero
    denominator, out of range, or exactly 0, 0: the placeholder some cameras write without a
    fix) carries no location. Raises InputError, naming the path, for a missing file, a
    directory, a non-image, a truncated or corrupt image, or one larger than MAX_PIXELS.
    Results are cached by (path, size, mtime).
    """
    return _read_gps_cached(file_key(path))


@lru_cache(maxsize=_CACHE_SIZE)
def _read_gps_cached(key: FileKey) -> GpsLocation | None:
    path = key[0]
    # Decoding at 1/8 scale is enough to prove the file is a whole image.
    with open_image(path, draft_side=1) as im, quiet():
        try:
            return gps_of_image(im, label=f"media file {path}")
        except InputError:
            raise
        except Exception as exc:  # a damaged file can still fail after it decoded
            raise InputError(
                f"media file {path} is a damaged image that cannot be read ({describe_error(exc)})"
            ) from None


def gps_of_image(im: Image, *, label: str = "the image") -> GpsLocation | None:
    """The GPS position of an open Pillow image, from EXIF, else from XMP."""
    from PIL import ExifTags

    try:
        with quiet():
            exif = im.getexif()
            gps = dict(exif.get_ifd(ExifTags.IFD.GPSInfo)) if _GPS_INFO_POINTER in exif else {}
    except Exception as exc:
        raise InputError(
            f"{label} has a damaged EXIF GPS block that cannot be read ({exc}); "
            "re-save the image without metadata"
        ) from None
    location = _from_exif_gps(gps)
    if location is None:
        location = _from_xmp(_xmp_packet(im))
    return location


def _from_exif_gps(gps: dict[int, Any]) -> GpsLocation | None:
    if not gps:
        return None
    lat = _degrees(gps.get(2), gps.get(1), "S")
    lon = _degrees(gps.get(4), gps.get(3), "W")
    if not _usable(lat, lon):
        return None
    tags = tuple(GPS_TAG_NAMES.get(k, f"GPSTag{k}") for k in sorted(gps) if isinstance(k, int))
    return GpsLocation(lat=lat, lon=lon, tags=tags, source="exif")  # type: ignore[arg-type]


def _degrees(value: Any, ref: Any, negative: str) -> float | None:
    """Degrees, minutes, seconds (rationals) and a hemisphere reference -> signed degrees."""
    if value is None:
        return None
    parts = value if isinstance(value, (tuple, list)) else (value,)
    if not 1 <= len(parts) <= 3:
        return None
    try:
        numbers = [float(p) for p in parts]
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        return None
    if not all(math.isfinite(n) for n in numbers):
        return None
    degrees = sum(n / 60**i for i, n in enumerate(numbers))
    if _ref_letter(ref) == negative:
        degrees = -abs(degrees)
    return degrees


def _ref_letter(ref: Any) -> str:
    if isinstance(ref, bytes):
        ref = ref.decode("latin-1", "replace")
    if not isinstance(ref, str):
        return ""
    ref = ref.strip("\x00 \t").upper()
    return ref[:1]


def _usable(lat: float | None, lon: float | None) -> bool:
    if lat is None or lon is None:
        return False
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return False
    return not (lat == 0 and lon == 0)


def _xmp_packet(im: Image) -> str:
    raw: Any = None
    for key in _XMP_INFO_KEYS:
        if im.info.get(key):
            raw = im.info[key]
            break
    if raw is None and im.format == "TIFF":
        raw = getattr(im, "tag_v2", {}).get(_XMP_TIFF_TAG)
    if isinstance(raw, (bytes, bytearray)):
        return bytes(raw).decode("utf-8", "replace")
    return raw if isinstance(raw, str) else ""


def _xmp_value(packet: str, name: str) -> str | None:
    # Attribute form: exif:GPSLatitude="52,28.798N"; element form: <exif:GPSLatitude>...</...>
    # (the prefix may be any name bound to the EXIF namespace; "exif" is what every writer uses).
    pattern = rf"""(?:\b\w+:{name}\s*=\s*["']([^"']*)["']|<\w+:{name}>([^<]*)</)"""
    match = re.search(pattern, packet)
    if not match:
        return None
    return (match.group(1) or match.group(2) or "").strip()


def _xmp_degrees(text: str | None, negative: str) -> float | None:
    """XMP GPSCoordinate: "DDD,MM,SSk" or "DDD,MM.mmk" (k = N, S, E, W); also plain decimal."""
    if not text:
        return None
    hemisphere = ""
    if text[-1:].upper() in ("N", "S", "E", "W"):
        hemisphere, text = text[-1].upper(), text[:-1]
    try:
        numbers = [float(p) for p in text.split(",") if p.strip()]
    except ValueError:
        return None
    if not 1 <= len(numbers) <= 3 or not all(math.isfinite(n) for n in numbers):
        return None
    degrees = sum(n / 60**i for i, n in enumerate(numbers))
    return -abs(degrees) if hemisphere == negative else degrees


def _from_xmp(packet: str) -> GpsLocation | None:
    if "GPSLatitude" not in packet:
        return None
    lat = _xmp_degrees(_xmp_value(packet, "GPSLatitude"), "S")
    lon = _xmp_degrees(_xmp_value(packet, "GPSLongitude"), "W")
    if not _usable(lat, lon):
        return None
    return GpsLocation(
        lat=lat,  # type: ignore[arg-type]
        lon=lon,  # type: ignore[arg-type]
        tags=("exif:GPSLatitude", "exif:GPSLongitude"),
        source="xmp",
    )
