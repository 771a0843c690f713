"""How much a candidate account looks like one of the force's (CC/01 6.11): a score from 0 to
100 and the reasons for it, worked out from the registry and the policy pack alone (no Django,
no database: the caller passes them in, so the tests need neither).

- the handle against every registered handle (``rapidfuzz``'s ratio, case and ``@`` ignored,
  separators dropped so ``WMPolice_`` and ``wm.police`` compare as ``wmpolice``);
- the display name against every registered account's name (token-sort ratio: word order is
  ignored, an added word such as "Official" costs little);
- the force's names and its crest's words (``[lexicons.spoofs]`` in the pack) in the handle,
  the name or the bio: a namesake that never says "police" scores low.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from bluelamp.engine.policy_pack import PolicyPack

#: Above this, a similarity is worth a reason of its own.
SIMILAR = 70
FORCE_NAME_POINTS = 20
CREST_POINTS = 10


@dataclass(frozen=True, slots=True)
class Registered:
    """A registered account, as the score needs it."""

    id: int
    platform: str
    handle: str
    display_name: str


@dataclass(frozen=True, slots=True)
class Score:
    value: int
    reasons: tuple[str, ...]
    closest_id: int | None


def _flat(handle: str) -> str:
    return re.sub(r"[^0-9a-z]", "", handle.casefold())


def _words_in(words: Iterable[str], text: str) -> list[str]:
    folded = f" {utils.default_process(text)} "
    flat = _flat(text)
    found = []
    for word in words:
        w = utils.default_process(word)
        if not w:
            continue
        # A force name squeezed into a handle ("westmidspolice") counts too.
        if f" {w} " in folded or (len(w.replace(" ", "")) >= 5 and w.replace(" ", "") in flat):
            found.append(word)
    return found


def score_candidate(
    *,
    platform: str,
    handle: str,
    display_name: str,
    bio: str,
    registry: Sequence[Registered],
    pack: PolicyPack,
) -> Score:
    """The candidate's score and the reasons, most telling first."""
    reasons: list[str] = []
    best = 0.0
    closest: Registered | None = None
    if registry:
        flat = _flat(handle)
        match = process.extractOne(flat, [_flat(r.handle) for r in registry], scorer=fuzz.ratio)
        if match is not None:
            value, index = match[1], match[2]
            best, closest = value, registry[index]
            if value >= SIMILAR:
                reasons.append(f"Handle {handle!r} is {value:.0f}% like @{registry[index].handle}")
        if display_name.strip():
            match = process.extractOne(
                display_name,
                [r.display_name for r in registry],
                scorer=fuzz.token_sort_ratio,
                processor=utils.default_process,
            )
            if match is not None:
                value, index = match[1], match[2]
                if value > best:
                    best, closest = value, registry[index]
                if value >= SIMILAR:
                    reasons.append(
                        f"Name {display_name!r} is {value:.0f}% like "
                        f"{registry[index].display_name!r}"
                    )
    # A faint likeness is common between any two names: below SIMILAR it counts for little.
    points = best * (0.7 if best >= SIMILAR else 0.3)
    text = " ".join((handle, display_name, bio))
    names = _words_in(pack.lexicon("spoofs.force_names"), text)
    if names:
        points += FORCE_NAME_POINTS
        reasons.append("Uses the force's name: " + ", ".join(names))
    crest = _words_in(pack.lexicon("spoofs.crest_words"), text)
    if crest:
        points += CREST_POINTS
        reasons.append("Uses words of the force's crest or insignia: " + ", ".join(crest))
    if closest is not None and closest.platform != platform and best >= SIMILAR:
        reasons.append(
            f"The closest registered account is on another platform ({closest.platform})"
        )
    return Score(
        value=max(0, min(100, round(points))),
        reasons=tuple(reasons),
        closest_id=closest.id if closest is not None and best >= SIMILAR else None,
    )
