"""The credential vault (CC/01 3.7, 5.9): each account's username and password, held by CCD,
encrypted at rest with the keys in BLUELAMP_VAULT_KEYS (Fernet; the first key encrypts, every
key decrypts, so keys can be rotated). Nothing here logs or returns a secret except
``decrypt``, which only the reveal service calls.

Every model field that holds a vault-encrypted secret is registered here
(``register_encrypted_field``), by its app when it starts, so that ``bluelamp vault rotate-keys``
(``services.vault.vault_keys_rotate``) re-encrypts all of them, including those of apps above
this one."""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

from bluelamp.core.errors import ApplicationError


class VaultError(ApplicationError):
    code = "vault_unavailable"
    http_status = 503


def _keys() -> list[str]:
    keys = list(getattr(settings, "BLUELAMP_VAULT_KEYS", []) or [])
    if not keys and settings.DEBUG:
        # Development only (`make run`): a key derived from the secret key, so the demo works
        # without set-up. Production refuses to store a credential without a configured key.
        digest = hashlib.sha256(b"bluelamp-vault:" + settings.SECRET_KEY.encode()).digest()
        keys = [base64.urlsafe_b64encode(digest).decode("ascii")]
    return keys


def available() -> bool:
    """Whether credentials can be stored (a key is configured, or this is development)."""
    return bool(_keys())


def _fernet() -> MultiFernet:
    keys = _keys()
    if not keys:
        raise VaultError(
            "The credential vault is not configured: set BLUELAMP_VAULT_KEYS (see .env.example)."
        )
    return MultiFernet([Fernet(k.encode("ascii")) for k in keys])


def encrypt(secret: str) -> str:
    return _fernet().encrypt(secret.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken:
        raise VaultError(
            "This credential cannot be decrypted with the configured keys: a key was removed "
            "from BLUELAMP_VAULT_KEYS before the credential was re-encrypted."
        ) from None


def rotate(token: str) -> str:
    """The same secret under the current first key."""
    try:
        return _fernet().rotate(token.encode("ascii")).decode("ascii")
    except InvalidToken:
        raise VaultError(
            "A stored secret cannot be decrypted with the configured keys: a key was removed "
            "from BLUELAMP_VAULT_KEYS before the secret was re-encrypted."
        ) from None


def opens_with_newest_key(token: str) -> str:
    """The secret, decrypted with the newest key alone (proof that the older keys are no longer
    needed for it). Raises VaultError if it does not open."""
    keys = _keys()
    if not keys:
        raise VaultError("The credential vault is not configured: set BLUELAMP_VAULT_KEYS.")
    try:
        return Fernet(keys[0].encode("ascii")).decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken:
        raise VaultError("A stored secret does not open with the newest key.") from None


def key_count() -> int:
    """How many keys are configured (the keys themselves are never shown)."""
    return len(_keys())


# (app_label.ModelName, field name) of every field holding a vault-encrypted secret.
_ENCRYPTED_FIELDS: list[tuple[str, str]] = []


def register_encrypted_field(model: str, field: str) -> None:
    """Declare that ``model``'s ``field`` holds a vault-encrypted secret (idempotent)."""
    if (model, field) not in _ENCRYPTED_FIELDS:
        _ENCRYPTED_FIELDS.append((model, field))


def encrypted_fields() -> tuple[tuple[str, str], ...]:
    return tuple(_ENCRYPTED_FIELDS)
