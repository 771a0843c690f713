"""Writes for the API app: creating and revoking API tokens.

Each function is keyword-only, takes the acting user (None for the system, e.g. a management
command), runs in one transaction and writes its audit event there. The secret of a token is
returned once, by ``api_token_create``, and never stored or recorded."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from bluelamp.api import tokens
from bluelamp.api.models import ApiToken
from bluelamp.audit.services import audit_record
from bluelamp.core import validation
from bluelamp.core.errors import InvalidInputError, InvalidTransitionError, PermissionDeniedError
from bluelamp.core.permissions import user_has_role
from bluelamp.core.roles import Role

DEFAULT_LIFETIME_DAYS = 90
MAX_LIFETIME_DAYS = 366
# last_used_at is written at most this often per token, so that a busy tool does not turn
# every API call into a database write.
TOUCH_INTERVAL = dt.timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class CreatedToken:
    token: ApiToken
    secret: str  # the whole token: show it once, store it nowhere


def _snapshot(token: ApiToken) -> dict:
    return {
        "name": token.name,
        "owner": token.user.username,
        "prefix": token.prefix,
        "expires_at": token.expires_at.isoformat(),
    }


def api_token_create(
    *,
    actor,
    user,
    name: str,
    lifetime_days: int = DEFAULT_LIFETIME_DAYS,
    now: dt.datetime | None = None,
) -> CreatedToken:
    """Create a token for ``user``. A user creates their own; the system (actor None, the
    management command) may create one for anyone. An inactive user gets none."""
    if actor is not None and actor.pk != user.pk:
        raise PermissionDeniedError("You can only create API tokens for yourself.")
    name = " ".join(name.split())
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = ["Enter what the token is for, e.g. 'Scheduling tool'."]
    elif len(name) > 100:
        errors["name"] = [validation.too_long(100)]
    if not 1 <= lifetime_days <= MAX_LIFETIME_DAYS:
        errors["lifetime_days"] = [f"A token lasts between 1 and {MAX_LIFETIME_DAYS} days."]
    if not user.is_active:
        errors["user"] = ["This user is not active."]
    if errors:
        raise InvalidInputError(errors=errors)
    now = now or timezone.now()
    for _ in range(5):
        secret, prefix = tokens.new_token()
        try:
            with transaction.atomic():
                token = ApiToken.objects.create(
                    user=user,
                    name=name,
                    prefix=prefix,
                    digest=tokens.digest(secret),
                    created_at=now,
                    expires_at=now + dt.timedelta(days=lifetime_days),
                )
                audit_record(
                    actor=actor, action="api_token.created", target=token, after=_snapshot(token)
                )
        except IntegrityError:
            continue  # the 48-bit prefix clashed with another token's: draw again
        return CreatedToken(token=token, secret=secret)
    raise RuntimeError("could not draw a unique token prefix")


def api_token_revoke(*, actor, token: ApiToken, now: dt.datetime | None = None) -> None:
    """Revoke ``token`` at once. Its owner or CCD may (the system too)."""
    if actor is not None and actor.pk != token.user_id and not user_has_role(actor, Role.CCD):
        raise PermissionDeniedError("You can only revoke your own API tokens.")
    now = now or timezone.now()
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().select_related("user").get(pk=token.pk)
        if locked.revoked_at is not None:
            raise InvalidTransitionError(
                "That token has already been revoked.", state="revoked", action="revoke"
            )
        locked.revoked_at = now
        locked.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor,
            action="api_token.revoked",
            target=locked,
            before={"revoked_at": None},
            after={**_snapshot(locked), "revoked_at": now.isoformat()},
        )
    token.revoked_at = now


def api_token_touch(*, token: ApiToken, now: dt.datetime) -> None:
    """Note that ``token`` was used (bookkeeping, not audited), at most every TOUCH_INTERVAL."""
    if token.last_used_at is not None and now - token.last_used_at < TOUCH_INTERVAL:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
