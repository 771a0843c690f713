"""A monthly review of an account's live content (CC/01 4.1), the posts in it, and the case
(person or investigation) an appeal is about (4.11)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from bluelamp.reviews.choices import CaseStatus, Decision, Reason, ReviewStatus


class Case(models.Model):
    """The person or investigation appeal posts are about: when it ends (found, charged,
    withdrawn) every copy of the appeal must come down, and a person charged must not be
    named in live posts."""

    name = models.CharField("name of the person or case", max_length=200)
    reference = models.CharField("force reference", max_length=100, blank=True)
    status = models.CharField(max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    posts = models.ManyToManyField(
        "publishing.Post", through="CasePost", related_name="appeal_cases", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.name} ({self.reference})" if self.reference else self.name


class CasePost(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="links")
    post = models.ForeignKey("publishing.Post", on_delete=models.PROTECT, related_name="+")
    #: None: linked by an import run from the command line (matched, ``reviews.matching``).
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    linked_at = models.DateTimeField()

    class Meta:
        constraints = (models.UniqueConstraint(fields=("case", "post"), name="case_post_once"),)


class Review(models.Model):
    """One account's review for one month, opened for the account's owner."""

    account = models.ForeignKey(
        "social_accounts.Account", on_delete=models.PROTECT, related_name="reviews"
    )
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    #: The first day of the month reviewed.
    month = models.DateField()
    #: The last day on which it counts as done in its month.
    due_on = models.DateField()
    status = models.CharField(
        max_length=30, choices=ReviewStatus.choices, default=ReviewStatus.OPEN
    )
    opened_at = models.DateTimeField()
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ("-month", "account__handle", "pk")
        constraints = (
            models.UniqueConstraint(fields=("account", "month"), name="review_once_a_month"),
        )

    def __str__(self) -> str:
        return f"Review of @{self.account.handle}, {self.month:%B %Y}"

    @property
    def undecided(self) -> int:
        return sum(1 for item in self.items.all() if not item.decision)


class ReviewItem(models.Model):
    """A live post that may be out of date, and what its owner decided."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="items")
    post = models.ForeignKey("publishing.Post", on_delete=models.PROTECT, related_name="+")
    #: ``[{"code": Reason, "detail": "…"}]``
    reasons = models.JSONField(default=list)
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    note = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("pk",)
        constraints = (models.UniqueConstraint(fields=("review", "post"), name="review_item_once"),)

    def reason_labels(self) -> list[str]:
        return [
            f"{Reason(r['code']).label}: {r['detail']}"
            if r.get("detail")
            else Reason(r["code"]).label
            for r in self.reasons
        ]


class AppealRemovalTask(models.Model):
    """One copy or re-share of an ended appeal, to be removed by ``due_at`` (4.11)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="removal_tasks")
    post = models.ForeignKey("publishing.Post", on_delete=models.PROTECT, related_name="+")
    due_at = models.DateTimeField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("due_at", "pk")
        constraints = (models.UniqueConstraint(fields=("case", "post"), name="appeal_task_once"),)
