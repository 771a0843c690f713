"""What the model sees in a post: words, word pairs, word pieces, the policy pack's concept
lexicons and a few of the fast stage's detectors, each with where in the text it was found.

The same function serves training and checking, so the two cannot drift apart. Features are
strings: ``w:`` a word, ``b:`` two words in a row, ``c:`` four letters of a word, ``x:`` a pack
lexicon, ``o:`` an entry of the offensive-terms list, ``d:`` a detector, ``d:a&d:b`` / ``x:a&d:b``
two of those together (a linear model cannot otherwise say "a sexual offence *and* a name")."""

from __future__ import annotations

import re

from bluelamp.engine.rules.detectors import lexicon as lexicons
from bluelamp.engine.rules.detectors.offensive import TERMS
from bluelamp.engine.rules.detectors.people import is_deceased
from bluelamp.engine.rules.detectors.text import per_pack
from bluelamp.engine.rules.sexual_offence_victim import (
    _DEFENDANT_AFTER as DEFENDANT_AFTER,
)
from bluelamp.engine.rules.sexual_offence_victim import (
    _DEFENDANT_BEFORE as DEFENDANT_BEFORE,
)

_TOKEN = re.compile(r"[\w*$@'’!]+")
_EDGE = "'’!*"
_LEET = str.maketrans("013457@$", "oieastas")
#: The lexicon families that carry concepts (contacts and spoofs are about addresses and
#: handles, which the fast stage handles alone).
_FAMILIES = ("people.", "language.")

Spans = dict[str, tuple[int, int]]


def _number(tok: str) -> str:
    if len(tok) > 3:
        return "<num>"
    n = int(tok)
    return "<minor>" if n < 18 else "<adult>" if n < 100 else "<num>"


def _tokens(text: str, lower: str) -> list[tuple[str, int, int]]:
    out = []
    for m in _TOKEN.finditer(lower):
        tok = m.group(0)
        start, end = m.start(), m.end()
        stripped = tok.strip(_EDGE)
        if not stripped:
            continue
        start += len(tok) - len(tok.lstrip(_EDGE))
        end = start + len(stripped)
        tok = stripped.replace("’", "'")
        if tok.startswith("@"):
            tok = "<handle>"
        elif tok.isdigit():
            tok = _number(tok)
        elif tok.endswith("'s"):
            tok = tok[:-2]  # a possessive is the word it belongs to
        out.append((tok, start, end))
    return out


def _lexicons(pack):
    keys = sorted(k for k in pack.lexicons if k.startswith(_FAMILIES))
    return [(k, lexicons.build(pack.lexicon(k))) for k in keys if pack.lexicon(k)]


pack_lexicons = per_pack(_lexicons)


def _detectors(post) -> Spans:
    """The fast stage's own findings about people and proceedings, already computed for the
    rules on nearly every candidate."""
    found: Spans = {}
    names = post.identifying_names
    text = post.text
    for n in names:
        found.setdefault("d:name", (n.start, n.end))
        # The accused, by the fast stage's own reading ("X, 34, has been charged"), or anyone
        # else: who is named matters more than that someone is.
        if is_deceased(text, n.start, n.end):
            kind = "d:dead-name"  # named at the family's request, as a rule
        elif DEFENDANT_AFTER.match(text[n.end : n.end + 100]) or DEFENDANT_BEFORE.search(
            text[max(0, n.start - 40) : n.start]
        ):
            kind = "d:accused-name"
        else:
            kind = "d:other-name"
        found.setdefault(kind, (n.start, n.end))
    if post.private_names:
        n = post.private_names[0]
        found["d:private-name"] = (n.start, n.end)
    for age in post.ages:
        if is_deceased(text, age.start, age.end):
            key = "d:dead-age"
        else:
            key = "d:minor-age" if age.years < 18 else "d:adult-age"
        found.setdefault(key, (age.start, age.end))
    if post.appeal is not None:
        found["d:appeal-" + post.appeal.kind] = (post.appeal.start, post.appeal.end)
    for what in ("arrested", "charged", "convicted"):
        m = getattr(post, what)
        if m:
            found[f"d:{what}"] = m.span()
    if post.proceedings_active:
        m = post.charged or post.arrested
        found["d:active"] = m.span()
    for item in post.identifiers:
        found.setdefault(f"d:{item.kind}", (item.start, item.end))
    return found


def features(post) -> Spans:
    """Every feature present in the post with the span of its first occurrence."""
    return post.memo("stat-features", _features)


def _features(post) -> Spans:
    text, lower = post.text, post.text.lower()
    if len(lower) != len(text):
        lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    found: Spans = {}
    toks = _tokens(text, lower)
    prev = None
    for tok, s, e in toks:
        found.setdefault("w:" + tok, (s, e))
        if prev is not None:
            found.setdefault(f"b:{prev[0]} {tok}", (prev[1], e))
        prev = (tok, s, e)
        if len(tok) >= 4 and not tok.startswith("<"):
            padded = f"^{tok}$"
            for i in range(len(padded) - 3):
                found.setdefault("c:" + padded[i : i + 4], (s, e))
        kind = TERMS.get(tok) or TERMS.get(tok.translate(_LEET))
        if kind:
            found.setdefault("o:" + kind, (s, e))
    concepts: Spans = {}
    for key, lex in pack_lexicons(post.pack):
        m = lex.search(text, post.lower, post.words)
        if m:
            concepts["x:" + key] = m.span()
    concepts.update(_detectors(post))
    found.update(concepts)
    # Pairs of concepts: the span is the second's (the person, the detail), which is what a
    # reader must change.
    keys = sorted(concepts)
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            found[f"{a}&{b}"] = concepts[b] if b.startswith("d:") else concepts[a]
    return found
