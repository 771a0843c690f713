"""Make an uploaded image safe to publish: drop its metadata, blur faces (CC/01 3.15, 4.10).

Both functions take and return the bytes of an image. The output is re-encoded from the
pixels alone, upright (the EXIF orientation is applied to the pixels, so no viewer needs the
tag), in the input's format where Pillow can write it (JPEG, PNG, WebP, GIF, TIFF, BMP;
anything else becomes PNG; MPO becomes a single JPEG, a multi-page TIFF its first page). Nothing of the input's metadata is
carried over: no EXIF (so no GPS, camera serial or timestamps), XMP, IPTC/Photoshop
blocks, comments or text chunks. Kept: the ICC colour profile (colour, not information about
the picture: without it a wide-gamut phone photo changes colour), transparency, and the frame
timing of an animation. A JPEG is re-encoded with its own quantisation tables and chroma
subsampling, so its quality does not drop.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from bluelamp.engine.media import (
    MAX_PIXELS,
    describe_error,
    open_image,
    orientation_of,
    quiet,
    upright,
)
from bluelamp.engine.model import InputError

if TYPE_CHECKING:
    from PIL.Image import Image

#: How far a blurred box extends beyond the box it was given, on each side, as a fraction of
#: the box's width and height (so hair, ears and the jaw line go too).
BLUR_PADDING = 0.2
#: A blurred region is pixelated to this many blocks across its longer side, then smoothed.
BLUR_BLOCKS = 6

_WRITABLE = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "GIF": "GIF"}
_WRITABLE |= {"TIFF": "TIFF", "BMP": "BMP"}
#: The only ``info`` entries that survive: how to show the pixels, not facts about them.
_KEEP_INFO = ("icc_profile", "transparency", "duration", "loop", "background")


def strip_metadata(data: bytes, *, max_pixels: int = MAX_PIXELS) -> bytes:
    """The image re-encoded upright with all its metadata removed.

    Raises InputError if ``data`` is not an image (or is truncated, corrupt, or has more than
    ``max_pixels`` pixels, all frames counted).
    """
    return _rewrite(data, boxes=(), max_pixels=max_pixels)


def blur_regions(
    data: bytes, boxes: Iterable[Sequence[float]], *, max_pixels: int = MAX_PIXELS
) -> bytes:
    """The image with every box blurred beyond recognition, and its metadata removed.

    ``boxes`` are ``(x, y, width, height)`` in pixels of the upright image, as
    ``detect_faces`` returns them; each is padded by ``BLUR_PADDING`` on every side and
    clipped to the image. Raises InputError if ``data`` is not an image or a box is not four
    numbers with a non-negative width and height.
    """
    return _rewrite(data, boxes=_valid_boxes(boxes), max_pixels=max_pixels)


def _valid_boxes(boxes: Iterable[Sequence[float]]) -> tuple[tuple[float, float, float, float], ...]:
    valid = []
    for i, box in enumerate(boxes):
        try:
            x, y, w, h = (float(v) for v in box)
        except (TypeError, ValueError):
            raise InputError(f"box {i} must be four numbers (x, y, width, height)") from None
        if not all(math.isfinite(v) for v in (x, y, w, h)) or w < 0 or h < 0:
            raise InputError(f"box {i} must have a finite position and a non-negative size")
        valid.append((x, y, w, h))
    return tuple(valid)


def _rewrite(
    data: bytes, *, boxes: tuple[tuple[float, float, float, float], ...], max_pixels: int
) -> bytes:
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise InputError(f"an image must be given as bytes, not {type(data).__name__}")
    with open_image(data, max_pixels=max_pixels) as im, quiet():
        try:
            frames, durations, out_format, options = _clean_frames(im, data, boxes, max_pixels)
        except (InputError, MemoryError):
            raise
        except Exception as exc:  # hostile input can fail anywhere inside Pillow
            raise InputError(
                f"the uploaded image is damaged and cannot be read ({describe_error(exc)})"
            ) from None
    if len(frames) > 1:
        options.update(
            save_all=True,
            append_images=frames[1:],
            duration=durations,
            loop=im.info.get("loop", 0),
        )
    buffer = io.BytesIO()
    try:
        with quiet():
            frames[0].save(buffer, format=out_format, **options)
    except MemoryError:
        raise
    except Exception as exc:
        raise InputError(
            f"the uploaded image cannot be re-encoded as {out_format} ({describe_error(exc)})"
        ) from None
    return buffer.getvalue()


def _clean_frames(
    im: Image, data: bytes, boxes: tuple[tuple[float, float, float, float], ...], max_pixels: int
) -> tuple[list[Image], list[int], str, dict[str, Any]]:
    from PIL import ImageSequence

    source_format = im.format or ""
    out_format = _WRITABLE.get(source_format, "PNG")
    orientation = orientation_of(im)
    animated = out_format in ("GIF", "WEBP", "PNG") and getattr(im, "n_frames", 1) > 1
    limit = min(max_pixels, MAX_PIXELS)
    if animated and im.n_frames * im.width * im.height > limit:
        raise InputError(
            f"the uploaded image has {im.n_frames} frames of {im.width}×{im.height} pixels, "
            f"more than {limit:,} pixels in all; shorten or resize it"
        )
    frames: list[Image] = []
    durations: list[int] = []
    for frame in ImageSequence.Iterator(im) if animated else [im]:
        durations.append(int(frame.info.get("duration", 100) or 100))
        clean = _clean_copy(frame, out_format, animated)
        if orientation != 1:  # upright() makes a copy: no second full-size copy when none is needed
            clean = upright(clean, orientation)
        if boxes and clean.mode not in ("L", "RGB", "RGBA", "CMYK"):
            clean = _blurrable(clean)
        for box in boxes:
            _blur(clean, box)
        frames.append(clean)
    return frames, durations, out_format, _save_options(im, data, source_format, out_format)


def _clean_copy(frame: Image, out_format: str, animated: bool) -> Image:
    """The frame's pixels in a mode the output format can write, with no metadata."""
    if animated or (frame.mode == "P" and out_format not in ("PNG", "GIF", "TIFF", "BMP")):
        image = frame.convert("RGBA")
    elif out_format == "JPEG" and frame.mode not in ("L", "RGB", "CMYK"):
        image = frame.convert("RGB")
    elif out_format == "WEBP" and frame.mode not in ("RGB", "RGBA"):
        image = frame.convert(
            "RGBA" if "A" in frame.mode or "transparency" in frame.info else "RGB"
        )
    else:
        image = frame.copy()
    image.info = {k: frame.info[k] for k in _KEEP_INFO if k in frame.info}
    if animated:
        image.info.pop("transparency", None)
    return image


def _blurrable(image: Image) -> Image:
    """The image in a mode the blur filters work in: a palette image cannot hold the blurred
    shades, and 16-bit or float greys are scaled to 8 bits (not clipped)."""
    if image.mode in ("I", "F") or image.mode.startswith("I;16"):
        low, high = image.convert("F").getextrema()
        if image.mode.startswith("I;16"):
            low, high = 0, 65535
        span = (high - low) or 1
        grey = image.convert("F").point(lambda v: (v - low) * 255.0 / span).convert("L")
        grey.info = dict(image.info)
        return grey
    if image.mode == "1":
        converted = image.convert("L")
    else:
        has_alpha = "A" in image.mode or "transparency" in image.info
        converted = image.convert("RGBA" if has_alpha else "RGB")
    converted.info = {k: v for k, v in image.info.items() if k != "transparency"}
    return converted


def _save_options(im: Image, data: bytes, source_format: str, out_format: str) -> dict[str, Any]:
    options: dict[str, Any] = {}
    if out_format in ("JPEG", "PNG", "WEBP", "TIFF"):
        options["exif"] = b""  # never fall back on anything the image object remembers
    icc = im.info.get("icc_profile")
    if icc and out_format in ("JPEG", "PNG", "WEBP", "TIFF"):
        options["icc_profile"] = icc
    if out_format == "JPEG":
        options.update(_jpeg_options(im) if source_format in ("JPEG", "MPO") else {"quality": 90})
    elif out_format == "WEBP":
        # A simple-format lossless WebP has its VP8L chunk first; keep it lossless.
        if bytes(data[12:16]) == b"VP8L":
            options["lossless"] = True
        else:
            options["quality"] = 90
    elif out_format == "TIFF":
        options["compression"] = "tiff_lzw"
    return options


def _jpeg_options(im: Image) -> dict[str, Any]:
    from PIL import JpegImagePlugin

    options: dict[str, Any] = {}
    quantization = getattr(im, "quantization", None)
    if quantization:
        options["qtables"] = [quantization[k] for k in sorted(quantization)]
    else:
        options["quality"] = 90
    sampling = JpegImagePlugin.get_sampling(im)
    if sampling != -1 and im.mode != "CMYK":
        options["subsampling"] = sampling
    return options


def _blur(image: Image, box: tuple[float, float, float, float]) -> None:
    """Pixelate, then smooth, the padded box in place."""
    from PIL import Image as PILImage
    from PIL import ImageFilter

    x, y, w, h = box
    left = max(0, math.floor(x - w * BLUR_PADDING))
    top = max(0, math.floor(y - h * BLUR_PADDING))
    right = min(image.width, math.ceil(x + w * (1 + BLUR_PADDING)))
    bottom = min(image.height, math.ceil(y + h * (1 + BLUR_PADDING)))
    if right <= left or bottom <= top:
        return
    region = image.crop((left, top, right, bottom))
    work = region if region.mode in ("L", "RGB", "RGBA", "CMYK") else region.convert("RGBA")
    block = max(2, math.ceil(max(work.size) / BLUR_BLOCKS))
    small = work.resize(
        (max(1, round(work.width / block)), max(1, round(work.height / block))),
        PILImage.Resampling.BOX,
    )
    blurred = small.resize(work.size, PILImage.Resampling.NEAREST)
    blurred = blurred.filter(ImageFilter.GaussianBlur(radius=block / 2))
    if blurred.mode != image.mode:
        blurred = blurred.convert(image.mode)
    image.paste(blurred, (left, top))
