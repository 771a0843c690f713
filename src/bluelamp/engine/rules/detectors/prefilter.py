"""One pass over a post that finds which gated patterns can match at all: Hyperscan.

Every gated pattern is also compiled, once, into a Hyperscan database as a *relaxation* of
itself: a pattern that matches wherever the original matches, and perhaps elsewhere too.
Scanning a post with the database (a few microseconds, in C) then tells which patterns have no
match anywhere in the post, and those are never run by Python's ``re``. The rest run exactly as
before, so a result can never change; only patterns that might match cost anything.

The relaxation, from the parsed pattern (``re._parser``):

- Lookarounds, anchors and a word boundary at the end of a sequence are dropped (an assertion
  only ever removes matches). A word boundary followed by at least one character of the match
  is kept: both characters it looks at are then real characters of the post, even when the
  rules search only a window of it (``search(text, pos, endpos)`` hides what is past
  ``endpos``, so a final ``\\b`` may hold there and not in the whole post).
- Atomic groups and possessive repeats become plain ones; a back-reference, a conditional, or a
  relaxation that could match the empty string means "may always match" (not prefiltered).
- Hyperscan sees one byte per character of the post (``narrow``): ASCII as itself; the
  non-ASCII letters that Python's IGNORECASE equates with ASCII ones (``ſ K İ ı``) as those
  letters; other non-ASCII characters that a pattern names as its own byte; any other word
  character as ``_`` and anything else as 0xFF. Each character class of a pattern becomes the
  set of bytes standing for at least one character it matches, worked out by asking Python's
  ``re`` itself for every character a byte stands for, and, for the open-ended ``_`` and
  0xFF, included whenever the class could match such a character. Case is expanded into the
  classes, so Hyperscan runs case-sensitive, and its ``\\b`` (ASCII word bytes) agrees with
  Python's on the narrowed text: ``_`` is a word byte and every byte at 0x80 or above stands
  for non-word characters only.

``hyperscan`` is optional: without it (or if a database cannot be built) the gate falls back to
its Aho-Corasick literals (see gate.py). The tests compare both with ungated runs.
"""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path
from re import _constants as C
from re import _parser
from typing import NamedTuple

# Optional: the gate falls back to its literals without it. Imported when the first database is
# built or loaded (in the gate's background thread), not at start-up: importing it costs about
# 60 ms, more than a tenth of the start-up budget.
hyperscan = None
_available: bool | None = None


def _import_hyperscan():
    global hyperscan
    if hyperscan is None:
        import hyperscan as module

        hyperscan = module
    return hyperscan


# Non-ASCII letters that Python's IGNORECASE matches with an ASCII letter (found by trying every
# code point; a test checks the list).
TRAPS = {"\u0131": "i", "\u0130": "i", "\u212a": "k", "\u017f": "s"}  # ı İ K (Kelvin) ſ
# Flags as plain integers: RegexFlag arithmetic is slow, and thousands of items are translated.
_I, _S, _A, _L = int(re.IGNORECASE), int(re.DOTALL), int(re.ASCII), int(re.LOCALE)
# Part of the cache key: a change to the translation must not load an old database.
TRANSLATION = 2
WORD_BYTE = ord("_")
OTHER_BYTE = 0xFF
_FIRST_OWN, _LAST_OWN = 0x80, 0xFE

_CATEGORY_SOURCE = {
    C.CATEGORY_DIGIT: r"\d",
    C.CATEGORY_NOT_DIGIT: r"\D",
    C.CATEGORY_SPACE: r"\s",
    C.CATEGORY_NOT_SPACE: r"\S",
    C.CATEGORY_WORD: r"\w",
    C.CATEGORY_NOT_WORD: r"\W",
}
# (non-ASCII word characters, non-ASCII other characters) a category may match.
_CATEGORY_OPEN = {
    C.CATEGORY_DIGIT: (True, False),
    C.CATEGORY_NOT_DIGIT: (True, True),
    C.CATEGORY_SPACE: (False, True),
    C.CATEGORY_NOT_SPACE: (True, True),
    C.CATEGORY_WORD: (True, False),
    C.CATEGORY_NOT_WORD: (False, True),
}


class Source(NamedTuple):
    """A gated pattern as written: what the relaxation is made from (the gate compiles
    patterns only when first used)."""

    pattern: str
    flags: int


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class Unsupported(Exception):
    """The pattern has a part the relaxation does not handle: it is not prefiltered."""


class _Alphabet:
    """Which byte stands for which characters."""

    def __init__(self, own: list[str]) -> None:
        self.byte: dict[str, int] = {}
        for i, ch in enumerate(own[: _LAST_OWN - _FIRST_OWN + 1]):
            self.byte[ch] = _FIRST_OWN + i
        for ch, letter in TRAPS.items():
            self.byte[ch] = ord(letter)
        # The characters each byte stands for, apart from the open-ended rest of _ and 0xFF.
        stands: dict[int, list[str]] = {b: [chr(b)] for b in range(128)}
        for ch, b in self.byte.items():
            stands.setdefault(b, []).append(ch)
        self.stands = stands
        self.probe = "".join(ch for chars in stands.values() for ch in chars)
        self.table = _NarrowTable(self.byte)


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


class _NarrowTable(dict):
    """Non-ASCII character → its byte (as a one-character str), filled as characters come."""

    def __init__(self, own: dict[str, int]) -> None:
        super().__init__({ch: chr(b) for ch, b in own.items()})

    def __missing__(self, ch: str) -> str:
        value = self[ch] = chr(WORD_BYTE) if _is_word(ch) else chr(OTHER_BYTE)
        return value

    def run(self, m: re.Match[str]) -> str:
        """A run of non-ASCII characters, narrowed (for re.sub: posts have few such runs)."""
        run = m.group()
        return self[run] if len(run) == 1 else "".join([self[ch] for ch in run])


def _class_member_source(op, av) -> str:
    if op is C.LITERAL:
        return f"\\U{av:08x}"
    if op is C.RANGE:
        return f"\\U{av[0]:08x}-\\U{av[1]:08x}"
    if op is C.CATEGORY:
        return _CATEGORY_SOURCE[av]
    raise Unsupported(op)


def _item_source(op, av) -> str:
    """Python source of a one-character item, to ask ``re`` which characters it matches."""
    if op is C.LITERAL:
        return f"\\U{av:08x}"
    if op is C.NOT_LITERAL:
        return f"[^\\U{av:08x}]"
    if op is C.ANY:
        return "."
    if op is C.IN:
        negate = bool(av) and av[0][0] is C.NEGATE
        members = av[1:] if negate else av
        return (
            "[" + ("^" if negate else "") + "".join(_class_member_source(*m) for m in members) + "]"
        )
    raise Unsupported(op)


def _open_ended(op, av, flags: int) -> tuple[bool, bool]:
    """Whether the item may match a non-ASCII word character, or another non-ASCII character,
    that the alphabet does not name (conservative: True when unsure)."""
    ignorecase = bool(flags & _I)
    if op in (C.NOT_LITERAL, C.ANY):
        return True, True
    if op is C.LITERAL:
        return _literal_open(av, ignorecase)
    if op is C.IN:
        if av and av[0][0] is C.NEGATE:
            return True, True
        word = other = False
        for mop, mav in av:
            if mop is C.LITERAL:
                w, o = _literal_open(mav, ignorecase)
            elif mop is C.RANGE:
                w = o = mav[1] >= 128
            elif mop is C.CATEGORY:
                w, o = _CATEGORY_OPEN[mav]
            else:
                return True, True
            word, other = word or w, other or o
        return word, other
    return True, True


def _literal_open(code: int, ignorecase: bool) -> tuple[bool, bool]:
    if code < 128:
        return False, False  # its other cases are ASCII or the named TRAPS
    if ignorecase:
        return True, True
    ch = chr(code)
    if ch in TRAPS:
        return False, False
    return (True, False) if _is_word(ch) else (False, True)


class _Translator:
    def __init__(self, alphabet: _Alphabet) -> None:
        self.alphabet = alphabet
        self._classes: dict[tuple, str] = {}

    def pattern(self, pattern: Source) -> str:
        """The Hyperscan source of the pattern's relaxation (raises Unsupported)."""
        # ASCII word characters only: \b would differ on the narrowed text.
        self.ascii_words = bool(pattern.flags & (_A | _L))
        # Case-insensitive as a whole: Hyperscan's own caseless matching (a shorter pattern,
        # compiled faster) gives the same classes, or more where a group is case-sensitive.
        self.caseless = bool(pattern.flags & _I)
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        out = self._seq(parsed, parsed.state, int(pattern.flags))
        if parsed.getwidth()[0] == 0:  # matches everywhere once its assertions are dropped
            raise Unsupported("may match the empty string")
        return out

    def _seq(self, sub, state, flags: int) -> str:
        items = list(sub.data if hasattr(sub, "data") else sub)
        out = []
        for i, (op, av) in enumerate(items):
            if op is C.AT:
                if av in (C.AT_BOUNDARY, C.AT_NON_BOUNDARY) and not self.ascii_words:
                    rest = _parser.SubPattern(state, items[i + 1 :])
                    if rest.getwidth()[0] >= 1:
                        out.append(r"\b" if av is C.AT_BOUNDARY else r"\B")
                continue
            out.append(self._item(op, av, state, flags))
        return "".join(out)

    def _item(self, op, av, state, flags: int) -> str:
        if op in (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN):
            return self._class(op, av, flags)
        if op in (C.ASSERT, C.ASSERT_NOT):
            return ""
        if op is C.BRANCH:
            return "(?:" + "|".join(self._seq(alt, state, flags) for alt in av[1]) + ")"
        if op is C.SUBPATTERN:
            _group, add, remove, body = av
            return "(?:" + self._seq(body, state, (flags | int(add)) & ~int(remove)) + ")"
        if op is C.ATOMIC_GROUP:
            return "(?:" + self._seq(av, state, flags) + ")"
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            lo, hi, body = av
            inner = self._seq(body, state, flags)
            if not inner:
                return ""
            if hi is C.MAXREPEAT:
                bound = "*" if lo == 0 else "+" if lo == 1 else f"{{{lo},}}"
            elif lo == hi:
                bound = f"{{{lo}}}"
            else:
                bound = f"{{{lo},{hi}}}"
            return f"(?:{inner}){bound}"
        raise Unsupported(op)  # back-references, conditionals

    def _class(self, op, av, flags: int) -> str:
        key = (
            op,
            av if op is not C.IN else tuple(av),
            flags & (_I | _S),
            self.caseless,
        )
        found = self._classes.get(key)
        if found is None:
            values = self._bytes(op, av, flags)
            if self.caseless:  # Hyperscan adds the other case of every letter
                values = {v for v in values if not (65 <= v <= 90 and v + 32 in values)}
            found = self._classes[key] = _byte_class(values)
        return found

    def _bytes(self, op, av, flags: int) -> set[int]:
        alphabet = self.alphabet
        rx = re.compile(_item_source(op, av), flags & (_I | _S | _A))
        matched = set(rx.findall(alphabet.probe))
        out = {b for b, chars in alphabet.stands.items() if not matched.isdisjoint(chars)}
        word, other = _open_ended(op, av, flags)
        if word:
            out.add(WORD_BYTE)
        if other:
            out.add(OTHER_BYTE)
        return out


def _byte(value: int) -> str:
    ch = chr(value)
    return ch if ch.isascii() and ch.isalnum() else f"\\x{value:02x}"


def _byte_class(values: set[int]) -> str:
    """A Hyperscan class of these bytes, short (Hyperscan limits a pattern's length)."""
    if not values:
        raise Unsupported("a class that matches nothing")
    values_sorted = sorted(values)
    if len(values_sorted) == 1:
        return _byte(values_sorted[0])
    if len(values_sorted) == 256:
        return "[\\x00-\\xff]"
    parts, start, prev = [], values_sorted[0], values_sorted[0]
    for v in [*values_sorted[1:], None]:
        if v is not None and v == prev + 1:
            prev = v
            continue
        if prev - start >= 2:
            parts.append(f"{_byte(start)}-{_byte(prev)}")
        else:
            parts.extend(_byte(b) for b in range(start, prev + 1))
        if v is not None:
            start = prev = v
    return "[" + "".join(parts) + "]"


def _own_characters(patterns) -> list[str]:
    """Non-ASCII, non-word characters the patterns name: each gets a byte of its own."""
    found: set[str] = set()

    def walk(seq) -> None:
        for op, av in seq:
            if op is C.LITERAL or op is C.NOT_LITERAL:
                codes = [av]
            elif op is C.IN:
                codes = [m for mop, m in av if mop is C.LITERAL]
                for mop, m in av:
                    if mop is C.RANGE and m[0] >= 128 and m[1] - m[0] < 16:
                        codes.extend(range(m[0], m[1] + 1))
            else:
                codes = []
                if op is C.BRANCH:
                    for alt in av[1]:
                        walk(alt.data)
                elif op is C.SUBPATTERN:
                    walk(av[3].data)
                elif op is C.ATOMIC_GROUP:
                    walk(av.data)
                elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
                    walk(av[2].data)
                elif op in (C.ASSERT, C.ASSERT_NOT):
                    walk(av[1].data)
            for code in codes:
                ch = chr(code)
                if code >= 128 and ch not in TRAPS and not _is_word(ch):
                    found.add(ch)

    for pattern in patterns:
        try:
            walk(_parser.parse(pattern.pattern, pattern.flags).data)
        except Exception:  # pragma: no cover - a pattern re cannot parse was never compiled
            continue
    return sorted(found)


class Prefilter:
    """A Hyperscan database over a set of patterns, and the scan of a post against it.

    Compiling dozens of long word lists takes Hyperscan seconds, so the database is kept in a
    cache file named by a hash of the patterns (``BLUELAMP_CACHE_DIR``, else
    ``~/.cache/bluelamp``; ``BLUELAMP_CACHE_DIR=`` for none); a cache that cannot be read or
    written is simply not used."""

    def __init__(self, patterns: dict[int, Source]) -> None:
        _import_hyperscan()
        self._local = threading.local()
        written = [
            (i, canonical(p.pattern, p.flags), int(p.flags)) for i, p in sorted(patterns.items())
        ]
        key = repr((TRANSLATION, hyperscan.__version__, written)).encode()
        import hashlib  # here, not at start-up: only the background thread needs it

        path = _cache_path(hashlib.sha256(key).hexdigest())
        loaded = _load(path) if path else None
        if loaded is not None:
            own, self.unsupported, self.database = loaded
            self.alphabet = _Alphabet(own)
            return
        own = _own_characters(patterns.values())
        self.alphabet = _Alphabet(own)
        translator = _Translator(self.alphabet)
        sources, ids, flags = [], [], []
        unsupported = 0
        for index, pattern in patterns.items():
            try:
                sources.append(translator.pattern(pattern).encode("latin-1"))
            except Unsupported:
                unsupported |= 1 << index
                continue
            ids.append(index)
            # Prefilter mode: Hyperscan may simplify a pattern into one that matches more
            # (never less), which scans faster.
            flags.append(
                hyperscan.HS_FLAG_SINGLEMATCH
                | hyperscan.HS_FLAG_PREFILTER
                | (hyperscan.HS_FLAG_CASELESS if translator.caseless else 0)
            )
        self.database, failed = _database(sources, ids, flags)
        self.unsupported = unsupported | failed
        if path and self.database is not None:
            _store(path, own, self.unsupported, self.database)

    def narrow(self, text: str) -> bytes:
        """The text as Hyperscan sees it: one byte per character (see the module's notes)."""
        if text.isascii():
            return text.encode("ascii")
        return _NON_ASCII.sub(self.alphabet.table.run, text).encode("latin-1")

    def scan(self, text: str) -> int:
        """Bit mask of the patterns with a (relaxed) match in the text, and the unsupported."""
        found = [self.unsupported]
        if self.database is None:
            return found[0]
        local = self._local
        scratch = getattr(local, "scratch", None)
        if scratch is None:  # a scratch space is not shared between threads
            scratch = local.scratch = hyperscan.Scratch(self.database)
        self.database.scan(
            self.narrow(text), match_event_handler=_on_match, context=found, scratch=scratch
        )
        mask = 0
        for bit in found:
            mask |= bit
        return mask


def canonical(source: str, flags: int = 0) -> str:
    """The parsed pattern written out with the alternatives of every group (and the members of
    every class) in sorted order: for the cache's key. Word lists are often built from sets, so
    their order changes from one process to the next (string hashing is randomised); which
    alternative is tried first decides which match Python reports, never whether there is one,
    which is all the prefilter tells."""
    return _dump(_parser.parse(source, flags))


def _dump(sub) -> str:
    return "".join(f"<{op}:{_argument(op, av)}>" for op, av in _items(sub))


def _items(sub):
    return sub.data if hasattr(sub, "data") else sub


def _argument(op, av) -> str:
    if op is C.BRANCH:
        return "|".join(sorted({_dump(alt) for alt in av[1]}))
    if op is C.SUBPATTERN:
        group, add_flags, del_flags, body = av
        return f"{group},{add_flags},{del_flags}:{_dump(body)}"
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, high, body = av
        return f"{low},{high}:{_dump(body)}"
    if op in (C.ASSERT, C.ASSERT_NOT):
        direction, body = av
        return f"{direction}:{_dump(body)}"
    if op is C.ATOMIC_GROUP:
        return _dump(av)
    if op is C.IN:
        return ",".join(sorted({f"{iop}={iav!r}" for iop, iav in av}))
    if op is C.GROUPREF_EXISTS:
        group, yes, no = av
        return f"{group}:{_dump(yes)}:{_dump(no) if no is not None else ''}"
    return repr(av)


def _cache_path(key: str) -> Path | None:
    where = os.environ.get("BLUELAMP_CACHE_DIR")
    if where == "":
        return None
    directory = Path(where) if where else Path.home() / ".cache" / "bluelamp"
    return directory / f"prefilter-{key[:40]}.hsdb"


def _load(path: Path):
    """(own characters, unsupported mask, database) from the cache, or None."""
    import json

    try:
        blob = path.read_bytes()
        size = int.from_bytes(blob[:4], "little")
        header = json.loads(blob[4 : 4 + size])
        database = hyperscan.loadb(blob[4 + size :], hyperscan.HS_MODE_BLOCK)
        return header["own"], int(header["unsupported"], 16), database
    except Exception:
        return None


def _store(path: Path, own: list[str], unsupported: int, database) -> None:
    import json

    header = json.dumps({"own": own, "unsupported": f"{unsupported:x}"}).encode()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_bytes(len(header).to_bytes(4, "little") + header + hyperscan.dumpb(database))
        tmp.replace(path)  # atomic: another process never reads half a file
        # Keep the newest few: each set of patterns (each change to the rules) makes one.
        kept = sorted(path.parent.glob("prefilter-*.hsdb"), key=_mtime, reverse=True)
        for old in kept[_CACHE_FILES:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


_CACHE_FILES = 32


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _database(sources: list[bytes], ids: list[int], flags: list[int]):
    """(database, mask of the patterns Hyperscan refused)."""
    failed = 0
    try:
        return _compiled(sources, ids, flags), failed
    except hyperscan.error:
        # A pattern Hyperscan refuses: find which, one by one, and leave them out.
        kept = []
        for i in range(len(sources)):
            try:
                _compiled(sources[i : i + 1], ids[i : i + 1], flags[i : i + 1])
                kept.append(i)
            except hyperscan.error:
                failed |= 1 << ids[i]
        database = _compiled(
            [sources[i] for i in kept], [ids[i] for i in kept], [flags[i] for i in kept]
        )
        return database, failed


def _on_match(index, start, end, flags, found) -> None:
    found.append(1 << index)


def _compiled(sources: list[bytes], ids: list[int], flags: list[int]):
    if not sources:
        return None
    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    database.compile(expressions=sources, ids=ids, flags=flags)
    return database


def available() -> bool:
    """Whether the ``hyperscan`` package is installed (looked up once, not imported)."""
    global _available
    if _available is None:
        import importlib.util

        _available = importlib.util.find_spec("hyperscan") is not None
    return _available
