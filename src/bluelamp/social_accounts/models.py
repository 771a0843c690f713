"""The registry of corporate social media accounts, who has access to each, and the
applications through which accounts enter the registry (CC/01 3.2–3.15, 4.15, 4.18, 4.19, 5.7).

Rows are written only by ``services.py``; pages, the API, the admin site and commands call the
services. Accounts and applications are never deleted: a closed account stays as history.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from bluelamp.core.models import TimeStampedModel
from bluelamp.engine.handles import profile_url
from bluelamp.social_accounts.choices import (
    ACCOUNT_STATUS_TAGS,
    APPLICATION_STATUS_TAGS,
    TIER_SHORT,
    AccountStatus,
    ApplicationStatus,
    Ownership,
    Platform,
    Purpose,
    Tier,
)


class Account(TimeStampedModel):
    """A corporate social media account in the registry.

    It enters the registry when CCD approves its application (3.2), or when CCD records an
    account that was opened before Bluelamp (``services.account_import``). One ``(platform,
    handle)`` pair, compared ignoring case, is one account."""

    platform = models.CharField(max_length=20, choices=Platform.choices)
    handle = models.CharField(
        max_length=100, help_text="Without the @, as the platform shows it (case kept)."
    )
    display_name = models.CharField("name of the account", max_length=150)
    url = models.URLField("address", max_length=300, blank=True)
    tier = models.CharField(max_length=20, choices=Tier.choices)
    ownership = models.CharField(max_length=30, choices=Ownership.choices)
    team = models.CharField(
        max_length=150, blank=True, help_text="The NPU, department or team it serves."
    )
    purpose = models.CharField(
        "policing purpose", max_length=20, choices=Purpose.choices, blank=True
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_social_accounts",
        help_text="The administrator: manages the password and the roster (5.7).",
    )
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deputised_social_accounts",
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supervised_social_accounts",
        help_text="The line manager who supervises its content (3.6).",
    )
    roster = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="RosterMembership",
        through_fields=("account", "user"),
        related_name="rostered_social_accounts",
        blank=True,
    )
    registration_email = models.EmailField(
        "registration e-mail", help_text="Must be a force e-mail address (3.10)."
    )
    bio = models.TextField(blank=True)
    shows_disclaimer = models.BooleanField(
        default=False, help_text="Worked out from the bio and the policy pack (4.15)."
    )
    location_services_on = models.BooleanField(default=False)
    connected_apps = models.JSONField(
        default=list, blank=True, help_text="Names of third-party apps with access (3.13, 3.14)."
    )
    opened_at = models.DateTimeField()
    last_post_at = models.DateTimeField(null=True, blank=True)
    password_changed_at = models.DateTimeField(null=True, blank=True)
    roster_changed_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=30, choices=AccountStatus.choices, default=AccountStatus.ACTIVE, db_index=True
    )
    status_reason = models.TextField(
        blank=True, help_text="The reason given for the latest change of status."
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    publishing_suspended_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Set by CCD while the account may be in the wrong hands (a lost device, "
        "5.5, 5.6): nothing is approved or published on it until CCD resumes publishing.",
    )
    publishing_suspended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    publishing_suspended_reason = models.TextField(blank=True)

    class Meta:
        ordering = ("platform", "handle")
        constraints = (
            models.UniqueConstraint(
                "platform",
                Lower("handle"),
                name="social_accounts_account_platform_handle_unique",
                violation_error_message="There is already an account with this handle.",
            ),
        )

    def __str__(self) -> str:
        return f"@{self.handle} ({self.get_platform_display()})"

    @property
    def at_handle(self) -> str:
        return f"@{self.handle}"

    @property
    def profile_url(self) -> str:
        """The recorded address, or the platform's address for the handle."""
        return self.url or profile_url(self.platform, self.handle)

    @property
    def status_tag(self) -> str:
        return ACCOUNT_STATUS_TAGS.get(self.status, "")

    @property
    def tier_short(self) -> str:
        return TIER_SHORT.get(self.tier, self.tier)

    @property
    def publishing_suspended(self) -> bool:
        return self.publishing_suspended_at is not None


class RosterMembership(models.Model):
    """One person with access to an account (5.7): when and by whom they were added."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="social_memberships"
    )
    added_at = models.DateTimeField()
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ("added_at", "id")
        constraints = (
            models.UniqueConstraint(
                fields=["account", "user"], name="social_accounts_roster_once_per_account"
            ),
        )

    def __str__(self) -> str:
        return f"{self.user} on {self.account}"


class AccountApplication(TimeStampedModel):
    """A request for a corporate account (3.3–3.6): decided by the applicant's line manager,
    then by CCD, whose approval creates the account in the registry."""

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="account_applications"
    )
    ownership = models.CharField(max_length=30, choices=Ownership.choices)
    purpose = models.CharField("policing purpose", max_length=20, choices=Purpose.choices)
    purpose_detail = models.TextField("how the account will serve that purpose")
    platform = models.CharField(max_length=20, choices=Platform.choices)
    handle = models.CharField("proposed handle", max_length=100)
    display_name = models.CharField("name of the account", max_length=150)
    tier = models.CharField(max_length=20, choices=Tier.choices)
    team = models.CharField(max_length=150, blank=True)
    registration_email = models.EmailField("registration e-mail")
    existing_url = models.URLField("address of the existing account", max_length=300, blank=True)
    acknowledgements = models.JSONField(
        default=list, help_text="The 3.4 statements the applicant confirmed (all four)."
    )
    status = models.CharField(
        max_length=30,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.AWAITING_MANAGER,
        db_index=True,
    )
    submitted_at = models.DateTimeField()
    manager_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    manager_decided_at = models.DateTimeField(null=True, blank=True)
    manager_reason = models.TextField(blank=True)
    ccd_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    ccd_decided_at = models.DateTimeField(null=True, blank=True)
    ccd_reason = models.TextField(blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)
    account = models.OneToOneField(
        Account,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="application",
        help_text="The account CCD's approval created.",
    )

    class Meta:
        ordering = ("-submitted_at", "-id")

    def __str__(self) -> str:
        return f"Application {self.pk}: @{self.handle} on {self.get_platform_display()}"

    @property
    def at_handle(self) -> str:
        return f"@{self.handle}"

    @property
    def status_tag(self) -> str:
        return APPLICATION_STATUS_TAGS.get(self.status, "")


class AccountCredential(models.Model):
    """The account's sign-in, held by Corporate Communications (3.7, 5.9). The password is
    stored only encrypted (vault.py); the username is not secret. Written only by
    ``services.account_credentials_record``; read in clear only by
    ``services.account_credentials_reveal`` (CCD, with a reason, audited)."""

    account = models.OneToOneField(Account, on_delete=models.CASCADE, related_name="credential")
    username = models.CharField(max_length=200)
    password_encrypted = models.TextField()
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:  # never the password
        return f"Credentials of {self.account}"


class AccountHealthRecord(models.Model):
    """The health checks' answer for one account, kept so that the dashboard counts, filters,
    sorts and pages accounts in the database instead of checking every account on each view.

    Derived data, never a record of anything a person did (no audit event): it holds a copy of
    the facts it was worked out from, the digest of the pack (``engine.account_health.pack_key``),
    when it was worked out and until when its kinds hold (``kinds_hold_until``). Any difference
    from the account's facts as they are now, another pack, or a time outside that window makes
    it stale, whatever wrote the account (a service, a bulk update, a migration); stale answers
    are worked out again by the engine (``services.health``). The messages shown are always the
    engine's, worked out again for the accounts on the page: they count days."""

    account = models.OneToOneField(
        Account, on_delete=models.CASCADE, primary_key=True, related_name="health_record"
    )
    # The facts the answer was worked out from (``engine.account_health.AccountFacts``).
    registration_email = models.CharField(max_length=254, blank=True)
    shows_disclaimer = models.BooleanField(default=False)
    location_services_on = models.BooleanField(default=False)
    connected_apps = models.JSONField(default=list, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    last_post_at = models.DateTimeField(null=True, blank=True)
    password_changed_at = models.DateTimeField(null=True, blank=True)
    roster_changed_at = models.DateTimeField(null=True, blank=True)
    pack_key = models.CharField(max_length=64)
    checked_at = models.DateTimeField()
    holds_until = models.DateTimeField(null=True, blank=True)
    # The answer: how many problems in all, and of each kind (``engine.account_health.KINDS``).
    problems = models.PositiveSmallIntegerField(default=0)
    issues_no_disclaimer = models.PositiveSmallIntegerField(default=0)
    issues_location_on = models.PositiveSmallIntegerField(default=0)
    issues_app_not_allowed = models.PositiveSmallIntegerField(default=0)
    issues_required_app_missing = models.PositiveSmallIntegerField(default=0)
    issues_email_off_domain = models.PositiveSmallIntegerField(default=0)
    issues_dormant = models.PositiveSmallIntegerField(default=0)
    issues_roster_changed = models.PositiveSmallIntegerField(default=0)
    issues_password_overdue = models.PositiveSmallIntegerField(default=0)

    class Meta:
        indexes = (
            # The dashboard's order: most problems first (rows with none are never listed).
            models.Index(
                fields=["-problems", "account"],
                name="social_acc_health_problems",
                condition=models.Q(problems__gt=0),
            ),
        )

    def __str__(self) -> str:
        return f"health of account {self.account_id}: {self.problems} problem(s)"
