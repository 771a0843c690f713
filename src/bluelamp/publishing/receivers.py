"""Publishing's answers to other apps' events."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from bluelamp.incidents.signals import major_incident_declared, major_incident_ended


@receiver(major_incident_declared, dispatch_uid="publishing.hold_on_major_incident")
def hold_on_major_incident(sender: Any, *, period: Any, actor: Any, now: Any, **kwargs: Any):
    """4.16: a declared major incident holds every post waiting to go out, in the same
    transaction as the declaration, and every post still on its way is checked again (it now
    needs Corporate Communications' approval). Each author whose post is held is told."""
    from bluelamp.publishing.services import crisis

    crisis.posts_recheck_all(actor=actor, now=now, declared=True)
    crisis.post_hold_all(
        actor=actor,
        reason=f"Held because a major incident was declared: {period.title} (4.16).",
        now=now,
    )


@receiver(major_incident_ended, dispatch_uid="publishing.recheck_when_major_incident_ends")
def recheck_when_major_incident_ends(
    sender: Any, *, period: Any, actor: Any, now: Any, **kwargs: Any
):
    """When the incident ends every post on its way is checked again, so no "major incident"
    finding outlives it. Held posts stay held: Corporate Communications releases, reschedules
    or withdraws them (``publishing.services.crisis``)."""
    from bluelamp.publishing.services import crisis

    crisis.posts_recheck_all(actor=actor, now=now, declared=False)
