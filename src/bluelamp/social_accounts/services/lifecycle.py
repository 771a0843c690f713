"""Changes of an account's status (``engine.workflows.accounts``), each with a reason:
conversion to personal use asked for and decided (4.19), suspension and reinstatement (3.5),
closure (3.5, 4.18)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse

from bluelamp.core.clock import aware_now
from bluelamp.core.mail import addresses, ccd_addresses, notify
from bluelamp.core.models import User
from bluelamp.core.transitions import transition
from bluelamp.engine.workflows import accounts as account_flow
from bluelamp.social_accounts import permissions, selectors
from bluelamp.social_accounts.models import (
    Account,
)
from bluelamp.social_accounts.services.common import (
    account_check,
    account_lock,
    account_people,
    clean_reason,
)

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
    account = account_lock(account)
    account_check(actor, account, action)
    reason = clean_reason(reason, required=reason_required)
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
            link=reverse("social_accounts:account_detail", args=[account.pk]),
            subject=f"{account.at_handle}: conversion to personal use requested",
            body=_status_mail(account, actor, "asks to convert to personal use", reason, "4.19")
            + "\n\nCorporate Communications decides: sign in to Bluelamp and open the account.",
            to=[ccd_addresses(selectors.policy_pack()), account_people(account)],
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
            link=reverse("social_accounts:account_detail", args=[account.pk]),
            subject=f"{account.at_handle}: conversion {'approved' if approve else 'refused'}",
            body=_status_mail(account, actor, what, reason, "4.19"),
            to=[account_people(account), ccd_addresses(selectors.policy_pack())],
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
            link=reverse("social_accounts:account_detail", args=[account.pk]),
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
            link=reverse("social_accounts:account_detail", args=[account.pk]),
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
            link=reverse("social_accounts:account_detail", args=[account.pk]),
            subject=f"{account.at_handle} closed",
            body=_status_mail(account, actor, "closed", reason, "3.5" if by_ccd else "4.18")
            + "\n\nIf it is still open on the platform, delete it there too.",
            to=[
                addresses(account.owner, account.deputy, account.supervisor),
                ccd_addresses(selectors.policy_pack()),
            ],
        )
    return account
