"""Plain data that goes into and comes out of the rules engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

TIERS = ("force", "npu", "department", "team", "individual", "personal")
KINDS = ("post", "reply", "direct-message", "live")
PLATFORMS = ("x", "facebook", "instagram", "youtube", "snapchat", "flickr", "linkedin")
MAX_TEXT_CHARS = 1_000_000


class Severity(IntEnum):
    """Ordered: a report's verdict is its worst finding."""

    PASS = 0
    ADVISE = 1
    RECORD = 2
    REVIEW = 3
    BLOCK = 4

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r}") from None


class InputError(ValueError):
    """A post that cannot be checked as given; the message says what and where."""


@dataclass(frozen=True, slots=True)
class Media:
    path: str
    alt: str | None = None


@dataclass(frozen=True, slots=True)
class Post:
    """One post as `bluelamp check` and the web application pass it to the rules."""

    text: str
    id: str | None = None
    tier: str = "individual"
    handle: str | None = None
    kind: str = "post"
    media: tuple[Media, ...] = ()
    election_period: bool = False
    major_incident: bool = False
    authorisations: frozenset[str] = field(default_factory=frozenset)
    #: Where it will be published (``PLATFORMS``); None: not known, platform limits not checked.
    platform: str | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    clause: str
    severity: Severity
    message: str
    start: int | None = None
    end: int | None = None
    excerpt: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "clause": self.clause,
            "severity": self.severity.label,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "excerpt": self.excerpt,
        }


@dataclass(frozen=True, slots=True)
class Report:
    id: str | None
    findings: tuple[Finding, ...]

    @property
    def verdict(self) -> Severity:
        return max((f.severity for f in self.findings), default=Severity.PASS)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "verdict": self.verdict.label,
            "findings": [f.to_dict() for f in self.findings],
        }


def _field(obj: dict[str, Any], key: str, types: type | tuple[type, ...], where: str) -> Any:
    value = obj.get(key)
    if value is not None and not isinstance(value, types):
        names = (
            types.__name__ if isinstance(types, type) else " or ".join(t.__name__ for t in types)
        )
        raise InputError(f"{where}{key} must be {names}, got {type(value).__name__}")
    return value


def post_from_dict(data: Any) -> Post:
    """Validate one JSON post (the `bluelamp check --jsonl` format) and build a Post."""
    if not isinstance(data, dict):
        raise InputError(f"a post must be a JSON object, got {type(data).__name__}")
    text = data.get("text")
    if text is None:
        raise InputError("text is required")
    if not isinstance(text, str):
        raise InputError(f"text must be a string, got {type(text).__name__}")
    if not text.strip():
        raise InputError("text is empty: there is nothing to check")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(f"text is {len(text)} characters; the limit is {MAX_TEXT_CHARS}")
    post_id = data.get("id")
    if post_id is not None and not isinstance(post_id, (str, int)):
        raise InputError(f"id must be a string, got {type(post_id).__name__}")
    account = _field(data, "account", dict, "") or {}
    tier = _field(account, "tier", str, "account.") or "individual"
    if tier not in TIERS:
        raise InputError(f"account.tier {tier!r} is not one of {', '.join(TIERS)}")
    handle = _field(account, "handle", str, "account.")
    platform = _field(account, "platform", str, "account.")
    if platform is not None and platform not in PLATFORMS:
        raise InputError(f"account.platform {platform!r} is not one of {', '.join(PLATFORMS)}")
    kind = _field(data, "kind", str, "") or "post"
    if kind not in KINDS:
        raise InputError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    media_in = _field(data, "media", list, "") or []
    media = []
    for i, item in enumerate(media_in):
        if isinstance(item, str):
            item = {"path": item}
        if not isinstance(item, dict) or not isinstance(item.get("path"), str):
            raise InputError(f"media[{i}] must be an object with a string path")
        alt = item.get("alt")
        media.append(Media(path=item["path"], alt=alt if isinstance(alt, str) else None))
    context = _field(data, "context", dict, "") or {}
    election = _field(context, "election_period", bool, "context.") or False
    major = _field(context, "major_incident", bool, "context.") or False
    auths = _field(context, "authorisations", list, "context.") or []
    if not all(isinstance(a, str) for a in auths):
        raise InputError("context.authorisations must be a list of rule ids")
    return Post(
        text=text,
        id=None if post_id is None else str(post_id),
        tier=tier,
        handle=handle,
        kind=kind,
        media=tuple(media),
        election_period=election,
        major_incident=major,
        authorisations=frozenset(auths),
        platform=platform,
    )
