"""Requests from the public to remove or correct their personal data (CC/01 4.26–4.31).

A ``RemovalRequest`` is one person's request and its statutory clock; ``PostDecision`` is one
post it concerns and what was decided; ``RemovalTask`` is the social media team's work to carry
out a removal, amendment or restriction, with evidence. Rows change only through
``services``. The requester's name and contact details are personal data: ``__str__`` and the
audit trail name a request by its number only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from bluelamp.core.models import TimeStampedModel
from bluelamp.data_requests.choices import (
    LetterKind,
    Outcome,
    ReceivedHow,
    Regime,
    RequestStatus,
    Right,
)
from bluelamp.publishing.models import FullTextDocumentField


class RemovalRequest(TimeStampedModel):
    """One request to remove or correct personal data on the force's social media."""

    requester_name = models.CharField(max_length=200)
    requester_contact = models.TextField(help_text="How to reach them: address, e-mail, phone.")
    request_text = models.TextField(help_text="What they ask for, in their words.")
    right = models.CharField(max_length=20, choices=Right.choices)
    regime = models.CharField(max_length=10, choices=Regime.choices, default=Regime.UNKNOWN)
    received_at = models.DateTimeField()
    received_how = models.CharField(max_length=10, choices=ReceivedHow.choices)
    identity_requested_at = models.DateTimeField(null=True, blank=True)
    identity_received_at = models.DateTimeField(null=True, blank=True)
    extended = models.BooleanField(default=False)
    extension_reasons = models.TextField(blank=True)
    extension_notice_sent_on = models.DateField(null=True, blank=True)
    extension_letter = models.ForeignKey(
        "Letter",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The extension notice sent to the requester (its sent date is the notice date).",
    )
    status = models.CharField(
        max_length=20, choices=RequestStatus.choices, default=RequestStatus.RECEIVED
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="removal_requests_owned",
        help_text="The information security officer handling it.",
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    response_summary = models.TextField(blank=True)
    response_letter = models.ForeignKey(
        "Letter",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The outcome or refusal letter that answered the requester (its sent time is "
        "the response time).",
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    requester_deleted_at = models.DateTimeField(
        null=True, blank=True, help_text="When the retention job deleted the requester's details."
    )

    class Meta:
        ordering = ("received_at", "pk")
        indexes = (models.Index(fields=["status"]),)

    def __str__(self) -> str:
        return f"Removal request {self.reference}"

    @property
    def reference(self) -> str:
        """The request's number as staff quote it (no personal data)."""
        return f"RR-{self.pk:05d}" if self.pk else "RR-new"


class PostDecision(TimeStampedModel):
    """One post a request concerns, and the decision on it. The post is either linked from the
    archive (``archived_post``; its address, platform and the start of its text are copied
    when it is linked) or, for a post the archive does not hold, recorded by its address,
    platform and an excerpt of its text."""

    request = models.ForeignKey(RemovalRequest, on_delete=models.CASCADE, related_name="posts")
    archived_post = models.ForeignKey(
        "publishing.Post",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="removal_decisions",
        help_text="The post in the archive, when it was linked from there.",
    )
    url = models.URLField(max_length=500, blank=True)
    platform = models.CharField(max_length=40)
    excerpt = models.TextField(blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    corrected_text = models.TextField(blank=True)
    reasons = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("pk",)
        constraints = (
            models.UniqueConstraint(
                fields=["request", "archived_post"],
                condition=models.Q(archived_post__isnull=False),
                name="data_requests_archived_post_once_per_request",
            ),
        )

    def __str__(self) -> str:
        return f"Post {self.pk} of {self.request}"


class RemovalTask(TimeStampedModel):
    """The social media team's work to carry out one decision, with the evidence it was done."""

    decision = models.OneToOneField(PostDecision, on_delete=models.CASCADE, related_name="task")
    carried_out_by = models.CharField(max_length=200, blank=True)
    carried_out_at = models.DateTimeField(null=True, blank=True)
    evidence = models.TextField(blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    platform_removal = models.ForeignKey(
        "publishing.Removal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="removal_tasks",
        help_text="The archive's record of the post's removal, with the platform's "
        "confirmation, when the task was recorded as done from it.",
    )
    platform_correction = models.ForeignKey(
        "publishing.Correction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="removal_tasks",
        help_text="For an amendment: the archive's record of the post's corrected words, "
        "when the task was recorded as done from it.",
    )

    class Meta:
        ordering = ("pk",)

    def __str__(self) -> str:
        return f"Task {self.pk} of {self.decision.request}"

    @property
    def done(self) -> bool:
        return self.carried_out_at is not None


class DigestRun(models.Model):
    """That the daily digest of due requests was sent for a date (keeps the command
    idempotent)."""

    for_date = models.DateField(unique=True)
    sent_at = models.DateTimeField()
    request_count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"Digest for {self.for_date.isoformat()}"


class LetterImmutableError(Exception):
    """A sent letter was about to be changed or deleted: it is kept exactly as sent."""


class Letter(models.Model):
    """A letter sent to the requester, kept with the case exactly as sent (its text and its
    PDF). Written once by ``services.letters.letter_send``; never changed or deleted afterwards
    (only the retention job blanks it, with the rest of the requester's details)."""

    request = models.ForeignKey(RemovalRequest, on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField(max_length=20, choices=LetterKind.choices)
    body = models.TextField(help_text="The text as sent.")
    pdf = models.BinaryField(help_text="The letter as sent, as a PDF.")
    reasons_withheld = models.BooleanField(
        default=False, help_text="A Part 3 refusal that withholds the reasons."
    )
    sent_at = models.DateTimeField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("sent_at", "pk")

    def __str__(self) -> str:
        return f"Letter {self.pk} ({self.kind}) of {self.request}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise LetterImmutableError("A sent letter cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise LetterImmutableError("A sent letter cannot be deleted.")

    @property
    def filename(self) -> str:
        """The PDF's file name (the case number, kind and letter number; no personal data)."""
        return f"{self.request.reference}-{self.kind}-{self.pk}.pdf"


class RemovalRequestSearchEntry(models.Model):
    """SQLite's full-text index of the requests' notes (what was asked, the response, the
    reasons for an extension): an FTS5 table whose content is the request table, kept in step
    by triggers (``publishing.search_schema.REMOVAL_REQUESTS``). Read only by
    ``selectors.removal_request_queue`` on SQLite; PostgreSQL keeps a stored ``tsvector`` on
    the request table instead, so this table does not exist there."""

    request = models.OneToOneField(
        RemovalRequest,
        primary_key=True,
        db_column="rowid",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="search_entry",
    )
    document = FullTextDocumentField(db_column="data_requests_removalrequest_fts")

    class Meta:
        managed = False
        db_table = "data_requests_removalrequest_fts"
