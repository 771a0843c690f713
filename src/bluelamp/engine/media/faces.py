"""Human faces in an image (CC/01 4.10: innocent bystanders must not be identifiable).

OpenCV's bundled Haar cascades, nothing downloaded at run time:

- frontal faces: a ``frontalface_alt2`` detection (the most specific of the bundled frontal
  cascades) counts only when ``frontalface_default`` also finds a face at the same place and
  scale. Either cascade alone fires on coin portraits, gravel, brick and text; together they
  agree only on faces.
- faces in profile: ``profileface``, run on the image and on its mirror (the cascade knows
  one side only), with a high neighbour count.

The image is read with Pillow (every format it reads, EXIF orientation applied), turned to
grey and scaled so that its longest side is at most ``WORK_SIDE`` pixels; boxes are returned in
the coordinates of the upright full-size image, i.e. the image as a viewer shows it. Faces
smaller than ``MIN_FACE_FRACTION`` of the shorter side (or ``MIN_FACE_PX``) are not looked for.
A Haar cascade misses faces turned more than about 45°, faces in shadow and very small faces:
a clean result is not proof that nobody is in the picture.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from bluelamp.engine.media import (
    FULL_SIZE_KEY,
    FileKey,
    describe_error,
    file_key,
    open_image,
    orientation_of,
    quiet,
    upright,
)
from bluelamp.engine.model import InputError

if TYPE_CHECKING:
    import numpy as np
    from PIL.Image import Image

#: Longest side of the image the cascades run on.
WORK_SIDE = 1024
#: Smallest face looked for, as a fraction of the working image's shorter side, and in pixels.
MIN_FACE_FRACTION = 0.03
MIN_FACE_PX = 24
#: Pyramid step and neighbour counts (OpenCV's minNeighbors), tuned on the fixtures described
#: in tests/data/images/README.txt: higher misses the cameraman in profile, lower lets coins,
#: gravel and text through.
FRONTAL_SCALE_FACTOR = 1.1
FRONTAL_NEIGHBOURS = 4
CONFIRM_NEIGHBOURS = 3
PROFILE_SCALE_FACTOR = 1.15
PROFILE_NEIGHBOURS = 5
#: Two boxes overlapping more than this (intersection over union), or one holding the other's
#: centre, are the same face.
SAME_FACE_IOU = 0.3

_CASCADE_FILES = {
    "frontal": "haarcascade_frontalface_alt2.xml",
    "confirm": "haarcascade_frontalface_default.xml",
    "profile": "haarcascade_profileface.xml",
}
_cascades: dict[str, Any] = {}
# A CascadeClassifier keeps per-image state while it runs: one detection at a time.
_lock = threading.Lock()
_CACHE_SIZE = 64


class FaceBox(NamedTuple):
    """A face, in pixels of the upright full-size image: left, top, width, height."""

    x: int
    y: int
    w: int
    h: int


def detect_faces(path: str) -> list[FaceBox]:
    """The faces in the image at ``path``, left to right.

    Raises InputError, naming the path, for a missing file, a directory, a non-image, a
    truncated or corrupt image, or one larger than MAX_PIXELS. Results are cached by
    (path, size, mtime).
    """
    return list(_detect_cached(file_key(path)))


@lru_cache(maxsize=_CACHE_SIZE)
def _detect_cached(key: FileKey) -> tuple[FaceBox, ...]:
    with open_image(key[0], draft_side=WORK_SIDE) as im, quiet():
        try:
            return tuple(faces_of_image(im))
        except MemoryError:
            raise
        except Exception as exc:  # a damaged file can still fail after it decoded
            raise InputError(
                f"media file {key[0]} is a damaged image that cannot be read ({describe_error(exc)})"
            ) from None


def faces_of_image(im: Image) -> list[FaceBox]:
    """The faces in an open Pillow image (EXIF orientation is applied here)."""
    full_w, full_h = im.info.get(FULL_SIZE_KEY, im.size)
    orientation = orientation_of(im)
    im = bounded(im)
    drafted_w, drafted_h = im.size
    sx, sy = full_w / drafted_w, full_h / drafted_h
    shown = upright(im, orientation)
    if orientation in (5, 6, 7, 8):
        sx, sy = sy, sx
    gray = _grey_array(shown)
    boxes = detect_faces_in_grey(gray)
    out_w, out_h = round(shown.width * sx), round(shown.height * sy)
    faces = []
    for x, y, w, h in boxes:
        left, top = max(0, round(x * sx)), max(0, round(y * sy))
        right, bottom = min(out_w, round((x + w) * sx)), min(out_h, round((y + h) * sy))
        if right > left and bottom > top:
            faces.append(FaceBox(left, top, right - left, bottom - top))
    return sorted(faces)


def bounded(im: Image) -> Image:
    """The image, box-averaged by a whole factor so that its longest side is at most about
    twice ``WORK_SIDE``: the cascades see the same working image, and no full-size copy (turned
    upright, grey, composited on white) of a large photo is ever made."""
    factor = max(im.size) // (2 * WORK_SIDE)
    if factor < 2:
        return im
    # Averaging palette indices or bilevel pixels means nothing: turn them into values first.
    if im.mode in ("P", "PA"):
        transparent = im.mode == "PA" or "transparency" in im.info
        im = im.convert("RGBA" if transparent else "RGB")
    elif im.mode == "1":
        im = im.convert("L")
    elif im.mode.startswith("I;16"):
        im = im.convert("I")
    return im.reduce(factor)


def detect_faces_in_grey(gray: np.ndarray) -> list[FaceBox]:
    """The faces in a 2-D uint8 array, in its own pixel coordinates."""
    import cv2

    height, width = gray.shape[:2]
    scale = min(1.0, WORK_SIDE / max(height, width))
    if scale < 1.0:
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        work = cv2.resize(gray, size, interpolation=cv2.INTER_AREA)
    else:
        work = gray
    min_side = max(MIN_FACE_PX, int(min(work.shape[:2]) * MIN_FACE_FRACTION))
    if min(work.shape[:2]) < min_side:
        return []
    with _lock:
        found = _frontal(work, min_side) + _profile(work, min_side)
    faces: list[tuple[int, int, int, int]] = []
    for box in found:
        if not any(_same_face(box, kept) for kept in faces):
            faces.append(box)
    return [
        FaceBox(round(x / scale), round(y / scale), round(w / scale), round(h / scale))
        for x, y, w, h in faces
    ]


def _frontal(work: np.ndarray, min_side: int) -> list[tuple[int, int, int, int]]:
    """alt2 candidates that the default cascade confirms on a crop around them."""
    candidates = _cascade("frontal").detectMultiScale(
        work,
        scaleFactor=FRONTAL_SCALE_FACTOR,
        minNeighbors=FRONTAL_NEIGHBOURS,
        minSize=(min_side, min_side),
    )
    height, width = work.shape[:2]
    confirmed = []
    for x, y, w, h in (tuple(int(v) for v in c) for c in candidates):
        pad = w // 2
        x0, y0 = max(0, x - pad), max(0, y - pad)
        x1, y1 = min(width, x + w + pad), min(height, y + h + pad)
        hits = _cascade("confirm").detectMultiScale(
            work[y0:y1, x0:x1],
            scaleFactor=1.05,
            minNeighbors=CONFIRM_NEIGHBOURS,
            minSize=(int(w * 0.6), int(h * 0.6)),
            maxSize=(int(w * 1.6) + 1, int(h * 1.6) + 1),
        )
        box = (x, y, w, h)
        if any(_iou(box, (hx + x0, hy + y0, hw, hh)) > SAME_FACE_IOU for hx, hy, hw, hh in hits):
            confirmed.append(box)
    return confirmed


def _profile(work: np.ndarray, min_side: int) -> list[tuple[int, int, int, int]]:
    import cv2

    width = work.shape[1]
    found = []
    for mirrored in (False, True):
        image = cv2.flip(work, 1) if mirrored else work
        hits = _cascade("profile").detectMultiScale(
            image,
            scaleFactor=PROFILE_SCALE_FACTOR,
            minNeighbors=PROFILE_NEIGHBOURS,
            minSize=(min_side, min_side),
        )
        for x, y, w, h in (tuple(int(v) for v in hit) for hit in hits):
            found.append((width - x - w if mirrored else x, y, w, h))
    return found


def _cascade(name: str) -> Any:
    cascade = _cascades.get(name)
    if cascade is None:
        import cv2

        path = cv2.data.haarcascades + _CASCADE_FILES[name]
        cascade = cv2.CascadeClassifier(path)
        if cascade.empty():
            raise RuntimeError(f"OpenCV's cascade {path} is missing: reinstall opencv")
        _cascades[name] = cascade
    return cascade


def _grey_array(im: Image) -> np.ndarray:
    import numpy as np

    if im.mode in ("I", "I;16", "I;16B", "I;16L", "I;16N", "F"):
        values = np.asarray(im, dtype=np.float32)
        low, high = float(values.min()), float(values.max())
        if high <= low:
            return np.zeros(values.shape, dtype=np.uint8)
        return ((values - low) * (255.0 / (high - low))).astype(np.uint8)
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        # Composite onto white: fully transparent pixels often hold stale colour.
        from PIL import Image as PILImage

        rgba = im.convert("RGBA")
        background = PILImage.new("RGBA", rgba.size, (255, 255, 255, 255))
        im = PILImage.alpha_composite(background, rgba)
    return np.asarray(im.convert("L"), dtype=np.uint8)


def _iou(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> float:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    ix = max(0, min(ax + aw, bx + bw) - max(ax, bx))
    iy = max(0, min(ay + ah, by + bh) - max(ay, by))
    inter = ix * iy
    union = aw * ah + bw * bh - inter
    return inter / union if union else 0.0


def _same_face(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    if _iou(a, b) > SAME_FACE_IOU:
        return True
    for (px, py, pw, ph), (qx, qy, qw, qh) in ((a, b), (b, a)):
        cx, cy = px + pw / 2, py + ph / 2
        if qx <= cx <= qx + qw and qy <= cy <= qy + qh:
            return True
    return False
