"""Tokens, sentences and small text helpers shared by the detectors."""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from operator import itemgetter

from bluelamp.engine.rules.detectors.fastre import fast_compile

WORD_RE = fast_compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*")
_LOWER_WORD_RE = fast_compile(r"[a-z0-9]+(?:['’][a-z]+)*")
# A sentence ends at . ! ? (or runs of them) followed by space and a likely sentence start, or at
# a line break. Dots inside links and abbreviations followed by lower case do not split.
_SENT_END = fast_compile(r"[.!?…][\"'”’)]*\s+(?=[^\sa-z])|\n+")


@functools.lru_cache(maxsize=8)
def ascii_digits(text: str) -> int:
    """How many ASCII digits ``text`` holds: the phone and identifier detectors both ask of the
    same post. str.count per digit is much faster than str.translate with a table."""
    return sum(map(text.count, "0123456789"))


def word_set(text: str, lower: str | None = None) -> frozenset[str]:
    """Lower-case word tokens; pass ``lower`` when the lower-cased text is already at hand."""
    return frozenset(_LOWER_WORD_RE.findall(lower if lower is not None else text.lower()))


_start = itemgetter(0)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in _SENT_END.finditer(text):
        # The end mark (. ! ?) stays with its sentence; a line break does not.
        end = m.start() if text[m.start()] == "\n" else m.start() + 1
        if end > start:
            spans.append((start, end))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans or [(0, len(text))]


def sentence_of(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The sentence (of ``sentence_spans``: in order, not overlapping) holding ``pos``, else the
    last one. A binary search: rules ask for each finding, and a long post has many of both."""
    i = bisect_right(spans, pos, key=_start) - 1
    if i >= 0:
        s, e = spans[i]
        if pos < e:
            return s, e
    return spans[-1]


def phrase_alternation(words, *, hyphen: str = r"\-") -> str:
    """The entries of a word list as one regex alternation, longest first: each escaped, a
    space matching any spacing or a hyphen, a hyphen matching ``hyphen`` (itself by default).
    The one place the word-list matchers (``words_re``, the pack's lexicons) build their body."""
    alts = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    # An apostrophe matches either the straight or the curly one ("doesn't", "doesn’t").
    return "|".join(
        re.escape(w.replace("’", "'"))
        .replace(r"\-", "\0")
        .replace(r"\ ", r"[\s\-]+")
        .replace("\0", hyphen)
        .replace("'", "['’]")
        for w in alts
    )


def words_re(words, flags=re.IGNORECASE) -> re.Pattern[str]:
    """One alternation of whole words or phrases (longest first), spaces matching any spacing."""
    return re.compile(rf"(?<![\w@#])(?:{phrase_alternation(words)})(?!\w)", flags)


def per_pack(build):
    """``build(pack)``, remembered for the last pack seen. A pack is immutable and the same one
    comes with every post: an identity check is cheaper than hashing its word lists for
    ``lru_cache`` on each post. The (pack, value) pair is one tuple, read and replaced whole, so
    threads never see a mismatched pair."""
    last: list[tuple] = [(None, None)]

    @functools.wraps(build)
    def get(pack):
        seen, value = last[0]
        if seen is pack:
            return value
        value = build(pack)
        last[0] = (pack, value)
        return value

    return get


# --- Words as words: inflections, hashtags, word frequencies -----------------------------------


def _inflected(term: str) -> str:
    """The pattern of one word or phrase with its plural and possessive endings: "Tory" also
    matches "Tories", "Tory's" and "Tories'"; "MP" also "MPs" and "MP's"; "councillor" also
    "councillors'"."""
    esc = re.escape(term).replace(r"\ ", r"[\s\-]+").replace("'", "['’]").replace("’", "['’]")
    esc = esc.replace("['['’]]", "['’]")
    last = term[-1:]
    if len(term) > 2 and last in "yY" and term[-2:-1].lower() not in "aeiou":
        stem = esc[:-1]
        body = rf"{stem}(?:{last}|ies)"
    elif last.lower() in "sxz" or term.lower().endswith(("ch", "sh")):
        body = rf"{esc}(?:es)?"
    else:
        body = rf"{esc}s?"
    return body


def terms_re(words, flags=re.IGNORECASE, inflect: bool = True) -> re.Pattern[str]:
    """Like :func:`words_re` (whole words only, never inside another word, not inside a hashtag
    or handle) but each term also matches its plural and possessive ("MPs", "the council's",
    "the Tories'")."""
    alts = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    if not alts:
        return re.compile(r"(?!x)x")
    if inflect:
        body = "|".join(_inflected(w) for w in alts)
        return re.compile(rf"(?<![\w@#])(?:{body})(?:['’]s?)?(?!\w)", flags)
    return words_re(alts, flags)


# Hashtags: "#" and a run of letters, digits and underscores not preceded by a word character.
HASHTAG_RE = fast_compile(r"(?<![\w&])#([A-Za-z][A-Za-z0-9_]*)")
_CAMEL_RE = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")
_MAX_SEGMENT = 40
# Two-letter pieces of a split hashtag must be about this common ("of", "to", "in", "we"):
# rarer ones ("ce", "ct") are fragments, not words.
_TWO_LETTER_COST = 3.0

_centibels: dict[str, int] | None = None
_frequencies: dict[str, float] | None = None


def word_centibels() -> dict[str, int]:
    """English word -> how rare it is, in centibels (bucket i of the list holds the words at
    -i centibels: Zipf 9 - i/100), from the ``wordfreq`` package's small English list (about
    29,000 words; its data ships inside the package). Read once, on first use, by every detector
    that tells common words from names, without importing wordfreq itself (which pulls in much
    more than the list). Empty when the package is missing."""
    global _centibels
    if _centibels is None:
        import gzip
        import importlib.util
        from pathlib import Path

        import msgpack

        spec = importlib.util.find_spec("wordfreq")
        table: dict[str, int] = {}
        if spec is not None and spec.submodule_search_locations:
            path = (
                Path(next(iter(spec.submodule_search_locations))) / "data" / "small_en.msgpack.gz"
            )
            with gzip.open(path, "rb") as f:
                data = msgpack.load(f, raw=False)
            header = data[0]
            if not isinstance(header, dict) or header.get("format") != "cB":
                raise ValueError(f"{path}: not a wordfreq cBpack")
            for i, bucket in enumerate(data[1:]):
                for w in bucket:
                    table.setdefault(w, i)
        _centibels = table
    return _centibels


def word_costs() -> dict[str, float]:
    """English word -> cost (-log10 of its frequency), letters-only ASCII words of
    :func:`word_centibels`."""
    global _frequencies
    if _frequencies is None:
        _frequencies = {
            w: i / 100 for w, i in word_centibels().items() if w.isalpha() and w.isascii()
        }
    return _frequencies


def is_common_word(word: str, max_cost: float = 5.0) -> bool:
    """Whether ``word`` is an ordinary English word at least as common as one in 10**max_cost
    words (5.0: about once in 100,000 words)."""
    cost = word_costs().get(word.lower())
    return cost is not None and cost <= max_cost


@functools.lru_cache(maxsize=4096)
def segment_words(run: str, vocabulary: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Split a run of lower-case letters into the likeliest sequence of English words
    ("knifecrimeawareness" -> knife, crime, awareness). Every piece must be a known word (one
    letter only "a" or "i", two letters only a very common word such as "of" or "to"), or one of
    ``vocabulary`` (lower-case terms a rule knows, such as "pcc"); if no such split exists the run
    is kept whole, so that a name ("#greenwich", "#purgatory") is never cut into words that were
    not written."""
    run = run.lower()
    n = len(run)
    if n == 0 or n > _MAX_SEGMENT or not run.isalpha():
        return (run,) if run else ()
    costs = word_costs()
    if run in costs:
        return (run,)
    best: list[tuple[float, int] | None] = [None] * (n + 1)
    best[0] = (0.0, 0)
    for end in range(1, n + 1):
        for start in range(max(0, end - 20), end):
            prev = best[start]
            if prev is None:
                continue
            piece = run[start:end]
            cost = costs.get(piece)
            if piece in vocabulary:
                cost = min(cost, 4.0) if cost is not None else 4.0
            elif (
                cost is None
                or (len(piece) == 1 and piece not in "ai")
                or (len(piece) == 2 and cost > _TWO_LETTER_COST)
            ):
                continue
            # A small charge per piece: fewer, longer words are likelier than many short ones.
            total = prev[0] + cost + 1.0
            if best[end] is None or total < best[end][0]:
                best[end] = (total, start)
    if best[n] is None:
        return (run,)
    pieces = []
    end = n
    while end > 0:
        start = best[end][1]
        pieces.append(run[start:end])
        end = start
    return tuple(reversed(pieces))


@functools.lru_cache(maxsize=4096)
def split_hashtag(tag: str, vocabulary: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The words of a hashtag, lower case: camel case and digits split it
    ("#KnifeCrimeAwareness" -> knife, crime, awareness; "#NHSHeroes" -> nhs, heroes), and a run
    written all in one case is split with the word-frequency list ("#policehistory" -> police,
    history). A name stays whole ("#Greenwich" -> greenwich)."""
    body = tag.lstrip("#").replace("_", " ")
    words: list[str] = []
    for chunk in body.split():
        parts = _CAMEL_RE.findall(chunk)
        for part in parts:
            if part.isdigit() or (part.isupper() and len(part) > 1 and len(parts) > 1):
                words.append(part.lower())
            else:
                words.extend(segment_words(part.lower(), vocabulary))
    return tuple(words)


def hashtags(text: str, vocabulary: frozenset[str] = frozenset()) -> list[tuple[int, int, str]]:
    """Every hashtag as (start, end, its words joined by single spaces, lower case), the span
    covering the "#"."""
    if "#" not in text:
        return []
    return [
        (m.start(), m.end(), " ".join(split_hashtag(m.group(1), vocabulary)))
        for m in HASHTAG_RE.finditer(text)
    ]


def _apostrophes(word: str) -> set[str]:
    return {word, word.replace("'", "’"), word.replace("’", "'")}


def _variants(word: str) -> set[str]:
    """The word tokens (as :func:`word_set` makes them) that an inflected form of ``word`` can
    produce: plural, possessive, both apostrophes."""
    forms = {word, word + "s", word + "es"}
    if len(word) > 2 and word.endswith("y") and word[-2] not in "aeiou":
        forms.add(word[:-1] + "ies")
    out = set()
    for f in forms:
        out.update({f, f + "'s", f + "’s"})
    return out | {f.replace("'", "’") for f in out} | {f.replace("’", "'") for f in out}


@functools.lru_cache(maxsize=512)
def _phrases_re(phrases: tuple[str, ...], flags: int, inflect: bool) -> re.Pattern[str]:
    return terms_re(phrases, flags, inflect)


# Words common in police posts whatever the general word list says: never a phrase's key when
# the phrase has another word.
_COMMON_IN_POSTS = frozenset(
    """police policing officer officers thanks thank time times it's it’s say says down closed
    remain remains 10 side things thing march campaign giving let office yes fight least the
    our your we us you they their this that and for with team local community""".split()
)


class Phrases:
    """Whole-word phrases (with plurals and possessives, like :func:`terms_re`) that are looked
    for only when all their words are among the post's word tokens: for a long list of phrases
    most posts cost one set test (on each phrase's rarest word), and the rest a pattern of the
    few phrases whose words all occur."""

    __slots__ = ("_by_token", "_cache", "_flags", "_inflect", "keys", "phrases")

    def __init__(self, phrases, flags=re.IGNORECASE, inflect: bool = True) -> None:
        self._flags = flags
        self._inflect = inflect
        self._cache: dict[frozenset[str], re.Pattern[str]] = {}
        costs = word_costs()
        by_token: dict[str, list[tuple[str, frozenset[str], frozenset[str]]]] = {}
        for phrase in phrases:
            phrase = phrase.strip()
            tokens = _LOWER_WORD_RE.findall(phrase.lower())
            if not tokens:
                continue
            # Every word but the last must occur as written; the last maybe inflected.
            *rest, last = tokens
            lasts = frozenset(_variants(last) if inflect else {last})
            # (A word with an apostrophe may be written with either: the pattern checks it.)
            need = frozenset(t for t in rest if "'" not in t and "’" not in t)
            # The rarest word (by the word-frequency list; unknown words are rarest) is the key,
            # so that few posts hold it.
            key = max(
                tokens,
                key=lambda w: (
                    w not in _COMMON_IN_POSTS and costs.get(w.replace("’", "'"), 9.0) >= 3.5,
                    costs.get(w.replace("’", "'"), 9.0),
                    len(w),
                ),
            )
            if "'" in last or "’" in last:
                lasts = frozenset().union(*(_apostrophes(v) for v in lasts))
            forms = lasts if key == last else _apostrophes(key)
            for form in forms:
                by_token.setdefault(form, []).append((phrase, need, lasts))
        self._by_token = {k: tuple(v) for k, v in by_token.items()}
        #: Every phrase, as written.
        self.phrases = frozenset(p for v in by_token.values() for p, _, _ in v)
        #: Every word token that may signal one of the phrases.
        self.keys = frozenset(by_token)

    def __bool__(self) -> bool:
        return bool(self.keys)

    def select(self, words: frozenset[str]) -> frozenset[str]:
        """The phrases all of whose words are among ``words`` (the only ones that can match)."""
        if self.keys.isdisjoint(words):
            return frozenset()
        chosen = set()
        for token in self.keys & words:
            for phrase, need, lasts in self._by_token[token]:
                if need <= words and not lasts.isdisjoint(words):
                    chosen.add(phrase)
        return frozenset(chosen)

    def finditer(
        self,
        text: str,
        words: frozenset[str],
        pos: int = 0,
        endpos: int | None = None,
        chosen: frozenset[str] | None = None,
    ):
        """Matches of the phrases in ``text`` (whose :func:`word_set` is ``words``); with
        ``chosen`` (from :meth:`select` of this or a larger list), only those phrases."""
        if chosen is None:
            chosen = self.select(words)
        elif chosen:
            chosen = chosen & self.phrases
        if not chosen:
            return iter(())
        key = chosen
        rx = self._cache.get(key)
        if rx is None:
            rx = _phrases_re(tuple(sorted(chosen)), self._flags, self._inflect)
            if len(self._cache) < 1024:
                self._cache[key] = rx
        return rx.finditer(text, pos, len(text) if endpos is None else endpos)

    def search(
        self,
        text: str,
        words: frozenset[str],
        pos: int = 0,
        endpos: int | None = None,
        chosen: frozenset[str] | None = None,
    ):
        return next(iter(self.finditer(text, words, pos, endpos, chosen)), None)


class LazyPattern:
    """A pattern compiled when first used (``build()`` returns it): for large patterns that
    most posts never need, so that start-up and the first post do not pay for them. Not
    gated: guard it with a cheap test of the post's words."""

    __slots__ = ("_build", "_rx")

    def __init__(self, build) -> None:
        self._build = build
        self._rx = None

    @property
    def pattern(self) -> re.Pattern[str]:
        if self._rx is None:
            self._rx = self._build()
        return self._rx

    def search(self, text: str, *args):
        return self.pattern.search(text, *args)

    def finditer(self, text: str, *args):
        return self.pattern.finditer(text, *args)
