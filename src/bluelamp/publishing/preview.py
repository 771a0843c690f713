"""The post as it will look on its platform, for the compose and post pages (server-rendered,
no script): the length counted as the platform counts it (``engine.platform_limits``), where
the platform folds a long post behind "See more" (Facebook) or "more" (Instagram), how links
show, and that no link card is attached (Bluelamp sends the words and images only, so the
platforms build no preview card from a link).

The fold points are what the platforms' apps do today, not part of their APIs: Facebook folds
a Page post after about 480 characters, Instagram a caption after about 125; X shows the whole
post, up to its 280 weighted characters."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bluelamp.engine import platform_limits as lengths

FOLDS = {"facebook": (480, "See more"), "instagram": (125, "more")}
NAMES = {"x": "X", "facebook": "Facebook", "instagram": "Instagram"}
_URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
#: How many characters of a link's address X shows before an ellipsis.
X_LINK_SHOWN = 23


@dataclass(frozen=True)
class Preview:
    platform: str
    name: str
    shown: str
    folded: str = ""
    more_label: str = ""
    length_words: str = ""
    over: bool = False
    notes: list[str] = field(default_factory=list)


def _x_display(text: str) -> str:
    """Links as X shows them: without the scheme, cut to 23 characters with an ellipsis (X
    counts each as 23 however long it is)."""

    def short(match: re.Match[str]) -> str:
        bare = re.sub(r"^https?://(www\.)?", "", match.group(0), flags=re.IGNORECASE)
        return bare if len(bare) <= X_LINK_SHOWN else bare[: X_LINK_SHOWN - 1] + "…"

    return _URL.sub(short, text)


def _fold(text: str, at: int) -> tuple[str, str]:
    """Split ``text`` where the platform folds it: at ``at`` characters, back to the last
    space so that no word is cut (the apps fold between words)."""
    if len(text) <= at:
        return text, ""
    cut = text.rfind(" ", 0, at)
    cut = at if cut < at // 2 else cut
    return text[:cut].rstrip(), text[cut:].lstrip()


def platform_preview(text: str, platform: str, *, images: int = 0) -> Preview | None:
    """How ``text`` (with ``images`` pictures) will look on ``platform``; None for a platform
    Bluelamp does not publish to."""
    if platform not in NAMES:
        return None
    name = NAMES[platform]
    length = lengths.measure(text, platform)
    notes = []
    words = ""
    over = False
    if length is not None:
        over = length.over or length.too_many_hashtags
        if length.count is None:
            words = f"Far more than {length.limit:,} {length.unit}: {name} will refuse it"
        elif length.over:
            words = (
                f"{length.count:,} {length.unit}: {length.count - length.limit:,} too many. "
                f"{name} will refuse it"
            )
        else:
            words = f"{length.count:,} of {length.limit:,} {length.unit}"
    shown, folded, more = text, "", ""
    if platform == "x":
        shown = _x_display(text)
        if _URL.search(text):
            notes.append("Each link counts as 23 characters and shows shortened.")
    elif platform in FOLDS:
        at, more = FOLDS[platform]
        shown, folded = _fold(text, at)
        if folded:
            notes.append(
                f"{name} shows about the first {at} characters, then “{more}”: put what "
                "matters first."
            )
        else:
            more = ""
    if _URL.search(text):
        if platform == "instagram":
            notes.append("Links in an Instagram caption cannot be followed: they show as text.")
        notes.append("No link preview card: Bluelamp sends the words and images only.")
    if images:
        notes.append(f"With {images} image{'s' if images != 1 else ''}, shown below the words.")
    return Preview(
        platform=platform,
        name=name,
        shown=shown,
        folded=folded,
        more_label=more,
        length_words=words,
        over=over,
        notes=notes,
    )
