"""Attached images: their GPS metadata (``exif``), the faces they show (``faces``), and making
them safe to publish (``sanitise``).

Pillow and OpenCV are imported inside functions, never at import time: a text-only post must
not pay for them. Every way an image can fail to open (a missing path, a directory, a file
that is not an image, a truncated or corrupt image, a decompression bomb) becomes an
``InputError`` whose message names the file; no traceback reaches the officer.
"""

from __future__ import annotations

import io
import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from bluelamp.engine.model import InputError

if TYPE_CHECKING:
    from PIL.Image import Image

#: The largest image, in pixels, that is decoded at all (Pillow's own bomb threshold, about
#: 89 megapixels: above every phone camera's default mode). Larger images are refused.
MAX_PIXELS = 89_478_485

#: Formats the engine reads. Anything else Pillow might identify (EPS, PSD, ICO, ...) is
#: refused as "not an image": an attachment to a post is a photo.
READABLE_FORMATS = ("JPEG", "MPO", "PNG", "WEBP", "GIF", "TIFF", "BMP")

#: (path as given, device, inode, size, mtime in ns): a changed or replaced file is a new key.
FileKey = tuple[str, int, int, int, int]

#: ``im.info`` key under which ``open_image`` keeps the stored size, before any draft scaling.
FULL_SIZE_KEY = "bluelamp.full_size"


def file_key(path: str) -> FileKey:
    """The cache key of the media checks for the image file at ``path``.

    Raises InputError when the path is missing, is a directory or cannot be read.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"media file {path} does not exist") from None
    except PermissionError:
        raise InputError(f"media file {path} cannot be read (permission denied)") from None
    except (OSError, ValueError) as exc:
        raise InputError(f"media file {path} cannot be read ({describe_error(exc)})") from None
    if os.path.isdir(path):
        raise InputError(f"media path {path} is a directory, not an image file")
    if not os.path.isfile(path):
        raise InputError(f"media path {path} is not a regular file")
    return (path, st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


@contextmanager
def open_image(
    source: str | bytes,
    *,
    label: str | None = None,
    draft_side: int | None = None,
    max_pixels: int = MAX_PIXELS,
    load: bool = True,
) -> Iterator[Image]:
    """Open, check and fully decode an image from a path or from bytes.

    Yields a loaded Pillow image whose file is still open (EXIF of TIFFs is read lazily from
    it), and closes it afterwards. ``label`` names the image in error messages (default:
    "media file PATH", or "the uploaded image"). ``draft_side`` lets a JPEG decode at a
    reduced scale whose longest side is still at least that many pixels: a truncated file is
    still detected, at a fraction of the cost; the stored size stays in
    ``im.info[FULL_SIZE_KEY]``.

    The size is checked against ``max_pixels`` (at most ``MAX_PIXELS``) from the header alone,
    before a single pixel is decoded. With ``load=False`` nothing is decoded at all: enough to
    read the size, the format and the metadata.
    """
    from PIL import Image, UnidentifiedImageError

    if isinstance(source, (bytes, bytearray, memoryview)):
        name = label or "the uploaded image"
        fp: str | io.BytesIO = io.BytesIO(bytes(source))
    else:
        name = label or f"media file {source}"
        file_key(source)
        fp = source
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # damaged EXIF skipped over: see quiet()
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # Image.open reads the header only: the size is known before anything is decoded.
            im = Image.open(fp)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise InputError(
            f"{name} is too large to check: more than {MAX_PIXELS:,} pixels; resize it"
        ) from None
    except UnidentifiedImageError:
        raise InputError(f"{name} is not an image Bluelamp can read ({_formats()})") from None
    except IsADirectoryError:
        raise InputError(f"media path {source} is a directory, not an image file") from None
    except FileNotFoundError:
        raise InputError(f"media file {source} does not exist") from None
    except MemoryError:  # not a damaged file: the caller's budget (``isolated``) says so
        raise
    except Exception as exc:  # Pillow raises many types on hostile input; none may escape.
        raise InputError(
            f"{name} is a damaged image that cannot be read ({describe_error(exc)})"
        ) from None
    with im:
        if im.format not in READABLE_FORMATS:
            raise InputError(
                f"{name} is in {im.format} format, not an image Bluelamp can read ({_formats()})"
            )
        width, height = im.size
        limit = min(max_pixels, MAX_PIXELS)
        if width * height > limit:
            raise InputError(
                f"{name} is {width}×{height} pixels ({width * height / 1e6:.1f} megapixels), "
                f"more than the limit of {limit / 1e6:g} megapixels; resize it"
            )
        im.info[FULL_SIZE_KEY] = (width, height)
        if not load:
            yield im
            return
        try:
            if draft_side and im.format in ("JPEG", "MPO"):
                scale = draft_side / max(width, height)
                if scale < 1:
                    im.draft(None, (max(1, round(width * scale)), max(1, round(height * scale))))
            with quiet():
                im.load()
        except MemoryError:
            raise
        except Exception as exc:
            raise InputError(
                f"{name} is a damaged or truncated image that cannot be read ({describe_error(exc)})"
            ) from None
        yield im


#: EXIF orientation -> the Pillow transposition that shows the picture upright.
_TRANSPOSE = {2: "FLIP_LEFT_RIGHT", 3: "ROTATE_180", 4: "FLIP_TOP_BOTTOM", 5: "TRANSPOSE"}
_TRANSPOSE |= {6: "ROTATE_270", 7: "TRANSVERSE", 8: "ROTATE_90"}


@contextmanager
def quiet() -> Iterator[None]:
    """Pillow warns (on stderr) about damaged EXIF it skips over; the officer needs none of it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def orientation_of(im: Image) -> int:
    """The EXIF (or XMP) orientation, 1 to 8; 1 when absent or unreadable."""
    try:
        with quiet():
            value = im.getexif().get(0x0112, 1)
    except Exception:
        return 1
    return value if isinstance(value, int) and value in range(1, 9) else 1


def upright(im: Image, orientation: int | None = None) -> Image:
    """The image turned the way its orientation tag says a viewer shows it (a new image)."""
    from PIL import Image as PILImage

    if orientation is None:
        orientation = orientation_of(im)
    if orientation in _TRANSPOSE:
        return im.transpose(getattr(PILImage.Transpose, _TRANSPOSE[orientation]))
    return im.copy()


def _formats() -> str:
    return "JPEG, PNG, WebP, GIF, TIFF or BMP"


def describe_error(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    # Pillow's messages sometimes embed the repr of a file object; that helps nobody.
    if "<_io." in text:
        text = text.split("<_io.")[0].strip().rstrip(":") or type(exc).__name__
    return text[:200]


# Video is allowed as media by the contract, but Bluelamp does not yet read video metadata or
# frames: the image rules pass it by rather than failing the whole post.
VIDEO_SUFFIXES = frozenset(".mp4 .m4v .mov .avi .webm .mkv .3gp .mpeg .mpg .wmv".split())


def is_video(path: str) -> bool:
    return os.path.splitext(path)[1].lower() in VIDEO_SUFFIXES
