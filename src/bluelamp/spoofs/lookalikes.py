"""The X usernames a spoof of the force's accounts would likely take (CC/01 6.11): a bounded,
deterministic set built from each registered X handle and the force's names, to look up on X.

From each base name (a registered handle, or a force name squeezed into one word):

- look-alike characters, one at a time and all at once: ``o``/``0``, ``l``/``1``, ``I``/``l``;
- underscores: before, after, and between the name's words (``WMP_Dudley``);
- a doubled letter (``WMPDuddley``) or a doubled letter written once;
- something added: digits (``1``, ``2``, ``0``, ``01``, ``_1``), ``official``, ``uk``, ``HQ``,
  ``news``, or ``real`` / ``the`` / ``official`` before it;
- the words in another order (``DudleyWMP``, ``Dudley_WMP``).

Only what X accepts as a username (1-15 letters, digits and ``_``) is kept; names are compared
as X compares them (case ignored), the bases themselves and every registered handle are left
out. At most :data:`PER_BASE` names per base and :data:`MAX_NAMES` in all, in a fixed order,
so the same registry always gives the same list. No Django, no database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

#: X's username rule.
X_USERNAME = re.compile(r"[A-Za-z0-9_]{1,15}")
PER_BASE = 60
MAX_NAMES = 1_000

_SWAPS = {"o": "0", "O": "0", "0": "o", "l": "1", "1": "l", "I": "l", "i": "1"}
_SUFFIXES = ("1", "2", "0", "01", "_1", "official", "_official", "uk", "_uk", "HQ", "news")
_PREFIXES = ("real", "the", "official", "Official_")
_WORDS = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")


def words_of(name: str) -> list[str]:
    """A handle's words: ``WMPDudley`` → ``WMP``, ``Dudley``; ``West Mids Police`` → three."""
    found: list[str] = []
    for part in re.split(r"[^A-Za-z0-9]+", name):
        found += _WORDS.findall(part) if part else []
    return found


def _variants(base: str, words: list[str]) -> Iterable[str]:
    # Look-alike characters: each one alone, then all of them at once.
    positions = [i for i, ch in enumerate(base) if ch in _SWAPS]
    for i in positions:
        yield base[:i] + _SWAPS[base[i]] + base[i + 1 :]
    if len(positions) > 1:
        yield "".join(_SWAPS.get(ch, ch) for ch in base)
    # Underscores.
    yield f"_{base}"
    yield f"{base}_"
    if len(words) > 1:
        yield "_".join(words)
        for i in range(1, len(words)):
            yield "".join(words[:i]) + "_" + "".join(words[i:])
    # Added words and digits.
    for suffix in _SUFFIXES:
        yield base + suffix
    for prefix in _PREFIXES:
        yield prefix + base
    # Words in another order.
    if len(words) > 1:
        for i in range(len(words) - 1):
            swapped = [*words[:i], words[i + 1], words[i], *words[i + 2 :]]
            yield "".join(swapped)
            yield "_".join(swapped)
        if len(words) > 2:
            yield "".join(words[1:] + words[:1])
    # A doubled letter, and a double letter written once.
    for i, ch in enumerate(base):
        if ch.isalpha():
            yield base[: i + 1] + ch + base[i + 1 :]
        if i and ch.isalpha() and base[i - 1].casefold() == ch.casefold():
            yield base[:i] + base[i + 1 :]


def lookalike_handles(
    handles: Sequence[str],
    force_names: Sequence[str],
    *,
    per_base: int = PER_BASE,
    limit: int = MAX_NAMES,
) -> list[str]:
    """The usernames to look up on X for lookalikes of ``handles`` (the registered X handles)
    and ``force_names`` (the pack's ``spoofs.force_names``), at most ``limit`` in all."""
    taken = {h.casefold().lstrip("@") for h in handles}
    bases: list[tuple[str, list[str]]] = []
    for handle in sorted({h.lstrip("@") for h in handles}, key=str.casefold):
        bases.append((handle, words_of(handle)))
    for name in force_names:
        words = [w[:1].upper() + w[1:] for w in words_of(name)]
        joined = "".join(words)
        if joined and X_USERNAME.fullmatch(joined):
            bases.append((joined, words))
    seen: set[str] = set(taken)
    result: list[str] = []
    for base, words in bases:
        if base.casefold() not in taken and base.casefold() not in seen:
            candidates: Iterable[str] = [base, *_variants(base, words)]
        else:
            candidates = _variants(base, words)
        kept = 0
        for name in candidates:
            key = name.casefold()
            if key in seen or not X_USERNAME.fullmatch(name):
                continue
            seen.add(key)
            result.append(name)
            kept += 1
            if kept >= per_base or len(result) >= limit:
                break
        if len(result) >= limit:
            break
    return result
