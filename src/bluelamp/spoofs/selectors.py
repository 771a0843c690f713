"""Reads of spoof candidates: the review queue and one candidate, for CCD and auditors only
(404 alike for missing and not allowed)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from bluelamp.core.errors import NotFoundError
from bluelamp.core.policy import policy_pack
from bluelamp.social_accounts.models import Account
from bluelamp.spoofs import permissions
from bluelamp.spoofs.choices import CandidateStatus
from bluelamp.spoofs.models import Candidate
from bluelamp.spoofs.platforms import takedown_draft
from bluelamp.spoofs.scoring import Registered

OPEN = (
    CandidateStatus.NEW,
    CandidateStatus.SPOOF,
    CandidateStatus.TAKEDOWN_REQUESTED,
    CandidateStatus.UNOFFICIAL,
)


def candidate_list(*, user: Any, status: str = "") -> QuerySet[Candidate]:
    """Candidates, highest score first: ``status`` one state, "open" the unfinished ones,
    "" all."""
    if not permissions.can_view(user):
        raise NotFoundError()
    rows = Candidate.objects.select_related("closest_account", "added_by", "decided_by")
    if status == "open":
        rows = rows.filter(status__in=OPEN)
    elif status:
        rows = rows.filter(status=status)
    return rows


def candidate_get(*, user: Any, pk: int) -> Candidate:
    if not permissions.can_view(user):
        raise NotFoundError()
    candidate = candidate_list(user=user).filter(pk=pk).first()
    if candidate is None:
        raise NotFoundError()
    return candidate


def registry_for_scoring() -> list[Registered]:
    """Every registered account that is not closed, as the score compares against."""
    return [
        Registered(id=a.pk, platform=a.platform, handle=a.handle, display_name=a.display_name)
        for a in Account.objects.exclude(status__in=("closed", "converted_to_personal")).only(
            "pk", "platform", "handle", "display_name"
        )
    ]


def registered_handle(platform: str, key: str) -> Account | None:
    """The registered account with this handle on ``platform``, if any."""
    for account in Account.objects.filter(platform=platform).only("pk", "handle"):
        if account.handle.casefold() == key:
            return account
    return None


def candidate_takedown_draft(candidate: Candidate) -> str:
    """The takedown request for ``candidate``'s platform, with its report route."""
    pack = policy_pack()
    genuine = sorted(
        Account.objects.filter(platform=candidate.platform, status="active").values_list(
            "handle", flat=True
        )
    )
    return takedown_draft(
        platform=candidate.platform,
        handle=candidate.handle,
        display_name=candidate.display_name,
        url=candidate.url,
        force=pack.force,
        genuine=genuine,
        reasons=list(candidate.score_reasons),
        contact=pack.ccd_mailbox or "Corporate Communications",
    )
