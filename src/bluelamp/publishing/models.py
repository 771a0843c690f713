"""Posts, their images, approvals, publications and removals (CC/01 4.4, 4.10, 4.13, 4.24, 4.26).

Every post is kept: nothing here is deleted, and every change is also an audit event. A post
belongs to one account; the same words on two accounts are two posts.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from bluelamp.publishing.choices import (
    STATE_TAG_CLASSES,
    Approver,
    ConnectionStatus,
    CorrectionOutcome,
    Decision,
    PostKind,
    PostState,
    RemovalOutcome,
    Source,
    VersionSource,
)


class Post(models.Model):
    """One post on one account, from the first draft to the archive."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    account = models.ForeignKey(
        "social_accounts.Account", on_delete=models.PROTECT, related_name="posts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="posts", null=True
    )
    author_text = models.CharField(
        max_length=200, blank=True, help_text="Who wrote it, for imported posts."
    )
    kind = models.CharField(max_length=20, choices=PostKind.choices, default=PostKind.POST)
    text = models.TextField()
    state = models.CharField(max_length=30, choices=PostState.choices, default=PostState.DRAFT)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.BLUELAMP)
    # The verdict and findings of the last check, kept with the post (4.24, 4.26).
    verdict = models.CharField(max_length=10, blank=True)
    findings = models.JSONField(default=list, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    # Routing
    second_opinion = models.BooleanField(
        default=False, help_text="The author asked their line manager for a second opinion (6.14)."
    )
    approver_needed = models.CharField(max_length=20, choices=Approver.choices, blank=True)
    authorisations = models.JSONField(
        default=list, blank=True, help_text="Rule ids an approver has authorised."
    )
    # Versions (four eyes): the words and images as sent on, and the one an approver approved.
    version = models.PositiveIntegerField(
        default=0, help_text="The number of its latest version; 0 until it is first sent on."
    )
    approved_version = models.PositiveIntegerField(
        null=True, blank=True, help_text="The version its approval is for: only that one goes out."
    )
    scheduled_for = models.DateTimeField(null=True, blank=True)
    held_reason = models.TextField(blank=True)
    # The disclosure record (4.24)
    incident_log_ref = models.CharField("incident log reference", max_length=100, blank=True)
    crime_ref = models.CharField("crime reference", max_length=100, blank=True)
    oic_told = models.BooleanField("the officer in the case was told", default=False)
    oic_name = models.CharField("officer in the case", max_length=150, blank=True)
    recorded_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    # Publication (platform ids only once the platform confirmed them)
    platform_post_id = models.CharField(max_length=200, blank=True)
    platform_url = models.URLField(max_length=500, blank=True)
    platform_container_id = models.CharField(
        max_length=100,
        blank=True,
        help_text="Instagram's media container, kept as soon as it exists so that a restart "
        "publishes that container instead of making another.",
    )
    published_at = models.DateTimeField(null=True, blank=True)
    publish_attempts = models.PositiveIntegerField(default=0)
    claimed_at = models.DateTimeField(
        null=True, blank=True, help_text="When a worker or a person started publishing it."
    )
    last_error = models.TextField(blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    # What an import from the platform's own export knows (``publishing.importing``): the key
    # that makes a second run skip the post (the platform's id, else a digest of the item, for
    # exports without ids), the posts it answers, reposts or quotes, when it was deleted on the
    # platform, its media as the export described them (never published: locations are flagged
    # there), and the rule set its findings came from.
    import_key = models.CharField(max_length=80, blank=True)
    reply_to = models.CharField(max_length=200, blank=True)
    repost_of = models.CharField(max_length=200, blank=True)
    quote_of = models.CharField(max_length=200, blank=True)
    deleted_on_platform_at = models.DateTimeField(null=True, blank=True)
    imported_media = models.JSONField(default=list, blank=True)
    rules_version = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ("-created_at", "-pk")
        indexes = (
            models.Index(fields=["state", "scheduled_for"]),
            models.Index(fields=["account", "-created_at"]),
            models.Index(fields=["crime_ref"]),
            models.Index(fields=["incident_log_ref"]),
        )
        constraints = (
            models.UniqueConstraint(
                fields=["account", "platform_post_id"],
                condition=~models.Q(platform_post_id=""),
                name="publishing_post_platform_id_unique_per_account",
            ),
            models.UniqueConstraint(
                fields=["account", "import_key"],
                condition=~models.Q(import_key=""),
                name="publishing_post_import_key_unique_per_account",
            ),
        )

    def __str__(self) -> str:
        return f"Post {self.pk} on {self.account}"

    @property
    def state_tag_class(self) -> str:
        return STATE_TAG_CLASSES.get(self.state, "govuk-tag--grey")

    @property
    def has_record(self) -> bool:
        return bool(self.incident_log_ref or self.crime_ref or self.oic_told)

    @property
    def investigation(self) -> str:
        """The key a disclosure schedule groups by: the crime reference, else the log."""
        return self.crime_ref or self.incident_log_ref

    @property
    def author_label(self) -> str:
        if self.author is not None:
            return self.author.label
        return self.author_text or "Unknown"


class PostImage(models.Model):
    """An image as it will be published: metadata already stripped (3.15, 5.3), faces blurred
    or consented (4.10), ownership stated (4.13). The original upload is never stored."""

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="images")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    position = models.PositiveSmallIntegerField(default=0)
    data = models.BinaryField()
    mime_type = models.CharField(max_length=50)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    original_name = models.CharField(max_length=255, blank=True)
    alt_text = models.CharField("description for people who cannot see it", max_length=1000)
    had_location = models.BooleanField(default=False)
    stripped_fields = models.JSONField(default=list, blank=True)
    faces = models.JSONField(default=list, blank=True, help_text="Boxes [x, y, w, h].")
    faces_blurred = models.BooleanField(default=False)
    consent_confirmed = models.BooleanField(default=False)
    consent_note = models.TextField(blank=True)
    consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    consent_at = models.DateTimeField(null=True, blank=True)
    force_owns = models.BooleanField(
        "the force owns this image", help_text="4.13: only images the force owns are posted."
    )
    ownership_note = models.CharField(max_length=500, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField()
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("position", "pk")

    @property
    def faces_settled(self) -> bool:
        return not self.faces or self.faces_blurred or self.consent_confirmed


class PostVersion(models.Model):
    """The words and images of a post as they stood at one point after it was sent on: each
    change after that (an approver's, a correction) is a new version, and none is ever changed
    except to record that the author accepted an approver's change."""

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    text = models.TextField()
    images = models.JSONField(
        default=list, blank=True, help_text="The images as they were: [{id, sha256, alt_text}]."
    )
    source = models.CharField(max_length=20, choices=VersionSource.choices)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    made_at = models.DateTimeField()
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("number",)
        constraints = (
            models.UniqueConstraint(
                fields=["post", "number"], name="publishing_postversion_number_unique"
            ),
        )

    def __str__(self) -> str:
        return f"Version {self.number} of post {self.post_id}"

    @property
    def author_agreed(self) -> bool:
        """The author's own words: they sent them on, or accepted an approver's change."""
        return self.source != VersionSource.APPROVER or self.accepted_at is not None


class Approval(models.Model):
    """One approver's decision, with the findings they saw (four eyes: never the author)."""

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="approvals")
    approver = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    as_role = models.CharField(max_length=20, choices=Approver.choices)
    decision = models.CharField(max_length=20, choices=Decision.choices)
    note = models.TextField(blank=True)
    text_seen = models.TextField()
    findings_seen = models.JSONField(default=list)
    authorised = models.JSONField(default=list, blank=True)
    version = models.PositiveIntegerField(
        null=True, blank=True, help_text="The version decided on (an edit: the one it made)."
    )
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ("decided_at", "pk")


class Removal(models.Model):
    """An attempt to take a published post down, and what the platform said (4.4, 4.26–4.31)."""

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="removals")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    reason = models.TextField()
    outcome = models.CharField(max_length=20, choices=RemovalOutcome.choices)
    detail = models.TextField(blank=True)
    platform_response = models.JSONField(default=dict, blank=True)
    by_hand_needed = models.BooleanField(
        default=False, help_text="The platform's API cannot delete it: a person must, in the app."
    )
    at = models.DateTimeField()

    class Meta:
        ordering = ("at", "pk")


class Correction(models.Model):
    """A change to the words of a published post (4.26–4.31: correcting inaccurate personal
    information), with the words before and after and what the platform said. The post's text
    changes only when the platform confirmed it (or a person did it in the app)."""

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="corrections")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    reason = models.TextField()
    old_text = models.TextField()
    new_text = models.TextField()
    outcome = models.CharField(max_length=20, choices=CorrectionOutcome.choices)
    by_hand_needed = models.BooleanField(default=False)
    detail = models.TextField(blank=True)
    platform_response = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ("at", "pk")


class PlatformConnection(models.Model):
    """How Bluelamp publishes to one account: the OAuth access token (encrypted with the vault's
    keys, never shown again) and the platform's id for the account (page, Instagram user)."""

    account = models.OneToOneField(
        "social_accounts.Account", on_delete=models.PROTECT, related_name="connection"
    )
    token_encrypted = models.TextField()
    platform_account_id = models.CharField(max_length=100, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=ConnectionStatus.choices, default=ConnectionStatus.WORKING
    )
    failure_cause = models.TextField(blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    owner_notified_at = models.DateTimeField(null=True, blank=True)
    expiry_warned_at = models.DateTimeField(
        null=True, blank=True, help_text="When the owner was told the token expires soon."
    )
    connected_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    connected_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Connection for {self.account}"


class _FullTextMatch(models.Lookup):
    """``document MATCH <query>`` (SQLite FTS5): the query is an FTS5 expression that
    ``publishing.search`` built from quoted strings only."""

    lookup_name = "fts5_match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


class FullTextDocumentField(models.TextField):
    """The FTS5 table's hidden column named as the table: what MATCH, ``bm25`` and
    ``snippet`` take."""


FullTextDocumentField.register_lookup(_FullTextMatch)


class PostSearchEntry(models.Model):
    """SQLite's full-text index of the posts' words (an FTS5 table whose content is the post
    table, kept in step by triggers; migration ``0009_post_fulltext``). Never written through
    the ORM; read by ``publishing.search`` only on SQLite. PostgreSQL keeps a stored
    ``tsvector`` column on the post table instead, so this table does not exist there."""

    post = models.OneToOneField(
        Post,
        primary_key=True,
        db_column="rowid",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="search_entry",
    )
    document = FullTextDocumentField(db_column="publishing_post_fts")

    class Meta:
        managed = False
        db_table = "publishing_post_fts"


class ArchiveImportFile(models.Model):
    """A platform export uploaded on the import page, held until the import job has read it
    (the job runs on a worker, maybe on another host: the database is what they share). Deleted
    once imported; the import's audit event names the file."""

    account = models.ForeignKey(
        "social_accounts.Account", on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(max_length=255)
    data = models.BinaryField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.name
