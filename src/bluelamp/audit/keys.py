"""The audit trail's keys, from the settings (``BLUELAMP_AUDIT_KEYS``,
``BLUELAMP_AUDIT_CHECKPOINT_KEYS``), never from the database.

In development (DJANGO_DEBUG, no keys set) keys are derived from the secret key, so `make run`
works without set-up; ``development_keys_in_use`` says so, and the system check warns. Outside
development the settings refuse to start without keys."""

from __future__ import annotations

import base64
import hashlib

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings

from bluelamp.core.errors import AuditWriteError

DEVELOPMENT_KEY_ID = "dev"


def development_keys_in_use() -> bool:
    """True when the trail is signed with keys derived from the secret key (development)."""
    return settings.DEBUG and not (
        getattr(settings, "BLUELAMP_AUDIT_KEYS", None)
        and getattr(settings, "BLUELAMP_AUDIT_CHECKPOINT_KEYS", None)
    )


def _derived(purpose: str) -> bytes:
    return hashlib.sha256(f"bluelamp-{purpose}:{settings.SECRET_KEY}".encode()).digest()


def chain_keys() -> dict[str, bytes]:
    """Every chain key by id, newest (the signing key) first."""
    keys = {key_id: key.encode("utf-8") for key_id, key in settings.BLUELAMP_AUDIT_KEYS}
    if not keys and settings.DEBUG:
        keys = {DEVELOPMENT_KEY_ID: _derived("audit-chain")}
    return keys


def signing_key() -> tuple[str, bytes]:
    """The id and key that sign new events."""
    keys = chain_keys()
    if not keys:
        raise AuditWriteError(
            "The audit trail has no key: set BLUELAMP_AUDIT_KEYS (see .env.example)."
        )
    return next(iter(keys.items()))


def checkpoint_private_keys() -> list[Ed25519PrivateKey]:
    """The checkpoint keys, newest (the signing key) first."""
    raw = [
        base64.urlsafe_b64decode(key.encode("ascii"))
        for key in settings.BLUELAMP_AUDIT_CHECKPOINT_KEYS
    ]
    if not raw and settings.DEBUG:
        raw = [_derived("audit-checkpoint")]
    return [Ed25519PrivateKey.from_private_bytes(seed) for seed in raw]


def public_key_text(public_key: Ed25519PublicKey) -> str:
    """A public key as url-safe base64 of its 32 raw bytes (what auditors are given)."""
    raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.urlsafe_b64encode(raw).decode("ascii")


def fingerprint(public_key: Ed25519PublicKey) -> str:
    """A short, stable name for a public key: the first 16 hex digits of its sha256."""
    raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def checkpoint_public_keys() -> dict[str, Ed25519PublicKey]:
    """The public half of every checkpoint key, by fingerprint."""
    publics = [key.public_key() for key in checkpoint_private_keys()]
    return {fingerprint(key): key for key in publics}
