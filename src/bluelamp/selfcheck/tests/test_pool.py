"""The self-check's worker pool: started on first need, reused by the next self-check, closed
when idle, replaced when the pack changes; results do not depend on the order of the posts or
on what was checked before; no piece of a person's text stays in the engine's caches."""

from __future__ import annotations

import dataclasses
import random
import time

import pytest

from bluelamp.engine.policy_pack import load_pack
from bluelamp.engine.rules.detectors import text as engine_text
from bluelamp.selfcheck import checking
from bluelamp.selfcheck.checking import check_posts
from bluelamp.selfcheck.reading import PlainPost

PACK = load_pack()
WORDS = ["vote Labour", "#KnifeCrimeAwareness", "call 07700 900123", "love my job at WMP", "hi"]


def _posts(n: int, seed: int = 1) -> list[PlainPost]:
    r = random.Random(seed)
    return [
        PlainPost(
            index=i,
            text=f"Post {i % 37}: {r.choice(WORDS)}",
            kind="reply" if i % 5 == 0 else "post",
        )
        for i in range(n)
    ]


@pytest.fixture
def small_pool(monkeypatch):
    monkeypatch.setattr(checking, "PARALLEL_FROM", 10)
    monkeypatch.setattr(checking, "PARALLEL_FROM_WARM", 5)
    monkeypatch.setattr(checking, "CHUNK", 7)
    yield
    checking._POOL.close()


def _by_post(report) -> dict:
    return {item["n"]: (item["verdict"], item["findings"]) for item in report.items}


def test_the_pool_is_reused_and_gives_what_one_process_gives(small_pool):
    posts = _posts(120)
    first = check_posts(posts, PACK, workers=2)
    pool = checking._POOL.executor
    assert pool is not None
    again = check_posts(list(reversed(posts)), PACK, workers=2)
    assert checking._POOL.executor is pool
    alone = check_posts(posts, PACK, workers=1)
    assert _by_post(first) == _by_post(again) == _by_post(alone)
    assert first.verdicts == again.verdicts == alone.verdicts


def test_a_new_pack_gets_new_workers(small_pool):
    check_posts(_posts(40), PACK, workers=2)
    pool = checking._POOL.executor
    other = dataclasses.replace(PACK) if dataclasses.is_dataclass(PACK) else load_pack()
    check_posts(_posts(40), other, workers=2)
    assert checking._POOL.executor is not pool


def test_an_idle_pool_closes(small_pool, monkeypatch):
    monkeypatch.setattr(checking, "IDLE_SECONDS", 0.2)
    check_posts(_posts(40), PACK, workers=2)
    deadline = time.monotonic() + 10
    while checking._POOL.executor is not None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert checking._POOL.executor is None


def test_no_hashtag_is_left_in_the_engines_caches():
    check_posts([PlainPost(index=0, text="#MyPrivateHolidayPlans in #Marbella")], PACK, workers=1)
    assert engine_text.split_hashtag.cache_info().currsize == 0
    assert engine_text.segment_words.cache_info().currsize == 0


def test_an_upload_refused_half_way_leaves_the_pool_free(small_pool):
    def posts():
        yield from _posts(40)
        raise ValueError("cut short")

    with pytest.raises(ValueError, match="cut short"):
        check_posts(posts(), PACK, workers=2)
    assert checking._POOL.busy == 0
    assert check_posts(_posts(40), PACK, workers=2).posts == 40
