"""The benchmark's corpus generator: same seed, same corpus; varied; valid `--jsonl` input."""

from __future__ import annotations

import importlib.util
import json
import random
import re
from collections import Counter
from pathlib import Path

import pytest

from bluelamp.engine.model import KINDS, TIERS, post_from_dict

_PATH = Path(__file__).resolve().parents[1] / "bench" / "corpus_gen.py"
_spec = importlib.util.spec_from_file_location("corpus_gen", _PATH)
corpus_gen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus_gen)

N = 2_000
SEED = 7
INPUT_KEYS = {"id", "text", "account", "kind", "media", "context"}


@pytest.fixture(scope="module")
def labelled():
    return list(corpus_gen.generate_labelled(N, SEED))


@pytest.fixture(scope="module")
def posts(labelled):
    return [post for _, post in labelled]


def test_same_seed_gives_the_same_corpus(posts):
    assert list(corpus_gen.generate(N, SEED)) == posts


def test_another_seed_gives_another_corpus(posts):
    other = list(corpus_gen.generate(N, SEED + 1))
    assert sum(a["text"] == b["text"] for a, b in zip(posts, other, strict=True)) < N // 10


def test_a_shorter_corpus_is_a_prefix_of_a_longer_one(posts):
    assert list(corpus_gen.generate(200, SEED)) == posts[:200]


def test_every_post_is_valid_check_input(posts):
    ids = set()
    for post in posts:
        assert set(post) <= INPUT_KEYS
        assert json.loads(json.dumps(post, ensure_ascii=False)) == post
        parsed = post_from_dict(post)
        assert parsed.text.strip()
        assert "{" not in post["text"] and "}" not in post["text"], post["text"]
        ids.add(parsed.id)
    assert len(ids) == N


def test_the_corpus_is_varied(labelled, posts):
    texts = [p["text"] for p in posts]
    assert len(set(texts)) > 0.8 * N
    assert Counter(texts).most_common(1)[0][1] < N // 50
    kinds_of_post = Counter(label for label, _ in labelled)
    assert set(kinds_of_post) >= {k.name for k in corpus_gen.KINDS} - {"major"}
    assert max(kinds_of_post.values()) < 0.2 * N  # ordinary posts lead, but none dominates
    assert {p["account"]["tier"] for p in posts} == set(TIERS)
    assert {p.get("kind", "post") for p in posts} == set(KINDS)
    assert any(p.get("context", {}).get("election_period") for p in posts)
    assert any(p.get("context", {}).get("major_incident") for p in posts)


def test_lengths_run_from_a_few_words_to_several_hundred_characters(posts):
    lengths = sorted(len(p["text"]) for p in posts)
    assert lengths[0] < 20
    assert lengths[len(lengths) // 2] in range(80, 300)
    assert lengths[-1] > 450


def test_a_long_round_up_is_about_five_thousand_characters():
    text = corpus_gen._roundup(random.Random(1))
    assert 4_500 <= len(text) <= 6_500


def test_the_slots_the_detectors_look_for_all_appear(posts):
    text = "\n".join(p["text"] for p in posts)
    expected = {
        "drama mobile": r"\+?(?:44 ?)?\(?0?7700\)?[ -]?900[ -]?\d{3}",
        "drama landline": r"496[ -]?0\d{3}|7946[ -]?0\d{3}",
        "public number": r"\b101\b|0800 ?555 ?111",
        "e-mail": r"[\w.]+@example\.\w+",
        "force link": r"west-midlands\.police\.uk/",
        "flickr": r"flickr\.com/photos/westmidlandspolice/\d+",
        "short link": r"\b(?:bit\.ly|tinyurl\.com|ow\.ly|flic\.kr/p|t\.co)/\w+",
        "log reference": r"\blog (?:number )?\d+ of\b",
        "age": r"\b\d{1,2}-year-old\b",
        "hashtag": r"#[A-Za-z]\w+",
        "marking": r"OFFICIAL.{0,3}SENSITIVE|RESTRICTED|NOT FOR PUBLICATION",
    }
    missing = [name for name, rx in expected.items() if not re.search(rx, text)]
    assert not missing


def test_drama_numbers_only(posts):
    """Private phone numbers come from Ofcom's drama ranges, never a real line."""
    text = "\n".join(p["text"] for p in posts)
    for m in re.finditer(r"\b07\d{3}[ -]?\d{3}[ -]?\d{3}\b", text):
        assert re.sub(r"\D", "", m.group()).startswith("07700900"), m.group()


def test_check_digits_are_valid():
    r = random.Random(3)
    for _ in range(50):
        nhs = re.sub(r"\D", "", corpus_gen._nhs_number(r))
        total = sum(int(d) * w for d, w in zip(nhs[:9], range(10, 1, -1), strict=True))
        assert (11 - total % 11) % 11 == int(nhs[9])
        card = re.sub(r"\D", "", corpus_gen.card_number(r))
        digits = [int(d) for d in reversed(card)]
        luhn = sum(digits[0::2]) + sum(sum(divmod(2 * d, 10)) for d in digits[1::2])
        assert luhn % 10 == 0


def test_write_jsonl_writes_one_post_a_line(tmp_path):
    path = tmp_path / "corpus.jsonl"
    corpus_gen.write_jsonl(path, 50, SEED)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == list(corpus_gen.generate(50, SEED))
