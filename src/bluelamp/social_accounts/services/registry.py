"""Accounts entering the registry (an approved application, or CCD recording one opened before
Bluelamp) and the changes recorded to them (3.8): details, the password change, the last post."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

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
from bluelamp.engine import account_health as health
from bluelamp.engine.handles import profile_url
from bluelamp.engine.workflows import accounts as account_flow
from bluelamp.social_accounts import permissions, selectors
from bluelamp.social_accounts.choices import (
    AccountStatus,
    Ownership,
    Platform,
    Purpose,
    Tier,
)
from bluelamp.social_accounts.errors import DuplicateAccountError
from bluelamp.social_accounts.models import (
    Account,
    AccountApplication,
    RosterMembership,
)
from bluelamp.social_accounts.services.common import (
    MAX_REASON,
    account_check,
    account_lock,
    account_people,
    account_snapshot,
    audit_value,
    clean_apps,
    clean_email,
    clean_handle,
    clean_url,
    people_snapshot,
    refuse_duplicate,
    refuse_future,
)

# --- Accounts: entering the registry --------------------------------------------------------------


def _account_save_new(account: Account, roster: Iterable[User], *, added_by: User | None) -> None:
    try:
        with transaction.atomic():
            account.save()
    except IntegrityError:
        raise DuplicateAccountError(
            f"There is already an account @{account.handle} on "
            f"{account.get_platform_display()} in the registry.",
            platform=account.platform,
            handle=account.handle,
        ) from None
    seen: set[int] = set()
    for user in roster:
        if user is None or user.pk in seen:
            continue
        seen.add(user.pk)
        RosterMembership.objects.create(
            account=account, user=user, added_at=account.opened_at, added_by=added_by
        )


def account_create_from_application(
    *, actor: User, application: AccountApplication, now: dt.datetime
) -> Account:
    """The account an approved application creates: owned by the applicant, supervised by
    the approving line manager (3.6), the required management apps connected by CCD (3.13)."""
    refuse_duplicate(application.platform, application.handle)
    pack = selectors.policy_pack()
    account = Account(
        platform=application.platform,
        handle=application.handle,
        display_name=application.display_name,
        url=application.existing_url or profile_url(application.platform, application.handle),
        tier=application.tier,
        ownership=application.ownership,
        team=application.team,
        purpose=application.purpose,
        owner=application.applicant,
        supervisor=application.manager_decided_by,
        registration_email=application.registration_email,
        connected_apps=list(pack.required_apps),
        opened_at=now,
        status=AccountStatus.ACTIVE,
        status_changed_at=now,
    )
    _account_save_new(account, [application.applicant], added_by=actor)
    audit_record(
        actor=actor,
        action="account.created",
        target=account,
        after={
            **account_snapshot(account),
            **people_snapshot(account),
            "application_id": application.pk,
        },
    )
    return account


def account_import(
    *,
    actor: User | None,
    platform: str,
    handle: str,
    display_name: str,
    tier: str,
    ownership: str,
    owner: User,
    registration_email: str,
    team: str = "",
    purpose: str = "",
    url: str = "",
    deputy: User | None = None,
    supervisor: User | None = None,
    roster: Iterable[User] = (),
    bio: str = "",
    location_services_on: bool = False,
    connected_apps: Iterable[str] = (),
    opened_at: dt.datetime | None = None,
    last_post_at: dt.datetime | None = None,
    password_changed_at: dt.datetime | None = None,
    roster_changed_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> Account:
    """Record in the registry an account that was opened and approved before Bluelamp (from
    the force's earlier register). CCD only (or the system, ``actor=None``).

    Records the account as it is, so that account health can flag what it breaks: unlike a
    change made through Bluelamp, a registration e-mail off the force's domains is accepted
    here (and flagged, 3.10). The handle must suit the platform and not be registered
    already. The owner, deputy and ``roster`` make up the roster."""
    if actor is not None and not permissions.is_ccd(actor):
        raise PermissionDeniedError("Only Corporate Communications can record existing accounts.")
    now = aware_now(now)
    errors = FieldErrors()
    platform = validation.choice(errors, "platform", platform, Platform, "Choose the platform")
    handle = clean_handle(errors, "handle", platform, handle)
    display_name = validation.text(
        errors,
        "display_name",
        display_name,
        required="Enter the account's name",
        max_length=150,
        multiline=False,
    )
    tier = validation.choice(errors, "tier", tier, Tier, "Choose the tier")
    ownership = validation.choice(errors, "ownership", ownership, Ownership, "Choose the ownership")
    if purpose:
        purpose = validation.choice(
            errors, "purpose", purpose, Purpose, "Choose the policing purpose"
        )
    team = validation.text(errors, "team", team, required=None, max_length=150, multiline=False)
    url = clean_url(errors, "url", url)
    registration_email = clean_email(
        errors, "registration_email", registration_email, force_domain=False
    )
    bio = validation.text(errors, "bio", bio, required=None, max_length=MAX_REASON)
    apps = clean_apps(errors, "connected_apps", connected_apps)
    opened_at = opened_at or now
    for name, value in (
        ("opened_at", opened_at),
        ("last_post_at", last_post_at),
        ("password_changed_at", password_changed_at),
        ("roster_changed_at", roster_changed_at),
    ):
        refuse_future(errors, name, value, now)
    if owner is None or not owner.is_active:
        errors.add("owner", "Choose an active user as the owner")
    if deputy is not None and owner is not None and deputy.pk == owner.pk:
        errors.add("deputy", "The deputy must be someone other than the owner")
    errors.raise_if_any()
    pack = selectors.policy_pack()
    with transaction.atomic():
        refuse_duplicate(platform, handle)
        account = Account(
            platform=platform,
            handle=handle,
            display_name=display_name,
            url=url or profile_url(platform, handle),
            tier=tier,
            ownership=ownership,
            team=team,
            purpose=purpose,
            owner=owner,
            deputy=deputy,
            supervisor=supervisor,
            registration_email=registration_email,
            bio=bio,
            shows_disclaimer=health.bio_shows_disclaimer(bio, pack),
            location_services_on=bool(location_services_on),
            connected_apps=apps,
            opened_at=opened_at,
            last_post_at=last_post_at,
            password_changed_at=password_changed_at,
            roster_changed_at=roster_changed_at,
            status=AccountStatus.ACTIVE,
            status_changed_at=opened_at,
        )
        _account_save_new(account, [owner, deputy, *roster], added_by=actor)
        audit_record(
            actor=actor,
            action="account.imported",
            target=account,
            after={**account_snapshot(account), **people_snapshot(account)},
        )
    return account


# --- Accounts: changes ----------------------------------------------------------------------------


_CHANGEABLE = (
    "display_name",
    "handle",
    "url",
    "bio",
    "registration_email",
    "location_services_on",
    "connected_apps",
    "team",
)


def account_details_update(
    *, actor: User, account: Account, changes: Mapping[str, Any], note: str = ""
) -> Account:
    """Record changes to an account's details (3.8): its name, handle, address, bio (whether it
    shows the disclaimer is worked out again, 4.15), registration e-mail (must be a force
    address, 3.10), location services (3.15), connected apps (3.13, 3.14) and team.

    ``changes`` maps field names (``_CHANGEABLE``) to new values; fields left out, or given
    their current value, are not changed. Only CCD may remove a required management app
    (3.13); an app off the allow-list may be recorded (it is true) and account health flags
    it. The owner, the deputy or CCD may record changes; CCD is e-mailed. Returns the account
    (unchanged, with no audit event, when nothing differs)."""
    unknown = sorted(set(changes) - set(_CHANGEABLE))
    if unknown:
        raise InvalidInputError(
            f"These cannot be changed here: {', '.join(unknown)}.",
            errors={name: ["This cannot be changed here"] for name in unknown},
        )
    pack = selectors.policy_pack()
    with transaction.atomic():
        account = account_lock(account)
        account_check(actor, account, account_flow.RECORD_CHANGE)
        errors = FieldErrors()
        new: dict[str, Any] = {}
        if "display_name" in changes:
            new["display_name"] = validation.text(
                errors,
                "display_name",
                changes["display_name"],
                required="Enter the account's name",
                max_length=150,
                multiline=False,
            )
        if "handle" in changes:
            new["handle"] = clean_handle(errors, "handle", account.platform, changes["handle"])
        if "url" in changes:
            new["url"] = clean_url(errors, "url", changes["url"])
        if "bio" in changes:
            new["bio"] = validation.text(
                errors, "bio", changes["bio"], required=None, max_length=MAX_REASON
            )
        if "registration_email" in changes:
            new["registration_email"] = clean_email(
                errors,
                "registration_email",
                changes["registration_email"],
                force_domain=True,
                pack=pack,
            )
        if "location_services_on" in changes:
            value = changes["location_services_on"]
            if not isinstance(value, bool):
                errors.add("location_services_on", "Say whether location services are on")
            new["location_services_on"] = bool(value)
        if "connected_apps" in changes:
            apps = clean_apps(errors, "connected_apps", changes["connected_apps"] or ())
            had = {app.casefold() for app in account.connected_apps or ()}
            removed = [
                app for app in health.missing_required_apps(apps, pack) if app.casefold() in had
            ]
            if removed and not permissions.is_ccd(actor):
                errors.add(
                    "connected_apps",
                    f"{', '.join(removed)} is added by Corporate Communications and must not be "
                    "removed (CC/01 3.13). Ask Corporate Communications if it has to go.",
                )
            new["connected_apps"] = apps
        if "team" in changes:
            new["team"] = validation.text(
                errors, "team", changes["team"], required=None, max_length=150, multiline=False
            )
        note = validation.text(errors, "note", note, required=None, max_length=MAX_REASON)
        errors.raise_if_any()
        if "handle" in new and new["handle"].casefold() != account.handle.casefold():
            refuse_duplicate(account.platform, new["handle"], exclude=account)
        if "bio" in new:
            new["shows_disclaimer"] = health.bio_shows_disclaimer(new["bio"], pack)
        if (
            new.get("handle")
            and "url" not in new
            and account.url == profile_url(account.platform, account.handle)
        ):
            new["url"] = profile_url(account.platform, new["handle"])
        changed = {name: value for name, value in new.items() if getattr(account, name) != value}
        if not changed:
            return account
        before = {name: audit_value(getattr(account, name)) for name in changed}
        for name, value in changed.items():
            setattr(account, name, value)
        try:
            with transaction.atomic():
                account.save(update_fields=[*changed, "updated_at"])
        except IntegrityError:
            raise DuplicateAccountError(
                platform=account.platform, handle=changed.get("handle", account.handle)
            ) from None
        after = {name: audit_value(value) for name, value in changed.items()}
        if note:
            after["note"] = note
        audit_record(
            actor=actor,
            action="account.details_changed",
            target=account,
            before=before,
            after=after,
        )
        lines = "\n".join(
            f"- {Account._meta.get_field(name).verbose_name}: {before[name]!s} → {after[name]!s}"
            for name in changed
        )
        notify(
            link=reverse("social_accounts:account_detail", args=[account.pk]),
            subject=f"{account.at_handle}: details changed",
            body=(
                f"{actor.label} recorded changes to {account} (CC/01 3.8):\n\n{lines}"
                + (f"\n\nNote: {note}" if note else "")
            ),
            to=[ccd_addresses(pack), account_people(account)],
        )
    return account


def account_password_change_record(
    *,
    actor: User,
    account: Account,
    changed_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> Account:
    """Record that the account's password was changed (3.8, 5.7, 5.9): when (default now; not
    in the future or before the account opened). The password itself is never stored here.
    The owner, the deputy or CCD may record it; CCD is e-mailed."""
    now = aware_now(now)
    changed_at = changed_at or now
    with transaction.atomic():
        account = account_lock(account)
        account_check(actor, account, account_flow.RECORD_CHANGE)
        errors = FieldErrors()
        refuse_future(errors, "changed_at", changed_at, now)
        if changed_at < account.opened_at - dt.timedelta(days=1):
            errors.add("changed_at", "The date cannot be before the account was opened")
        errors.raise_if_any()
        before = {"password_changed_at": audit_value(account.password_changed_at)}
        account.password_changed_at = changed_at
        account.save(update_fields=["password_changed_at", "updated_at"])
        audit_record(
            actor=actor,
            action="account.password_changed",
            target=account,
            before=before,
            after={"password_changed_at": audit_value(changed_at)},
        )
        notify(
            link=reverse("social_accounts:account_detail", args=[account.pk]),
            subject=f"{account.at_handle}: password changed",
            body=(
                f"{actor.label} recorded that the password of {account} was changed on "
                f"{timezone.localtime(changed_at):%d %B %Y} (CC/01 3.8). Make sure Corporate "
                "Communications holds the new password (3.7, 5.9)."
            ),
            to=[ccd_addresses(selectors.policy_pack()), account_people(account)],
        )
    return account


def account_last_post_record(
    *, actor: User, account: Account, posted_at: dt.datetime, now: dt.datetime | None = None
) -> Account:
    """Record when the account last posted (for dormancy, 4.1). Not in the future. The owner,
    the deputy or CCD may record it (publishing records it itself)."""
    now = aware_now(now)
    with transaction.atomic():
        account = account_lock(account)
        account_check(actor, account, account_flow.RECORD_CHANGE)
        errors = FieldErrors()
        refuse_future(errors, "posted_at", posted_at, now)
        errors.raise_if_any()
        if account.last_post_at == posted_at:
            return account
        before = {"last_post_at": audit_value(account.last_post_at)}
        account.last_post_at = posted_at
        account.save(update_fields=["last_post_at", "updated_at"])
        audit_record(
            actor=actor,
            action="account.last_post_recorded",
            target=account,
            before=before,
            after={"last_post_at": audit_value(posted_at)},
        )
    return account
