"""A self-check report its owner chose to keep. Nothing else of a self-check is stored."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class SavedSelfCheck(models.Model):
    """One saved report, readable and deletable by its owner alone.

    No default permissions: no role's group (the auditors' "view everything" included) can be
    granted a way to read it, and it is not in the admin site."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=150)
    saved_at = models.DateTimeField()
    report = models.JSONField()

    class Meta:
        ordering = ("-saved_at", "-pk")
        default_permissions = ()

    def __str__(self) -> str:
        return self.title
