"""The user model, shared base models, and the record of failed sign-ins behind the lock-out."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q


class TimeStampedModel(models.Model):
    """A base for domain models: when a row was created and last changed (aware, UTC)."""

    created_at = models.DateTimeField(auto_now_add=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True, editable=False)

    class Meta:
        abstract = True


class User(AbstractUser):
    """A member of the force who uses Bluelamp: an officer or member of staff.

    Roles are group memberships (see ``core.roles``). Users are deactivated, never deleted:
    the audit trail refers to them."""

    display_name = models.CharField(
        max_length=150,
        blank=True,
        help_text="The name shown to other users, e.g. 'PC 4521 Jo Bloggs'.",
    )
    staff_id = models.CharField(
        "collar number or staff ID",
        max_length=32,
        blank=True,
        help_text="Optional; unique when given.",
    )
    line_manager = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
        help_text="Approves this user's applications.",
    )
    team = models.CharField(
        max_length=150, blank=True, help_text="e.g. an NPU, a department or a team."
    )

    class Meta:
        ordering = ("username",)
        constraints = (
            models.UniqueConstraint(
                fields=["staff_id"],
                condition=~Q(staff_id=""),
                name="core_user_staff_id_unique_when_given",
            ),
        )

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """How the user is named on pages and in the audit trail's actor snapshot."""
        name = self.display_name or self.get_full_name()
        return f"{name} ({self.username})" if name else self.username


class LoginFailure(models.Model):
    """One failed sign-in for a username (existing or not). Rows older than the lock-out
    window are pruned as new ones arrive; a successful sign-in clears the username's rows."""

    username = models.CharField(max_length=150, db_index=True)
    at = models.DateTimeField(db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ("-at",)

    def __str__(self) -> str:
        return f"{self.username} at {self.at:%Y-%m-%d %H:%M:%S}"


class Notification(models.Model):
    """A message for one person in the service itself, written with each e-mail sent to them
    (``core.mail.notify``), with the address of the item it is about."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="notifications", editable=False
    )
    subject = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    #: The item's page, relative to the service ("/posts/…/"); blank when there is none.
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = (models.Index(fields=["user", "read_at"], name="core_notification_unread"),)

    def __str__(self) -> str:
        return f"Notification for {self.user_id}: {self.subject}"

    @property
    def unread(self) -> bool:
        return self.read_at is None
