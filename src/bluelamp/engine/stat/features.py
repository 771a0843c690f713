"""What the model sees in a post: words, word pairs, word pieces, the policy pack's concept
lexicons and a few of the fast stage's detectors, each with where in the text it was found.

The same function serves training and checking, so the two cannot drift apart. Features are
strings: ``w:`` a word, ``b:`` two words in a row, ``c:`` four letters of a word, ``x:`` a pack
lexicon, ``o:`` an entry of the offensive-terms list, ``d:`` a detector, ``d:a&d:b`` / ``x:a&d:b``
two of those together (a linear model cannot otherwise say "a sexual offence *and* a name")."""

from __future__ import annotations

import re
from itertools import chain, pairwise

from bluelamp.engine.rules.detectors import lexicon as lexicons
from bluelamp.engine.rules.detectors.gate import Gated
from bluelamp.engine.rules.detectors.offensive import TERMS
from bluelamp.engine.rules.detectors.people import is_deceased
from bluelamp.engine.rules.detectors.text import per_pack
from bluelamp.engine.rules.named_before_charge import (
    _ALREADY_IN_PROCEEDINGS as ALREADY_IN_PROCEEDINGS,
)
from bluelamp.engine.rules.political_opinion import political_speaker
from bluelamp.engine.rules.sexual_offence_victim import (
    _DEFENDANT_AFTER as DEFENDANT_AFTER,
)
from bluelamp.engine.rules.sexual_offence_victim import (
    _DEFENDANT_BEFORE as DEFENDANT_BEFORE,
)

_POLITICAL_FAMILIES = ("x:language.political_", "x:politics.")
_TOKEN = re.compile(r"[\w*$@'’!]+")
_EDGE = "'’!*"
_LEET = str.maketrans("013457@$", "oieastas")
#: The lexicon families that carry concepts, and the few contact lists that name one (who is
#: watching, who is protected, what was recovered, what is finished, where someone lives); the
#: rest of contacts and spoofs are about addresses and handles, which the fast stage handles alone.
_FAMILIES = (
    "people.",
    "language.",
    "contacts.watchers",
    "contacts.protected_people",
    "contacts.recovered_items",
    "contacts.completed_operation_words",
    "contacts.home_words",
)
#: The pack's [politics] lists, as concepts: parties, politicians and elected offices, contested
#: policies and partisan slogans.
_POLITICS = ("parties", "politicians", "elected_offices", "contested_policies", "partisan_slogans")

Spans = dict[str, tuple[int, int]]


def _number(tok: str) -> str:
    if len(tok) > 3:
        return "<num>"
    n = int(tok)
    return "<minor>" if n < 18 else "<adult>" if n < 100 else "<num>"


def _normal(raw: str) -> str:
    """A token as the features read it ('' for none): what _tokens makes of one match."""
    tok = raw.strip(_EDGE)
    if not tok:
        return ""
    tok = tok.replace("’", "'")
    if tok.startswith("@"):
        return "<handle>"
    if tok.isdecimal():
        return _number(tok)
    if tok.endswith("'s"):
        return tok[:-2]
    return tok


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
        elif tok.isdecimal():  # what int() reads ("²" is a digit, not a decimal)
            tok = _number(tok)
        elif tok.endswith("'s"):
            tok = tok[:-2]  # a possessive is the word it belongs to
        out.append((tok, start, end))
    return out


def lexicon_entries(pack) -> dict[str, tuple[str, ...]]:
    """The entries of every concept lexicon, by feature name (``x:…``)."""
    keys = sorted(k for k in pack.lexicons if k.startswith(_FAMILIES))
    found = {"x:" + k: tuple(pack.lexicon(k)) for k in keys if pack.lexicon(k)}
    for key in _POLITICS:
        words = tuple(getattr(pack, key, ()))
        if words:
            found["x:politics." + key] = words
    return found


def _lexicons(pack):
    found = sorted((k, lexicons.build(v)) for k, v in lexicon_entries(pack).items())
    for _, lex in found:
        gated(lex)  # all at once: the prefilter then adds them in one build, not one by one
    return found


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


def already_in_proceedings(text: str) -> bool:
    """Someone recalled to prison, in breach of licence or wanted for not attending court: the
    fast stage's own reading of a case already charged or convicted. A gate, not a feature."""
    return ALREADY_IN_PROCEEDINGS.search(text) is not None


def _token_features(tok: str) -> list[str]:
    """The features one word gives by itself, in the order they are first recorded."""
    out = ["w:" + tok]
    if len(tok) >= 4 and not tok.startswith("<"):
        padded = f"^{tok}$"
        out.extend("c:" + padded[i : i + 4] for i in range(len(padded) - 3))
    kind = TERMS.get(tok) or TERMS.get(tok.translate(_LEET))
    if kind:
        out.append("o:" + kind)
    return out


class _Memo(dict):
    """A bounded memory of ``compute``, read with ``__getitem__`` so ``map`` calls it from C."""

    __slots__ = ("compute",)

    def __init__(self, compute) -> None:
        super().__init__()
        self.compute = compute

    def __missing__(self, key):
        if len(self) >= Vocabulary.LIMIT:
            self.clear()
        value = self[key] = self.compute(key)
        return value


class Vocabulary:
    """The features a model can use: checking computes only these (the result is the full
    feature set restricted to them, spans and order included), and remembers what each word
    gives, so a word seen before costs one dictionary look-up."""

    #: Words remembered at most; past it the memory starts again (a bound, not a policy).
    LIMIT = 200_000

    def __init__(self, names) -> None:
        self.names = frozenset(names)
        self.bigram_heads = frozenset(n[2:].split(" ", 1)[0] for n in self.names if n[:2] == "b:")
        #: (word, next word) → its feature, for the pairs of words the model knows.
        self.bigrams = {
            tuple(n[2:].split(" ", 1)): n for n in self.names if n[:2] == "b:" and " " in n
        }
        self.pairs = frozenset(n for n in self.names if "&" in n)
        #: Every feature by a number (its place in sorted order), and back: the stage bounds
        #: scores on sets of small integers and lists of weights, cheaper than strings and
        #: dictionaries.
        self.by_id = tuple(sorted(self.names))
        self.ids = {n: i for i, n in enumerate(self.by_id)}
        self.bigram_ids = {pair: self.ids[n] for pair, n in self.bigrams.items()}
        self._words = _Memo(self._word)
        self._word_ids = _Memo(self._ids)
        self._normal = _Memo(_normal)

    def normal(self, raw: str) -> str:
        return self._normal[raw]

    def _word(self, tok: str) -> tuple[str, ...]:
        names = self.names
        return tuple(f for f in _token_features(tok) if f in names)

    def word(self, tok: str) -> tuple[str, ...]:
        return self._words[tok]

    def _ids(self, tok: str) -> tuple[int, ...]:
        ids = self.ids
        return tuple(ids[f] for f in self._words[tok])

    def token_ids(self, text: str, lower: str | None = None) -> set[int]:
        """The numbers (``by_id``) of the features of the post's words and pairs of words
        (``w:``, ``b:``, ``c:``, ``o:``) in the vocabulary: each step a C loop (``map``) over
        memories, none per word in Python. ``lower``: the text lower-cased, where that keeps
        every offset (Subject.lower), if at hand."""
        if lower is None:
            lower = _lowered(text)
        toks = list(filter(None, map(self._normal.__getitem__, _TOKEN.findall(lower))))
        found = set(chain.from_iterable(map(self._word_ids.__getitem__, set(toks))))
        if self.bigram_ids:
            found.update(map(self.bigram_ids.get, pairwise(toks)))
            found.discard(None)
        return found


def features(post, vocabulary: Vocabulary | None = None) -> Spans:
    """Every feature present in the post with the span of its first occurrence; with a
    ``vocabulary``, only those in it (what checking needs), computed without the rest."""
    if vocabulary is None:
        return post.memo("stat-features", _features)
    return post.memo("stat-features-v", lambda p: _features(p, vocabulary))


def feature_set(post, vocabulary: Vocabulary) -> set[str]:
    """The features of ``vocabulary`` present in the post (and its concepts), without where they
    are: what gating and scoring need, the same set as ``features`` gives, for less. The spans
    are computed only for a post that gets a finding."""
    return post.memo("stat-feature-set", lambda p: _feature_set(p, vocabulary))


def _lowered(text: str) -> str:
    lower = text.lower()
    if len(lower) != len(text):
        lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lower


def token_feature_ids(post, vocabulary: Vocabulary) -> set[int]:
    """The features of the post's words alone (``w:``, ``b:``, ``c:``, ``o:``), by number: part
    of ``feature_set``, and what the stage bounds a score with before any concept is looked
    for."""
    return post.memo(
        "stat-token-ids", lambda p: vocabulary.token_ids(p.text, getattr(p, "lower", None))
    )


def _feature_set(post, vocabulary: Vocabulary) -> set[str]:
    found = set(map(vocabulary.by_id.__getitem__, token_feature_ids(post, vocabulary)))
    concepts = post.memo("stat-concepts", _concepts)
    found.update(concepts)
    keys = sorted(concepts)
    pairs = vocabulary.pairs
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            pair = f"{a}&{b}"
            if pair in pairs:
                found.add(pair)
    return found


def _features(post, vocabulary: Vocabulary | None = None) -> Spans:
    text = post.text
    found: Spans = {}
    toks = _tokens(text, _lowered(text))
    prev = None
    if vocabulary is None:
        for tok, s, e in toks:
            if prev is not None:
                found.setdefault(f"b:{prev[0]} {tok}", (prev[1], e))
            for f in _token_features(tok):
                found.setdefault(f, (s, e))
            prev = (tok, s, e)
    else:
        names, heads, word = vocabulary.names, vocabulary.bigram_heads, vocabulary.word
        for tok, s, e in toks:
            if prev is not None and prev[0] in heads:
                b = f"b:{prev[0]} {tok}"
                if b in names and b not in found:
                    found[b] = (prev[1], e)
            for f in word(tok):
                if f not in found:
                    found[f] = (s, e)
            prev = (tok, s, e)
    concepts = post.memo("stat-concepts", _concepts)
    found.update(concepts)
    # Pairs of concepts: the span is the second's (the person, the detail), which is what a
    # reader must change.
    keys = sorted(concepts)
    pairs = None if vocabulary is None else vocabulary.pairs
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            pair = f"{a}&{b}"
            if pairs is None or pair in pairs:
                found[pair] = concepts[b] if b.startswith("d:") else concepts[a]
    return found


#: Each lexicon's pattern as one of the prefilter's gated patterns, by its source: the scan the
#: fast stage makes of every post anyway then says, for nothing, which lexicons cannot match.
_GATED: dict[str, Gated] = {}


def gated(lex) -> Gated:
    source = lex.pattern.pattern
    try:
        return _GATED[source]
    except KeyError:
        return _GATED.setdefault(source, Gated(source, lex.pattern.flags))


def lexicon_span(post, key: str, lex) -> tuple[int, int] | None:
    """Where the pack lexicon ``key`` first matches in the post, searched once a post, and only
    where the prefilter says it may."""

    def search(p):
        if not lex.may(p.words) or not gated(lex).admits(getattr(p, "live", None)):
            return None
        m = lex.search(p.text, p.lower, p.words)
        return m.span() if m else None

    return post.memo("stat-" + key, search)


class _ConceptTable:
    """The pack's concept lexicons with their prefilter patterns, and the span of the
    prefilter's bits they occupy (``low``, ``bits``): one shift and mask of the post's bits
    keeps just theirs, a small integer to test each against."""

    __slots__ = ("bits", "entries", "low")

    def __init__(self, pack) -> None:
        self.entries = tuple((key, lex, gated(lex)) for key, lex in pack_lexicons(pack))
        indexes = [rx.index for _, _, rx in self.entries] or [0]
        self.low = min(indexes)
        self.bits = (1 << (max(indexes) - self.low + 1)) - 1


concept_table = per_pack(_ConceptTable)


def possible_lexicons(post) -> tuple[tuple[str, lexicons.Lexicon], ...]:
    """The pack lexicons that may match in the post, by the prefilter's scan and a set test on
    the post's words (no search): every lexicon feature the post has is among them."""

    def possible(p):
        words = p.words
        live = getattr(p, "live", None)
        table = concept_table(p.pack)
        if live is None:
            return tuple(
                (key, lex) for key, lex, _ in table.entries if not lex.gate.isdisjoint(words)
            )
        low, bits = table.low, live >> table.low & table.bits
        return tuple(
            (key, lex)
            for key, lex, rx in table.entries
            if bits >> (rx.index - low) & 1 and not lex.gate.isdisjoint(words) and rx.admits(live)
        )

    return post.memo("stat-possible", possible)


def _concepts(post) -> Spans:
    concepts: Spans = {}
    for key, lex in possible_lexicons(post):
        span = lexicon_span(post, key, lex)
        if span is not None:
            concepts[key] = span
    concepts.update(_detectors(post))
    if any(k.startswith(_POLITICAL_FAMILIES) for k in concepts):
        span = political_speaker(post)
        if span is not None:
            concepts["d:political-speaker"] = span
    return concepts
