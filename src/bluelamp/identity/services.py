"""Writes for signing in: the user a single sign-on creates or brings up to date (with the roles
their groups give, re-synced every time), and a local account's authenticator.

Each runs in one transaction with its audit event; nothing here records a secret (the TOTP key
stays in django-otp's table)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from bluelamp.core import services as core_services
from bluelamp.core.auditing import record as audit_record
from bluelamp.core.models import User
from bluelamp.core.permissions import check_role
from bluelamp.core.roles import Role
from bluelamp.identity import selectors
from bluelamp.identity.models import ExternalIdentity

#: Why a single sign-on was refused, as the refusal page explains it.
NO_ROLE = "no_role"
INACTIVE = "inactive"
BREAK_GLASS = "break_glass"
CLAIMS_MISSING = "claims_missing"
ALREADY_LINKED = "already_linked"

_PROFILE_CLAIMS = {"email": "email", "first_name": "given_name", "last_name": "family_name"}


def _text_claim(claims: Mapping[str, Any], name: str, limit: int) -> str:
    value = claims.get(name)
    return str(value).strip()[:limit] if isinstance(value, str | int) else ""


def _refuse(*, user: User | None, username: str, reason: str) -> str:
    audit_record(
        actor=None,
        actor_text=username or "unknown",
        action="auth.sso_refused",
        target=user,
        target_type="" if user else "user",
        target_id="" if user else (username or "unknown"),
        target_label="" if user else (username or "unknown"),
        after={"username": username, "reason": reason},
    )
    return reason


def sso_sign_in(*, issuer: str, claims: Mapping[str, Any]) -> User | str:
    """The user the provider's ``claims`` sign in as, created or updated, holding exactly the
    roles their groups give; or, when refused, the reason (a code above), audited.

    A returning user is found by the provider's subject id, a first-timer by username (so an
    account made locally before single sign-on is taken over by its owner). Someone whose groups
    give no role is refused and loses any roles they held; the break-glass account never signs
    in this way."""
    subject = _text_claim(claims, "sub", 255)
    username = _text_claim(claims, settings.BLUELAMP_SIGN_IN.username_claim, 150)
    with transaction.atomic():
        if not subject or not username:
            return _refuse(user=None, username=username, reason=CLAIMS_MISSING)
        if selectors.is_break_glass(username):
            return _refuse(user=None, username=username, reason=BREAK_GLASS)
        roles = selectors.roles_for_groups(selectors.claim_groups(claims))
        identity = selectors.identity_for(issuer=issuer, subject=subject)
        user = identity.user if identity else User.objects.filter(username__iexact=username).first()
        if (
            identity is None
            and user is not None
            and ExternalIdentity.objects.filter(user=user, issuer=issuer).exists()
        ):
            return _refuse(user=user, username=username, reason=ALREADY_LINKED)
        if user is not None and not user.is_active:
            return _refuse(user=user, username=username, reason=INACTIVE)
        if not roles:
            if user is not None:
                core_services.user_roles_set(actor=None, user=user, roles=())
            return _refuse(user=user, username=username, reason=NO_ROLE)
        profile = {
            field: _text_claim(claims, claim, 150) for field, claim in _PROFILE_CLAIMS.items()
        }
        display_name = _text_claim(claims, "name", 150)
        if user is None:
            user = core_services.user_create(
                actor=None,
                username=username,
                password=None,
                display_name=display_name,
                **profile,
                roles=roles,
            )
        else:
            _profile_update(user=user, changes={**profile, "display_name": display_name})
            core_services.user_roles_set(actor=None, user=user, roles=roles)
        if user.has_usable_password():
            # The provider vouches for this person now; a local password would be a second
            # way in that leavers keep.
            user.set_unusable_password()
            user.save(update_fields=["password"])
        now = timezone.now()
        if identity is None:
            ExternalIdentity.objects.create(
                user=user, issuer=issuer, subject=subject, last_sign_in_at=now
            )
        else:
            identity.last_sign_in_at = now
            identity.save(update_fields=["last_sign_in_at"])
    return user


def _profile_update(*, user: User, changes: Mapping[str, str]) -> None:
    """Copy the provider's name and e-mail onto the user (empty claims change nothing)."""
    changed = {
        field: value for field, value in changes.items() if value and getattr(user, field) != value
    }
    if not changed:
        return
    before = {field: getattr(user, field) for field in changed}
    for field, value in changed.items():
        setattr(user, field, value)
    user.save(update_fields=sorted(changed))
    audit_record(actor=None, action="user.updated", target=user, before=before, after=changed)


# --- Two-factor ----------------------------------------------------------------------------------


def totp_device_start(*, user: User) -> TOTPDevice:
    """The authenticator being set up for ``user``: the one begun already, else a new one (not
    usable until a code from it is given, ``totp_device_confirm``)."""
    with transaction.atomic():
        device = selectors.pending_device(user)
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


def totp_device_confirm(*, user: User, device: TOTPDevice, token: str) -> bool:
    """Confirm the authenticator being set up when ``token`` is a current code from it; it
    replaces any the user had. Returns False (audited) for a wrong code."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
        if not device.verify_token(token):
            audit_record(actor=user, action="auth.two_factor_failed", target=user)
            return False
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(actor=user, action="auth.two_factor_enrolled", target=user)
    return True


def totp_verify(*, user: User, token: str) -> TOTPDevice | None:
    """The user's authenticator when ``token`` is a current code from it (each code works once;
    repeated wrong codes slow further tries), else None, audited."""
    with transaction.atomic():
        device = selectors.confirmed_device(user)
        if device is None:
            return None
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        allowed, _ = device.verify_is_allowed()
        if allowed and device.verify_token(token):
            return device
        audit_record(actor=user, action="auth.two_factor_failed", target=user)
    return None


def two_factor_reset(*, actor: User | None, user: User) -> int:
    """Remove ``user``'s authenticator (a lost or replaced phone): they set up a new one at
    their next password sign-in. CCD only (or the system, ``actor=None``, from the command
    line). Returns how many were removed."""
    if actor is not None:
        check_role(actor, Role.CCD, message="Only Corporate Communications can reset two-factor.")
    with transaction.atomic():
        removed, _ = TOTPDevice.objects.filter(user=user).delete()
        audit_record(actor=actor, action="auth.two_factor_reset", target=user)
    return removed
