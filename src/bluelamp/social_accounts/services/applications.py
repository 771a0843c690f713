"""Applications for a corporate account (CC/01 3.2–3.6): submit, the line manager's and then
CCD's decision (CCD's approval creates the account, ``registry.account_create_from_application``),
and withdrawal. The state table is ``engine.workflows.applications``; who may is
``permissions.application_refusal``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.urls import reverse

from bluelamp.acknowledgements.errors import AcknowledgementRequiredError
from bluelamp.acknowledgements.selectors import gate_refusal as acknowledgement_gate
from bluelamp.audit.services import audit_record
from bluelamp.core import validation
from bluelamp.core.clock import aware_now
from bluelamp.core.errors import (
    ApplicationError,
    ConflictError,
    FieldErrors,
    InvalidInputError,
    InvalidTransitionError,
    PermissionDeniedError,
)
from bluelamp.core.mail import addresses, ccd_addresses, notify
from bluelamp.core.models import User
from bluelamp.core.transitions import refuse_unless_allowed, transition
from bluelamp.engine.workflows import applications as application_flow
from bluelamp.social_accounts import permissions, selectors
from bluelamp.social_accounts.choices import (
    ALL_ACKNOWLEDGEMENTS,
    Acknowledgement,
    ApplicationStatus,
    Ownership,
    Platform,
    Purpose,
    Tier,
)
from bluelamp.social_accounts.errors import AlreadyDecidedError
from bluelamp.social_accounts.models import (
    AccountApplication,
)
from bluelamp.social_accounts.services.common import (
    MAX_REASON,
    application_snapshot,
    clean_email,
    clean_handle,
    clean_reason,
    clean_url,
    refuse_duplicate,
)
from bluelamp.social_accounts.services.registry import account_create_from_application

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
    refusal = permissions.apply_refusal(actor)
    if refusal:
        raise PermissionDeniedError(refusal)
    now = aware_now(now)
    # The pack may require the current policy acknowledged (and training) first (3.4).
    unacknowledged = acknowledgement_gate(actor, "applications", now=now)
    if unacknowledged:
        raise AcknowledgementRequiredError(unacknowledged)
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
    handle = clean_handle(errors, "handle", platform, handle)
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
    registration_email = clean_email(
        errors, "registration_email", registration_email, force_domain=True
    )
    existing_url = clean_url(
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
        refuse_duplicate(platform, handle)
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
                **application_snapshot(application),
                "purpose": purpose,
                "registration_email": registration_email,
                "acknowledgements": application.acknowledgements,
            },
        )
        manager = actor.line_manager
        summary = application_summary(application)
        notify(
            link=reverse("social_accounts:application_detail", args=[application.pk]),
            subject=f"Your application for {application.at_handle} was received",
            body=(
                f"Your application for a corporate account was received.\n\n{summary}\n\n"
                f"It now goes to your line manager, {manager.label}, and then to Corporate "
                "Communications (CC/01 3.4, 3.2). You will be told of each decision."
            ),
            to=addresses(actor),
        )
        notify(
            link=reverse("social_accounts:application_detail", args=[application.pk]),
            subject=f"{actor.label} asks for your approval of {application.at_handle}",
            body=(
                f"{actor.label} has applied for a corporate social media account and needs your "
                f"approval as their line manager (CC/01 3.4, 3.6).\n\n{summary}\n\n"
                "Sign in to Bluelamp and open Applications to approve or reject it."
            ),
            to=addresses(manager),
        )
    return application


def application_summary(application: AccountApplication) -> str:
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


def application_state_refusal(application: AccountApplication, action: str) -> ApplicationError:
    """The refusal for ``action`` when the application's state does not allow it: already
    decided (409 ``already_decided``), or still waiting for the line manager."""
    state = application.status
    label = application.get_status_display().lower()
    if action == application_flow.WITHDRAW:
        return AlreadyDecidedError(
            f"This application has already been decided ({label}), so it cannot be withdrawn. "
            "Nothing was changed.",
            state=state,
            action=action,
        )
    if application_flow.WORKFLOW.is_terminal(state):
        return AlreadyDecidedError(
            f"This application has already been decided ({label}). Nothing was changed.",
            state=state,
            action=action,
        )
    if action in application_flow.MANAGER_DECISIONS:
        return AlreadyDecidedError(
            "The line manager has already decided this application. Nothing was changed.",
            state=state,
            action=action,
        )
    return InvalidTransitionError(
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
        refuse_unless_allowed(
            application,
            workflow=application_flow.WORKFLOW,
            action=decision,
            refusal=application_state_refusal,
        )
        negative = decision in application_flow.NEGATIVE_DECISIONS
        reason = clean_reason(
            reason,
            required=(
                "Give the reason for rejecting the application"
                if decision == application_flow.MANAGER_REJECT
                else "Give the reason for refusing the application (CC/01 3.5)"
            )
            if negative
            else None,
        )
        step = "manager" if decision in application_flow.MANAGER_DECISIONS else "ccd"
        changes: dict[str, Any] = {
            f"{step}_decided_by": actor,
            f"{step}_decided_at": now,
            f"{step}_reason": reason,
        }
        after: dict[str, Any] = {"reason": reason}
        if decision == application_flow.CCD_APPROVE:
            changes["account"] = account_create_from_application(
                actor=actor, application=application, now=now
            )
            after["account_id"] = changes["account"].pk
        transition(
            application,
            workflow=application_flow.WORKFLOW,
            action=decision,
            actor=actor,
            audit_action=_DECISION_AUDIT[decision],
            now=now,
            changes=changes,
            refusal=application_state_refusal,
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
    summary = application_summary(application)
    because = f"\n\nReason given: {reason}" if reason else ""
    link = reverse("social_accounts:application_detail", args=[application.pk])
    if decision == application_flow.MANAGER_APPROVE:
        notify(
            link=link,
            subject=f"Your line manager approved {application.at_handle}",
            body=(
                f"{actor.label} approved your application as your line manager.{because}\n\n"
                f"{summary}\n\nIt now goes to Corporate Communications for the final decision "
                "(CC/01 3.2)."
            ),
            to=addresses(applicant),
        )
        notify(
            link=link,
            subject=f"You approved {applicant.label}'s application for {application.at_handle}",
            body=(
                f"You approved {applicant.label}'s application as their line manager."
                f"{because}\n\n{summary}\n\nIt now goes to Corporate Communications for the "
                "final decision (CC/01 3.2)."
            ),
            to=addresses(actor),
        )
        notify(
            link=reverse("social_accounts:application_detail", args=[application.pk]),
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
            link=link,
            subject=f"Your line manager rejected {application.at_handle}",
            body=(
                f"{actor.label} rejected your application as your line manager.{because}\n\n"
                f"{summary}"
            ),
            to=addresses(applicant),
        )
        notify(
            link=link,
            subject=f"You rejected {applicant.label}'s application for {application.at_handle}",
            body=(
                f"You rejected {applicant.label}'s application as their line manager."
                f"{because}\n\n{summary}"
            ),
            to=addresses(actor),
        )
    elif decision == application_flow.CCD_APPROVE:
        in_registry = (
            f"Corporate Communications ({actor.label}) approved the application, and the "
            f"account is now in the registry with {applicant.label} as its owner and "
            f"{manager.label if manager else 'the line manager'} as its supervisor "
            f"(CC/01 3.2, 3.6).{because}\n\n{summary}"
        )
        notify(
            link=link,
            subject=f"Your application for {application.at_handle} was approved",
            body=(
                f"{in_registry}\n\nBefore you post: show the agreed disclaimer in the bio "
                "(4.15), keep location services off (3.15), and do not connect other apps (3.14)."
            ),
            to=addresses(applicant),
        )
        notify(
            link=link,
            subject=f"{application.at_handle} approved: the account is in the registry",
            body=in_registry,
            to=[addresses(manager), ccd_addresses(pack)],
        )
    else:  # CCD refused
        notify(
            link=reverse("social_accounts:application_detail", args=[application.pk]),
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
        refuse_unless_allowed(
            application,
            workflow=application_flow.WORKFLOW,
            action=application_flow.WITHDRAW,
            refusal=application_state_refusal,
        )
        reason = clean_reason(reason, required=None)
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
            link=reverse("social_accounts:application_detail", args=[application.pk]),
            subject=f"Application for {application.at_handle} withdrawn",
            body=(
                f"{actor.label} withdrew their application.{because}\n\n"
                f"{application_summary(application)}"
            ),
            to=[
                addresses(actor, actor.line_manager),
                ccd_addresses(selectors.policy_pack()) if reached_ccd else [],
            ],
        )
    return application
