"""The credential vault (3.7, 5.9): the account's username and password registered with CCD,
encrypted at rest (``social_accounts.vault``), and revealed to CCD only, with a reason, audited."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse

from bluelamp.audit.services import audit_record
from bluelamp.core import validation
from bluelamp.core.clock import aware_now
from bluelamp.core.errors import (
    FieldErrors,
    InvalidInputError,
    PermissionDeniedError,
)
from bluelamp.core.mail import ccd_addresses, notify
from bluelamp.core.models import User
from bluelamp.engine.workflows import accounts as account_flow
from bluelamp.social_accounts import permissions, selectors, signals, vault
from bluelamp.social_accounts.models import (
    Account,
    AccountCredential,
)
from bluelamp.social_accounts.services.common import (
    account_check,
    account_lock,
    account_people,
    audit_value,
)

# --- The credential vault (3.7, 5.9) --------------------------------------------------------


def account_credentials_record(
    *,
    actor: User,
    account: Account,
    username: str,
    password: str,
    now: dt.datetime | None = None,
) -> AccountCredential:
    """Register the account's username and password with CCD (3.7), encrypted at rest. It also
    records the password change (3.8, 5.7, 5.9). The owner, the deputy or CCD may do it; the
    audit event and the e-mail never contain the password."""
    now = aware_now(now)
    errors = FieldErrors()
    username = (username or "").strip()
    if not username:
        errors.add("username", "Enter the username or e-mail the account signs in with")
    if not password:
        errors.add("password", "Enter the password")
    elif len(password) > 500:
        errors.add("password", validation.too_long(500))
    errors.raise_if_any()
    with transaction.atomic():
        account = account_lock(account)
        account_check(actor, account, account_flow.RECORD_CHANGE)
        token = vault.encrypt(password)
        credential, created = AccountCredential.objects.update_or_create(
            account=account,
            defaults={
                "username": username,
                "password_encrypted": token,
                "recorded_at": now,
                "recorded_by": actor,
            },
        )
        before = {"password_changed_at": audit_value(account.password_changed_at)}
        account.password_changed_at = now
        account.save(update_fields=["password_changed_at", "updated_at"])
        audit_record(
            actor=actor,
            action="account.credentials_recorded",
            target=account,
            before=before,
            after={
                "username": username,
                "password": "recorded",  # masked by the audit trail in any case
                "password_changed_at": audit_value(now),
                "first_time": created,
            },
        )
        signals.credentials_recorded.send(sender=Account, account=account, actor=actor, now=now)
        notify(
            link=reverse("social_accounts:account_detail", args=[account.pk]),
            subject=f"{account.at_handle}: sign-in registered with CCD",
            body=(
                f"{actor.label} registered the username and a new password of {account} in the "
                "Bluelamp vault (CC/01 3.7, 5.9). The password is held encrypted; Corporate "
                "Communications can reveal it, with a reason, to protect or recover the account."
            ),
            to=[ccd_addresses(selectors.policy_pack()), account_people(account)],
        )
    return credential


def account_credentials_reveal(*, actor: User, account: Account, reason: str) -> tuple[str, str]:
    """The username and password in clear, for Corporate Communications only, with a reason
    (to protect or recover the account, 3.7); every reveal is in the audit trail with its
    reason and who did it."""
    refusal = permissions.credentials_reveal_refusal(actor, account)
    if refusal:
        raise PermissionDeniedError(refusal)
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise InvalidInputError(
            "Say why the credentials are needed (at least 10 characters)",
            errors={"reason": ["Say why the credentials are needed (at least 10 characters)"]},
        )
    with transaction.atomic():
        credential = AccountCredential.objects.filter(account=account).first()
        if credential is None:
            raise InvalidInputError(
                "No credentials are registered for this account yet.",
                errors={"reason": ["No credentials are registered for this account yet."]},
            )
        password = vault.decrypt(credential.password_encrypted)
        audit_record(
            actor=actor,
            action="account.credentials_revealed",
            target=account,
            before={},
            after={"reason": reason, "username": credential.username},
        )
        signals.credentials_revealed.send(
            sender=Account, account=account, actor=actor, now=aware_now()
        )
    return credential.username, password
