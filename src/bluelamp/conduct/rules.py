"""Who may take each step of a conduct case, as ``(user, case) -> refusal or None``: read by the
action declarations (``actions``) and again by the services under their lock."""

from __future__ import annotations

from typing import Any

from bluelamp.conduct import permissions
from bluelamp.conduct.choices import Team


def holding_team(user: Any, case: Any) -> str | None:
    """The team holding the case (CCD, or PSD once it is referred)."""
    if permissions.handles(user, case):
        return None
    return "Only the team holding this case may do this."


def ccd_while_held(user: Any, case: Any) -> str | None:
    """CCD, while the case is still with CCD (assessment and referral)."""
    if case.team == Team.CCD and permissions.handles(user, case):
        return None
    if case.team == Team.PSD:
        return "This case has been referred to Professional Standards."
    return "Only Corporate Communications assess and refer conduct cases."


def the_subject(user: Any, case: Any) -> str | None:
    """The member of staff asked to remove the content, and nobody else."""
    if case.subject_id is not None and case.subject_id == getattr(user, "pk", None):
        return None
    return "Only the member of staff asked to remove the content may give proof of removal."
