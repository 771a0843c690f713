"""An uploaded image made ready to store: its metadata stripped, and its size, format, location
flag and faces described. Pure, bytes in and bytes and facts out; ``isolated`` runs it in a
process of its own under a memory cap."""

from __future__ import annotations

from typing import Any

from bluelamp.engine.media import FULL_SIZE_KEY, MAX_PIXELS, open_image
from bluelamp.engine.model import InputError


def prepare_upload(
    data: bytes,
    *,
    label: str,
    max_pixels: int = MAX_PIXELS,
    formats: tuple[str, ...] | None = None,
) -> tuple[bytes, dict[str, Any]]:
    """The upload re-encoded without its metadata, and what is known of it: ``format`` (of the
    stored copy), ``width``, ``height``, ``had_location``, ``stripped_fields``, ``faces``.

    Raises InputError, naming ``label``, for anything but an image in one of ``formats`` (any
    the engine reads when None) of at most ``max_pixels`` pixels. The size comes from the
    header, so an image over the limit is refused before any of it is decoded; faces are looked
    for on a copy reduced towards the cascades' working size (``faces.bounded``), and a JPEG is
    decoded for them at a reduced scale.
    """
    from bluelamp.engine.media.exif import gps_of_image
    from bluelamp.engine.media.faces import WORK_SIDE, faces_of_image
    from bluelamp.engine.media.sanitise import strip_metadata

    with open_image(data, label=label, max_pixels=max_pixels, load=False) as im:
        source_format = im.format
    if formats is not None and source_format not in formats:
        raise InputError(
            f"{label} is a {source_format} image; upload a JPEG, PNG, GIF or WebP image"
        )
    # Decoded once for the metadata: a PNG may keep its EXIF after the pixels.
    with open_image(data, label=label, max_pixels=max_pixels) as im:
        had_location = gps_of_image(im, label=label) is not None
        exif_fields = sorted(str(k) for k in im.getexif())
        info_fields = sorted(k for k in im.info if isinstance(k, str) and k != FULL_SIZE_KEY)
    clean = strip_metadata(data, max_pixels=max_pixels)
    with open_image(clean, label=label, max_pixels=max_pixels, draft_side=2 * WORK_SIDE) as im:
        width, height = im.info[FULL_SIZE_KEY]
        out_format = im.format
        faces = [list(box) for box in faces_of_image(im)]
    return clean, {
        "format": out_format,
        "width": width,
        "height": height,
        "had_location": had_location,
        "stripped_fields": (["exif"] if exif_fields else []) + info_fields,
        "faces": faces,
    }
