"""Publishing's answers to other apps' events."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from bluelamp.incidents.signals import major_incident_declared


@receiver(major_incident_declared, dispatch_uid="publishing.hold_on_major_incident")
def hold_on_major_incident(sender: Any, *, period: Any, actor: Any, now: Any, **kwargs: Any):
    """4.16: a declared major incident holds every post waiting to go out, in the same
    transaction as the declaration. Ending the incident releases nothing by itself: each held
    post waits for a person to choose a new time or publish it."""
    from bluelamp.publishing.services.delivery import post_hold_all

    post_hold_all(
        actor=actor,
        reason=f"Held because a major incident was declared: {period.title} (4.16).",
        now=now,
    )
