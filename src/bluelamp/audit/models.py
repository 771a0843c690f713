"""The audit trail: one append-only, hash-chained table, and the one-row chain head that
writers lock so that two of them can never fork the chain."""

from __future__ import annotations

from typing import Any, ClassVar

from django.apps import apps as django_apps
from django.conf import settings
from django.db import models
from django.utils.text import capfirst

from bluelamp.audit.chain import GENESIS_HASH, HASHED_FIELDS


class AuditEventImmutableError(Exception):
    """Audit events are never changed or deleted, and only ``audit_record`` writes them."""


class AuditEventQuerySet(models.QuerySet):
    """Refuses bulk changes: ``update``, ``delete``, ``bulk_update`` and ``bulk_create``."""

    def update(self, **kwargs: Any) -> int:
        raise AuditEventImmutableError("audit events cannot be updated")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditEventImmutableError("audit events cannot be deleted")

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        raise AuditEventImmutableError("audit events cannot be updated")

    def bulk_create(self, *args: Any, **kwargs: Any) -> list:
        raise AuditEventImmutableError("audit events are written one at a time by audit_record")

    def update_or_create(self, *args: Any, **kwargs: Any):
        raise AuditEventImmutableError("audit events cannot be updated")

    def _update(self, values: Any) -> int:
        raise AuditEventImmutableError("audit events cannot be updated")

    _update.queryset_only = True  # type: ignore[attr-defined]

    def _raw_delete(self, using: Any) -> int:
        raise AuditEventImmutableError("audit events cannot be deleted")

    _raw_delete.queryset_only = True  # type: ignore[attr-defined]


class AuditEvent(models.Model):
    """One thing that happened: who did what to which object, when, and what changed.

    Append-only: written only by ``audit.services.audit_record`` inside the caller's
    transaction; saving an existing row or deleting one raises, and database triggers refuse
    UPDATE and DELETE on both SQLite and PostgreSQL. ``hash`` is HMAC-SHA256, under the key
    ``key_id`` names (held outside the database), of the canonical JSON of the other recorded
    fields and ``prev_hash`` (see ``audit.chain``)."""

    sequence = models.PositiveBigIntegerField(unique=True, editable=False)
    occurred_at = models.DateTimeField(editable=False, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    actor_text = models.CharField(
        max_length=300, editable=False, help_text="Who acted, as they were named at the time."
    )
    action = models.CharField(max_length=100, editable=False, db_index=True)
    target_type = models.CharField(max_length=100, blank=True, editable=False)
    target_id = models.CharField(max_length=100, blank=True, editable=False)
    target_label = models.CharField(max_length=300, blank=True, editable=False)
    before = models.JSONField(null=True, blank=True, editable=False)
    after = models.JSONField(null=True, blank=True, editable=False)
    request_id = models.CharField(max_length=64, blank=True, editable=False)
    prev_hash = models.CharField(max_length=64, unique=True, editable=False)
    hash = models.CharField(max_length=64, unique=True, editable=False)
    key_id = models.CharField(
        max_length=32,
        default="",
        editable=False,
        help_text="Which of the audit keys (held outside the database) signed this event.",
    )

    objects: ClassVar[models.Manager] = AuditEventQuerySet.as_manager()

    # Set only by audit_record on the instance it is about to insert.
    _allow_insert = False

    class Meta:
        ordering = ("sequence",)
        default_permissions = ("view",)
        indexes = (
            models.Index(fields=["target_type", "target_id"], name="audit_target_idx"),
            models.Index(fields=["actor", "occurred_at"], name="audit_actor_time_idx"),
        )

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action} by {self.actor_text}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditEventImmutableError("audit events cannot be changed once written")
        if not self._allow_insert:
            raise AuditEventImmutableError("write audit events with audit.services.audit_record")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)
        self._allow_insert = False

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AuditEventImmutableError("audit events cannot be deleted")

    def hashed_fields(self) -> dict[str, Any]:
        """The fields the hash covers, as ``audit.chain`` expects them."""
        return {name: getattr(self, name) for name in HASHED_FIELDS} | {"hash": self.hash}

    @property
    def action_label(self) -> str:
        from bluelamp.audit.registry import actions

        return actions.label(self.action)

    @property
    def target_kind(self) -> str:
        """What kind of thing the event is about, in words ("Removal request")."""
        return target_kind_words(self.target_type)


def target_kind_words(target_type: str) -> str:
    """``app_label.modelname`` as the model names itself ("Removal request"); the stored value
    for a model no longer installed. The audit app sits below the apps it records, so it asks
    Django's registry rather than importing them."""
    if not target_type:
        return ""
    try:
        model = django_apps.get_model(target_type)
    except (LookupError, ValueError):
        return target_type
    return capfirst(str(model._meta.verbose_name))


class ChainHead(models.Model):
    """The single row (pk=1) holding the last sequence number and hash. Every writer locks it
    (``select_for_update``) before appending, which serialises writers on PostgreSQL; SQLite
    serialises them with BEGIN IMMEDIATE. It also lets ``verify`` see rows deleted from, or
    added to, the end of the chain. Database triggers refuse to delete it or move it back;
    signed checkpoints kept outside the database (``audit.checkpoints``) show it if someone
    who can lift the triggers does."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    sequence = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return f"audit chain head at {self.sequence}"
