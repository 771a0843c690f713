"""How Bluelamp reaches each account's platform: the OAuth access token, encrypted at rest with
the vault's keys (3.7), and the connector built for it.

When a platform refuses the token (expired, revoked, missing a permission) the account's owner
is told once, with the platform's own words; they are told again only after someone saves a new
token and that one fails too.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import MutableMapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from bluelamp.audit.services import audit_record
from bluelamp.core.clock import aware_now
from bluelamp.core.errors import FieldErrors, PermissionDeniedError
from bluelamp.core.mail import addresses, notify
from bluelamp.publishing import permissions
from bluelamp.publishing.choices import ConnectionStatus
from bluelamp.publishing.connectors import Connector, UnsupportedError
from bluelamp.publishing.connectors.base import connector_class
from bluelamp.publishing.models import PlatformConnection
from bluelamp.social_accounts import vault

PUBLISHABLE_PLATFORMS = ("x", "facebook", "instagram")


def can_manage(user: Any, account: Any) -> bool:
    return permissions.is_ccd(user) or account.owner_id == getattr(user, "pk", None)


@transaction.atomic
def connection_save(
    *,
    actor: Any,
    account: Any,
    token: Any,
    platform_account_id: Any = "",
    expires_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> PlatformConnection:
    """Store (or replace) the account's access token, encrypted. CCD or the account's owner."""
    now = aware_now(now)
    if not can_manage(actor, account):
        raise PermissionDeniedError(
            "Only Corporate Communications or the account's owner can connect it for publishing."
        )
    errors = FieldErrors()
    secret = token.strip() if isinstance(token, str) else ""
    page = platform_account_id.strip() if isinstance(platform_account_id, str) else ""
    if account.platform not in PUBLISHABLE_PLATFORMS:
        errors.add("token", f"Bluelamp cannot publish to {account.get_platform_display()} yet")
    if not secret:
        errors.add("token", "Enter the access token")
    elif any(ch.isspace() for ch in secret):
        errors.add("token", "An access token has no spaces or line breaks")
    if account.platform in ("facebook", "instagram") and not page.isdigit():
        errors.add(
            "platform_account_id",
            "Enter the numeric id of the Facebook Page or Instagram account",
        )
    errors.raise_if_any()
    encrypted = vault.encrypt(secret)
    connection = PlatformConnection.objects.filter(account=account).select_for_update().first()
    replaced = connection is not None
    if connection is None:
        connection = PlatformConnection(account=account)
    connection.token_encrypted = encrypted
    connection.platform_account_id = page
    connection.expires_at = expires_at
    connection.status = ConnectionStatus.WORKING
    connection.failure_cause = ""
    connection.failed_at = None
    connection.owner_notified_at = None
    connection.expiry_warned_at = None
    connection.connected_by = actor
    connection.connected_at = now
    connection.save()  # a new row, or every field of the old one replaced
    audit_record(
        actor=actor,
        action="connection.saved",
        target=account,
        after={"replaced": replaced, "platform_account_id": page, "expires_at": expires_at},
        now=now,
    )
    return connection


def token_of(connection: PlatformConnection) -> str:
    return vault.decrypt(connection.token_encrypted)


def connector_for(
    account: Any,
    connection: PlatformConnection | None,
    *,
    sleep: Any = time.sleep,
    containers: MutableMapping[str, str] | None = None,
) -> Connector:
    """The connector registered for ``account``'s platform (``connectors.base.register``),
    pointed at the configured API; its time-out and attempts are the connectors' defaults
    (``connectors.defaults``)."""
    connector = connector_class(account.platform)
    if connector is None:
        raise UnsupportedError(
            f"Bluelamp cannot publish to {account.get_platform_display()}: post it in the "
            "platform's own app and import it into the archive.",
            platform=account.platform,
        )
    extra = (
        {"client_id": getattr(settings, connector.client_id_setting, "")}
        if connector.client_id_setting
        else {}
    )
    if connector.web_base_setting:
        extra["web_base"] = getattr(settings, connector.web_base_setting)
    return connector.for_account(
        api_base=getattr(settings, connector.api_base_setting),
        account_id=connection.platform_account_id if connection else "",
        containers=containers,
        sleep=sleep,
        **extra,
    )


#: What :func:`connection_revoke` did on the platform.
REVOKED = "revoked"
UNSUPPORTED = "unsupported"


def connection_revoke(
    *,
    connection: PlatformConnection,
    actor: Any,
    reason: str,
    sleep: Any = time.sleep,
    now: dt.datetime | None = None,
) -> str:
    """Ask the platform to revoke the connection's token, then delete Bluelamp's copy. CCD or
    the account's owner or deputy.

    Returns :data:`REVOKED`, or :data:`UNSUPPORTED` when the platform's API cannot revoke it
    (the stored token is deleted all the same; a person revokes it in the platform's settings).
    A platform error (:class:`~bluelamp.publishing.connectors.ConnectorError`) propagates and
    nothing is deleted. The platform call comes first: a token deleted here but still live on
    the platform is the one outcome this must not leave behind silently.
    """
    now = aware_now(now)
    account = connection.account
    if not (can_manage(actor, account) or account.deputy_id == getattr(actor, "pk", None)):
        raise PermissionDeniedError(
            "Only Corporate Communications or the account's owner or deputy can revoke its "
            "publishing token."
        )
    try:
        connector = connector_for(account, connection, sleep=sleep)
    except UnsupportedError:
        result = UNSUPPORTED
    else:
        outcome = connector.revoke_token(token_of(connection))
        result = REVOKED if outcome.supported else UNSUPPORTED
    with transaction.atomic():
        deleted, _ = PlatformConnection.objects.filter(pk=connection.pk).delete()
        audit_record(
            actor=actor,
            action="connection.revoked",
            target=account,
            after={
                "platform": account.platform,
                "outcome": result,
                "stored_copy_deleted": bool(deleted),
                "reason": reason[:2000],
            },
            now=now,
        )
    return result


@transaction.atomic
def connection_failed(*, account: Any, cause: str, now: dt.datetime | None = None) -> bool:
    """Record that the platform refused the token; tell the owner (and deputy) the first time.
    Returns True when a notice was sent."""
    now = aware_now(now)
    connection = PlatformConnection.objects.select_for_update().filter(account=account).first()
    if connection is None:
        return False
    first = connection.owner_notified_at is None
    connection.status = ConnectionStatus.FAILED
    connection.failure_cause = cause[:2000]
    connection.failed_at = now
    if first:
        connection.owner_notified_at = now
    connection.save(update_fields=["status", "failure_cause", "failed_at", "owner_notified_at"])
    audit_record(
        actor=None,
        action="connection.failed",
        target=account,
        after={"cause": cause[:2000]},
        now=now,
    )
    if not first:
        return False
    notify(
        link=reverse("social_accounts:account_detail", args=[account.pk]),
        subject=f"Publishing to {account} has stopped working",
        body=(
            f"Bluelamp could not publish to {account} ({account.profile_url}) because the "
            f"platform refused its access token:\n\n    {cause}\n\n"
            "Posts for this account will fail until the account is connected again. Sign in "
            "to the platform as the account, create a new access token and save it on the "
            "account's page in Bluelamp (or ask Corporate Communications to)."
            "\n\nYou will not be told again about this failure."
        ),
        to=addresses(account.owner, account.deputy),
    )
    audit_record(
        actor=None,
        action="connection.owner_notified",
        target=account,
        after={"to": "owner and deputy"},
        now=now,
    )
    return True


#: How long before a token's expiry its account's owner is told to renew it.
EXPIRY_WARNING = dt.timedelta(days=7)


@transaction.atomic
def connections_warn_expiring(*, now: dt.datetime | None = None) -> int:
    """Tell each account's owner and deputy, once per token, that the publishing token expires
    within ``EXPIRY_WARNING`` (the worker runs this daily). Returns how many were told."""
    now = aware_now(now)
    due = (
        PlatformConnection.objects.select_for_update(of=("self",))
        .select_related("account", "account__owner", "account__deputy")
        .filter(
            expires_at__isnull=False,
            expires_at__lte=now + EXPIRY_WARNING,
            expiry_warned_at__isnull=True,
            status=ConnectionStatus.WORKING,
        )
    )
    told = 0
    for connection in due:
        account = connection.account
        connection.expiry_warned_at = now
        connection.save(update_fields=["expiry_warned_at"])
        expired = connection.expires_at <= now
        when = timezone.localtime(connection.expires_at)
        notify(
            link=reverse("social_accounts:account_detail", args=[account.pk]),
            subject=f"Publishing to {account} {'has stopped' if expired else 'will stop'}: "
            "renew its access token",
            body=(
                f"The access token Bluelamp publishes to {account} with "
                f"{'expired' if expired else 'expires'} on {when:%d %B %Y at %H:%M}. Create "
                "a new token on the platform and save it on the account's page in Bluelamp "
                "(Connect the account for publishing), or ask Corporate Communications to."
            ),
            to=addresses(account.owner, account.deputy),
        )
        audit_record(
            actor=None,
            action="connection.expiry_warned",
            target=account,
            after={"expires_at": connection.expires_at},
            now=now,
        )
        told += 1
    return told
