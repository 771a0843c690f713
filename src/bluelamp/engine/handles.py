"""Account handles per platform: what each platform accepts, and the profile address.

``normalise_handle("x", " @WMPolice ")`` returns ``"WMPolice"``: surrounding spaces and one
leading ``@`` are dropped and the case is kept (platforms show it; they compare it ignoring
case, and so does the registry). A handle the platform would not accept raises
``HandleError`` with a message for the person who typed it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


class HandleError(ValueError):
    """The handle is not one the platform accepts; the message says why, in plain English."""


@dataclass(frozen=True, slots=True)
class PlatformRule:
    """What one platform accepts as an account's handle."""

    key: str
    label: str
    min_length: int
    max_length: int
    characters: str  # a regex character class body
    characters_text: str  # the same, for people
    url_template: str
    extra: tuple[tuple[str, str], ...] = ()  # (regex that must NOT match, message)

    def profile_url(self, handle: str) -> str:
        return self.url_template.format(handle=handle)


PLATFORM_RULES: dict[str, PlatformRule] = {
    rule.key: rule
    for rule in (
        PlatformRule(
            "x", "X (Twitter)", 1, 15, "A-Za-z0-9_", "letters, numbers and underscores",
            "https://x.com/{handle}",
        ),
        PlatformRule(
            "facebook", "Facebook", 5, 50, "A-Za-z0-9.", "letters, numbers and full stops",
            "https://www.facebook.com/{handle}",
            extra=((r"^\d+$", "A Facebook username cannot be only numbers"),),
        ),
        PlatformRule(
            "instagram", "Instagram", 1, 30, "A-Za-z0-9._",
            "letters, numbers, full stops and underscores",
            "https://www.instagram.com/{handle}/",
            extra=(
                (r"^\.|\.$", "An Instagram username cannot start or end with a full stop"),
                (r"\.\.", "An Instagram username cannot have two full stops in a row"),
            ),
        ),
        PlatformRule(
            "youtube", "YouTube", 3, 30, "A-Za-z0-9._\\-",
            "letters, numbers, underscores, hyphens and full stops",
            "https://www.youtube.com/@{handle}",
        ),
        PlatformRule(
            "snapchat", "Snapchat", 3, 15, "A-Za-z0-9._\\-",
            "letters, numbers, underscores, hyphens and full stops",
            "https://www.snapchat.com/add/{handle}",
            extra=(
                (r"^[^A-Za-z]", "A Snapchat username must start with a letter"),
                (r"[^A-Za-z0-9]$", "A Snapchat username must end with a letter or number"),
            ),
        ),
        PlatformRule(
            "flickr", "Flickr", 3, 50, "A-Za-z0-9_\\-", "letters, numbers, underscores and hyphens",
            "https://www.flickr.com/photos/{handle}/",
        ),
        PlatformRule(
            "linkedin", "LinkedIn", 3, 100, "A-Za-z0-9\\-", "letters, numbers and hyphens",
            "https://www.linkedin.com/company/{handle}/",
        ),
    )
}  # fmt: skip

PLATFORMS = tuple(PLATFORM_RULES)


def platform_rule(platform: str) -> PlatformRule:
    """The rule for ``platform``; ValueError for a platform Bluelamp does not know."""
    try:
        return PLATFORM_RULES[platform]
    except KeyError:
        raise ValueError(f"unknown platform {platform!r}") from None


def normalise_handle(platform: str, raw: str) -> str:
    """The handle as the registry stores it: no surrounding spaces, no leading ``@``.

    Raises HandleError when the platform would not accept it."""
    rule = platform_rule(platform)
    handle = (raw or "").strip()
    if handle.startswith("@"):
        handle = handle[1:]
    if not handle:
        raise HandleError("Enter the account's handle")
    if any(ch.isspace() for ch in handle):
        raise HandleError("A handle cannot contain spaces")
    if "@" in handle:
        raise HandleError("Enter the handle with at most one @, at the start")
    bad = sorted(set(re.sub(f"[{rule.characters}]", "", handle)))
    if bad:
        shown = " ".join(bad[:5])
        raise HandleError(
            f"A {rule.label} handle can only contain {rule.characters_text} (not {shown})"
        )
    if len(handle) < rule.min_length:
        raise HandleError(
            f"A {rule.label} handle must be at least {rule.min_length} characters long"
        )
    if len(handle) > rule.max_length:
        raise HandleError(f"A {rule.label} handle must be {rule.max_length} characters or fewer")
    for pattern, message in rule.extra:
        if re.search(pattern, handle):
            raise HandleError(message)
    return handle


def handle_key(handle: str) -> str:
    """What two handles on one platform are compared by: case ignored, no ``@``."""
    return handle.strip().lstrip("@").casefold()


def profile_url(platform: str, handle: str) -> str:
    """The account's public address on its platform."""
    return platform_rule(platform).profile_url(handle)
