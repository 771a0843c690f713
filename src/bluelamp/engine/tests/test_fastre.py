"""Patterns rewritten for speed (detectors/fastre.py) match exactly what they were written as,
and the gate's terms never skip a pattern that could match."""

from __future__ import annotations

import random
import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bluelamp.engine.rules  # noqa: F401  (registers every rule and its patterns)
from bluelamp.engine.rules.detectors.fastre import fast, original
from bluelamp.engine.rules.detectors.gate import GATE, Gated, _lowered

from .conftest import REPO, load_jsonl, spec_examples_path

TEXTS = [e["text"] for e in load_jsonl(spec_examples_path())]
CORPUS = REPO / "corpus" / "labelled-posts.jsonl"
if CORPUS.exists():
    TEXTS += [e["text"] for e in load_jsonl(CORPUS)]
TEXTS += [t.lower() for t in TEXTS]


def _engine_patterns() -> list[tuple[str, re.Pattern[str], re.Pattern[str]]]:
    """(name, as written, as searched) for every pattern of the rules."""
    found, seen = [], set()
    for module_name, module in list(sys.modules.items()):
        if not module_name.startswith("bluelamp.engine.rules"):
            continue
        for name, value in vars(module).items():
            for item in value if isinstance(value, tuple) else (value,):
                if id(item) in seen:
                    continue
                seen.add(id(item))
                if isinstance(item, Gated):
                    found.append((name, item.pattern, item.run))
                    if item.lower is not None:
                        found.append((name + " (lower)", _lowered(item.pattern), item.lower))
                elif isinstance(item, re.Pattern):
                    found.append((name, original(item), item))
    return found


PATTERNS = [p for p in _engine_patterns() if p[1] is not p[2]]


def _matches(rx, text, pos=0, endpos=sys.maxsize):
    return [(m.span(), m.groups()) for m in rx.finditer(text, pos, endpos)]


def test_some_patterns_are_rewritten():
    assert len(PATTERNS) > 50


@pytest.mark.parametrize(("name", "written", "searched"), PATTERNS, ids=[p[0] for p in PATTERNS])
def test_a_rewritten_pattern_matches_as_written(name, written, searched):
    rnd = random.Random(name)
    for text in TEXTS:
        assert _matches(searched, text) == _matches(written, text), text
        if len(text) > 2:
            pos = rnd.randrange(len(text))
            endpos = rnd.randrange(pos, len(text) + 1)
            assert _matches(searched, text, pos, endpos) == _matches(written, text, pos, endpos)


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [
        (r"\b(?:raid|warrant|wanted)\b", 0),
        (r"(?<![\w@#])(?:bunch of|bust|burglar|b\*+)(?!\w)", 0),
        (r"\b(?:is|are|was)\s+wanted\b|(?<!witness )\bwanted:|\bwanted (?:man|woman)\b", 0),
        (r"\b(?:log|incident)\s*no\.?\s*(\d+)|\b(?:crime|case) ref\b", 0),
        (r"(?<![\d\w+])\d{3}[\s\-]?\d{3}[\s\-]?\d{4}(?![\d\w])", 0),
        (r"\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+([A-Z][a-z]+)", 0),
        (r"\b(?:station|stations|stab|stabbing|st)\b", re.IGNORECASE),
        (r"(?:ab|Ac|aD|b|)(x?)", re.IGNORECASE),
    ],
)
@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="abcdilnorstuwxADMSWr0123456789 .:@#*-\n", max_size=60))
def test_rewriting_keeps_matches_on_any_text(pattern, flags, text):
    written = re.compile(pattern, flags)
    searched = fast(written)
    assert _matches(searched, text) == _matches(written, text)
    for pos in range(0, len(text), 7):
        a, b = searched.search(text, pos), written.search(text, pos)
        assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))


def test_a_leading_word_boundary_becomes_a_jump_to_a_first_letter():
    rx = fast(re.compile(r"\b(?:raid|warrant)\b"))
    assert rx.search("a raid, not a braid").span() == (2, 6)
    assert rx.search("abraid xwarrant") is None


def test_the_terms_of_every_gated_pattern_hold_wherever_it_matches():
    """A term is "all of these literal sets occur": wherever a pattern matches, one of its
    terms must be satisfied, or the gate would skip a real match."""
    gated = [p for p in _gated_patterns() if p.terms]
    assert gated
    for text in TEXTS:
        live = GATE.live(text, text.lower())
        if live is None:
            continue
        for rx in gated:
            if rx.pattern.search(text):
                assert any(live & t == t for t in rx.terms), (rx.pattern.pattern, text)


def _gated_patterns() -> list[Gated]:
    found = {}
    for module_name, module in list(sys.modules.items()):
        if module_name.startswith("bluelamp.engine.rules"):
            for value in vars(module).values():
                for item in value if isinstance(value, tuple) else (value,):
                    if isinstance(item, Gated):
                        found[item.index] = item
    return list(found.values())


# Patterns rewritten by hand to start at a rare character; the first form is as first written.
_FORMS = {
    "link cue": (r"[A-Za-z0-9]\.[A-Za-z]", "links", "_LINK_CUE"),
    "NI number shape": (r"[A-Za-z]{2} ?\d\d ?\d\d", "identifiers", "_NINO_SHAPE"),
    "mask sign": (
        r"[A-Za-z][*#$%!]+[A-Za-z*]|[A-Za-z][*#$%]{2,}|[A-Za-z]@[a-z]{1,6}\b(?!@|\.\w)",
        "offensive_language",
        "_MASK_SIGN",
    ),
}


def _module(name):
    for module_name, module in sys.modules.items():
        if module_name.startswith("bluelamp.engine.rules") and module_name.endswith(name):
            return module
    raise LookupError(name)


@pytest.mark.parametrize("what", list(_FORMS))
@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet="ab Z09.*#$%!@\n-_é", max_size=40))
def test_a_rewritten_test_pattern_is_found_where_the_first_form_is(what, text):
    first, module, name = _FORMS[what]
    rewritten = getattr(_module(module), name)
    assert bool(rewritten.search(text)) == bool(re.search(first, text))


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet="ab Z09.\n\t-", max_size=40))
def test_dotted_runs_are_the_same_as_first_written(text):
    from bluelamp.engine.rules.detectors.links import _DOTTED_RUN

    first = re.compile(r"[^\s.]*\.\S*")
    assert [m.span() for m in _DOTTED_RUN.finditer(text)] == [
        m.span() for m in first.finditer(text)
    ]


@pytest.mark.parametrize("text", TEXTS[:400])
def test_rewritten_test_patterns_agree_on_known_posts(text):
    for first, module, name in _FORMS.values():
        assert bool(getattr(_module(module), name).search(text)) == bool(re.search(first, text))
