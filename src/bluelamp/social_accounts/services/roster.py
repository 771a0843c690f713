"""Who has access to an account (5.7): the roster, the deputy, and handing the account over to
another roster member (4.18)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.urls import reverse

from bluelamp.acknowledgements.errors import AcknowledgementRequiredError
from bluelamp.acknowledgements.selectors import gate_refusal as acknowledgement_gate
from bluelamp.audit.services import audit_record
from bluelamp.core.clock import aware_now
from bluelamp.core.errors import (
    ConflictError,
    InvalidInputError,
)
from bluelamp.core.mail import addresses, ccd_addresses, notify
from bluelamp.core.models import User
from bluelamp.core.permissions import user_has_role
from bluelamp.engine.workflows import accounts as account_flow
from bluelamp.social_accounts import permissions, selectors, signals
from bluelamp.social_accounts.models import (
    Account,
    RosterMembership,
)
from bluelamp.social_accounts.services.common import (
    account_check,
    account_lock,
    account_people,
    audit_value,
    clean_reason,
)

# --- Accounts: the roster (5.7) ---------------------------------------------------------------------


def account_roster_add(
    *, actor: User, account: Account, user: User, now: dt.datetime | None = None
) -> RosterMembership:
    """Give ``user`` access to the account (5.7). The owner, the deputy or CCD may; the
    owner is reminded to change the password (5.7) and CCD is told."""
    now = aware_now(now)
    with transaction.atomic():
        account = account_lock(account)
        account_check(actor, account, account_flow.CHANGE_ROSTER)
        if user is None or not user.is_active:
            raise InvalidInputError(
                "Choose an active user.",
                errors={"username": ["Enter the username of an active user"]},
            )
        if account.memberships.filter(user=user).exists():
            raise ConflictError(f"{user.label} is already on the roster of {account}.")
        # The pack may require the current policy acknowledged (and training) first (3.2).
        unacknowledged = acknowledgement_gate(user, "roster", now=now)
        if unacknowledged:
            raise AcknowledgementRequiredError(unacknowledged)
        membership = RosterMembership.objects.create(
            account=account, user=user, added_at=now, added_by=actor
        )
        account.roster_changed_at = now
        account.save(update_fields=["roster_changed_at", "updated_at"])
        audit_record(
            actor=actor,
            action="account.roster_added",
            target=account,
            after={"user": user.username, "roster_changed_at": audit_value(now)},
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
        account = account_lock(account)
        account_check(actor, account, account_flow.CHANGE_ROSTER)
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
        after: dict[str, Any] = {"user": user.username, "roster_changed_at": audit_value(now)}
        if account.deputy_id == user.pk:
            account.deputy = None
            fields.append("deputy")
            after["deputy"] = None
        membership.delete()
        account.roster_changed_at = now
        account.save(update_fields=fields)
        audit_record(actor=actor, action="account.roster_removed", target=account, after=after)
        signals.roster_member_removed.send(
            sender=Account, account=account, user=user, actor=actor, now=now
        )
        _notify_roster(actor, account, f"{user.label}'s access was taken away")


def _notify_roster(actor: User, account: Account, what: str) -> None:
    notify(
        link=reverse("social_accounts:account_detail", args=[account.pk]),
        subject=f"{account.at_handle}: roster changed",
        body=(
            f"{actor.label} recorded a change to who has access to {account}: {what}.\n\n"
            "The administrator must now change the account's password and record the change "
            "in Bluelamp (CC/01 5.7)."
        ),
        to=[account_people(account), ccd_addresses(selectors.policy_pack())],
    )


def account_deputy_set(*, actor: User, account: Account, deputy: User | None) -> Account:
    """Name the account's deputy (someone on the roster other than the owner), or none. The
    owner, the deputy or CCD may."""
    with transaction.atomic():
        account = account_lock(account)
        account_check(actor, account, account_flow.CHANGE_ROSTER)
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
        account = account_lock(account)
        account_check(actor, account, account_flow.HAND_OVER)
        reason = clean_reason(reason, required=None)
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
            link=reverse("social_accounts:account_detail", args=[account.pk]),
            subject=f"{account.at_handle} handed over to {new_owner.label}",
            body=(
                f"{actor.label} recorded that {account} passed from {old_owner.label} to "
                f"{new_owner.label} (CC/01 4.18, 3.8).{because}\n\nThe new owner is now "
                "responsible for the password and the roster (5.7)."
            ),
            to=[addresses(old_owner, new_owner), ccd_addresses(selectors.policy_pack())],
        )
    return account
