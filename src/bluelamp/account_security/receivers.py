"""The registry's signals (``social_accounts.signals``) turned into rotation work: the registry
cannot import this app, so it says what happened and this app acts, in the same transaction."""

from __future__ import annotations

from django.dispatch import receiver

from bluelamp.account_security.choices import Trigger
from bluelamp.account_security.services.rotation import (
    rotation_task_open,
    rotation_tasks_complete_for,
)
from bluelamp.social_accounts import signals


@receiver(signals.roster_member_removed, dispatch_uid="account_security.roster_removed")
def _roster_member_removed(sender, *, account, user, actor, now, **kwargs) -> None:
    rotation_task_open(
        account=account,
        trigger=Trigger.ROSTER_CHANGE,
        detail=f"{user.label} no longer has access",
        actor=actor,
        now=now,
    )


@receiver(signals.credentials_revealed, dispatch_uid="account_security.revealed")
def _credentials_revealed(sender, *, account, actor, now, **kwargs) -> None:
    rotation_task_open(
        account=account,
        trigger=Trigger.CREDENTIAL_REVEALED,
        detail=f"revealed to {actor.label}",
        actor=actor,
        now=now,
    )


@receiver(signals.credentials_recorded, dispatch_uid="account_security.recorded")
def _credentials_recorded(sender, *, account, actor, now, **kwargs) -> None:
    rotation_tasks_complete_for(account=account, actor=actor, now=now)
