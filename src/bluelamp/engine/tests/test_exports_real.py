"""The readers on real exports people downloaded from X, Facebook and Instagram (the shared
fixtures beside the repository; skipped when they are not there)."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from bluelamp.engine.exports import detect, read_export

from .conftest import REPO

EXPORTS = REPO.parent / "shared" / "fixtures" / "exports"

pytestmark = pytest.mark.skipif(not EXPORTS.exists(), reason="shared exports not beside the repo")

# Mojibake left behind: UTF-8 lead bytes read as Latin-1 followed by a continuation byte.
MOJIBAKE = re.compile("[ÂÃÄÅÆÐÑâð][\x80-\xbf]")


def load(path):
    text = path.read_text(encoding="utf-8")
    return json.loads(re.sub(r"^window\.YTD\.\w+\.part\d+ = ", "", text))


@pytest.mark.parametrize(
    ("folder", "platform", "files"),
    [
        (
            "x-archive-2026",
            "x",
            ["data/tweets.js", "data/deleted-tweets.js", "data/community-tweet.js"],
        ),
        ("x-archive-2020", "x", ["data/tweet.js"]),
        ("facebook-your-posts", "facebook", ["your_posts_1.json"]),
        ("instagram-posts-legacy", "instagram", ["posts_1.json"]),
    ],
)
def test_every_real_export_reads_with_the_files_counts(folder, platform, files):
    assert detect(EXPORTS / folder) == platform
    found = list(read_export(EXPORTS / folder))
    assert len(found) == sum(len(load(EXPORTS / folder / f)) for f in files)
    for item in found:
        assert item.platform == platform
        assert item.created_at.tzinfo is not None
        assert not MOJIBAKE.search(item.text), item.text
        assert "&amp;" not in item.text and "&gt;" not in item.text


def test_x_ids_dates_deleted_and_reposts_are_exact():
    folder = EXPORTS / "x-archive-2026"
    found = {item.platform_id: item for item in read_export(folder)}
    for name in ("tweets.js", "deleted-tweets.js", "community-tweet.js"):
        for raw in load(folder / "data" / name):
            tweet = raw["tweet"]
            item = found[tweet["id_str"]]
            assert item.created_at == dt.datetime.strptime(
                tweet["created_at"], "%a %b %d %H:%M:%S %z %Y"
            )
            assert (item.deleted_at is not None) == ("deleted_at" in tweet)
            assert (item.repost_of is not None) == tweet["full_text"].startswith("RT @")
            assert item.reply_to == tweet.get("in_reply_to_status_id_str")
            assert "https://t.co/" not in item.text or tweet["full_text"].count(
                "https://t.co/"
            ) > len(tweet["entities"].get("urls", [])) + len(tweet["entities"].get("media", []))
    assert sum(1 for item in found.values() if item.deleted_at) == 47


def test_facebook_text_is_repaired():
    found = list(read_export(EXPORTS / "facebook-your-posts"))
    assert sum(1 for item in found if item.text) == 11
    assert sum(1 for item in found if not item.text) == 20
    assert any(item.text == "🐸👌" for item in found)


def test_instagram_captions_and_gps():
    found = list(read_export(EXPORTS / "instagram-posts-legacy"))
    assert sum(1 for item in found if item.gps) == 109
    assert all(len(item.media) == 1 and item.media[0].path for item in found)
