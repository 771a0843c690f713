"""What the registry's services share: input checks (handles, force e-mail addresses, links,
connected apps, reasons, dates), the duplicate check, the audit snapshots, and the account lock
with its permission-then-state check."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator, validate_email

from bluelamp.core import validation
from bluelamp.core.errors import (
    ApplicationError,
    FieldErrors,
    InvalidTransitionError,
)
from bluelamp.core.mail import addresses
from bluelamp.core.models import User
from bluelamp.core.transitions import refuse_unless_allowed
from bluelamp.engine import account_health as health
from bluelamp.engine.handles import HandleError, normalise_handle
from bluelamp.engine.workflows import accounts as account_flow
from bluelamp.social_accounts import permissions, selectors
from bluelamp.social_accounts.choices import (
    AccountStatus,
    Platform,
)
from bluelamp.social_accounts.errors import DuplicateAccountError
from bluelamp.social_accounts.models import (
    Account,
    AccountApplication,
)

MAX_REASON = 2000
MAX_APP_NAME = 60
MAX_APPS = 30

# --- Input checks ---------------------------------------------------------------------------------


def clean_handle(errors: FieldErrors, field: str, platform: str, value: Any) -> str:
    if platform not in Platform.values:
        return str(value or "").strip()
    try:
        return normalise_handle(platform, str(value or ""))
    except HandleError as exc:
        errors.add(field, str(exc))
        return str(value or "").strip()


def clean_email(
    errors: FieldErrors, field: str, value: Any, *, force_domain: bool, pack=None
) -> str:
    email = str(value or "").strip()
    if not email:
        errors.add(field, "Enter the e-mail address the account is registered with")
        return email
    try:
        validate_email(email)
    except DjangoValidationError:
        errors.add(field, "Enter an e-mail address in the correct format, like name@example.com")
        return email
    pack = pack or selectors.policy_pack()
    if force_domain and not health.email_on_force_domain(email, pack):
        domains = " or ".join(f"@{d}" for d in pack.mail_domains)
        errors.add(
            field,
            f"Use a force e-mail address ending {domains}: corporate accounts must be "
            "registered with one (CC/01 3.10)",
        )
    return email


def clean_url(errors: FieldErrors, field: str, value: Any, *, required: str | None = None) -> str:
    url = str(value or "").strip()
    if not url:
        if required:
            errors.add(field, required)
        return url
    try:
        URLValidator(schemes=["http", "https"])(url)
    except DjangoValidationError:
        errors.add(field, "Enter the address in full, starting https://")
    if len(url) > 300:
        errors.add(field, validation.too_long(300))
    return url


def clean_apps(errors: FieldErrors, field: str, value: Iterable[str]) -> list[str]:
    if isinstance(value, str):
        value = [part for part in value.split(",")]
    apps: list[str] = []
    for raw in value:
        name = " ".join(str(raw).split())
        if not name:
            continue
        if len(name) > MAX_APP_NAME:
            errors.add(field, f"Use app names of {MAX_APP_NAME} characters or fewer")
            continue
        if name.casefold() not in {a.casefold() for a in apps}:
            apps.append(name)
    if len(apps) > MAX_APPS:
        errors.add(field, f"Record at most {MAX_APPS} apps")
    return apps


def clean_reason(reason: Any, *, required: str | None, field: str = "reason") -> str:
    errors = FieldErrors()
    text = validation.text(errors, field, reason, required=required, max_length=MAX_REASON)
    errors.raise_if_any()
    return text


def refuse_duplicate(platform: str, handle: str, *, exclude: Account | None = None) -> None:
    existing = selectors.account_find(platform=platform, handle=handle)
    if existing is not None and (exclude is None or existing.pk != exclude.pk):
        label = Platform(platform).label
        state = (
            ""
            if existing.status == AccountStatus.ACTIVE
            else f" ({existing.get_status_display().lower()})"
        )
        raise DuplicateAccountError(
            f"There is already an account @{existing.handle} on {label} in the registry{state}.",
            platform=platform,
            handle=handle,
        )


def refuse_future(
    errors: FieldErrors, field: str, value: dt.datetime | None, now: dt.datetime
) -> None:
    if value is not None and value > now + dt.timedelta(minutes=5):
        errors.add(field, "The date must be today or in the past")


# --- Snapshots for the audit trail ------------------------------------------------------------

_ACCOUNT_FIELDS = (
    "platform",
    "handle",
    "display_name",
    "url",
    "tier",
    "ownership",
    "team",
    "purpose",
    "registration_email",
    "bio",
    "shows_disclaimer",
    "location_services_on",
    "connected_apps",
    "status",
)


def audit_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, User):
        return value.username
    return value


def account_snapshot(account: Account, fields: Iterable[str] = _ACCOUNT_FIELDS) -> dict[str, Any]:
    snap = {name: audit_value(getattr(account, name)) for name in fields}
    return snap


def people_snapshot(account: Account) -> dict[str, Any]:
    return {
        "owner": account.owner.username,
        "deputy": account.deputy.username if account.deputy_id else None,
        "supervisor": account.supervisor.username if account.supervisor_id else None,
        "roster": sorted(u.username for u in selectors.account_roster_users(account)),
    }


def application_snapshot(application: AccountApplication) -> dict[str, Any]:
    return {
        "status": application.status,
        "platform": application.platform,
        "handle": application.handle,
        "tier": application.tier,
        "ownership": application.ownership,
        "applicant": application.applicant.username,
    }


# --- Accounts: changes ----------------------------------------------------------------------------


def account_lock(account: Account) -> Account:
    return Account.objects.select_for_update().get(pk=account.pk)


def account_state_refusal(account: Account, action: str, hint: str = "") -> ApplicationError:
    """The refusal when the account's state does not allow ``action`` (``hint``: what the
    declaration says to do instead, if anything)."""
    return InvalidTransitionError(
        hint
        or f"That cannot be done while the account is {account.get_status_display().lower()}."
        " Nothing was changed.",
        state=account.status,
        action=action,
    )


def account_check(actor: User, account: Account, action: str) -> None:
    """Permission first, then state; both raise and change nothing."""
    permissions.check_account_action(actor, account, action)
    refuse_unless_allowed(
        account, workflow=account_flow.WORKFLOW, action=action, refusal=account_state_refusal
    )


def account_people(account: Account) -> list[str]:
    return addresses(account.owner, account.deputy)
