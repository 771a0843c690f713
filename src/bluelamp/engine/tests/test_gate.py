"""The gate in front of costly patterns skips work but never changes a result."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bluelamp.engine.model import Post
from bluelamp.engine.rules import check_post
from bluelamp.engine.rules.detectors.gate import necessary_literals, top_level_alternatives
from bluelamp.engine.rules.subject import Subject

from .conftest import REPO, load_jsonl, spec_examples_path

TEXTS = [e["text"] for e in load_jsonl(spec_examples_path())]
CORPUS = REPO / "corpus" / "labelled-posts.jsonl"
if CORPUS.exists():
    TEXTS += [e["text"] for e in load_jsonl(CORPUS)]


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        (r"\bwanted (?:in connection|for)\b", {"wanted in connection", "wanted for"}),
        (r"(?:has|have) been arrested", {"has been arrested", "have been arrested"}),
        (r"colou?r", {"color", "colour"}),
        (r"\d+ years?", {" year", " years"}),
        (r"(?:a|b)+", None),
        (r"foo|\w+", None),
    ],
)
def test_necessary_literals_of_a_pattern(pattern, literals):
    found = necessary_literals(re.compile(pattern, re.IGNORECASE))
    assert (set(found) if found else None) == literals


def _report(post: Post, pack, gated: bool):
    if gated:
        return check_post(post, pack)
    original = Subject.live
    Subject.live = property(lambda self: None)  # every pattern may match: nothing is skipped
    try:
        return check_post(post, pack)
    finally:
        Subject.live = original


def test_gated_and_ungated_checks_agree_on_every_known_post(pack):
    for text in TEXTS:
        for tier in ("force", "npu", "team"):
            post = Post(text=text, tier=tier, election_period=True)
            assert _report(post, pack, True) == _report(post, pack, False), text


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(st.sampled_from(TEXTS), min_size=1, max_size=3), noise=st.text(max_size=30))
def test_gated_and_ungated_checks_agree_on_mixtures(parts, noise, pack):
    text = noise.join(parts)
    post = Post(text=text, tier="team", election_period=True)
    assert _report(post, pack, True) == _report(post, pack, False)


@pytest.mark.parametrize(
    ("pattern", "parts"),
    [
        ("a|b|c", ["a", "b", "c"]),
        ("a(b|c)|d", ["a(b|c)", "d"]),
        (r"x[|]y|\|z", ["x[|]y", r"\|z"]),
        (r"[]|]x|y", ["[]|]x", "y"]),
    ],
)
def test_top_level_alternatives_split_only_at_the_top(pattern, parts):
    assert top_level_alternatives(pattern) == parts


def test_a_lowered_pattern_keeps_escapes_and_group_names():
    from bluelamp.engine.rules.detectors.gate import _lowered

    fast = _lowered(re.compile(r"(?P<Host>AB)\D(?P=Host)", re.IGNORECASE))
    assert fast.pattern == r"(?P<Host>ab)\D(?P=Host)"
    assert fast.search("xx ab-ab").group("Host") == "ab"


def test_links_found_on_lower_cased_text_are_the_same(pack):
    from bluelamp.engine.rules.detectors.links import find_links

    for text in TEXTS:
        lower = text.lower()
        if len(lower) != len(text):
            continue
        slow = find_links(text, pack.web_domains, pack.flickr_paths)
        fast = find_links(text, pack.web_domains, pack.flickr_paths, lower)
        assert fast == slow, text


def test_the_first_post_of_a_process_is_checked_with_the_packs_word_lists_too():
    # A pack's word lists are compiled while the first post is checked, after that post's gate
    # mask was made: they must still run on it (they once were skipped until the second post).
    import json
    import subprocess
    import sys

    text = "Tory chaos again. Vote Labour on Thursday."
    script = (
        "import json, sys\n"
        "from bluelamp.engine.model import post_from_dict\n"
        "from bluelamp.engine.policy_pack import load_pack\n"
        "from bluelamp.engine.rules import check_post\n"
        "pack = load_pack()\n"
        "post = post_from_dict({'text': sys.argv[1], 'account': {'tier': 'team'}})\n"
        "print(json.dumps([[f.rule for f in check_post(post, pack).findings] for _ in (1, 2)]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, text], capture_output=True, text=True, check=True
    ).stdout
    first, second = json.loads(out)
    assert "political-opinion" in first
    assert first == second
