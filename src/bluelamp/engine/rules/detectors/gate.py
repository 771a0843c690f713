"""Cheap gates in front of costly patterns.

Most posts are ordinary. Before a pattern runs, one pass over the post finds which patterns
*could* match, and the others are skipped:

- with Hyperscan (the ``hyperscan`` package, see prefilter.py), one scan of the post with every
  gated pattern compiled into one database finds which of them have a match at all (a relaxed
  form of each pattern, that matches wherever the pattern does);
- without it, or until its database is ready, one pass of an Aho-Corasick automaton over the
  lower-cased post finds which patterns' necessary literals occur: every match of a pattern
  contains at least one of them (worked out from the pattern itself).

Gating never changes a result, only its cost; the tests compare gated and ungated runs, and both
gates. ``BLUELAMP_PREFILTER=literals`` (or ``GATE.mode = "literals"``) keeps to the literals.
"""

from __future__ import annotations

import os
import re
import sys
import threading
from re import _constants as C
from re import _parser

import ahocorasick

from bluelamp.engine.rules.detectors import prefilter
from bluelamp.engine.rules.detectors.fastre import fast, fast_source, original

_MAX_EXACT = 64
_MIN_LITERAL = 3
# Characters that Python's case-insensitive matching equates with an ASCII letter although
# str.lower() does not map them to it: a post containing one is not gated.
_FOLD_TRAPS = frozenset("ſKİı")


# Words so common that a gate on them lets nearly every post through: a literal set that
# contains one is the last choice.
_COMMON = frozenset(
    """the this that these those who was were been got her his their him she they them and but
    for with from have has had not all any one two our your you are can may will its an a of on
    in at to by up no out down off over then than what when where which while""".split()
)


def _score(c: frozenset[str]) -> tuple[int, int, int]:
    common = any(w.strip() in _COMMON for w in c)
    return (0 if common else 1, min(map(len, c)), -len(c))


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    good = [c for c in candidates if c and "" not in c]
    if not good:
        return None
    return max(good, key=_score)


# Results of _sequence by id() of the subpattern while one pattern is registered: _terms looks
# at the same subpatterns at every level, and start-up time counts.
_seen: dict[int, tuple] | None = None
_REGISTERING = threading.Lock()


def _sequence(sub) -> tuple[frozenset[str] | None, list[frozenset[str]]]:
    """(exact, candidates): every string the sequence can match if few and literal, and every
    set of literals found such that each match contains one literal of the set."""
    if _seen is not None and id(sub) in _seen:
        return _seen[id(sub)]
    candidates: list[frozenset[str]] = []
    run: set[str] | None = {""}
    whole_exact = True
    for op, av in sub.data if hasattr(sub, "data") else sub:
        ex, nec = _item(op, av)
        if nec:
            candidates.append(nec)
        if ex is not None and run is not None and len(run) * len(ex) <= _MAX_EXACT:
            run = {a + b for a in run for b in ex}
            continue
        whole_exact = False
        if run and run != {""}:
            candidates.append(frozenset(run))
        run = set(ex) if ex is not None and len(ex) <= _MAX_EXACT else {""}
    if run and run != {""}:
        candidates.append(frozenset(run))
    exact = frozenset(run) if whole_exact and run is not None else None
    if _seen is not None:
        _seen[id(sub)] = (exact, candidates)
    return exact, candidates


def _analyse(sub) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    """(exact, necessary): every string the subpattern can match if few and literal, and a set
    of literals one of which every match contains."""
    exact, candidates = _sequence(sub)
    return exact, _best(candidates)


_MAX_TERMS = 32


def _strong(c: frozenset[str] | None) -> bool:
    """A literal set worth a requirement bit: no literal too short to say much."""
    return bool(c) and "" not in c and min(map(len, c)) >= _MIN_LITERAL


def _alternatives(op, av) -> list | None:
    """The ways a mandatory item can match, each a sequence (None: not a mandatory group)."""
    if op is C.BRANCH:
        return list(av[1])
    if op is C.SUBPATTERN:
        return [av[3]]
    if op is C.ATOMIC_GROUP:
        return [av]
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
        return [av[2]]
    return None


def _terms(sub) -> list[frozenset[frozenset[str]]]:
    """The pattern's necessary literals as "any of these terms, each all of these literal
    sets": stronger than one set when a pattern needs two words ("no … officers")."""
    exact, candidates = _sequence(sub)
    base = {c for c in candidates if _strong(c)}
    if exact is not None and _strong(exact):
        base.add(exact)
    terms = [frozenset(base)]
    for op, av in sub.data if hasattr(sub, "data") else sub:
        alternatives = _alternatives(op, av)
        if alternatives is None:
            continue
        alt_terms: list[frozenset[frozenset[str]]] | None = []
        for alt in alternatives:
            found = _terms(alt)
            if not all(found):  # one way needs no literal: the item adds nothing
                alt_terms = None
                break
            alt_terms.extend(found)
        # Alternatives that each need one literal set add nothing to the set of their
        # literals already in base.
        if not alt_terms or all(len(t) <= 1 for t in alt_terms):
            continue
        if len(terms) * len(alt_terms) <= _MAX_TERMS:
            terms = [a | b for a in terms for b in alt_terms]
    return terms


def _item(op, av) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    if op is C.LITERAL:
        return frozenset({chr(av).lower()}), None
    if op is C.IN:
        chars = set()
        for iop, iav in av:
            if iop is C.LITERAL:
                chars.add(chr(iav).lower())
            elif iop is C.RANGE and iav[1] - iav[0] < 10:
                chars.update(chr(c).lower() for c in range(iav[0], iav[1] + 1))
            else:
                return None, None
        return frozenset(chars), None
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return frozenset({""}), None
    if op is C.SUBPATTERN:
        return _analyse(av[3])
    if op is C.ATOMIC_GROUP:
        return _analyse(av)
    if op is C.BRANCH:
        exacts: set[str] = set()
        necessary: set[str] = set()
        all_exact = True
        for alt in av[1]:
            ex, nec = _analyse(alt)
            if ex is None:
                all_exact = False
            else:
                exacts |= ex
            pick = _best([c for c in (nec, ex) if c])
            if pick is None:
                necessary = None  # one branch is unconstrained: so is the whole
                break
            necessary |= pick
        exact = frozenset(exacts) if all_exact and len(exacts) <= _MAX_EXACT else None
        return exact, frozenset(necessary) if necessary is not None else None
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        lo, hi, body = av
        ex, nec = _analyse(body)
        if lo == 0:
            if hi == 1 and ex is not None:
                return frozenset(ex | {""}), None
            return None, None
        if lo == hi == 1:
            return ex, nec
        return None, _best([c for c in (nec, ex) if c])
    return None, None


def necessary_literals(pattern: re.Pattern[str] | None, parsed=None) -> frozenset[str] | None:
    """Literals (lower case) one of which occurs in every match, or None if none can be said."""
    if parsed is None:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    exact, nec = _analyse(parsed)
    best = _best([c for c in (nec, exact) if c])
    if best is None or min(map(len, best)) < _MIN_LITERAL:
        return None
    return best


class Gate:
    """The registry of gated patterns and the one automaton over all their literals.

    The set of live patterns is a bit mask (bit i: pattern i may match): OR-ing integers per
    automaton hit is much cheaper than building sets. The same mask carries requirement bits
    (bit j: one literal of set j occurs), which a pattern's terms are checked against."""

    def __init__(self) -> None:
        self._literals: dict[str, int] = {}
        self._ungated = 0
        self._automaton = None
        # Patterns (and requirement bits) the automaton knows: those registered later (a pack's
        # word lists, compiled when the first post needs them) are not in it.
        self._automaton_count = 0
        self._count = 0
        self._requirements: dict[frozenset[str], int] = {}
        self._patterns: dict[int, prefilter.Source] = {}
        # The Hyperscan prefilters in use, one per generation of patterns (those registered at
        # start-up; a pack's word lists, registered when the first post needs them), and the
        # bits always set beside their scans: every bit but those of the patterns they cover.
        self._scanners: tuple[tuple[prefilter.Prefilter, ...], int] = ((), -1)
        self._built = 0  # patterns below this index are covered, or being covered, by a build
        self._posts = 0
        self._threads: list[threading.Thread] = []
        self._in_flight = 0  # builds under way
        self.mode = os.environ.get("BLUELAMP_PREFILTER", "hyperscan")

    def register(self, source: str, flags: int = 0) -> tuple[int, tuple[int, ...]]:
        """The pattern's bit, and its terms: masks of requirement bits, one of which must be
        all set for the pattern to match (empty: no more is known than the pattern's bit)."""
        with _REGISTERING:  # lexicons are registered at first use, maybe in two threads
            return self._register(source, flags)

    def _register(self, source: str, flags: int) -> tuple[int, tuple[int, ...]]:
        global _seen
        index = self._count
        self._count += 1
        parsed = _parser.parse(source, flags)
        _seen = {}
        try:
            literals = necessary_literals(None, parsed)
            terms = _terms(parsed)
        finally:
            _seen = None
        self._patterns[index] = prefilter.Source(source, flags)
        if literals is None:
            self._ungated |= 1 << index
        else:
            for lit in literals:
                self._literals[lit] = self._literals.get(lit, 0) | 1 << index
        self._automaton = None
        if not all(terms):
            return index, ()
        masks = set()
        for term in terms:
            mask = 0
            for lits in term:
                mask |= 1 << self._requirement(lits)
            masks.add(mask)
        # A term that includes another adds nothing to "any of".
        kept = tuple(m for m in masks if not any(o != m and o & m == o for o in masks))
        return index, kept

    def _requirement(self, literals: frozenset[str]) -> int:
        """The bit set when one of these literals occurs (shared by every pattern needing it)."""
        bit = self._requirements.get(literals)
        if bit is None:
            bit = self._requirements[literals] = self._count
            self._count += 1
            for lit in literals:
                self._literals[lit] = self._literals.get(lit, 0) | 1 << bit
        return bit

    def _build(self):
        auto = ahocorasick.Automaton()
        for lit, mask in self._literals.items():
            auto.add_word(lit, mask)
        auto.make_automaton()
        self._automaton_count = self._count
        self._automaton = auto
        return auto

    def live(self, text: str, lower: str | None = None) -> int | None:
        """Bit mask of the patterns that may match, or None when every pattern may.

        A pattern registered after this mask is made (a pack's word lists are compiled while
        the first post is checked) is unknown to it, so every bit from the automaton's count on
        is set (``-1 << n``: Python's integers are sign-extended): such a pattern always runs
        on that post, and is gated from the next one."""
        if self.mode == "hyperscan":
            if self._built < self._count and prefilter.available():
                # From the second post on: the first one registers the pack's word lists.
                self._posts += 1
                if self._posts >= 2:
                    self._start_build()
            scanners, mask = self._scanners  # one tuple: never a mask without its scanners
            if scanners:
                for scanner in scanners:
                    mask |= scanner.scan(text)
                return mask
        if not text.isascii() and not _FOLD_TRAPS.isdisjoint(text):
            return None
        auto = self._automaton or self._build()
        mask = self._ungated | -1 << self._automaton_count
        for _, bits in auto.iter(lower if lower is not None else text.lower()):
            mask |= bits
        return mask

    def prepare(self) -> bool:
        """Build (or load from the cache) the Hyperscan prefilter for every pattern registered
        so far, now; whether Hyperscan is in use."""
        if self.mode != "hyperscan" or not prefilter.available():
            return False
        while True:
            with _REGISTERING:
                patterns, lo, hi = self._new_patterns()
            if patterns is None:
                break
            self._install(patterns, lo, hi)
        for thread in list(self._threads):  # builds already under way
            thread.join()
        return bool(self._scanners[0])

    def _new_patterns(self):
        """(patterns, first index, end) not yet covered by a build, marked as covered."""
        lo, hi = self._built, self._count
        if lo >= hi:
            return None, lo, hi
        self._built = hi
        self._in_flight += 1
        return {i: p for i, p in self._patterns.items() if lo <= i < hi}, lo, hi

    def _start_build(self) -> None:
        """Build the prefilter for the patterns registered since the last build, in a thread:
        posts are gated by the literals meanwhile (Hyperscan compiles without the GIL)."""
        with _REGISTERING:
            patterns, lo, hi = self._new_patterns()
        if patterns is not None:
            thread = threading.Thread(
                target=self._install,
                args=(patterns, lo, hi),
                name="bluelamp-prefilter",
                daemon=True,
            )
            self._threads.append(thread)
            thread.start()

    def _install(self, patterns: dict[int, prefilter.Source], lo: int, hi: int) -> None:
        try:
            scanner = prefilter.Prefilter(patterns) if patterns else None
        except Exception:  # never worse than the literals
            scanner = None
            self.mode = "literals"
        with _REGISTERING:
            self._in_flight -= 1
            if scanner is None:
                return
            scanners, always = self._scanners
            self._scanners = ((*scanners, scanner), always & ~_covered(patterns, scanner))
            job = self._merge_job()
        if job is not None:
            self._merge(*job)

    def _merge_job(self) -> tuple[dict[int, prefilter.Source], int] | None:
        """Several scans per post cost more than one: once no build is under way, the patterns
        of them all for one database, to build (in this thread, while these serve) and put in
        their place. Called holding the lock."""
        if len(self._scanners[0]) < 2 or self._in_flight:
            return None
        self._in_flight += 1
        built = self._built
        return {i: p for i, p in self._patterns.items() if i < built}, built

    def _merge(self, patterns: dict[int, prefilter.Source], built: int) -> None:
        while True:
            try:
                scanner = prefilter.Prefilter(patterns)
            except Exception:
                scanner = None
            with _REGISTERING:
                self._in_flight -= 1
                if scanner is None:
                    return
                if self._built == built and self._in_flight == 0:
                    self._scanners = ((scanner,), -1 & ~_covered(patterns, scanner))
                    return
                # Newer patterns came meanwhile: a build still under way merges when it ends;
                # once all have ended, merge again here, with them.
                job = self._merge_job()
            if job is None:
                return
            patterns, built = job

    def forked(self) -> None:
        """In a child made by fork: a build that was under way in one of the parent's threads
        never ends here. Forget it, and the scanners whose cover it was to complete, so that the
        next build covers every pattern at once."""
        if self._in_flight:
            self._scanners = ((), -1)
            self._built = 0
            self._in_flight = 0
        self._threads = []

    def use(self, mode: str) -> None:
        """Switch between "hyperscan" and "literals" (for tests and measurements)."""
        self.mode = mode


def _covered(patterns: dict[int, prefilter.Source], scanner: prefilter.Prefilter) -> int:
    """The bits of the patterns the scanner rules in or out."""
    covered = 0
    for index in patterns:
        covered |= 1 << index
    return covered & ~scanner.unsupported


GATE = Gate()


def _after_fork() -> None:
    global _REGISTERING
    _REGISTERING = threading.Lock()  # it may have been held by a thread that is not copied
    GATE.forked()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork)


def _lowered(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The same case-insensitive pattern, for running on lower-cased text without IGNORECASE:
    several times faster in Python's engine. None where a part is case-sensitive."""
    lowered = _lowered_source(pattern)
    return re.compile(*lowered) if lowered else None


def _lowered_source(pattern: re.Pattern[str]) -> tuple[str, int] | None:
    """(source, flags) of ``_lowered(pattern)``."""
    pattern = original(pattern)
    return _lowered_source_of(pattern.pattern, pattern.flags)


def _lowered_source_of(source: str, flags: int) -> tuple[str, int] | None:
    if not flags & re.IGNORECASE or "(?-i" in source:
        return None
    out = []
    i = 0
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            out.append(source[i : i + 2])  # an escape keeps its case: \D is not \d
            i += 2
        elif source.startswith(("(?P<", "(?P="), i):
            end = source.index(">" if source[i + 3] == "<" else ")", i)
            out.append(source[i : end + 1])  # a group's name keeps its case
            i = end + 1
        else:
            out.append(ch.lower())
            i += 1
    return "".join(out), flags & ~re.IGNORECASE


class Gated:
    """A compiled pattern that a Subject runs only when the gate says it could match, on the
    lower-cased text where that gives the same matches faster.

    ``run`` and ``lower`` are the forms that are searched, rewritten by ``fastre.fast`` where
    the engine can then skip ahead; ``pattern`` is the pattern as written.

    Only the gate's analysis happens when the pattern is made (the gate must know every
    pattern's literals before it scans a post); each form is compiled when first used, so
    start-up does not pay for patterns a process never runs, nor twice for the pattern as
    written and its faster form. Compiling is deterministic: whichever thread does it first,
    the forms are the same."""

    __slots__ = ("_flags", "_source", "index", "lower", "pattern", "run", "terms")

    def __init__(self, pattern: re.Pattern[str] | str, flags: int = 0) -> None:
        if isinstance(pattern, str):
            self._source, self._flags = pattern, flags
        else:
            self.pattern = pattern
            written = original(pattern)
            self._source, self._flags = written.pattern, written.flags
        self.index, self.terms = GATE.register(self._source, self._flags)

    def admits(self, live: int | None) -> bool:
        """Whether a post whose prefilter mask is ``live`` (``GATE.live``; None when it cannot
        say) leaves this pattern a chance to match: its own bit, and every literal of one of its
        terms."""
        if live is None:
            return True
        if not live >> self.index & 1:
            return False
        if not self.terms:
            return True
        # A plain loop: a generator in any() costs more than the test itself.
        for term in self.terms:  # noqa: SIM110
            if live & term == term:
                return True
        return False

    def __getattr__(self, name):
        # Reached only while a slot is still unset: compile that form once, then the slot
        # answers directly.
        if name == "pattern":
            value = re.compile(self._source, self._flags)
        elif name == "lower":
            lowered = _lowered_source_of(self._source, self._flags)
            value = fast_source(*lowered) if lowered else None
        elif name == "run":
            # With a lower-cased form, the pattern itself runs only on the rare text whose
            # length changes when lower-cased: not worth rewriting.
            value = fast(self.pattern) if self.lower is None else self.pattern
        elif name.startswith("_") or name in ("index", "terms"):
            raise AttributeError(name)
        else:  # flags, groupindex… of the compiled pattern
            return getattr(self.pattern, name)
        setattr(self, name, value)
        return value


def gated(pattern: str, flags: int = 0) -> Gated:
    return Gated(pattern, flags)


def top_level_alternatives(pattern: str) -> list[str]:
    """The pattern's top-level alternatives ("a|(b|c)|d" → ["a", "(b|c)", "d"])."""
    parts, depth, in_class, start, i = [], 0, False, 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "]":
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def gated_parts(pattern: str, flags: int = 0) -> tuple[Gated, ...]:
    """One long alternation as separately gated patterns: only the alternatives whose
    literals occur in a post are run. Matches are the union of the parts' matches."""
    return tuple(gated(part, flags) for part in top_level_alternatives(pattern))


MAXSIZE = sys.maxsize
