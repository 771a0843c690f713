"""Every write to the account registry (CC/01 3.2–3.15, 4.15, 4.18, 4.19, 5.7, 5.9).

Each function is keyword-only and takes the acting user (``actor``; None only where it says
the system may act). In one transaction it checks that the actor may act
(``permissions``), that the state allows the action (``engine.workflows``), validates the input,
saves with ``update_fields``, writes the audit event and schedules the e-mails, which go only
if the transaction commits. A refusal raises an ``ApplicationError`` subclass and changes
nothing:

- ``PermissionDeniedError`` (403): the actor may not do this;
- ``NotFoundError`` (404): no such object, or not the actor's to see;
- ``InvalidInputError`` (400): bad input; ``errors`` maps field names to messages;
- ``DuplicateAccountError`` (409, ``duplicate_account``): the handle is already registered;
- ``AlreadyDecidedError`` (409, ``already_decided``): the application was already decided;
- ``InvalidTransitionError`` (409): the account's state does not allow the action.

Applications: ``account_application_submit``, ``account_application_decide`` (and its
shorthands ``account_application_manager_approve`` … ``account_application_ccd_refuse``),
``account_application_withdraw``.

Accounts: ``account_import`` (CCD records an account opened before Bluelamp),
``account_details_update``, ``account_password_change_record``, ``account_last_post_record``,
``account_roster_add``, ``account_roster_remove``, ``account_deputy_set``,
``account_hand_over``, ``account_conversion_request``, ``account_conversion_decide``,
``account_suspend``, ``account_reinstate``, ``account_close``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from bluelamp.audit.services import audit_record
from bluelamp.core import validation
from bluelamp.core.clock import aware_now
from bluelamp.core.errors import (
    ConflictError,
    FieldErrors,
    InvalidInputError,
    InvalidTransitionError,
    PermissionDeniedError,
)
from bluelamp.core.mail import addresses, ccd_addresses, notify
from bluelamp.core.models import User
from bluelamp.core.permissions import user_has_role
from bluelamp.core.transitions import transition
from bluelamp.engine import account_health as health
from bluelamp.engine.handles import HandleError, normalise_handle, profile_url
from bluelamp.engine.workflows import accounts as account_flow
from bluelamp.engine.workflows import applications as application_flow
from bluelamp.social_accounts import permissions, selectors, vault
from bluelamp.social_accounts.choices import (
    ALL_ACKNOWLEDGEMENTS,
    AccountStatus,
    Acknowledgement,
    ApplicationStatus,
    Ownership,
    Platform,
    Purpose,
    Tier,
)
from bluelamp.social_accounts.errors import AlreadyDecidedError, DuplicateAccountError
from bluelamp.social_accounts.models import (
    Account,
    AccountApplication,
    AccountCredential,
    RosterMembership,
)

MAX_REASON = 2000
MAX_APP_NAME = 60
MAX_APPS = 30

# --- Input checks ---------------------------------------------------------------------------------


def _handle(errors: FieldErrors, field: str, platform: str, value: Any) -> str:
    if platform not in Platform.values:
        return str(value or "").strip()
    try:
        return normalise_handle(platform, str(value or ""))
    except HandleError as exc:
        errors.add(field, str(exc))
        return str(value or "").strip()


def _email(errors: FieldErrors, field: str, value: Any, *, force_domain: bool, pack=None) -> str:
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


def _url(errors: FieldErrors, field: str, value: Any, *, required: str | None = None) -> str:
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


def _apps(errors: FieldErrors, field: str, value: Iterable[str]) -> list[str]:
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


def _reason(reason: Any, *, required: str | None, field: str = "reason") -> str:
    errors = FieldErrors()
    text = validation.text(errors, field, reason, required=required, max_length=MAX_REASON)
    errors.raise_if_any()
    return text


def _check_no_duplicate(platform: str, handle: str, *, exclude: Account | None = None) -> None:
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


def _not_future(
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


def _value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, User):
        return value.username
    return value


def _account_snapshot(account: Account, fields: Iterable[str] = _ACCOUNT_FIELDS) -> dict[str, Any]:
    snap = {name: _value(getattr(account, name)) for name in fields}
    return snap


def _people_snapshot(account: Account) -> dict[str, Any]:
    return {
        "owner": account.owner.username,
        "deputy": account.deputy.username if account.deputy_id else None,
        "supervisor": account.supervisor.username if account.supervisor_id else None,
        "roster": sorted(u.username for u in selectors.account_roster_users(account)),
    }


def _application_snapshot(application: AccountApplication) -> dict[str, Any]:
    return {
        "status": application.status,
        "platform": application.platform,
        "handle": application.handle,
        "tier": application.tier,
        "ownership": application.ownership,
        "applicant": application.applicant.username,
    }


# --- Applications -------------------------------------------------------------------------------


def account_application_submit(
    *,
    actor: User,
    ownership: str,
    purpose: str,
    purpose_detail: str,
    platform: str,
    handle: str,
    display_name: str,
    tier: str,
    registration_email: str,
    acknowledgements: Iterable[str],
    team: str = "",
    existing_url: str = "",
    now: dt.datetime | None = None,
) -> AccountApplication:
    """Apply for a corporate account (3.3, 3.4). Goes to the applicant's line manager.

    Any officer or member of staff may apply; they need a line manager on record, the
    policing purpose (one of 3.1's), all four acknowledgements of 3.4, a handle the platform
    accepts that is not already registered or applied for, and a force e-mail address (3.10).
    Force-tier accounts are run by CCD (3.11), so only CCD may apply for one. An existing
    personal account being converted (ownership ``converted_personal``) needs its address.
    """
    if not permissions.can_apply(actor):
        raise PermissionDeniedError("You do not have permission to apply for an account.")
    now = aware_now(now)
    errors = FieldErrors()
    ownership = validation.choice(
        errors, "ownership", ownership, Ownership, "Choose who will own the account"
    )
    purpose = validation.choice(
        errors, "purpose", purpose, Purpose, "Choose the account's policing purpose"
    )
    purpose_detail = validation.text(
        errors,
        "purpose_detail",
        purpose_detail,
        required="Say how the account will serve its policing purpose",
        max_length=MAX_REASON,
    )
    platform = validation.choice(errors, "platform", platform, Platform, "Choose the platform")
    handle = _handle(errors, "handle", platform, handle)
    display_name = validation.text(
        errors,
        "display_name",
        display_name,
        required="Enter the account's name",
        max_length=150,
        multiline=False,
    )
    tier = validation.choice(errors, "tier", tier, Tier, "Choose whose account it will be")
    if tier == Tier.FORCE and not permissions.is_ccd(actor):
        errors.add(
            "tier",
            "Force-wide accounts are run by Corporate Communications (CC/01 3.11): choose "
            "another tier",
        )
    team = validation.text(errors, "team", team, required=None, max_length=150, multiline=False)
    registration_email = _email(errors, "registration_email", registration_email, force_domain=True)
    existing_url = _url(
        errors,
        "existing_url",
        existing_url,
        required=(
            "Enter the address of the personal account to be converted"
            if ownership == Ownership.CONVERTED_PERSONAL
            else None
        ),
    )
    given = {str(a) for a in (acknowledgements or ())}
    missing = [a for a in Acknowledgement if a.value not in given]
    if missing or given - ALL_ACKNOWLEDGEMENTS:
        errors.add(
            "acknowledgements",
            "Confirm all four statements: CC/01 3.4 requires each of them",
        )
    if actor.line_manager_id is None:
        errors.add(
            "__all__",
            "You have no line manager recorded, and your line manager must approve an "
            "application first (CC/01 3.4). Ask Corporate Communications to record them.",
        )
    errors.raise_if_any()

    with transaction.atomic():
        _check_no_duplicate(platform, handle)
        waiting = AccountApplication.objects.filter(
            platform=platform,
            handle__iexact=handle,
            status__in=[ApplicationStatus.AWAITING_MANAGER, ApplicationStatus.AWAITING_CCD],
        ).first()
        if waiting is not None:
            raise ConflictError(
                f"There is already an application for @{handle} on "
                f"{Platform(platform).label} waiting for a decision.",
                platform=platform,
                handle=handle,
            )
        application = AccountApplication.objects.create(
            applicant=actor,
            ownership=ownership,
            purpose=purpose,
            purpose_detail=purpose_detail,
            platform=platform,
            handle=handle,
            display_name=display_name,
            tier=tier,
            team=team,
            registration_email=registration_email,
            existing_url=existing_url,
            acknowledgements=sorted(given),
            status=ApplicationStatus.AWAITING_MANAGER,
            submitted_at=now,
        )
        audit_record(
            actor=actor,
            action="application.submitted",
            target=application,
            after={
                **_application_snapshot(application),
                "purpose": purpose,
                "registration_email": registration_email,
                "acknowledgements": application.acknowledgements,
            },
        )
        manager = actor.line_manager
        summary = _application_summary(application)
        notify(
            subject=f"Your application for {application.at_handle} was received",
            body=(
                f"Your application for a corporate account was received.\n\n{summary}\n\n"
                f"It now goes to your line manager, {manager.label}, and then to Corporate "
                "Communications (CC/01 3.4, 3.2). You will be told of each decision."
            ),
            to=addresses(actor),
        )
        notify(
            subject=f"{actor.label} asks for your approval of {application.at_handle}",
            body=(
                f"{actor.label} has applied for a corporate social media account and needs your "
                f"approval as their line manager (CC/01 3.4, 3.6).\n\n{summary}\n\n"
                "Sign in to Bluelamp and open Applications to approve or reject it."
            ),
            to=addresses(manager),
        )
    return application


def _application_summary(application: AccountApplication) -> str:
    return (
        f"Application number: {application.pk}\n"
        f"Account: {application.at_handle} on {application.get_platform_display()} "
        f"({application.display_name})\n"
        f"Tier: {application.get_tier_display()}\n"
        f"Applicant: {application.applicant.label}\n"
        f"Purpose: {application.get_purpose_display()}"
    )


_DECISION_AUDIT = {
    application_flow.MANAGER_APPROVE: "application.manager_approved",
    application_flow.MANAGER_REJECT: "application.manager_rejected",
    application_flow.CCD_APPROVE: "application.approved",
    application_flow.CCD_REFUSE: "application.refused",
}


def _refuse_application_state(application: AccountApplication, action: str) -> None:
    state = application.status
    label = application.get_status_display().lower()
    if application_flow.WORKFLOW.is_terminal(state):
        raise AlreadyDecidedError(
            f"This application has already been decided ({label}). Nothing was changed.",
            state=state,
            action=action,
        )
    if action in application_flow.MANAGER_DECISIONS:
        raise AlreadyDecidedError(
            "The line manager has already decided this application. Nothing was changed.",
            state=state,
            action=action,
        )
    raise InvalidTransitionError(
        "This application is waiting for the line manager's decision; Corporate "
        "Communications decides after that. Nothing was changed.",
        state=state,
        action=action,
    )


def _lock_application(application: AccountApplication) -> AccountApplication:
    # Lock the row alone: PostgreSQL cannot lock the nullable side of a join, and the people
    # are read afterwards (they are not what the lock protects).
    return AccountApplication.objects.select_for_update().get(pk=application.pk)


def account_application_decide(
    *,
    actor: User,
    application: AccountApplication,
    decision: str,
    reason: str = "",
    now: dt.datetime | None = None,
) -> AccountApplication:
    """Give a decision on an application: ``manager_approve`` or ``manager_reject`` (the
    applicant's own line manager, 3.4), then ``ccd_approve`` or ``ccd_refuse`` (CCD, 3.2,
    3.5). Rejecting and refusing need a reason. No one decides their own application, and
    the CCD decision must come from someone other than the approving line manager.

    CCD's approval creates the account in the registry in the same transaction; if the
    handle was registered meanwhile, DuplicateAccountError and nothing changes. A decision on
    an application already decided raises AlreadyDecidedError and changes nothing. Every
    party (applicant, line manager, CCD) is e-mailed."""
    if decision not in _DECISION_AUDIT:
        raise InvalidInputError("Choose a decision.", errors={"decision": ["Choose a decision"]})
    now = aware_now(now)
    with transaction.atomic():
        application = _lock_application(application)
        permissions.check_application_action(actor, application, decision)
        if not application_flow.allowed(application.status, decision):
            _refuse_application_state(application, decision)
        negative = decision in application_flow.NEGATIVE_DECISIONS
        reason = _reason(
            reason,
            required=(
                "Give the reason for rejecting the application"
                if decision == application_flow.MANAGER_REJECT
                else "Give the reason for refusing the application (CC/01 3.5)"
            )
            if negative
            else None,
        )
        before = {"status": application.status}
        application.status = application_flow.next_state(application.status, decision)
        if decision in application_flow.MANAGER_DECISIONS:
            application.manager_decided_by = actor
            application.manager_decided_at = now
            application.manager_reason = reason
            fields = ["status", "manager_decided_by", "manager_decided_at", "manager_reason"]
        else:
            application.ccd_decided_by = actor
            application.ccd_decided_at = now
            application.ccd_reason = reason
            fields = ["status", "ccd_decided_by", "ccd_decided_at", "ccd_reason"]
        if decision == application_flow.CCD_APPROVE:
            application.account = _account_create_from_application(
                actor=actor, application=application, now=now
            )
            fields.append("account")
        application.save(update_fields=[*fields, "updated_at"])
        after: dict[str, Any] = {"status": application.status, "reason": reason}
        if application.account_id:
            after["account_id"] = application.account_id
        audit_record(
            actor=actor,
            action=_DECISION_AUDIT[decision],
            target=application,
            before=before,
            after=after,
        )
        _notify_decision(application, decision, actor, reason)
    return application


def _notify_decision(
    application: AccountApplication, decision: str, actor: User, reason: str
) -> None:
    pack = selectors.policy_pack()
    applicant = application.applicant
    manager = application.manager_decided_by or applicant.line_manager
    summary = _application_summary(application)
    because = f"\n\nReason given: {reason}" if reason else ""
    if decision == application_flow.MANAGER_APPROVE:
        notify(
            subject=f"Your line manager approved {application.at_handle}",
            body=(
                f"{actor.label} approved your application as your line manager.{because}\n\n"
                f"{summary}\n\nIt now goes to Corporate Communications for the final decision "
                "(CC/01 3.2)."
            ),
            to=addresses(applicant, actor),
        )
        notify(
            subject=f"Application {application.pk} for {application.at_handle} needs your decision",
            body=(
                f"{applicant.label}'s application was approved by their line manager, "
                f"{actor.label}, and waits for Corporate Communications' decision (CC/01 3.2, "
                f"3.5).{because}\n\n{summary}"
            ),
            to=ccd_addresses(pack),
        )
    elif decision == application_flow.MANAGER_REJECT:
        notify(
            subject=f"Your line manager rejected {application.at_handle}",
            body=(
                f"{actor.label} rejected your application as your line manager.{because}\n\n"
                f"{summary}"
            ),
            to=addresses(applicant, actor),
        )
    elif decision == application_flow.CCD_APPROVE:
        notify(
            subject=f"{application.at_handle} approved: the account is in the registry",
            body=(
                f"Corporate Communications ({actor.label}) approved the application, and the "
                f"account is now in the registry with {applicant.label} as its owner and "
                f"{manager.label if manager else 'the line manager'} as its supervisor "
                f"(CC/01 3.2, 3.6).{because}\n\n{summary}\n\n"
                "Before you post: show the agreed disclaimer in the bio (4.15), keep location "
                "services off (3.15), and do not connect other apps (3.14)."
            ),
            to=[addresses(applicant, manager), ccd_addresses(pack)],
        )
    else:  # CCD refused
        notify(
            subject=f"{application.at_handle} refused by Corporate Communications",
            body=(
                f"Corporate Communications ({actor.label}) refused the application (CC/01 "
                f"3.5).{because}\n\n{summary}"
            ),
            to=[addresses(applicant, manager), ccd_addresses(pack)],
        )


def account_application_manager_approve(
    *, actor: User, application: AccountApplication, reason: str = ""
) -> AccountApplication:
    """The line manager's approval (3.4, 3.6); see ``account_application_decide``."""
    return account_application_decide(
        actor=actor,
        application=application,
        decision=application_flow.MANAGER_APPROVE,
        reason=reason,
    )


def account_application_manager_reject(
    *, actor: User, application: AccountApplication, reason: str
) -> AccountApplication:
    """The line manager's rejection, with a reason; see ``account_application_decide``."""
    return account_application_decide(
        actor=actor,
        application=application,
        decision=application_flow.MANAGER_REJECT,
        reason=reason,
    )


def account_application_ccd_approve(
    *, actor: User, application: AccountApplication, reason: str = ""
) -> AccountApplication:
    """CCD's approval, which creates the account (3.2); see ``account_application_decide``."""
    return account_application_decide(
        actor=actor, application=application, decision=application_flow.CCD_APPROVE, reason=reason
    )


def account_application_ccd_refuse(
    *, actor: User, application: AccountApplication, reason: str
) -> AccountApplication:
    """CCD's refusal, with a reason (3.5); see ``account_application_decide``."""
    return account_application_decide(
        actor=actor, application=application, decision=application_flow.CCD_REFUSE, reason=reason
    )


def account_application_withdraw(
    *,
    actor: User,
    application: AccountApplication,
    reason: str = "",
    now: dt.datetime | None = None,
) -> AccountApplication:
    """The applicant withdraws an application not yet decided. The line manager (and CCD, if
    it had reached them) are told."""
    now = aware_now(now)
    with transaction.atomic():
        application = _lock_application(application)
        permissions.check_application_action(actor, application, application_flow.WITHDRAW)
        if not application_flow.allowed(application.status, application_flow.WITHDRAW):
            raise AlreadyDecidedError(
                "This application has already been decided "
                f"({application.get_status_display().lower()}), so it cannot be withdrawn. "
                "Nothing was changed.",
                state=application.status,
                action=application_flow.WITHDRAW,
            )
        reason = _reason(reason, required=None)
        reached_ccd = application.status == ApplicationStatus.AWAITING_CCD
        transition(
            application,
            workflow=application_flow.WORKFLOW,
            action=application_flow.WITHDRAW,
            actor=actor,
            audit_action="application.withdrawn",
            now=now,
            changes={"withdrawn_at": now, "withdrawal_reason": reason},
            after={"reason": reason},
        )
        because = f"\n\nReason given: {reason}" if reason else ""
        notify(
            subject=f"Application for {application.at_handle} withdrawn",
            body=(
                f"{actor.label} withdrew their application.{because}\n\n"
                f"{_application_summary(application)}"
            ),
            to=[
                addresses(actor, actor.line_manager),
                ccd_addresses(selectors.policy_pack()) if reached_ccd else [],
            ],
        )
    return application


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


def _account_create_from_application(
    *, actor: User, application: AccountApplication, now: dt.datetime
) -> Account:
    """The account an approved application creates: owned by the applicant, supervised by
    the approving line manager (3.6), the required management apps connected by CCD (3.13)."""
    _check_no_duplicate(application.platform, application.handle)
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
            **_account_snapshot(account),
            **_people_snapshot(account),
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
    handle = _handle(errors, "handle", platform, handle)
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
    url = _url(errors, "url", url)
    registration_email = _email(
        errors, "registration_email", registration_email, force_domain=False
    )
    bio = validation.text(errors, "bio", bio, required=None, max_length=MAX_REASON)
    apps = _apps(errors, "connected_apps", connected_apps)
    opened_at = opened_at or now
    for name, value in (
        ("opened_at", opened_at),
        ("last_post_at", last_post_at),
        ("password_changed_at", password_changed_at),
        ("roster_changed_at", roster_changed_at),
    ):
        _not_future(errors, name, value, now)
    if owner is None or not owner.is_active:
        errors.add("owner", "Choose an active user as the owner")
    if deputy is not None and owner is not None and deputy.pk == owner.pk:
        errors.add("deputy", "The deputy must be someone other than the owner")
    errors.raise_if_any()
    pack = selectors.policy_pack()
    with transaction.atomic():
        _check_no_duplicate(platform, handle)
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
            after={**_account_snapshot(account), **_people_snapshot(account)},
        )
    return account


# --- Accounts: changes ----------------------------------------------------------------------------


def _lock_account(account: Account) -> Account:
    return Account.objects.select_for_update().get(pk=account.pk)


def _check_account(actor: User, account: Account, action: str) -> None:
    """Permission first, then state; both raise and change nothing."""
    permissions.check_account_action(actor, account, action)
    if not account_flow.allowed(account.status, action):
        raise InvalidTransitionError(
            f"That cannot be done while the account is {account.get_status_display().lower()}."
            " Nothing was changed.",
            state=account.status,
            action=action,
        )


def _account_people(account: Account) -> list[str]:
    return addresses(account.owner, account.deputy)


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
#: The changes CC/01 3.8 says CCD must be told of (with the password and owner, recorded by
#: their own services). Every recorded change is sent to CCD all the same.
CHANGES_CCD_MUST_HEAR_OF = ("display_name", "handle", "bio")


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
        account = _lock_account(account)
        _check_account(actor, account, account_flow.RECORD_CHANGE)
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
            new["handle"] = _handle(errors, "handle", account.platform, changes["handle"])
        if "url" in changes:
            new["url"] = _url(errors, "url", changes["url"])
        if "bio" in changes:
            new["bio"] = validation.text(
                errors, "bio", changes["bio"], required=None, max_length=MAX_REASON
            )
        if "registration_email" in changes:
            new["registration_email"] = _email(
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
            apps = _apps(errors, "connected_apps", changes["connected_apps"] or ())
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
            _check_no_duplicate(account.platform, new["handle"], exclude=account)
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
        before = {name: _value(getattr(account, name)) for name in changed}
        for name, value in changed.items():
            setattr(account, name, value)
        try:
            with transaction.atomic():
                account.save(update_fields=[*changed, "updated_at"])
        except IntegrityError:
            raise DuplicateAccountError(
                platform=account.platform, handle=changed.get("handle", account.handle)
            ) from None
        after = {name: _value(value) for name, value in changed.items()}
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
            subject=f"{account.at_handle}: details changed",
            body=(
                f"{actor.label} recorded changes to {account} (CC/01 3.8):\n\n{lines}"
                + (f"\n\nNote: {note}" if note else "")
            ),
            to=[ccd_addresses(pack), _account_people(account)],
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
        account = _lock_account(account)
        _check_account(actor, account, account_flow.RECORD_CHANGE)
        errors = FieldErrors()
        _not_future(errors, "changed_at", changed_at, now)
        if changed_at < account.opened_at - dt.timedelta(days=1):
            errors.add("changed_at", "The date cannot be before the account was opened")
        errors.raise_if_any()
        before = {"password_changed_at": _value(account.password_changed_at)}
        account.password_changed_at = changed_at
        account.save(update_fields=["password_changed_at", "updated_at"])
        audit_record(
            actor=actor,
            action="account.password_changed",
            target=account,
            before=before,
            after={"password_changed_at": _value(changed_at)},
        )
        notify(
            subject=f"{account.at_handle}: password changed",
            body=(
                f"{actor.label} recorded that the password of {account} was changed on "
                f"{timezone.localtime(changed_at):%d %B %Y} (CC/01 3.8). Make sure Corporate "
                "Communications holds the new password (3.7, 5.9)."
            ),
            to=[ccd_addresses(selectors.policy_pack()), _account_people(account)],
        )
    return account


def account_last_post_record(
    *, actor: User, account: Account, posted_at: dt.datetime, now: dt.datetime | None = None
) -> Account:
    """Record when the account last posted (for dormancy, 4.1). Not in the future. The owner,
    the deputy or CCD may record it (publishing records it itself)."""
    now = aware_now(now)
    with transaction.atomic():
        account = _lock_account(account)
        _check_account(actor, account, account_flow.RECORD_CHANGE)
        errors = FieldErrors()
        _not_future(errors, "posted_at", posted_at, now)
        errors.raise_if_any()
        if account.last_post_at == posted_at:
            return account
        before = {"last_post_at": _value(account.last_post_at)}
        account.last_post_at = posted_at
        account.save(update_fields=["last_post_at", "updated_at"])
        audit_record(
            actor=actor,
            action="account.last_post_recorded",
            target=account,
            before=before,
            after={"last_post_at": _value(posted_at)},
        )
    return account


# --- Accounts: the roster (5.7) ---------------------------------------------------------------------


def account_roster_add(
    *, actor: User, account: Account, user: User, now: dt.datetime | None = None
) -> RosterMembership:
    """Give ``user`` access to the account (5.7). The owner, the deputy or CCD may; the
    owner is reminded to change the password (5.7) and CCD is told."""
    now = aware_now(now)
    with transaction.atomic():
        account = _lock_account(account)
        _check_account(actor, account, account_flow.CHANGE_ROSTER)
        if user is None or not user.is_active:
            raise InvalidInputError(
                "Choose an active user.",
                errors={"username": ["Enter the username of an active user"]},
            )
        if account.memberships.filter(user=user).exists():
            raise ConflictError(f"{user.label} is already on the roster of {account}.")
        membership = RosterMembership.objects.create(
            account=account, user=user, added_at=now, added_by=actor
        )
        account.roster_changed_at = now
        account.save(update_fields=["roster_changed_at", "updated_at"])
        audit_record(
            actor=actor,
            action="account.roster_added",
            target=account,
            after={"user": user.username, "roster_changed_at": _value(now)},
        )
        _notify_roster(actor, account, f"{user.label} was given access")
    return membership


def account_roster_remove(
    *, actor: User, account: Account, user: User, now: dt.datetime | None = None
) -> None:
    """Take ``user``'s access away (5.7). Not the owner: hand the account over first. A deputy
    removed stops being deputy. The owner, the deputy or CCD may."""
    now = aware_now(now)
    with transaction.atomic():
        account = _lock_account(account)
        _check_account(actor, account, account_flow.CHANGE_ROSTER)
        membership = account.memberships.filter(user=user).first() if user is not None else None
        if membership is None:
            raise InvalidInputError(
                "That person is not on the roster.",
                errors={"username": ["That person is not on the roster"]},
            )
        if user.pk == account.owner_id:
            raise InvalidInputError(
                "The owner cannot be removed from the roster: hand the account over first.",
                errors={"username": ["Hand the account over before removing its owner"]},
            )
        fields = ["roster_changed_at", "updated_at"]
        after: dict[str, Any] = {"user": user.username, "roster_changed_at": _value(now)}
        if account.deputy_id == user.pk:
            account.deputy = None
            fields.append("deputy")
            after["deputy"] = None
        membership.delete()
        account.roster_changed_at = now
        account.save(update_fields=fields)
        audit_record(actor=actor, action="account.roster_removed", target=account, after=after)
        _notify_roster(actor, account, f"{user.label}'s access was taken away")


def _notify_roster(actor: User, account: Account, what: str) -> None:
    notify(
        subject=f"{account.at_handle}: roster changed",
        body=(
            f"{actor.label} recorded a change to who has access to {account}: {what}.\n\n"
            "The administrator must now change the account's password and record the change "
            "in Bluelamp (CC/01 5.7)."
        ),
        to=[_account_people(account), ccd_addresses(selectors.policy_pack())],
    )


def account_deputy_set(*, actor: User, account: Account, deputy: User | None) -> Account:
    """Name the account's deputy (someone on the roster other than the owner), or none. The
    owner, the deputy or CCD may."""
    with transaction.atomic():
        account = _lock_account(account)
        _check_account(actor, account, account_flow.CHANGE_ROSTER)
        if deputy is not None:
            if deputy.pk == account.owner_id:
                raise InvalidInputError(
                    "The owner cannot also be the deputy.",
                    errors={"deputy": ["Choose someone other than the owner"]},
                )
            if not account.memberships.filter(user=deputy).exists():
                raise InvalidInputError(
                    "The deputy must be on the roster.",
                    errors={"deputy": ["Choose someone on the roster"]},
                )
        if account.deputy_id == (deputy.pk if deputy else None):
            return account
        before = {"deputy": account.deputy.username if account.deputy_id else None}
        account.deputy = deputy
        account.save(update_fields=["deputy", "updated_at"])
        audit_record(
            actor=actor,
            action="account.deputy_changed",
            target=account,
            before=before,
            after={"deputy": deputy.username if deputy else None},
        )
    return account


def account_hand_over(
    *, actor: User, account: Account, new_owner: User, reason: str = ""
) -> Account:
    """Pass the account to another member of its roster (4.18). The owner or CCD may; the new
    owner must be an active officer or member of staff. The old owner stays on the roster
    (remove them afterwards if they should lose access). Both owners and CCD are told."""
    with transaction.atomic():
        account = _lock_account(account)
        _check_account(actor, account, account_flow.HAND_OVER)
        reason = _reason(reason, required=None)
        if new_owner is None or not account.memberships.filter(user=new_owner).exists():
            raise InvalidInputError(
                "The new owner must be on the roster.",
                errors={"new_owner": ["Choose someone on the roster"]},
            )
        if new_owner.pk == account.owner_id:
            raise InvalidInputError(
                "That person already owns the account.",
                errors={"new_owner": ["Choose someone other than the current owner"]},
            )
        if not new_owner.is_active or not user_has_role(new_owner, *permissions.ACTING_ROLES):
            raise InvalidInputError(
                "The new owner must be an active officer or member of staff.",
                errors={"new_owner": ["Choose an active officer or member of staff"]},
            )
        old_owner = account.owner
        before = {
            "owner": old_owner.username,
            "deputy": account.deputy.username if account.deputy_id else None,
        }
        account.owner = new_owner
        fields = ["owner", "updated_at"]
        if account.deputy_id == new_owner.pk:
            account.deputy = None
            fields.append("deputy")
        account.save(update_fields=fields)
        audit_record(
            actor=actor,
            action="account.handed_over",
            target=account,
            before=before,
            after={
                "owner": new_owner.username,
                "deputy": account.deputy.username if account.deputy_id else None,
                "reason": reason,
            },
        )
        because = f"\n\nReason given: {reason}" if reason else ""
        notify(
            subject=f"{account.at_handle} handed over to {new_owner.label}",
            body=(
                f"{actor.label} recorded that {account} passed from {old_owner.label} to "
                f"{new_owner.label} (CC/01 4.18, 3.8).{because}\n\nThe new owner is now "
                "responsible for the password and the roster (5.7)."
            ),
            to=[addresses(old_owner, new_owner), ccd_addresses(selectors.policy_pack())],
        )
    return account


# --- Accounts: changes of status ------------------------------------------------------------------


def _account_transition(
    *,
    actor: User,
    account: Account,
    action: str,
    audit_action: str,
    reason: str,
    reason_required: str | None,
    now: dt.datetime | None,
) -> tuple[Account, str, str]:
    """Lock, check, move to the next state and audit; returns (account, old status, reason)."""
    now = aware_now(now)
    account = _lock_account(account)
    _check_account(actor, account, action)
    reason = _reason(reason, required=reason_required)
    old = account.status
    transition(
        account,
        workflow=account_flow.WORKFLOW,
        action=action,
        actor=actor,
        audit_action=audit_action,
        now=now,
        changes={"status_reason": reason, "status_changed_at": now},
        after={"reason": reason},
    )
    return account, old, reason


def _status_mail(account: Account, actor: User, what: str, reason: str, clause: str) -> str:
    return f"{actor.label} {what} {account} (CC/01 {clause}).\n\nReason given: {reason or '(none)'}"


def account_conversion_request(*, actor: User, account: Account, reason: str) -> Account:
    """The owner asks CCD to turn the official account into a personal one (4.19), saying
    why. CCD is e-mailed and decides with ``account_conversion_decide``."""
    with transaction.atomic():
        account, _, reason = _account_transition(
            actor=actor,
            account=account,
            action=account_flow.REQUEST_CONVERSION,
            audit_action="account.conversion_requested",
            reason=reason,
            reason_required="Say why the account should become a personal one",
            now=None,
        )
        notify(
            subject=f"{account.at_handle}: conversion to personal use requested",
            body=_status_mail(account, actor, "asks to convert to personal use", reason, "4.19")
            + "\n\nCorporate Communications decides: sign in to Bluelamp and open the account.",
            to=[ccd_addresses(selectors.policy_pack()), _account_people(account)],
        )
    return account


def account_conversion_decide(
    *, actor: User, account: Account, approve: bool, reason: str = ""
) -> Account:
    """CCD approves (the account leaves corporate use: converted to personal) or refuses (it
    stays active) a conversion request (4.19). Refusing needs a reason. The owner is told."""
    action = account_flow.APPROVE_CONVERSION if approve else account_flow.REFUSE_CONVERSION
    with transaction.atomic():
        account, _, reason = _account_transition(
            actor=actor,
            account=account,
            action=action,
            audit_action="account.converted" if approve else "account.conversion_refused",
            reason=reason,
            reason_required=None if approve else "Give the reason for refusing the conversion",
            now=None,
        )
        what = (
            "approved the conversion to personal use of"
            if approve
            else "refused the conversion to personal use of"
        )
        notify(
            subject=f"{account.at_handle}: conversion {'approved' if approve else 'refused'}",
            body=_status_mail(account, actor, what, reason, "4.19"),
            to=[_account_people(account), ccd_addresses(selectors.policy_pack())],
        )
    return account


def account_suspend(*, actor: User, account: Account, reason: str) -> Account:
    """CCD suspends an account that does not comply with the policy, with a reason (3.5).
    The owner, the deputy and the supervisor are told."""
    with transaction.atomic():
        account, _, reason = _account_transition(
            actor=actor,
            account=account,
            action=account_flow.SUSPEND,
            audit_action="account.suspended",
            reason=reason,
            reason_required="Give the reason for suspending the account (CC/01 3.5)",
            now=None,
        )
        notify(
            subject=f"{account.at_handle} suspended by Corporate Communications",
            body=_status_mail(account, actor, "suspended", reason, "3.5")
            + "\n\nDo not post from the account until Corporate Communications reinstates it.",
            to=[addresses(account.owner, account.deputy, account.supervisor)],
        )
    return account


def account_reinstate(*, actor: User, account: Account, reason: str = "") -> Account:
    """CCD lifts a suspension. The owner, the deputy and the supervisor are told."""
    with transaction.atomic():
        account, _, reason = _account_transition(
            actor=actor,
            account=account,
            action=account_flow.REINSTATE,
            audit_action="account.reinstated",
            reason=reason,
            reason_required=None,
            now=None,
        )
        notify(
            subject=f"{account.at_handle} reinstated",
            body=_status_mail(account, actor, "reinstated", reason, "3.5"),
            to=[addresses(account.owner, account.deputy, account.supervisor)],
        )
    return account


def account_close(*, actor: User, account: Account, reason: str) -> Account:
    """Close the account, with a reason: the owner giving it up (4.18) or CCD closing a
    non-compliant account (3.5). CCD, the owner, the deputy and the supervisor are told."""
    by_ccd = permissions.is_ccd(actor) and account.owner_id != actor.pk
    with transaction.atomic():
        account, _, reason = _account_transition(
            actor=actor,
            account=account,
            action=account_flow.CLOSE,
            audit_action="account.closed",
            reason=reason,
            reason_required="Give the reason for closing the account",
            now=None,
        )
        notify(
            subject=f"{account.at_handle} closed",
            body=_status_mail(account, actor, "closed", reason, "3.5" if by_ccd else "4.18")
            + "\n\nIf it is still open on the platform, delete it there too.",
            to=[
                addresses(account.owner, account.deputy, account.supervisor),
                ccd_addresses(selectors.policy_pack()),
            ],
        )
    return account


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
        account = _lock_account(account)
        _check_account(actor, account, account_flow.RECORD_CHANGE)
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
        before = {"password_changed_at": _value(account.password_changed_at)}
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
                "password_changed_at": _value(now),
                "first_time": created,
            },
        )
        notify(
            subject=f"{account.at_handle}: sign-in registered with CCD",
            body=(
                f"{actor.label} registered the username and a new password of {account} in the "
                "Bluelamp vault (CC/01 3.7, 5.9). The password is held encrypted; Corporate "
                "Communications can reveal it, with a reason, to protect or recover the account."
            ),
            to=[ccd_addresses(selectors.policy_pack()), _account_people(account)],
        )
    return credential


def account_credentials_reveal(*, actor: User, account: Account, reason: str) -> tuple[str, str]:
    """The username and password in clear, for Corporate Communications only, with a reason
    (to protect or recover the account, 3.7); every reveal is in the audit trail with its
    reason and who did it."""
    if not permissions.is_ccd(actor):
        raise PermissionDeniedError("Only Corporate Communications may reveal credentials.")
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
    return credential.username, password
