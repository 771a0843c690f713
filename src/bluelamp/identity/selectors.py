"""Reads for signing in: which roles the provider's groups give, who needs two-factor, and the
user's authenticator."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from bluelamp.core.permissions import user_roles
from bluelamp.core.roles import Role
from bluelamp.identity.models import ExternalIdentity


def claim_groups(claims: Mapping[str, Any]) -> list[str]:
    """The groups the provider says the user is in (a list, or one string)."""
    value = claims.get(settings.BLUELAMP_SIGN_IN.groups_claim) or []
    if isinstance(value, str):
        value = [value]
    return [str(group) for group in value]


def roles_for_groups(groups: Iterable[str]) -> frozenset[Role]:
    """The roles the configured group map gives to members of ``groups``."""
    held = set(groups)
    return frozenset(
        Role(role) for group, role in settings.BLUELAMP_SIGN_IN.group_roles if group in held
    )


def identity_for(*, issuer: str, subject: str) -> ExternalIdentity | None:
    return (
        ExternalIdentity.objects.select_related("user")
        .filter(issuer=issuer, subject=subject)
        .first()
    )


def is_break_glass(username: str) -> bool:
    name = settings.BLUELAMP_BREAK_GLASS_USERNAME
    return bool(name) and username.casefold() == name.casefold()


def needs_two_factor(user: Any) -> bool:
    """True for a local account that must give a code after its password: one holding a role
    in BLUELAMP_TWO_FACTOR_ROLES, or the break-glass account."""
    if not settings.BLUELAMP_LOCAL_TWO_FACTOR:
        return False
    if is_break_glass(user.get_username()):
        return True
    wanted = {Role(role) for role in settings.BLUELAMP_TWO_FACTOR_ROLES}
    return not user_roles(user).isdisjoint(wanted)


def confirmed_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-id").first()


def pending_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
