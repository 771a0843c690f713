"""API tokens: per-user credentials for other tools, stored as a digest, never in clear."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """A personal access token for the REST API, acting as its user with that user's roles.

    The token is ``blp_<prefix>_<secret>``; it is shown once, when it is created. Only the
    public ``prefix`` (to find the row) and a SHA-256 digest of the whole token are stored, so
    a copy of the database gives no working token. A token ends when it expires or is revoked;
    it is never deleted (the audit trail refers to it)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text="What the token is for, e.g. 'Scheduler'.")
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    digest = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(editable=False)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.name} (blp_{self.prefix}_…)"

    def is_usable(self, now) -> bool:
        """Not revoked and not expired at ``now``."""
        return self.revoked_at is None and self.expires_at > now
