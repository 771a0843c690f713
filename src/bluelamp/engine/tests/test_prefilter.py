"""The Hyperscan prefilter (detectors/prefilter.py) skips work but never changes a report: every
report is the same with it, with the literals gate it replaces, and with no gate at all."""

from __future__ import annotations

import csv
import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bluelamp.engine.model import InputError, Post, post_from_dict
from bluelamp.engine.rules import check_post
from bluelamp.engine.rules.detectors import prefilter
from bluelamp.engine.rules.detectors.gate import GATE
from bluelamp.engine.rules.subject import Subject

from .conftest import REPO

pytestmark = pytest.mark.skipif(not prefilter.available(), reason="hyperscan not installed")

BENCH = REPO / "bench"
# The shared real-post file, beside the main checkout (../shared) or a worktree (../../shared).
DEV_CSV = next(
    (
        d / "shared" / "corpus" / "uk-police-posts-dev.csv"
        for d in (REPO.parent, REPO.parent.parent)
        if (d / "shared" / "corpus" / "uk-police-posts-dev.csv").exists()
    ),
    REPO.parent / "shared" / "corpus" / "uk-police-posts-dev.csv",
)


def _corpus_posts() -> list[dict]:
    posts = []
    for path in sorted((REPO / "corpus").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                posts.append(json.loads(line))
    return posts


def _dev_posts() -> list[dict]:
    if not DEV_CSV.exists():
        return []
    with DEV_CSV.open(encoding="utf-8", newline="") as f:
        return [{"text": row["text"], "account": {"tier": "force"}} for row in csv.DictReader(f)]


def _bench_posts(n: int = 10_000) -> list[dict]:
    sys.path.insert(0, str(BENCH))
    try:
        import corpus_gen
    finally:
        sys.path.remove(str(BENCH))
    return list(corpus_gen.generate(n, corpus_gen.DEFAULT_SEED))


def _post(data: dict) -> Post | None:
    try:
        return post_from_dict(data)
    except InputError:
        return None


def _reports(post: Post, pack):
    """(with Hyperscan, with the literals, with no gate)."""
    try:
        GATE.use("hyperscan")
        fast = check_post(post, pack)
        GATE.use("literals")
        literals = check_post(post, pack)
        original = Subject.live
        Subject.live = property(lambda self: None)  # every pattern may match: nothing skipped
        try:
            ungated = check_post(post, pack)
        finally:
            Subject.live = original
    finally:
        GATE.use("hyperscan")
    return fast, literals, ungated


@pytest.fixture(scope="module")
def ready(pack):
    """Every pattern registered (a pack's word lists on the first posts), then the database."""
    for data in _corpus_posts()[:50]:
        post = _post(data)
        if post is not None:
            check_post(post, pack)
    assert GATE.prepare()
    return pack


def _assert_same(posts: list[dict], pack) -> int:
    checked = 0
    for data in posts:
        post = _post(data)
        if post is None:
            continue
        fast, literals, ungated = _reports(post, pack)
        assert fast == ungated, data["text"]
        assert literals == ungated, data["text"]
        checked += 1
    return checked


def test_reports_are_the_same_on_the_corpora(ready):
    assert _assert_same(_corpus_posts(), ready) > 1500


@pytest.mark.skipif(not DEV_CSV.exists(), reason="the shared real-post file is not beside the repo")
def test_reports_are_the_same_on_really_published_posts(ready):
    assert _assert_same(_dev_posts(), ready) > 4000


@pytest.mark.slow
def test_reports_are_the_same_on_the_bench_corpus(ready):
    assert _assert_same(_bench_posts(), ready) == 10_000


def _texts() -> list[str]:
    return [d["text"] for d in _corpus_posts()] + [d["text"] for d in _dev_posts()]


TEXTS = _texts()
# Characters that test the narrowing: the IGNORECASE traps, characters the patterns name,
# non-ASCII letters and digits, spaces, C1 controls, emoji.
ODD = "\u212aſKİıK’‘“”–—…£€éÉßµÿŸ٣\u00a0\u2009\u200d\x85\x9f🚨\U0001f46e\ufe0f_"


def test_the_ignorecase_traps_are_all_the_non_ascii_characters_matching_ascii_letters():
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    found = {}
    for letter in "abcdefghijklmnopqrstuvwxyz":
        for m in re.finditer(letter, every, re.IGNORECASE):
            if not m.group().isascii():
                found[m.group()] = letter
    assert found == prefilter.TRAPS


def _scanned(text: str) -> int:
    return GATE.live(text, None)


def _compiled() -> dict[int, re.Pattern[str]]:
    """Every gated pattern as written, compiled (the gate keeps their sources)."""
    return {i: re.compile(p.pattern, p.flags) for i, p in GATE._patterns.items()}


def test_every_pattern_that_matches_is_found_by_the_scan(ready):
    rnd = random.Random(9)
    patterns = _compiled()
    for text in TEXTS[:2500]:
        live = _scanned(text)
        for index, rx in patterns.items():
            if not live >> index & 1:
                assert rx.search(text) is None, (rx.pattern[:80], text)
                if len(text) > 3:  # nor in any window of it
                    pos = rnd.randrange(len(text))
                    endpos = rnd.randrange(pos, len(text) + 1)
                    assert rx.search(text, pos, endpos) is None, (rx.pattern[:80], text)


@settings(max_examples=300, deadline=None)
@given(
    parts=st.lists(st.sampled_from(TEXTS), min_size=1, max_size=3),
    noise=st.text(alphabet=st.sampled_from(list(ODD + " .,:#@-\n'abcAB09")), max_size=12),
    upper=st.booleans(),
)
def test_reports_are_the_same_on_mixtures(parts, noise, upper, ready):
    text = noise.join(parts)
    if upper:
        text = text.upper()
    post = Post(text=text, tier="team", election_period=True)
    fast, literals, ungated = _reports(post, ready)
    assert fast == ungated
    assert literals == ungated


@settings(max_examples=400, deadline=None)
@given(
    text=st.text(
        alphabet=st.one_of(
            st.sampled_from(list(ODD)),
            st.characters(min_codepoint=1, max_codepoint=0x2FFF),
        ),
        max_size=60,
    ),
    start=st.integers(0, 60),
    end=st.integers(0, 60),
)
def test_no_pattern_is_skipped_on_odd_text(text, start, end, ready):
    """On any text, in any window: a pattern the scan rules out has no match."""
    live = _scanned(text)
    pos, endpos = min(start, end), max(start, end)
    for index, rx in _compiled().items():
        if not live >> index & 1:
            assert rx.search(text) is None, (rx.pattern[:80], text)
            assert rx.search(text, pos, endpos) is None, (rx.pattern[:80], text)


def test_a_word_list_in_another_order_has_the_same_cache_key():
    a = r"(?<![\w@#])(?:foo[\s\-]+bar|baz|qux)(?!\w)"
    b = r"(?<![\w@#])(?:qux|baz|foo[\s\-]+bar)(?!\w)"
    assert prefilter.canonical(a) == prefilter.canonical(b)
    # Groups within alternatives (plurals, as the pack's offices are built) are reordered too.
    c = r"(?<!\d)(?:PCCs?|MEPs?|MPs(?:es)?|PMs?|MPs?)(?:['’]s?)?(?!\w)"
    d = r"(?<!\d)(?:MEPs?|MPs(?:es)?|PCCs?|PMs?|MPs?)(?:['’]s?)?(?!\w)"
    assert prefilter.canonical(c) == prefilter.canonical(d)
    assert prefilter.canonical(r"(?:b(?:d|c)|a)") == prefilter.canonical(r"(?:a|b(?:c|d))")
    # Anything else keeps its meaning.
    assert prefilter.canonical(r"(?:a|)") != prefilter.canonical(r"(?:a)")
    assert prefilter.canonical(r"[ab]c") != prefilter.canonical(r"[ab]d")


def test_a_database_from_the_cache_scans_the_same(tmp_path, monkeypatch, ready):
    monkeypatch.setenv("BLUELAMP_CACHE_DIR", str(tmp_path))
    patterns = {i: p for i, p in list(GATE._patterns.items())[:12]}
    built = prefilter.Prefilter(patterns)
    assert list(tmp_path.glob("prefilter-*.hsdb"))
    loaded = prefilter.Prefilter(patterns)
    for text in TEXTS[:300]:
        assert built.scan(text) == loaded.scan(text)


@pytest.mark.parametrize("mode", ["hyperscan", "literals"])
def test_the_first_post_of_a_process_gets_the_pack_word_lists(mode, tmp_path):
    """A pack's word lists are compiled when the first post needs them, after that post's gate
    was worked out: they must not be skipped on it."""
    script = (
        "from bluelamp.engine.policy_pack import load_pack\n"
        "from bluelamp.engine.model import post_from_dict\n"
        "from bluelamp.engine.rules import check_post\n"
        "pack = load_pack()\n"
        "t = 'Tory chaos again. Vote Labour, they are the only party who care!'\n"
        "for _ in range(3):\n"
        "    print(sorted(f.rule for f in check_post(post_from_dict({'text': t}), pack).findings))\n"
    )
    out = _fresh_process(script, tmp_path, BLUELAMP_PREFILTER=mode)
    assert len(out) == 3 and len(set(out)) == 1 and "political-opinion" in out[0]


def test_patterns_added_while_scanners_merge_end_in_one_scanner(tmp_path, monkeypatch):
    """The scanners of several builds are merged into one; a pattern registered while that
    merge is built makes it stale, and the build of the new pattern ends while the merge is
    still under way: the merge is made again, with it, rather than leaving three scans a post
    for the life of the process."""
    from bluelamp.engine.rules.detectors.gate import Gate

    monkeypatch.setenv("BLUELAMP_CACHE_DIR", str(tmp_path))
    gate = Gate()
    bits = [gate.register(r"\bburglary\b")[0]]
    assert gate.prepare()
    bits.append(gate.register(r"\bwitness(?:es)?\b")[0])
    first = gate._new_patterns()

    real = prefilter.Prefilter
    late = []

    def merging(patterns):
        if len(patterns) == 2 and not late:  # the merge of the first two: a third comes
            late.append(gate.register(r"\bstolen\b")[0])
            gate._install(*gate._new_patterns())
        return real(patterns)

    monkeypatch.setattr(prefilter, "Prefilter", merging)
    gate._install(*first)
    assert late
    scanners, _ = gate._scanners
    assert len(scanners) == 1 and gate._in_flight == 0
    mask = gate.live("witnesses to the burglary: was anything stolen?")
    assert all(mask >> i & 1 for i in [*bits, *late])
    quiet = gate.live("Have a lovely weekend")
    assert not any(quiet >> i & 1 for i in [*bits, *late])


def test_prepare_builds_one_scanner_before_the_first_post(tmp_path):
    """A bulk check's worker prepares the pack: its posts are all gated by one scan."""
    script = (
        "from bluelamp.engine.policy_pack import load_pack\n"
        "from bluelamp.engine.model import post_from_dict\n"
        "from bluelamp.engine.rules import check_post, prepare\n"
        "from bluelamp.engine.rules.detectors.gate import GATE\n"
        "pack = load_pack()\n"
        "print(prepare(pack), len(GATE._scanners[0]), GATE._in_flight)\n"
        "t = 'Tory chaos again. Vote Labour, they are the only party who care!'\n"
        "print(sorted(f.rule for f in check_post(post_from_dict({'text': t}), pack).findings))\n"
        "print(len(GATE._scanners[0]), GATE._built == GATE._count)\n"
    )
    out = _fresh_process(script, tmp_path)
    assert out[0] == "True 1 0"
    assert "political-opinion" in out[1]
    assert out[2] == "1 True"


def test_a_build_under_way_at_fork_is_forgotten_in_the_child(tmp_path, monkeypatch):
    """The thread building a prefilter is not copied by fork: the child must not wait for it
    (no merge would ever happen) but build every pattern at once."""
    from bluelamp.engine.rules.detectors.gate import Gate

    monkeypatch.setenv("BLUELAMP_CACHE_DIR", str(tmp_path))
    gate = Gate()
    bit = gate.register(r"\bburglary\b")[0]
    assert gate.prepare()
    late = gate.register(r"\bstolen\b")[0]
    gate._new_patterns()  # a build started, as by a thread of the parent
    gate.forked()
    assert gate._in_flight == 0 and gate._scanners == ((), -1) and gate._built == 0
    assert gate.prepare()
    assert len(gate._scanners[0]) == 1
    mask = gate.live("was anything stolen in the burglary?")
    assert mask >> bit & 1 and mask >> late & 1
    assert not gate.live("have a lovely weekend") >> late & 1


def _fresh_process(script: str, cache_dir: Path, **env: str) -> list[str]:
    """The lines ``script`` prints in a new interpreter with its own prefilter cache."""
    return subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={
            "BLUELAMP_CACHE_DIR": str(cache_dir),
            "PATH": "",
            "PYTHONPATH": str(Path(prefilter.__file__).parents[5]),
            **env,
        },
    ).stdout.splitlines()
