"""Every report is the same with the engine's fast paths and without them.

The fast paths: the gate (one automaton pass finds which gated patterns can match at all, and
the rest are skipped), case-insensitive patterns run lower-cased on lower-cased text, patterns
rewritten to skip ahead (``fastre``), and each form compiled at first use. The plain way runs
every gated pattern as written, on the text as written, on every post. Both must give the same
report, byte for byte, on every corpus the project has, on real published posts, on the
benchmark's generated posts, and on fuzzed mixtures of them.
"""

from __future__ import annotations

import csv
import json
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bluelamp.engine.model import Post, post_from_dict
from bluelamp.engine.rules import check_post
from bluelamp.engine.rules.detectors.gate import GATE, Gated, gated
from bluelamp.engine.rules.subject import Subject

from .conftest import REPO, load_jsonl

REAL_POSTS = REPO.parent / "shared" / "corpus" / "uk-police-posts-dev.csv"
BENCH_POSTS = 2_000


def _corpus_posts() -> list[dict]:
    posts = []
    for path in sorted((REPO / "corpus").glob("*.jsonl")):
        for data in load_jsonl(path):
            posts.append(
                {k: data[k] for k in ("id", "text", "account", "kind", "context") if k in data}
            )
    return posts


def _real_texts() -> list[str]:
    if not REAL_POSTS.exists():
        return []
    with REAL_POSTS.open(encoding="utf-8", newline="") as stream:
        return [row["text"] for row in csv.DictReader(stream)]


def _bench_posts() -> list[dict]:
    sys.path.insert(0, str(REPO / "bench"))
    try:
        import corpus_gen
    finally:
        sys.path.remove(str(REPO / "bench"))
    return list(corpus_gen.generate(BENCH_POSTS, 1))


CORPUS = _corpus_posts()
REAL = _real_texts()
TEXTS = [p["text"] for p in CORPUS] + REAL[:500]


def _plain_search(self, rx, pos=0, endpos=sys.maxsize):
    if isinstance(rx, Gated):
        rx = rx.pattern
    return rx.search(self.text, pos, endpos)


def _plain_finditer(self, rx, pos=0, endpos=sys.maxsize):
    if isinstance(rx, Gated):
        rx = rx.pattern
    return rx.finditer(self.text, pos, endpos)


def _plain_report(post: Post, pack) -> str:
    """The report with every gated pattern run as written on every post."""
    saved = Subject.live, Subject.search, Subject.finditer
    Subject.live = property(lambda self: None)
    Subject.search, Subject.finditer = _plain_search, _plain_finditer
    try:
        return json.dumps(check_post(post, pack).to_dict(), ensure_ascii=False)
    finally:
        Subject.live, Subject.search, Subject.finditer = saved


def _fast_report(post: Post, pack) -> str:
    return json.dumps(check_post(post, pack).to_dict(), ensure_ascii=False)


def _differences(posts: list[Post], pack) -> list[str]:
    return [
        post.text[:120] for post in posts if _fast_report(post, pack) != _plain_report(post, pack)
    ]


def test_the_fast_paths_change_no_report_on_the_projects_corpora(pack):
    assert len(CORPUS) > 500
    assert _differences([post_from_dict(p) for p in CORPUS], pack) == []


@pytest.mark.skipif(not REAL, reason="shared corpus not beside the repo")
@pytest.mark.parametrize("tier", ["force"])
def test_the_fast_paths_change_no_report_on_real_published_posts(pack, tier):
    posts = [Post(text=t, id=str(i), tier=tier, election_period=True) for i, t in enumerate(REAL)]
    assert _differences(posts, pack) == []


def test_the_fast_paths_change_no_report_on_the_benchmark_posts(pack):
    posts = [post_from_dict(p) for p in _bench_posts()]
    assert _differences(posts, pack) == []


_CASES = st.sampled_from([str.lower, str.upper, str.title, lambda s: s])


@settings(max_examples=150, deadline=None)
@given(
    parts=st.lists(st.sampled_from(TEXTS), min_size=1, max_size=3),
    cases=st.lists(_CASES, min_size=3, max_size=3),
    noise=st.text(max_size=20),
    tier=st.sampled_from(["force", "npu", "team", "individual"]),
)
def test_the_fast_paths_change_no_report_on_fuzzed_mixtures(parts, cases, noise, tier, pack):
    text = noise.join(case(part) for case, part in zip(cases, parts, strict=False))
    post = Post(text=text, tier=tier, election_period=True)
    assert _fast_report(post, pack) == _plain_report(post, pack)


def test_a_pattern_made_after_the_gate_is_built_runs_on_the_next_post_and_after(pack):
    # A word added to a detector's data (a pack lexicon is compiled at first use) needs no
    # change to the gate: its literals are taken from the pattern itself, whenever it is made.
    check_post(Post(text="Thank you all for coming."), pack)
    rx = gated(r"\bquillowbrank(?:s|ed)?\b", 2)  # re.IGNORECASE
    assert rx.index >= 0 and GATE._automaton_count <= rx.index
    for text in ("Seen QUILLOWBRANKED on the canal", "two quillowbranks", "no such word"):
        subject = Subject(Post(text=text), pack)
        found = subject.search(rx)
        assert (found is not None) == (text != "no such word"), text
        assert [m.span() for m in subject.finditer(rx)] == [
            m.span() for m in rx.pattern.finditer(text)
        ]
