"""Attached images: GPS metadata, faces, sanitising, and the media-location / media-faces rules.

Fixture photos (public domain / CC0) are in data/images (see its README.txt); every other
image is generated here with Pillow.
"""

from __future__ import annotations

import contextlib
import io
import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import ExifTags, Image, ImageDraw, ImageFont, ImageOps, PngImagePlugin, TiffImagePlugin

from bluelamp.engine.media import MAX_PIXELS
from bluelamp.engine.media.exif import GpsLocation, read_gps
from bluelamp.engine.media.faces import FaceBox, _detect_cached, detect_faces
from bluelamp.engine.media.sanitise import blur_regions, strip_metadata
from bluelamp.engine.model import InputError, Media, Post, Severity
from bluelamp.engine.rules import check_post, registry
from bluelamp.engine.rules.subject import Subject

IMAGES = Path(__file__).parent / "data" / "images"
ASTRONAUT = IMAGES / "astronaut.jpg"
CAMERAMAN = IMAGES / "camera.jpg"
COFFEE = IMAGES / "coffee.jpg"

# Victoria Square, Birmingham: 52°28'47.88"N 1°53'30.12"W = 52.4800, -1.8917
BIRMINGHAM = {"lat": (52, 28, 47.88), "lat_ref": "N", "lon": (1, 53, 30.12), "lon_ref": "W"}
XMP_GPS = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="52,28.798N" '
    b'exif:GPSLongitude="1,53.502W"/></rdf:RDF></x:xmpmeta>'
)


# --- image makers ---------------------------------------------------------------------------


def rational(value: float) -> TiffImagePlugin.IFDRational:
    return TiffImagePlugin.IFDRational(round(value * 100), 100)


def gps_exif(
    lat=BIRMINGHAM["lat"],
    lat_ref=BIRMINGHAM["lat_ref"],
    lon=BIRMINGHAM["lon"],
    lon_ref=BIRMINGHAM["lon_ref"],
    orientation: int | None = None,
    **extra,
) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "TestCam"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSVersionID] = b"\x02\x03\x00\x00"
    if lat is not None:
        gps[ExifTags.GPS.GPSLatitudeRef] = lat_ref
        gps[ExifTags.GPS.GPSLatitude] = tuple(rational(v) for v in lat)
    if lon is not None:
        gps[ExifTags.GPS.GPSLongitudeRef] = lon_ref
        gps[ExifTags.GPS.GPSLongitude] = tuple(rational(v) for v in lon)
    for key, value in extra.items():
        gps[getattr(ExifTags.GPS, key)] = value
    return exif


def scene(size=(160, 120)) -> Image.Image:
    """A small picture with some structure (no face)."""
    im = Image.new("RGB", size, (70, 130, 180))
    draw = ImageDraw.Draw(im)
    draw.rectangle((0, size[1] * 2 // 3, size[0], size[1]), fill=(60, 140, 60))
    draw.ellipse((10, 10, 40, 40), fill=(250, 220, 90))
    return im


def save(im: Image.Image, path: Path, fmt: str | None = None, **options) -> Path:
    im.save(path, format=fmt, **options)
    return path


def gradient(size=(1024, 768)) -> Image.Image:
    w, h = size
    x = np.linspace(0, 255, w)[None, :].repeat(h, 0)
    y = np.linspace(0, 255, h)[:, None].repeat(w, 1)
    return Image.fromarray(np.dstack([x, y, np.full((h, w), 128.0)]).astype(np.uint8))


def noise(size=(1024, 768)) -> Image.Image:
    rng = np.random.default_rng(7)
    return Image.fromarray(rng.integers(0, 256, (size[1], size[0], 3), dtype=np.uint8))


def text_page(size=(1024, 768)) -> Image.Image:
    im = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(im)
    font = ImageFont.load_default(size=28)
    for i in range(20):
        draw.text((20, 10 + i * 37), f"Have you seen this vehicle? Call 101 ref {i}", "black", font)
    return im


def png_claiming(width: int, height: int) -> bytes:
    """A PNG header that claims a huge size (a decompression bomb), with almost no data."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def jpeg_bytes(im: Image.Image, **options) -> bytes:
    buffer = io.BytesIO()
    im.save(buffer, "JPEG", **options)
    return buffer.getvalue()


def with_app13_iptc(jpeg: bytes) -> bytes:
    """Insert an IPTC (Photoshop APP13) block after SOI, as news desks' tools write it."""
    record = b"\x1c\x02\x78" + struct.pack(">H", 17) + b"Secret caption 42"
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(record)) + record
    body = b"Photoshop 3.0\x00" + resource
    segment = b"\xff\xed" + struct.pack(">H", len(body) + 2) + body
    return jpeg[:2] + segment + jpeg[2:]


def mean_diff(a: Image.Image, b: Image.Image, box=None) -> float:
    a, b = a.convert("RGB"), b.convert("RGB")
    if box:
        x, y, w, h = box
        a, b = a.crop((x, y, x + w, y + h)), b.crop((x, y, x + w, y + h))
    return float(np.abs(np.asarray(a, np.int16) - np.asarray(b, np.int16)).mean())


def bad_inputs(tmp_path: Path) -> dict[str, Path]:
    """Every kind of media path that is not a readable image."""
    text = tmp_path / "notes.jpg"
    text.write_text("This is not an image, it is a text file named .jpg\n")
    truncated = tmp_path / "truncated.jpg"
    whole = jpeg_bytes(noise((256, 256)))
    truncated.write_bytes(whole[: len(whole) // 2])
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(png_claiming(30_000, 30_000))
    directory = tmp_path / "folder.jpg"
    directory.mkdir()
    return {
        "missing": tmp_path / "no-such-photo.jpg",
        "directory": directory,
        "text file": text,
        "empty file": empty,
        "truncated": truncated,
        "decompression bomb": bomb,
    }


BAD_REASONS = {
    "missing": "does not exist",
    "directory": "is a directory",
    "text file": "not an image",
    "empty file": "not an image",
    "truncated": "truncated",
    "decompression bomb": "pixels",
}


# --- read_gps ---------------------------------------------------------------------------------


def test_jpeg_with_gps_ifd_gives_its_position(tmp_path):
    # Given a JPEG whose EXIF has a GPS IFD for Victoria Square, Birmingham
    path = save(scene(), tmp_path / "photo.jpg", exif=gps_exif())
    # When its GPS is read
    location = read_gps(str(path))
    # Then the position is in signed decimal degrees, with the tag names present
    assert location is not None
    assert location.lat == pytest.approx(52.4800, abs=1e-4)
    assert location.lon == pytest.approx(-1.8917, abs=1e-4)
    assert {"GPSLatitudeRef", "GPSLatitude", "GPSLongitudeRef", "GPSLongitude"} <= set(
        location.tags
    )
    assert location.source == "exif"
    assert location.short() == "(52.48, -1.89)"


def test_same_jpeg_without_gps_has_no_location(tmp_path):
    # Given the same picture with EXIF but no GPS IFD
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "TestCam"
    path = save(scene(), tmp_path / "photo.jpg", exif=exif)
    # When / Then
    assert read_gps(str(path)) is None


def test_image_without_any_metadata_has_no_location():
    assert read_gps(str(COFFEE)) is None


@pytest.mark.parametrize(
    ("lat_ref", "lon_ref", "sign"),
    [("S", "E", (-1, 1)), ("N", "E", (1, 1)), (b"S\x00", b"W\x00", (-1, -1))],
)
def test_hemisphere_reference_sets_the_sign(tmp_path, lat_ref, lon_ref, sign):
    # Given a GPS position south and/or east of the equator and Greenwich
    path = save(scene(), tmp_path / "p.jpg", exif=gps_exif(lat_ref=lat_ref, lon_ref=lon_ref))
    # When
    location = read_gps(str(path))
    # Then
    assert location is not None
    assert (np.sign(location.lat), np.sign(location.lon)) == sign


@pytest.mark.parametrize(
    "exif",
    [
        pytest.param(gps_exif(lat=None, lon=None, GPSAltitude=rational(140.0)), id="no-coords"),
        pytest.param(gps_exif(lon=None), id="latitude-only"),
        pytest.param(gps_exif(lat=(0, 0, 0), lon=(0, 0, 0)), id="zero-placeholder"),
        pytest.param(gps_exif(lat=(95, 0, 0)), id="out-of-range"),
    ],
)
def test_gps_ifd_without_usable_coordinates_is_not_a_location(tmp_path, exif):
    # Given a JPEG with a GPS IFD that holds no usable position
    path = save(scene(), tmp_path / "p.jpg", exif=exif)
    # When / Then
    assert read_gps(str(path)) is None


def test_gps_rational_with_zero_denominator_is_not_a_location(tmp_path):
    # Given a latitude whose degrees are 52/0
    exif = gps_exif()
    exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitude] = (
        TiffImagePlugin.IFDRational(52, 0),
        rational(28),
        rational(47.88),
    )
    path = save(scene(), tmp_path / "p.jpg", exif=exif)
    # When / Then
    assert read_gps(str(path)) is None


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_exif_gps_is_found(tmp_path, fmt):
    # Given a PNG (eXIf chunk) or a WebP (EXIF chunk) carrying GPS
    path = save(scene(), tmp_path / f"p.{fmt.lower()}", fmt, exif=gps_exif())
    # When
    location = read_gps(str(path))
    # Then
    assert location is not None and location.lat == pytest.approx(52.48, abs=1e-2)


def test_tiff_gps_ifd_is_found(tmp_path):
    # Given a TIFF whose GPS IFD is written as a TIFF tag
    ifd = TiffImagePlugin.ImageFileDirectory_v2()
    ifd[ExifTags.IFD.GPSInfo] = {1: "N", 2: (52.0, 28.0, 47.88), 3: "W", 4: (1.0, 53.0, 30.12)}
    path = save(scene(), tmp_path / "p.tif", "TIFF", tiffinfo=ifd)
    # When
    location = read_gps(str(path))
    # Then
    assert location is not None and location.lon == pytest.approx(-1.8917, abs=1e-4)


def test_xmp_only_gps_is_found(tmp_path):
    # Given a JPEG whose only position is in its XMP packet (as Lightroom writes it)
    path = save(scene(), tmp_path / "p.jpg", xmp=XMP_GPS)
    # When
    location = read_gps(str(path))
    # Then
    assert location == GpsLocation(
        lat=pytest.approx(52.4800, abs=1e-4),
        lon=pytest.approx(-1.8917, abs=1e-4),
        tags=("exif:GPSLatitude", "exif:GPSLongitude"),
        source="xmp",
    )


@pytest.mark.parametrize("case", list(BAD_REASONS))
def test_unreadable_media_path_is_an_input_error_naming_it(tmp_path, case):
    # Given a path that is not a readable image
    path = bad_inputs(tmp_path)[case]
    # When its GPS is read, or its faces looked for
    for check in (read_gps, detect_faces):
        with pytest.raises(InputError) as caught:
            check(str(path))
        # Then the error names the file and says what is wrong, without a traceback
        message = str(caught.value)
        assert str(path) in message
        assert BAD_REASONS[case] in message
        assert "Traceback" not in message and "<_io." not in message


def test_image_just_over_the_pixel_limit_is_refused(tmp_path):
    # Given an image header claiming slightly more pixels than the limit (below Pillow's error)
    side = int(MAX_PIXELS**0.5) + 10
    path = tmp_path / "big.png"
    path.write_bytes(png_claiming(side, side))
    # When / Then
    with pytest.raises(InputError, match="pixels"):
        read_gps(str(path))


# --- detect_faces ------------------------------------------------------------------------------


def test_portrait_photo_shows_one_face_where_the_face_is():
    # Given the NASA portrait of Eileen Collins (256 px)
    # When
    faces = detect_faces(str(ASTRONAUT))
    # Then one face is found, around her face (centre near x=112, y=57)
    assert len(faces) == 1
    x, y, w, h = faces[0]
    assert 90 < x + w / 2 < 135 and 35 < y + h / 2 < 80
    assert 30 < w < 90


def test_face_in_profile_is_found():
    # Given the cameraman, face turned to his camera
    # When / Then
    assert len(detect_faces(str(CAMERAMAN))) == 1


def test_photo_without_people_shows_no_face():
    assert detect_faces(str(COFFEE)) == []


@pytest.mark.parametrize("make", [gradient, noise, text_page], ids=["gradient", "noise", "text"])
def test_pictures_without_people_show_no_face(tmp_path, make):
    # Given a 1024 px gradient, noise or page of text
    path = save(make(), tmp_path / "plain.png")
    # When / Then
    assert detect_faces(str(path)) == []


def test_two_people_side_by_side_show_two_faces(tmp_path):
    # Given the portrait twice, side by side (once mirrored)
    face = Image.open(ASTRONAUT)
    pair = Image.new("RGB", (512, 256))
    pair.paste(face, (0, 0))
    pair.paste(ImageOps.mirror(face), (256, 0))
    path = save(pair, tmp_path / "pair.jpg", quality=90)
    # When
    faces = detect_faces(str(path))
    # Then one face in each half, left to right
    assert len(faces) == 2
    assert faces[0].x < 256 <= faces[1].x


def test_large_photo_boxes_are_in_full_size_pixels(tmp_path):
    # Given the portrait enlarged 8 times (2048 px: decoded at reduced scale for detection)
    big = Image.open(ASTRONAUT).resize((2048, 2048), Image.Resampling.BICUBIC)
    path = save(big, tmp_path / "big.jpg", quality=90)
    # When
    faces = detect_faces(str(path))
    # Then the box is where the face is in the big picture
    (small,) = detect_faces(str(ASTRONAUT))
    assert len(faces) == 1
    x, y, w, h = faces[0]
    assert abs((x + w / 2) - 8 * (small.x + small.w / 2)) < 80
    assert abs((y + h / 2) - 8 * (small.y + small.h / 2)) < 80


def test_exif_orientation_is_applied_before_detection(tmp_path):
    # Given the portrait stored on its side, with EXIF orientation 6 ("rotate 90° to view")
    upright = Image.open(ASTRONAUT)
    stored = upright.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    path = save(stored, tmp_path / "sideways.jpg", exif=exif, quality=95)
    # When
    faces = detect_faces(str(path))
    # Then the face is found, in the coordinates of the picture as a viewer shows it
    (expected,) = detect_faces(str(ASTRONAUT))
    assert len(faces) == 1
    assert abs(faces[0].x - expected.x) <= 8 and abs(faces[0].y - expected.y) <= 8


def test_same_file_is_decoded_once_and_a_changed_file_again(tmp_path):
    # Given a copy of the portrait, already checked once
    path = tmp_path / "photo.jpg"
    path.write_bytes(ASTRONAUT.read_bytes())
    assert len(detect_faces(str(path))) == 1
    hits = _detect_cached.cache_info().hits
    # When it is checked again
    assert len(detect_faces(str(path))) == 1
    # Then the result comes from the cache
    assert _detect_cached.cache_info().hits == hits + 1
    # And when the file is replaced by another picture, the new one is looked at
    path.write_bytes(COFFEE.read_bytes())
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert detect_faces(str(path)) == []


def test_face_boxes_are_plain_tuples():
    (face,) = detect_faces(str(ASTRONAUT))
    assert isinstance(face, FaceBox) and len(tuple(face)) == 4
    assert all(isinstance(v, int) for v in face)


# --- strip_metadata ------------------------------------------------------------------------------


def test_strip_metadata_removes_gps_exif_xmp_iptc_and_comments():
    # Given a JPEG with GPS, XMP, a comment and an IPTC block
    original = Image.open(ASTRONAUT)
    data = with_app13_iptc(jpeg_bytes(original, exif=gps_exif(), xmp=XMP_GPS, comment=b"PC 1234"))
    assert Image.open(io.BytesIO(data)).info.get("photoshop")  # the IPTC block is really there
    # When
    clean = strip_metadata(data)
    # Then nothing of the metadata is left, in the parsed image or in the bytes
    out = Image.open(io.BytesIO(clean))
    assert out.format == "JPEG"
    assert not out.getexif()
    assert not {"exif", "xmp", "comment", "photoshop"} & set(out.info)
    for marker in (b"Exif\x00\x00", b"ns.adobe.com", b"Photoshop 3.0", b"PC 1234", b"TestCam"):
        assert marker not in clean
    # And the pixels are the same picture (re-encoded with the input's own tables)
    assert out.size == original.size
    assert mean_diff(out, Image.open(io.BytesIO(data))) < 2


def test_strip_metadata_result_has_no_location(tmp_path):
    data = jpeg_bytes(scene(), exif=gps_exif())
    path = tmp_path / "clean.jpg"
    path.write_bytes(strip_metadata(data))
    assert read_gps(str(path)) is None


def test_strip_metadata_applies_the_orientation_to_the_pixels():
    # Given a landscape picture stored with EXIF orientation 6
    stored = scene((160, 120))
    data = jpeg_bytes(stored, exif=gps_exif(orientation=6), quality=95)
    # When
    out = Image.open(io.BytesIO(strip_metadata(data)))
    # Then it is upright (portrait now), with no orientation tag left to apply twice
    assert out.size == (120, 160)
    assert ExifTags.Base.Orientation not in out.getexif()
    upright = ImageOps.exif_transpose(Image.open(io.BytesIO(data)))
    assert mean_diff(out, upright) < 3


def test_strip_metadata_keeps_png_as_png_without_text_chunks():
    # Given a PNG with a text chunk, an XMP packet and GPS in its eXIf chunk
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "PC 1234 Smith")
    info.add_itxt("XML:com.adobe.xmp", XMP_GPS.decode())
    buffer = io.BytesIO()
    scene().convert("RGBA").save(buffer, "PNG", pnginfo=info, exif=gps_exif())
    # When
    clean = strip_metadata(buffer.getvalue())
    # Then
    out = Image.open(io.BytesIO(clean))
    out.load()
    assert out.format == "PNG" and out.mode == "RGBA"
    assert not out.getexif()
    assert not {"Author", "XML:com.adobe.xmp", "exif"} & set(out.info)
    assert b"PC 1234" not in clean and b"GPSLatitude" not in clean
    assert mean_diff(out, scene()) == 0


def test_strip_metadata_keeps_webp_as_webp_without_exif():
    buffer = io.BytesIO()
    scene().save(buffer, "WEBP", exif=gps_exif(), xmp=XMP_GPS)
    out = Image.open(io.BytesIO(strip_metadata(buffer.getvalue())))
    assert out.format == "WEBP"
    assert not out.getexif() and "xmp" not in out.info


def test_strip_metadata_keeps_animation_frames_and_drops_gif_comment():
    # Given a three-frame GIF with a comment
    frames = [Image.new("RGB", (40, 30), (i * 80, 50, 200 - i * 60)).convert("P") for i in range(3)]
    buffer = io.BytesIO()
    frames[0].save(
        buffer, "GIF", save_all=True, append_images=frames[1:], comment=b"PC 1234", duration=50
    )
    # When
    clean = strip_metadata(buffer.getvalue())
    # Then
    out = Image.open(io.BytesIO(clean))
    assert out.format == "GIF" and out.n_frames == 3
    assert b"PC 1234" not in clean


@pytest.mark.parametrize("function", [strip_metadata, lambda d: blur_regions(d, [(0, 0, 5, 5)])])
@pytest.mark.parametrize(
    "data",
    [b"", b"hello, not an image", jpeg_bytes(noise((128, 128)))[:900], png_claiming(30000, 30000)],
    ids=["empty", "text", "truncated", "bomb"],
)
def test_sanitising_a_non_image_is_an_input_error(function, data):
    with pytest.raises(InputError) as caught:
        function(data)
    assert "uploaded image" in str(caught.value)


def astronaut_in_mode(mode: str) -> Image.Image:
    im = Image.open(ASTRONAUT)
    if mode == "I;16":
        return Image.fromarray(np.asarray(im.convert("L")).astype(np.uint16) * 257)
    return im.convert(mode)


@pytest.mark.parametrize(
    ("mode", "fmt", "options"),
    [
        ("RGB", "JPEG", {}),
        ("L", "JPEG", {}),
        ("CMYK", "JPEG", {}),
        ("RGB", "MPO", {"save_all": True}),
        ("I;16", "PNG", {}),
        ("LA", "PNG", {}),
        ("P", "PNG", {"transparency": 0}),
        ("P", "GIF", {}),
        ("RGB", "TIFF", {}),
        ("RGB", "BMP", {}),
        ("RGBA", "WEBP", {}),
        ("RGB", "WEBP", {"lossless": True}),
    ],
)
def test_every_readable_mode_and_format_is_checked_stripped_and_blurred(
    tmp_path, mode, fmt, options
):
    # Given the portrait in an unusual pixel mode or file format
    path = tmp_path / f"portrait.{fmt.lower()}"
    astronaut_in_mode(mode).save(path, fmt, **options)
    data = path.read_bytes()
    # When it is checked, stripped and blurred
    faces = detect_faces(str(path))
    stripped = Image.open(io.BytesIO(strip_metadata(data)))
    blurred = Image.open(io.BytesIO(blur_regions(data, faces)))
    # Then the face is found and the format is kept (MPO becomes a plain JPEG)
    assert len(faces) == 1
    assert read_gps(str(path)) is None
    expected = "JPEG" if fmt == "MPO" else fmt
    assert stripped.format == blurred.format == expected
    assert stripped.size == blurred.size == (256, 256)
    # And the blur did not wreck the rest of the picture (no clipping of 16-bit greys)
    reference = Image.open(ASTRONAUT).convert("L") if mode == "I;16" else astronaut_in_mode(mode)
    assert mean_diff(blurred, reference, (200, 200, 56, 56)) < 4


def test_strip_metadata_keeps_transparency():
    im = Image.new("RGBA", (64, 64), (255, 0, 0, 0))
    im.paste((0, 255, 0, 255), (10, 10, 40, 40))
    for fmt, options in (("PNG", {}), ("WEBP", {"lossless": True})):
        buffer = io.BytesIO()
        im.save(buffer, fmt, **options)
        out = Image.open(io.BytesIO(strip_metadata(buffer.getvalue())))
        assert out.mode == "RGBA"
        assert out.getpixel((0, 0))[3] == 0 and out.getpixel((20, 20))[3] == 255


def _seed(fmt: str) -> bytes:
    buffer = io.BytesIO()
    scene((48, 32)).save(buffer, fmt, exif=gps_exif())
    return buffer.getvalue()


SEEDS = [_seed("JPEG"), _seed("PNG"), _seed("WEBP"), _seed("GIF")]


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    seed=st.sampled_from(SEEDS),
    edits=st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=8),
    cut=st.one_of(st.none(), st.integers(0, 10_000)),
)
def test_damaged_images_give_a_result_or_an_input_error_never_a_crash(tmp_path, seed, edits, cut):
    # Given an image with some bytes overwritten and perhaps cut short
    data = bytearray(seed)
    for position, value in edits:
        data[position % len(data)] = value
    if cut is not None:
        data = data[: cut % (len(data) + 1)]
    path = tmp_path / "fuzz.img"
    path.write_bytes(bytes(data))
    # When every media function reads it / Then each returns or raises InputError only
    for call in (
        lambda: read_gps(str(path)),
        lambda: detect_faces(str(path)),
        lambda: strip_metadata(bytes(data)),
        lambda: blur_regions(bytes(data), [(1, 1, 10, 10)]),
    ):
        with contextlib.suppress(InputError):
            call()


# --- blur_regions ------------------------------------------------------------------------------


def test_blurred_face_pixels_change_and_the_face_is_no_longer_found(tmp_path):
    # Given the portrait (with GPS) and the face found in it
    original = Image.open(ASTRONAUT)
    data = jpeg_bytes(original, exif=gps_exif(), quality=95)
    (face,) = detect_faces(str(ASTRONAUT))
    # When the face is blurred
    blurred_bytes = blur_regions(data, [face])
    path = tmp_path / "blurred.jpg"
    path.write_bytes(blurred_bytes)
    blurred = Image.open(path)
    # Then the face is very different, the far corner is not
    assert mean_diff(blurred, original, face) > 12
    assert mean_diff(blurred, original, (200, 200, 56, 56)) < 3
    # And no face is detected any more, and the output carries no metadata
    assert detect_faces(str(path)) == []
    assert read_gps(str(path)) is None
    assert not blurred.getexif()


def test_blur_pads_the_box(tmp_path):
    # Given a box, the pixels just outside it (within 20 %) are blurred too
    original = Image.open(ASTRONAUT)
    x, y, w, h = 100, 100, 50, 50
    blurred = Image.open(io.BytesIO(blur_regions(jpeg_bytes(original, quality=95), [(x, y, w, h)])))
    margin = (x - 9, y, 8, h)  # a strip of the padding, left of the box
    assert mean_diff(blurred, original, margin) > mean_diff(blurred, original, (0, 0, 40, 40)) + 2


def test_blur_boxes_outside_the_image_are_harmless():
    data = jpeg_bytes(scene())
    out = Image.open(io.BytesIO(blur_regions(data, [(500, 500, 10, 10), (-50, -50, 20, 20)])))
    assert out.size == scene().size


@pytest.mark.parametrize("boxes", [[(1, 2, 3)], [("a", 1, 2, 3)], [(0, 0, -5, 5)], [5]])
def test_blur_with_a_malformed_box_is_an_input_error(boxes):
    with pytest.raises(InputError, match="box 0"):
        blur_regions(jpeg_bytes(scene()), boxes)


# --- the rules ---------------------------------------------------------------------------------


def subject_with(pack, *paths: Path, text: str = "Officers on patrol in the city centre today."):
    post = Post(text=text, media=tuple(Media(path=str(p)) for p in paths))
    return Subject(post, pack)


def test_media_location_flags_each_image_with_gps_and_names_it(tmp_path, pack):
    # Given a post with a GPS-tagged photo and a clean one
    gps = save(scene(), tmp_path / "photo.jpg", exif=gps_exif())
    plain = save(scene(), tmp_path / "plain.jpg")
    rule = registry.get("media-location")
    # When
    findings = rule.check(subject_with(pack, gps, plain), pack)
    # Then one finding, for the tagged photo, blocking, with no text span
    assert len(findings) == 1
    (finding,) = findings
    assert (finding.rule, finding.clause, finding.severity) == (
        "media-location",
        "3.15",
        Severity.BLOCK,
    )
    assert finding.message == (
        "photo.jpg carries its GPS location (52.48, -1.89) in its metadata; "
        "remove it (publishing through Bluelamp strips it)."
    )
    assert finding.start is None and finding.end is None and finding.excerpt is None


def test_media_faces_counts_faces_per_image(tmp_path, pack):
    # Given a post with two people in one image, one in another and none in a third
    face = Image.open(ASTRONAUT)
    pair = Image.new("RGB", (512, 256))
    pair.paste(face, (0, 0))
    pair.paste(ImageOps.mirror(face), (256, 0))
    two = save(pair, tmp_path / "crowd.jpg", quality=90)
    rule = registry.get("media-faces")
    # When
    findings = rule.check(subject_with(pack, two, ASTRONAUT, COFFEE), pack)
    # Then
    assert [f.message for f in findings] == [
        "crowd.jpg shows 2 faces: confirm consent or blur them before posting (4.10).",
        "astronaut.jpg shows a face: confirm consent or blur it before posting (4.10).",
    ]
    assert all(f.severity is Severity.REVIEW and f.clause == "4.10" for f in findings)


def test_post_without_media_has_no_media_findings(pack):
    subject = subject_with(pack)
    assert registry.get("media-location").check(subject, pack) == []
    assert registry.get("media-faces").check(subject, pack) == []


def test_missing_or_non_image_media_makes_the_post_an_input_error(tmp_path, pack):
    # Given a post whose attachment is a text file named .jpg
    bad = tmp_path / "notes.jpg"
    bad.write_text("not an image")
    post = Post(text="Look at this", media=(Media(path=str(bad)),))
    # When it is checked / Then the whole post is an input error naming the file
    with pytest.raises(InputError, match=r"notes\.jpg"):
        check_post(post, pack)
    with pytest.raises(InputError, match="does not exist"):
        check_post(Post(text="x", media=(Media(path=str(tmp_path / "gone.jpg")),)), pack)


def test_check_post_blocks_a_geotagged_portrait(tmp_path, pack):
    # Given a post attaching a portrait that carries its GPS position
    path = tmp_path / "officer.jpg"
    path.write_bytes(jpeg_bytes(Image.open(ASTRONAUT), exif=gps_exif(), quality=95))
    post = Post(text="Meet our new neighbourhood officer.", media=(Media(path=str(path)),))
    # When
    report = check_post(post, pack)
    # Then it is blocked for the location and needs review for the face
    rules = [f.rule for f in report.findings]
    assert report.verdict is Severity.BLOCK
    assert "media-location" in rules and "media-faces" in rules


def test_text_only_posts_do_not_load_pillow_or_opencv():
    # Given a fresh interpreter that checks a text-only post
    code = (
        "import sys\n"
        "from bluelamp.engine.rules import check_post\n"
        "from bluelamp.engine.policy_pack import load_pack\n"
        "from bluelamp.engine.model import Post\n"
        "check_post(Post(text='Hello from the team'), load_pack())\n"
        "print(sorted(m for m in ('PIL', 'cv2', 'numpy') if m in sys.modules))\n"
    )
    # When
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    # Then neither Pillow nor OpenCV (nor numpy) was imported
    assert result.stdout.strip() == "[]"
