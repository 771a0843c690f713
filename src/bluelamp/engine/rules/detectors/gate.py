"""Cheap gates in front of costly patterns.

Most posts are ordinary. Before a pattern runs, one pass of an Aho-Corasick automaton over the
lower-cased post finds which patterns *could* match: every match of a pattern contains at least
one of its necessary literals (worked out from the pattern itself), so a pattern none of whose
literals occur cannot match and is skipped. Gating never changes a result, only its cost; the
tests compare gated and ungated runs.
"""

from __future__ import annotations

import re
import sys
from re import _constants as C
from re import _parser

import ahocorasick

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


def _analyse(sub) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    """(exact, necessary): every string the subpattern can match if few and literal, and a set
    of literals one of which every match contains."""
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
    return exact, _best(candidates)


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


def necessary_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Literals (lower case) one of which occurs in every match, or None if none can be said."""
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    exact, nec = _analyse(parsed)
    best = _best([c for c in (nec, exact) if c])
    if best is None or min(map(len, best)) < _MIN_LITERAL:
        return None
    return best


class Gate:
    """The registry of gated patterns and the one automaton over all their literals.

    The set of live patterns is a bit mask (bit i: pattern i may match): OR-ing integers per
    automaton hit is much cheaper than building sets."""

    def __init__(self) -> None:
        self._literals: dict[str, int] = {}
        self._ungated = 0
        self._automaton = None
        self._count = 0

    def register(self, pattern: re.Pattern[str]) -> int:
        index = self._count
        self._count += 1
        literals = necessary_literals(pattern)
        if literals is None:
            self._ungated |= 1 << index
        else:
            for lit in literals:
                self._literals[lit] = self._literals.get(lit, 0) | 1 << index
        self._automaton = None
        return index

    def _build(self):
        auto = ahocorasick.Automaton()
        for lit, mask in self._literals.items():
            auto.add_word(lit, mask)
        auto.make_automaton()
        self._automaton = auto
        return auto

    def live(self, text: str, lower: str | None = None) -> int | None:
        """Bit mask of the patterns that may match, or None when every pattern may."""
        if not text.isascii() and not _FOLD_TRAPS.isdisjoint(text):
            return None
        auto = self._automaton or self._build()
        mask = self._ungated
        for _, bits in auto.iter(lower if lower is not None else text.lower()):
            mask |= bits
        return mask


GATE = Gate()


def _lowered(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The same case-insensitive pattern, for running on lower-cased text without IGNORECASE:
    several times faster in Python's engine. None where a part is case-sensitive."""
    if not pattern.flags & re.IGNORECASE or "(?-i" in pattern.pattern:
        return None
    source = pattern.pattern
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
    return re.compile("".join(out), pattern.flags & ~re.IGNORECASE)


class Gated:
    """A compiled pattern that a Subject runs only when the gate says it could match, on the
    lower-cased text where that gives the same matches faster."""

    __slots__ = ("index", "lower", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.index = GATE.register(pattern)
        self.lower = _lowered(pattern)

    def __getattr__(self, name):  # flags, groupindex… of the compiled pattern
        return getattr(self.pattern, name)


def gated(pattern: str, flags: int = 0) -> Gated:
    return Gated(re.compile(pattern, flags))


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
