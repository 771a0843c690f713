"""Who acknowledged which version of the policy pack, who completed social media training and
when, and when each person was last reminded."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class PolicyAcknowledgement(models.Model):
    """A person's statement that they have read and accept one version of the policy pack."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="policy_acknowledgements"
    )
    pack_id = models.CharField(max_length=100)
    pack_version = models.CharField(max_length=50)
    acknowledged_at = models.DateTimeField()

    class Meta:
        ordering = ("-acknowledged_at", "-pk")
        constraints = (
            models.UniqueConstraint(
                fields=("user", "pack_id", "pack_version"), name="acknowledged_once_per_version"
            ),
        )

    def __str__(self) -> str:
        return f"{self.user} acknowledged {self.pack_id} {self.pack_version}"


class TrainingRecord(models.Model):
    """Social media training a person completed (recorded by Corporate Communications)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_records"
    )
    course = models.CharField(max_length=200)
    completed_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ("-completed_on", "-pk")

    def __str__(self) -> str:
        return f"{self.user}: {self.course} on {self.completed_on}"


class Reminder(models.Model):
    """When a person was last reminded to acknowledge a version (so nobody is told twice in a
    week, whoever asks for reminders)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    pack_id = models.CharField(max_length=100)
    pack_version = models.CharField(max_length=50)
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ("-sent_at", "-pk")
