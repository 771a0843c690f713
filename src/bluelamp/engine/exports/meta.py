"""Facebook's and Instagram's "Download your information" (JSON): the pieces both share."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .model import ExportMedia
from .text import from_epoch, repair

VIDEO_SUFFIXES = (".mp4", ".mov", ".m4v", ".webm", ".avi")


def kind_of(uri: str) -> str:
    return "video" if uri.lower().endswith(VIDEO_SUFFIXES) else "photo"


def gps_of(metadata: Any) -> tuple[float, float] | None:
    """The first latitude/longitude in ``media_metadata.{photo,video}_metadata.exif_data``."""
    if not isinstance(metadata, dict):
        return None
    for key in ("photo_metadata", "video_metadata"):
        block = metadata.get(key)
        exif = block.get("exif_data") if isinstance(block, dict) else None
        for entry in exif if isinstance(exif, list) else ():
            if not isinstance(entry, dict):
                continue
            lat, lon = entry.get("latitude"), entry.get("longitude")
            numbers = isinstance(lat, int | float) and isinstance(lon, int | float)
            if numbers and not isinstance(lat, bool) and (lat, lon) != (0, 0):
                return (float(lat), float(lon))
    return None


def media_of(entry: dict, path_prefix: str) -> ExportMedia:
    uri = entry.get("uri")
    uri = uri if isinstance(uri, str) and uri else None
    alt = entry.get("alt_text") or entry.get("accessibility_caption")
    return ExportMedia(
        path=(path_prefix + uri) if uri else None,
        kind=kind_of(uri or ""),
        alt_text=repair(alt) if isinstance(alt, str) and alt else None,
        gps=gps_of(entry.get("media_metadata")),
    )


def timestamp(value: Any, *what: str) -> Any:
    return from_epoch(value, what=".".join(what))


def first_gps(media: tuple[ExportMedia, ...]) -> tuple[float, float] | None:
    return next((m.gps for m in media if m.gps), None)


def walk(value: Any) -> Iterator[dict]:
    if isinstance(value, list):
        for entry in value:
            if isinstance(entry, dict):
                yield entry
