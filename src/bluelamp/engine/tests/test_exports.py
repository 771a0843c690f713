"""The readers of the platforms' own exports, on small samples of every layout (committed
beside this test) and on malformed and truncated copies of them."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from bluelamp.engine import exports
from bluelamp.engine.exports import ExportError, ExportItem, ExportMedia, detect, read_export
from bluelamp.engine.exports import source as source_module
from bluelamp.engine.exports.source import iter_json_list

SAMPLES = Path(__file__).parent / "data" / "exports"
UTC = dt.UTC


def items(path) -> list[ExportItem]:
    return list(read_export(path))


def by_id(found: list[ExportItem]) -> dict[str, ExportItem]:
    return {item.platform_id: item for item in found}


def zip_folder(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                archive.write(file, file.relative_to(folder).as_posix())
    return target


@pytest.mark.parametrize(
    ("folder", "platform", "count"),
    [
        ("x-2022", "x", 8),
        ("x-2020", "x", 1),
        ("facebook-2023", "facebook", 3),
        ("facebook-2024", "facebook", 4),
        ("instagram-legacy", "instagram", 2),
        ("instagram-2024", "instagram", 2),
    ],
)
def test_every_layout_is_detected_and_read(folder, platform, count):
    assert detect(SAMPLES / folder) == platform
    found = items(SAMPLES / folder)
    assert len(found) == count
    for item in found:
        assert item.platform == platform
        assert item.created_at.tzinfo is not None
        assert "Ã" not in item.text and "&amp;" not in item.text and "t.co/" not in item.text


def test_x_posts_keep_ids_dates_relations_and_expand_links():
    posts = by_id(items(SAMPLES / "x-2022"))
    road = posts["1520000000000000001"]
    assert road.created_at == dt.datetime(2022, 5, 1, 9, 0, tzinfo=UTC)
    assert road.text == (
        "Road closed on the A38 & the M5 > use the diversion https://www.example.police.uk/roads"
    )
    assert road.links == ("https://www.example.police.uk/roads",)
    assert posts["1520000000000000003"].reply_to == "1519999999999999999"
    assert posts["1520000000000000004"].repost_of == "@OtherForce"
    assert posts["1520000000000000005"].quote_of == "1519000000000000000"
    assert all(p.repost_of is None for k, p in posts.items() if k != "1520000000000000004")


def test_x_media_with_alt_text_files_and_location():
    photo = by_id(items(SAMPLES / "x-2022"))["1520000000000000002"]
    assert photo.text == "Officers at the fun day in Bromsgrove today"
    assert photo.media == (
        ExportMedia(
            path="data/tweets_media/1520000000000000002-FSaaaaaXsAA1bcd.jpg",
            kind="photo",
            alt_text="Two officers beside a police car",
            gps=None,
        ),
        ExportMedia(path="data/tweets_media/1520000000000000002-Zz9Yy8Xx7.mp4", kind="video"),
    )
    assert photo.gps == (52.3354, -2.0577)


def test_x_deleted_community_and_long_posts():
    posts = by_id(items(SAMPLES / "x-2022"))
    deleted = posts["1520000000000000007"]
    assert deleted.deleted_at == dt.datetime(2022, 5, 1, 15, 5, 9, tzinfo=UTC)
    assert deleted.source == "data/deleted-tweets.js"
    assert posts["1520000000000000008"].source == "data/community-tweet.js"
    assert sum(1 for p in posts.values() if p.deleted_at) == 1
    long = posts["1520000000000000006"]
    assert len(long.text) > 280
    assert long.text.endswith("More: https://www.example.police.uk/op")


def test_x_2020_layout_and_entities():
    (post,) = items(SAMPLES / "x-2020")
    assert post.platform_id == "1221130902635458000"
    assert post.text == "Stay safe on the roads tonight <3"


def test_a_zip_reads_like_its_folder(tmp_path):
    archive = zip_folder(SAMPLES / "x-2022", tmp_path / "twitter-2022.zip")
    assert detect(archive) == "x"
    assert items(archive) == items(SAMPLES / "x-2022")


def test_one_file_reads_alone(tmp_path):
    single = SAMPLES / "x-2022" / "data" / "deleted-tweets.js"
    (post,) = items(single)
    assert post.deleted_at is not None
    renamed = tmp_path / "export.json"
    shutil.copy(SAMPLES / "facebook-2023" / "posts" / "your_posts_1.json", renamed)
    assert detect(renamed) == "facebook"
    assert len(items(renamed)) == 3


def test_facebook_mojibake_is_repaired_and_shares_kept_without_text():
    old = items(SAMPLES / "facebook-2023")
    assert [p.text for p in old] == ["", "Zażółć gęślą jaźń — José", ""]
    assert old[0].links == ("https://www.example.police.uk/news/1",)
    assert all(p.platform_id is None for p in old)
    new = items(SAMPLES / "facebook-2024")
    assert new[0].text.startswith("Café in Worcester") and new[0].text.endswith("👋")
    assert new[0].created_at == dt.datetime(2024, 5, 1, 8, 0, tzinfo=UTC)
    check_in = new[2]
    assert check_in.text == "" and check_in.gps == (52.1936, -2.2216)
    photo = new[3]
    assert photo.text == "Officers’ new bikes"
    assert photo.media[0].path == "your_facebook_activity/posts/media/Photos_1/123_456_n.jpg"
    assert photo.media[0].gps == (52.19, -2.22)


def test_instagram_captions_media_and_gps():
    legacy = items(SAMPLES / "instagram-legacy")
    assert legacy[0].text == "Beach patrol — Café"
    assert legacy[1].media[0].gps == (50.2148656641, -5.48224210739)
    new = items(SAMPLES / "instagram-2024")
    assert new[0].text == "Open day at the station — thank you all! Zoë’s dog stole the show"
    assert new[0].created_at == dt.datetime.fromtimestamp(1714640100, UTC)
    assert [m.kind for m in new[0].media] == ["photo", "video"]
    assert new[0].gps == (52.1, -2.2)
    assert new[1].text == "One photo, caption on the media"


# Bad input: refused with the file and the place.


def copy_x(tmp_path) -> Path:
    target = tmp_path / "x"
    shutil.copytree(SAMPLES / "x-2022", target)
    return target


def test_a_file_cut_at_a_line_boundary_is_refused(tmp_path):
    folder = copy_x(tmp_path)
    tweets = folder / "data" / "tweets.js"
    lines = tweets.read_text(encoding="utf-8").splitlines(keepends=True)
    cut = next(i for i, line in enumerate(lines) if line.startswith("  },")) + 1
    tweets.write_text("".join(lines[:cut]), encoding="utf-8")
    with pytest.raises(ExportError) as caught:
        items(folder)
    assert caught.value.file.endswith("data/tweets.js")
    assert "ends mid-way" in caught.value.message
    assert caught.value.place == f"line {cut + 1}, column 1"


def test_a_file_cut_inside_an_item_is_refused(tmp_path):
    folder = copy_x(tmp_path)
    tweets = folder / "data" / "tweets.js"
    text = tweets.read_text(encoding="utf-8")
    tweets.write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(ExportError, match="ends mid-way inside item") as caught:
        items(folder)
    assert caught.value.place.startswith("line ")


def test_invalid_json_names_line_and_column(tmp_path):
    path = tmp_path / "your_posts_1.json"
    path.write_text('[\n  {"timestamp": 1},\n  {"timestamp": 2,,}\n]', encoding="utf-8")
    with pytest.raises(ExportError, match="not valid JSON") as caught:
        items(path)
    assert caught.value.place == "line 3, column 19"


def test_a_bad_field_is_named_by_its_json_path(tmp_path):
    folder = copy_x(tmp_path)
    tweets = folder / "data" / "tweets.js"
    tweets.write_text(
        tweets.read_text(encoding="utf-8").replace("Sun May 01 11:00:00 +0000 2022", "yesterday"),
        encoding="utf-8",
    )
    with pytest.raises(ExportError) as caught:
        items(folder)
    assert caught.value.place == "[2].tweet.created_at"
    assert "yesterday" in str(caught.value)


def test_a_cut_zip_and_a_folder_that_is_not_an_export_are_refused(tmp_path):
    archive = zip_folder(SAMPLES / "x-2022", tmp_path / "whole.zip")
    cut = tmp_path / "cut.zip"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(ExportError, match="zip") as caught:
        items(cut)
    assert caught.value.file == str(cut)
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("hello", encoding="utf-8")
    with pytest.raises(ExportError, match="not an X, Facebook or Instagram export"):
        detect(tmp_path / "empty")
    with pytest.raises(ExportError, match="no such file"):
        detect(tmp_path / "missing")


def test_a_zip_member_damaged_inside_is_refused(tmp_path):
    archive = zip_folder(SAMPLES / "x-2022", tmp_path / "whole.zip")
    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as z:
        info = z.getinfo("data/tweets.js")
    start = info.header_offset + 30 + len(info.filename) + 40
    data[start : start + 20] = b"\x00" * 20
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(bytes(data))
    with pytest.raises(ExportError) as caught:
        items(damaged)
    assert "data/tweets.js" in caught.value.file


def test_the_list_reader_streams_across_chunk_boundaries(monkeypatch):
    monkeypatch.setattr(source_module, "CHUNK", 37)
    values = [
        {"id": str(i), "text": "é" * (i % 50), "n": [i, i * 1.5, None, True]} for i in range(300)
    ]
    text = "window.YTD.tweets.part0 = " + json.dumps(values, indent=1)
    assert [v for _, v in iter_json_list(io.StringIO(text), "f")] == values
    cut = text[: text.rindex("]")]
    with pytest.raises(ExportError, match="ends mid-way: the list is not closed after 300 items"):
        list(iter_json_list(io.StringIO(cut), "f"))


def test_the_public_interface():
    assert exports.PLATFORMS == ("x", "facebook", "instagram")
    assert set(exports.FORMATS) == set(exports.PLATFORMS)
    error = ExportError("is cut short", file="a.js", place="line 3")
    assert (error.file, error.place, error.message) == ("a.js", "line 3", "is cut short")
    assert str(error) == "a.js, line 3: is cut short"


@pytest.mark.parametrize(
    "sample",
    [
        "x-2022/data/tweets.js",
        "facebook-2024/your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json",
        "instagram-2024/your_instagram_activity/content/posts_1.json",
    ],
)
def test_cut_or_damaged_anywhere_is_an_export_error_or_reads(tmp_path, sample):
    """Every way of cutting a file short, and swapping a character for another, either still
    reads or raises ExportError (never another exception)."""
    original = (SAMPLES / sample).read_text(encoding="utf-8")
    target = tmp_path / Path(sample).name
    for cut in range(0, len(original), 53):
        target.write_text(original[:cut], encoding="utf-8")
        with pytest.raises(ExportError):
            list(read_export(target))
    for at in range(0, len(original), 41):
        for swap in ('"', "1", "[", "}", "x"):
            target.write_text(original[:at] + swap + original[at + 1 :], encoding="utf-8")
            try:
                list(read_export(target))
            except ExportError as exc:
                assert exc.file == str(target) and exc.message
