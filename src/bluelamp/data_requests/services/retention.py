"""Deleting the requester's details at the end of the retention period."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction

from bluelamp.audit.services import audit_record
from bluelamp.core.clock import aware_now
from bluelamp.data_requests.models import (
    Letter,
    RemovalRequest,
)
from bluelamp.data_requests.services.common import (
    plain,
)
from bluelamp.engine import deadlines
from bluelamp.engine.workflows import data_requests as flow

logger = logging.getLogger(__name__)


# --- Retention ------------------------------------------------------------------------------------

#: The requester's personal data, deleted at the end of the retention period.
REQUESTER_FIELDS = ("requester_name", "requester_contact", "request_text", "response_summary")
DELETED = "[deleted]"


def removal_request_retention_purge(
    *, now: dt.datetime | None = None, retention_years: int
) -> list[int]:
    """Delete the requester's details from every request closed at least ``retention_years``
    ago (the policy pack's ``requester_retention_years``, default 6), keeping the record of
    the case itself; each deletion is audited. The system acts, so there is no actor.
    Returns the ids of the requests purged; running it again purges nothing more."""
    now = aware_now(now)
    if retention_years <= 0:
        raise ValueError("retention_years must be positive")
    today = deadlines.london_date(now)
    purged: list[int] = []
    candidates = RemovalRequest.objects.filter(
        status=flow.CLOSED, closed_at__isnull=False, requester_deleted_at__isnull=True
    ).values_list("pk", "closed_at")
    for pk, closed_at in candidates:
        due = deadlines.add_months(deadlines.london_date(closed_at), 12 * retention_years)
        if due > today:
            continue
        with transaction.atomic():
            request = RemovalRequest.objects.select_for_update().get(pk=pk)
            if request.requester_deleted_at is not None:
                continue
            request.requester_name = DELETED
            request.requester_contact = ""
            request.request_text = ""
            request.response_summary = ""
            request.requester_deleted_at = now
            request.save(update_fields=[*REQUESTER_FIELDS, "requester_deleted_at", "updated_at"])
            # The letters name and address the requester: their text and PDF go too (the
            # record that each letter was sent, and when, stays).
            letters_blanked = Letter.objects.filter(request=request).update(body="", pdf=b"")
            audit_record(
                actor=None,
                actor_text="Bluelamp (retention job)",
                action="removal_request.requester_deleted",
                target=request,
                after={
                    "fields": list(REQUESTER_FIELDS),
                    "closed_at": plain(closed_at),
                    "retention_years": retention_years,
                    "letters_blanked": letters_blanked,
                },
                now=now,
            )
        purged.append(pk)
    if purged:
        logger.info("retention: requester details deleted from %d request(s)", len(purged))
    return purged
