"""GPS in phone videos (MP4/QuickTime metadata) is found by media-location."""

from __future__ import annotations

import struct

import pytest

from bluelamp.engine.media.video import read_video_gps
from bluelamp.engine.model import InputError, Media, Post
from bluelamp.engine.rules import check_post


def box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def mp4(location: str | None, padding: int = 0) -> bytes:
    """A minimal MP4: ftyp, then moov/udta with a ©xyz atom when a location is given."""
    ftyp = box(b"ftyp", b"isom\x00\x00\x02\x00isomiso2mp41")
    udta = b""
    if location is not None:
        text = location.encode()
        udta = box(b"udta", box(b"\xa9xyz", struct.pack(">HH", len(text), 0x15C7) + text))
    mdat = box(b"mdat", b"\x00" * padding)
    return ftyp + mdat + box(b"moov", box(b"mvhd", b"\x00" * 100) + udta)


def test_a_phone_video_with_its_recording_place_is_blocked(tmp_path, pack):
    video = tmp_path / "clip.mp4"
    video.write_bytes(mp4("+52.4862-001.8904+120.000/"))
    location = read_video_gps(str(video))
    assert location is not None and (round(location.lat, 4), round(location.lon, 4)) == (
        52.4862,
        -1.8904,
    )
    report = check_post(Post(text="Out on patrol", media=(Media(str(video)),)), pack)
    assert [f.rule for f in report.findings] == ["media-location"]
    assert "(52.49, -1.89)" in report.findings[0].message


def test_the_place_is_found_at_the_end_of_a_long_video(tmp_path):
    video = tmp_path / "long.mov"
    video.write_bytes(mp4("-33.8688+151.2093/", padding=9 * 1024 * 1024))
    location = read_video_gps(str(video))
    assert location is not None and round(location.lat, 2) == -33.87


def test_a_video_without_a_place_passes(tmp_path, pack):
    video = tmp_path / "clip.mp4"
    video.write_bytes(mp4(None))
    assert read_video_gps(str(video)) is None
    report = check_post(Post(text="Out on patrol", media=(Media(str(video)),)), pack)
    assert report.findings == ()


def test_a_file_named_mp4_that_is_not_a_video_is_an_input_error(tmp_path):
    fake = tmp_path / "clip.mp4"
    fake.write_text("not a video at all")
    with pytest.raises(InputError, match="not an MP4"):
        read_video_gps(str(fake))
