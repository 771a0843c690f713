"""Reading uploads and checking them: every post with the personal tier's rules, the force's
name, photo locations; errors naming the file and the place."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bluelamp.engine.policy_pack import load_pack
from bluelamp.selfcheck import checking
from bluelamp.selfcheck.checking import check_posts
from bluelamp.selfcheck.reading import PlainPost, ReadError, read_posts

PACK = load_pack()


def test_the_sample_archive_is_read_and_each_kind_of_breach_found(sample_zip):
    report = check_posts(read_posts(sample_zip, name="twitter-archive.zip"), PACK, source="x")
    assert (report.posts, report.checked, report.flagged) == (6, 6, 4)
    found = {item["n"]: {f["rule"] for f in item["findings"]} for item in report.items}
    assert found == {
        2: {"political-opinion"},
        3: {"operational-security"},
        4: {"offensive-language"},
        6: {"force-name"},
    }
    assert [item["verdict"] for item in report.items] == ["block", "block", "block", "advise"]
    assert report.verdicts["pass"] == 2
    assert {row["rule"]: row["posts"] for row in report.by_rule}["political-opinion"] == 1


def test_a_simple_csv_and_jsonl_file_of_posts(tmp_path):
    csv_file = tmp_path / "posts.csv"
    csv_file.write_text("id,created_at,text\n1,2024-01-02T10:00:00Z,Vote Labour on Thursday\n2,,\n")
    posts = list(read_posts(csv_file, name="mine.csv"))
    assert [(p.platform_id, p.text) for p in posts] == [
        ("1", "Vote Labour on Thursday"),
        ("2", ""),
    ]
    assert posts[0].created_at == dt.datetime(2024, 1, 2, 10, tzinfo=dt.UTC)
    report = check_posts(posts, PACK)
    assert (report.posts, report.checked, report.flagged) == (2, 1, 1)
    jsonl = tmp_path / "posts.jsonl"
    jsonl.write_text('{"text": "hello"}\n\n{"text": "Tories out"}\n')
    assert [p.text for p in read_posts(jsonl, name="mine.jsonl")] == ["hello", "Tories out"]


@pytest.mark.parametrize(
    ("name", "content", "place"),
    [
        ("mine.jsonl", b'{"text": "ok"}\nnot json\n', "line 2"),
        ("mine.jsonl", b'{"words": "no text"}\n', "line 1"),
        ("mine.csv", b"body\nhello\n", "line 1"),
        ("tweets.js", b'window.YTD.tweets.part0 = [ {"tweet": ', None),
        ("mine.docx", b"PK", None),
    ],
)
def test_an_unreadable_file_is_named_with_the_place(tmp_path, name, content, place):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReadError) as caught:
        list(read_posts(path, name=name))
    assert name in caught.value.file
    if place:
        assert caught.value.place == place


def test_a_photo_with_a_location_is_flagged():
    post = PlainPost(index=0, text="", gps=(52.48, -1.89))
    report = check_posts([post], PACK)
    assert report.items[0]["findings"][0]["rule"] == "photo-location"


def test_repeated_texts_are_checked_once(monkeypatch):
    seen = []
    original = checking._check_one
    monkeypatch.setattr(checking, "_check_one", lambda t, k: seen.append(t) or original(t, k))
    posts = [PlainPost(index=i, text="Tories out") for i in range(50)]
    report = check_posts(posts, PACK)
    assert seen == ["Tories out"] and report.flagged == 50


def test_a_large_archive_is_checked_in_parallel_with_the_same_result(monkeypatch):
    monkeypatch.setattr(checking, "PARALLEL_FROM", 10)
    monkeypatch.setattr(checking, "CHUNK", 7)
    posts = [
        PlainPost(index=i, text=f"Post {i}: vote Labour" if i % 3 else f"Walk {i}")
        for i in range(40)
    ]
    parallel = check_posts(posts, PACK, workers=2)
    single = check_posts(posts, PACK, workers=1)
    assert parallel.items == single.items and parallel.flagged == 26


def test_the_sample_archive_is_committed():
    assert (Path(__file__).parent / "data/sample-x-archive/data/tweets.js").exists()
