"""Patterns rewritten so that Python's regex engine can skip ahead.

``re`` searches fast only when a pattern begins with a literal or a set of possible first
characters: it then jumps to the next such character instead of trying a match at every
position. A leading ``\\b`` or lookbehind (``\\b(?:raid|warrant)``, ``(?<![\\w@#])(?:…)``)
hides the first characters, and the search is about three times slower.

``fast(rx)`` moves those leading assertions to just after the first character, which is then
part of the check: ``\\b(?:raid|warrant)`` becomes ``(?:r(?<!\\wr)aid|w(?<!\\ww)arrant)``. Where
``\\b`` stood before a word character c, "no word character before c" is the same test;
a lookbehind ``(?<!X)`` before c is ``(?<!Xc)`` after it. Matches, groups and the order in
which alternatives are tried are unchanged (the tests compare both forms on many texts).
Every alternation is also grouped by first letter (``raid|rape|warrant`` as
``r(?:aid|ape)|warrant``, see ``_trie_branch``): the engine tries alternatives one by one, so a
long word list otherwise costs a check per word at every word start.

A pattern the rewrite does not understand is returned as it is, and so is one where it would
not pay: the jump needs a literal start or a few possible first characters (with most of the
alphabet possible, the engine would try nearly every letter, and the leading ``\\b`` rejects the
middle of a word sooner), and case-insensitive patterns never get one (run them lower-cased,
see ``gate._lowered``).
"""

from __future__ import annotations

import re
from re import _compiler, _parser
from re import _constants as C

_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def _only_word_chars(item) -> bool:
    """Whether the single-character item can only match a word character (ASCII, so in any
    mode)."""
    op, av = item
    if op is C.LITERAL:
        return chr(av) in _WORD_CHARS
    if op is C.IN:
        for iop, iav in av:
            if iop is C.LITERAL:
                if chr(iav) not in _WORD_CHARS:
                    return False
            elif iop is C.RANGE:
                lo, hi = iav
                if not any(a <= lo and hi <= b for a, b in ((48, 57), (65, 90), (97, 122))):
                    return False
            elif not (iop is C.CATEGORY and iav in (C.CATEGORY_WORD, C.CATEGORY_DIGIT)):
                return False  # NEGATE, other categories
        return True
    return False


def _single_char(item) -> bool:
    op, av = item
    return op is C.LITERAL or (op is C.IN and all(iop is not C.NEGATE for iop, _ in av))


def _guards_after(first, asserts, state) -> list | None:
    """The leading assertions, rewritten to run just after ``first`` (one character)."""
    out = []
    for op, av in asserts:
        if op is C.AT and av is C.AT_BOUNDARY:
            if not _only_word_chars(first):
                return None
            word = (C.IN, [(C.CATEGORY, C.CATEGORY_WORD)])
            out.append((C.ASSERT_NOT, (-1, _parser.SubPattern(state, [word, first]))))
        elif op in (C.ASSERT, C.ASSERT_NOT) and av[0] == -1:
            out.append((op, (-1, _parser.SubPattern(state, [*av[1].data, first]))))
        else:
            return None
    return out


def _insert(seq: list, asserts: list, state) -> list | None:
    """``seq`` with ``asserts`` placed after its first character, or None if that is not
    clearly the same pattern."""
    if not seq:
        return None
    (op, av), rest = seq[0], list(seq[1:])
    if _single_char((op, av)):
        guards = _guards_after((op, av), asserts, state)
        return None if guards is None else [(op, av), *guards, *rest]
    if op is C.BRANCH:
        alts = []
        for alt in av[1]:
            new = _insert(alt.data, asserts, state)
            if new is None:
                return None
            alts.append(_parser.SubPattern(state, new))
        return [(C.BRANCH, (None, alts)), *rest]
    if op is C.SUBPATTERN:
        group, add_flags, del_flags, body = av
        if add_flags or del_flags:
            return None
        new = _insert(body.data, asserts, state)
        if new is None:
            return None
        return [(C.SUBPATTERN, (group, 0, 0, _parser.SubPattern(state, new))), *rest]
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        lo, hi, body = av
        if lo < 1:
            return None
        # B{lo,hi} is B then B{lo-1,hi-1}: the same matches, tried in the same order (B never
        # matches empty, so the engine's guard against empty repeats plays no part; no group
        # in B, so no capture is duplicated).
        if len(body.data) == 1 and _single_char(body.data[0]):
            first = body.data[0]
            guards = _guards_after(first, asserts, state)
            if guards is None:
                return None
            head = [first, *guards]
        elif body.getwidth()[0] >= 1 and not _has_group(body.data):
            head = _insert(body.data, asserts, state)
            if head is None:
                return None
        else:
            return None
        more = hi if hi is C.MAXREPEAT else hi - 1
        tail = [(op, (lo - 1, more, body))] if more else []
        return [*head, *tail, *rest]
    return None


def _has_group(seq) -> bool:
    """Whether a capturing group or a back-reference is anywhere in ``seq``."""
    for op, av in seq:
        if op is C.SUBPATTERN and (av[0] is not None or _has_group(av[3].data)):
            return True
        if op in (C.GROUPREF, C.GROUPREF_EXISTS):
            return True
        if op is C.BRANCH and any(_has_group(alt.data) for alt in av[1]):
            return True
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and _has_group(av[2].data):
            return True
        if op in (C.ASSERT, C.ASSERT_NOT) and _has_group(av[1].data):
            return True
        if op is C.ATOMIC_GROUP and _has_group(av.data):
            return True
    return False


# How many common characters (lower-case letters, spaces) a pattern may start with for the jump
# to pay; capitals, digits and punctuation are rarer in posts and count a quarter each. Measured
# on the patterns here: up to 8 the jump wins (often 2-10x), from 9 on the grouped alternation
# with its leading \b is faster.
_MAX_FIRST_CHARS = 8


def _weight(code: int) -> float:
    char = chr(code)
    return 1.0 if char.islower() or char.isspace() else 0.25


def _few_first_chars(parsed, flags: int) -> bool:
    """Whether the engine will jump to a literal prefix or a few possible first characters."""
    if _compiler._get_literal_prefix(parsed, flags)[0]:
        return True
    charset = _compiler._get_charset_prefix(parsed, flags)
    if not charset:
        return False
    chars: set[int] = set()  # a set: alternatives not yet grouped repeat their first letter
    size = 0.0
    for op, av in charset:
        if op is C.LITERAL:
            chars.add(av)
        elif op is C.RANGE:
            chars.update(range(av[0], av[1] + 1))
        elif op is C.CATEGORY and av is C.CATEGORY_DIGIT:
            size += 2.5
        else:
            return False
    return size + sum(map(_weight, chars)) <= _MAX_FIRST_CHARS


def _first_key(alt, ignorecase: bool):
    """The letter an alternative starts with, as a key that two alternatives share exactly when
    they can start with the same character; None if it does not start with a literal."""
    if not alt.data or alt.data[0][0] is not C.LITERAL:
        return None
    char = chr(alt.data[0][1])
    if not ignorecase:
        return char
    # Case-insensitive: "W" and "w" match the same characters. Case classes of different ASCII
    # characters never overlap; other characters are left where they are.
    return char.lower() if char.isascii() else None


def _trie_items(seq: list, state, ignorecase: bool) -> tuple[list, bool]:
    """``seq`` with every alternation in it grouped by first letter (see ``_trie_branch``)."""
    out, changed = [], False
    for op, av in seq:
        if op is C.BRANCH:
            alts = []
            for alt in av[1]:
                new, ch = _trie_items(alt.data, state, ignorecase)
                changed |= ch
                alts.append(_parser.SubPattern(state, new) if ch else alt)
            grouped, ch = _trie_branch(alts, state, ignorecase)
            changed |= ch
            out.append((C.BRANCH, (None, grouped)))
        elif op is C.SUBPATTERN:
            group_ic = bool((ignorecase or av[1] & re.IGNORECASE) and not av[2] & re.IGNORECASE)
            new, ch = _trie_items(av[3].data, state, group_ic)
            changed |= ch
            out.append((op, (*av[:3], _parser.SubPattern(state, new))) if ch else (op, av))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            new, ch = _trie_items(av[2].data, state, ignorecase)
            changed |= ch
            out.append((op, (av[0], av[1], _parser.SubPattern(state, new))) if ch else (op, av))
        else:
            out.append((op, av))  # assertions are left alone: their width must not change
    return out, changed


def _trie_branch(alts: list, state, ignorecase: bool) -> tuple[list, bool]:
    """``a1|b1|a2`` as ``a(?:1|2)|b1``: the engine tries the alternatives one by one, so a long
    word list costs a check per word at every word start; grouped by first letter, it costs
    one per letter. Alternatives starting with different letters cannot both match at one
    place, so the order that matters (among those with the same letter) is kept; an
    alternative that does not start with a literal is a barrier nothing moves across."""
    out: list = []
    changed = False
    segment: dict[str, list] = {}

    def flush() -> None:
        nonlocal changed
        for group in segment.values():
            if len(group) == 1:
                out.append(group[0])
                continue
            changed = True
            first = group[0].data[0]  # under IGNORECASE any of the group's letters is the same
            rests = [_parser.SubPattern(state, alt.data[1:]) for alt in group]
            rests, _ = _trie_branch(rests, state, ignorecase)
            out.append(_parser.SubPattern(state, [first, (C.BRANCH, (None, rests))]))
        segment.clear()

    for alt in alts:
        key = _first_key(alt, ignorecase)
        if key is not None:
            segment.setdefault(key, []).append(alt)
        else:
            flush()
            out.append(alt)
    flush()
    return out, changed


def _guard_seq(seq: list, state) -> list | None:
    """``seq`` with its leading assertions (or those of each of its leading alternatives) moved
    after the first character; None if that cannot be done."""
    n = 0
    while n < len(seq) and (
        (seq[n][0] is C.AT and seq[n][1] is C.AT_BOUNDARY)
        or (seq[n][0] in (C.ASSERT, C.ASSERT_NOT) and seq[n][1][0] == -1)
    ):
        n += 1
    if n:
        return _insert(seq[n:], seq[:n], state)
    if seq and seq[0][0] is C.BRANCH:
        alts = []
        for alt in seq[0][1][1]:
            new = _guard_seq(alt.data, state)
            if new is None:
                return None
            alts.append(_parser.SubPattern(state, new))
        return [(C.BRANCH, (None, alts)), *seq[1:]]
    if seq and (seq[0][0] is C.LITERAL or _few_chars(seq[0]) or _single_repeat(seq[0])):
        return list(seq)  # nothing to move; _flatten_first spells out the first character
    return None


def _single_repeat(item) -> bool:
    """x+ or x{2,5}: a repeat of one character at least once."""
    op, av = item
    return (
        op in (C.MAX_REPEAT, C.MIN_REPEAT)
        and av[0] >= 1
        and len(av[2].data) == 1
        and _single_char(av[2].data[0])
    )


_MAX_ALTERNATIVES = 64


def _few_chars(item) -> list[int] | None:
    """The characters of a small set of listed characters ([A-Z], [.!?]), else None."""
    op, av = item
    if op is not C.IN:
        return None
    chars: list[int] = []
    for iop, iav in av:
        if iop is C.LITERAL:
            chars.append(iav)
        elif iop is C.RANGE and iav[1] - iav[0] < 26:
            chars.extend(range(iav[0], iav[1] + 1))
        else:
            return None  # a category, a negation: not a short list
    return chars if len(chars) <= 26 else None


def _flatten_first(seq: list, state) -> list:
    """``(?:a|b)x|c`` as ``ax|bx|c`` at the start of the pattern (the same matches in the same
    order): the engine finds the possible first characters only of alternatives that begin
    with a literal."""
    if not seq or seq[0][0] is not C.BRANCH:
        return seq

    def spread(alt) -> list:
        if alt.data and alt.data[0][0] is C.BRANCH:
            out = []
            for inner in alt.data[0][1][1]:
                out += spread(_parser.SubPattern(state, [*inner.data, *alt.data[1:]]))
            return out
        if alt.data and _single_repeat(alt.data[0]):  # x+ as x x*: the same, in the same order
            op, (lo, hi, body) = alt.data[0]
            more = hi if hi is C.MAXREPEAT else hi - 1
            tail = [(op, (lo - 1, more, body))] if more else []
            return spread(_parser.SubPattern(state, [body.data[0], *tail, *alt.data[1:]]))
        chars = _few_chars(alt.data[0]) if alt.data else None
        if chars:  # [A-Z]x as Ax|Bx|…: one character each, so no two can match at one place
            rest = alt.data[1:]
            return [_parser.SubPattern(state, [(C.LITERAL, c), *rest]) for c in chars]
        return [alt]

    alts = [flat for alt in seq[0][1][1] for flat in spread(alt)]
    if len(alts) > _MAX_ALTERNATIVES:
        return seq
    return [(C.BRANCH, (None, alts)), *seq[1:]]


def fast(pattern: re.Pattern[str] | None) -> re.Pattern[str] | None:
    """An equivalent pattern that the engine can search faster, or ``pattern`` itself."""
    if pattern is None or pattern.pattern is None:
        return pattern
    return _rewrite(pattern.pattern, pattern.flags, keep=True) or pattern


def fast_source(source: str, flags: int = 0) -> re.Pattern[str]:
    """``fast(re.compile(source, flags))``, parsed and compiled once (start-up time counts)."""
    return _rewrite(source, flags, keep=False)


def _rewrite(source: str, flags: int, keep: bool) -> re.Pattern[str] | None:
    """The pattern compiled from its rewritten form; if nothing was rewritten, None when
    ``keep`` (the caller keeps its own), else the pattern compiled as written."""
    parsed = _parser.parse(source, flags)
    state = parsed.state
    ignorecase = bool(state.flags & re.IGNORECASE)
    written = parsed.data
    if not ignorecase:  # no jump to a first character is possible under IGNORECASE
        guarded = _guard_seq(written, state)
        if guarded is not None:
            # Grouping keeps the first characters: decide before doing it (start-up time).
            parsed.data = _flatten_first(guarded, state)
            parsed.width = None
            if _few_first_chars(parsed, flags):
                parsed.data, _ = _trie_items(parsed.data, state, ignorecase)
                parsed.width = None
                return _compiler.compile(parsed, flags)
    parsed.data, grouped = _trie_items(written, state, ignorecase)
    parsed.width = None
    if not grouped and keep:
        return None
    return _compiler.compile(parsed, flags)


# The pattern as written (source, flags) for each rewritten one, which has no source of its
# own: see ``original``.
_ORIGINAL: dict[re.Pattern[str], tuple[str, int]] = {}


def fast_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``fast(re.compile(pattern, flags))`` for module-level patterns searched on every post,
    parsed and compiled once."""
    compiled = _rewrite(pattern, flags, keep=True)
    if compiled is None:
        return re.compile(pattern, flags)
    _ORIGINAL[compiled] = (pattern, flags)
    return compiled


def original(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern as written, if ``pattern`` came from ``fast_compile`` (for analysing it)."""
    written = _ORIGINAL.get(pattern)
    return re.compile(*written) if written else pattern
