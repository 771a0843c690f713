"""The shape of an API token and how it is digested (no Django, no database)."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

TOKEN_PREFIX = "blp"
_TOKEN = re.compile(r"^blp_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$")


def new_token() -> tuple[str, str]:
    """A fresh token and its public prefix: ``blp_<12 hex>_<43 url-safe characters>``
    (48 bits to find the row, 256 bits of secret)."""
    prefix = secrets.token_hex(6)
    return f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}", prefix


def digest(token: str) -> str:
    """The SHA-256 hex digest stored for ``token``. The secret is random and long, so a plain
    hash is enough (no salt or slow hash is needed, unlike a password)."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def parse(token: str) -> str | None:
    """The prefix of a well-formed token, else None."""
    match = _TOKEN.match(token)
    return match.group(1) if match else None


def matches(token: str, stored_digest: str) -> bool:
    """True when ``token`` digests to ``stored_digest`` (constant-time comparison)."""
    return hmac.compare_digest(digest(token), stored_digest)
