"""The link between a Bluelamp user and their identity at the force's identity provider."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ExternalIdentity(models.Model):
    """A user as the identity provider knows them: the issuer and its stable subject id (for
    Entra ID the ``sub`` claim). Usernames can be renamed at the provider; the subject cannot,
    so a returning user is found by it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="external_identities"
    )
    issuer = models.CharField(max_length=300)
    subject = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)
    last_sign_in_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "external identities"
        constraints = (
            models.UniqueConstraint(
                fields=["issuer", "subject"], name="identity_external_identity_unique"
            ),
        )

    def __str__(self) -> str:
        return f"{self.user} at {self.issuer}"
