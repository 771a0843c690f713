"""Suspending publishing on an account while its security is restored (CC/01 5.5, 5.6).

The flag lives on the account so that publishing, which sits above the registry, refuses to
approve or publish on it (``publishing.services``); the lost-device workflow
(``account_security``) is what sets and clears it, through these services."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse

from bluelamp.audit.services import audit_record
from bluelamp.core.clock import aware_now
from bluelamp.core.errors import ConflictError, PermissionDeniedError
from bluelamp.core.mail import ccd_addresses, notify
from bluelamp.core.models import User
from bluelamp.core.permissions import user_has_role
from bluelamp.core.roles import Role
from bluelamp.social_accounts import selectors
from bluelamp.social_accounts.errors import PublishingSuspendedError
from bluelamp.social_accounts.models import Account
from bluelamp.social_accounts.services.common import (
    account_lock,
    account_people,
    audit_value,
    clean_reason,
)

CCD_ONLY = "Only Corporate Communications may suspend or resume publishing on an account."


def refuse_if_publishing_suspended(account: Account) -> None:
    """Raise PublishingSuspendedError while CCD has suspended publishing on ``account``."""
    if account.publishing_suspended_at is not None:
        raise PublishingSuspendedError()


def account_publishing_suspend(
    *, actor: User, account: Account, reason: str, now: dt.datetime | None = None
) -> Account:
    """CCD stops every approval and publication on the account until it resumes publishing.
    The owner and deputy are told."""
    now = aware_now(now)
    if not user_has_role(actor, Role.CCD):
        raise PermissionDeniedError(CCD_ONLY)
    reason = clean_reason(reason, required="Say why publishing is suspended")
    with transaction.atomic():
        account = account_lock(account)
        if account.publishing_suspended_at is not None:
            raise ConflictError(f"Publishing on {account} is already suspended.")
        account.publishing_suspended_at = now
        account.publishing_suspended_by = actor
        account.publishing_suspended_reason = reason
        account.save(
            update_fields=[
                "publishing_suspended_at",
                "publishing_suspended_by",
                "publishing_suspended_reason",
                "updated_at",
            ]
        )
        audit_record(
            actor=actor,
            action="account.publishing_suspended",
            target=account,
            after={"publishing_suspended_at": audit_value(now), "reason": reason},
            now=now,
        )
        notify(
            link=reverse("social_accounts:account_detail", args=[account.pk]),
            subject=f"{account.at_handle}: publishing suspended",
            body=(
                f"{actor.label} suspended publishing on {account} (CC/01 5.5, 5.6). Nothing can "
                f"be approved or published on it until Corporate Communications resumes "
                f"publishing.\n\nReason given: {reason}"
            ),
            to=[account_people(account), ccd_addresses(selectors.policy_pack())],
        )
    return account


def account_publishing_resume(
    *, actor: User, account: Account, now: dt.datetime | None = None
) -> Account:
    """CCD lets the account publish again."""
    now = aware_now(now)
    if not user_has_role(actor, Role.CCD):
        raise PermissionDeniedError(CCD_ONLY)
    with transaction.atomic():
        account = account_lock(account)
        if account.publishing_suspended_at is None:
            raise ConflictError(f"Publishing on {account} is not suspended.")
        before = {"publishing_suspended_at": audit_value(account.publishing_suspended_at)}
        account.publishing_suspended_at = None
        account.publishing_suspended_by = None
        account.publishing_suspended_reason = ""
        account.save(
            update_fields=[
                "publishing_suspended_at",
                "publishing_suspended_by",
                "publishing_suspended_reason",
                "updated_at",
            ]
        )
        audit_record(
            actor=actor,
            action="account.publishing_resumed",
            target=account,
            before=before,
            after={"publishing_suspended_at": None},
            now=now,
        )
        notify(
            link=reverse("social_accounts:account_detail", args=[account.pk]),
            subject=f"{account.at_handle}: publishing resumed",
            body=f"{actor.label} resumed publishing on {account}.",
            to=[account_people(account), ccd_addresses(selectors.policy_pack())],
        )
    return account
