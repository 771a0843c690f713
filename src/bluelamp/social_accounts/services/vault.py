"""Rotating the vault's keys: every stored secret re-encrypted under the newest key, in one
transaction, then proved to open with that key alone."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.apps import apps
from django.db import transaction

from bluelamp.audit.services import audit_record
from bluelamp.core.clock import aware_now
from bluelamp.core.models import User
from bluelamp.social_accounts import vault


@dataclass(frozen=True, slots=True)
class Rotation:
    """How many secrets were re-encrypted, per model field, and how many keys are configured.
    Counts only: never a secret or a key."""

    counts: dict[str, int]
    keys: int

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _digest(secret: str) -> bytes:
    return hashlib.sha256(secret.encode("utf-8")).digest()


def vault_keys_rotate(
    *, actor: User | None, actor_text: str = "", now: dt.datetime | None = None
) -> Rotation:
    """Re-encrypt every secret of every registered field under the first key of
    BLUELAMP_VAULT_KEYS, then decrypt each with that key alone and check it is the same secret
    as before. All in one transaction: if any secret cannot be opened, re-encrypted or proved,
    nothing changes and every secret still opens with the keys it opened with before (raises
    VaultError naming the row, never the secret). Audited with the counts."""
    now = aware_now(now)
    counts: dict[str, int] = {}
    with transaction.atomic():
        before: dict[tuple[str, str, object], bytes] = {}
        for label, field in vault.encrypted_fields():
            model = apps.get_model(label)
            name = f"{label}.{field}"
            counts[name] = 0
            rows = model.objects.select_for_update().order_by("pk").values_list("pk", field)
            for pk, token in rows:
                try:
                    before[(label, field, pk)] = _digest(vault.decrypt(token))
                    rotated = vault.rotate(token)
                except vault.VaultError as error:
                    raise vault.VaultError(
                        f"{name} of row {pk}: {error.message} Nothing was changed."
                    ) from None
                model.objects.filter(pk=pk).update(**{field: rotated})
                counts[name] += 1
        for label, field in vault.encrypted_fields():
            model = apps.get_model(label)
            for pk, token in model.objects.order_by("pk").values_list("pk", field):
                try:
                    opened = vault.opens_with_newest_key(token)
                except vault.VaultError:
                    opened = None
                if opened is None or _digest(opened) != before.get((label, field, pk)):
                    raise vault.VaultError(
                        f"{label}.{field} of row {pk} did not open with the newest key after "
                        "re-encryption. Nothing was changed."
                    )
        rotation = Rotation(counts=counts, keys=vault.key_count())
        audit_record(
            actor=actor,
            actor_text=actor_text or None,
            action="vault.keys_rotated",
            target_type="vault",
            target_label="Credential vault",
            # As pairs, not a mapping: the audit trail masks values under secret-sounding names.
            after={
                "re_encrypted": [[name, count] for name, count in counts.items()],
                "total": rotation.total,
                "vault_size": rotation.keys,
            },
            now=now,
        )
    return rotation
