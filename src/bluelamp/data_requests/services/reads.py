"""Reads of a requester's personal data, recorded in the audit trail (who, what, when; never the
data itself). One event per page, API answer or download that shows the requester's name,
contact details, words or letters."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from bluelamp.audit.services import audit_record
from bluelamp.core.clock import aware_now
from bluelamp.core.models import User
from bluelamp.data_requests.models import Letter, RemovalRequest

READ_ACTION = "removal_request.personal_data_read"

#: What was read, by the name the audit event records.
READS = {
    "page": "the request's page",
    "api": "the request through the API",
    "letters": "the letters through the API",
    "letter_pdf": "a letter's PDF",
    "letter_draft": "a drafted letter",
}


def removal_request_read_record(
    *,
    removal_request: RemovalRequest,
    actor: User,
    what: str,
    letter: Letter | None = None,
    now: dt.datetime | None = None,
) -> None:
    """Record that ``actor`` was shown ``what`` (a key of READS) of ``removal_request``. Nothing
    is recorded once the retention job has deleted the requester's details: then there is no
    personal data left to read."""
    if what not in READS:
        raise ValueError(f"unknown read {what!r}; expected one of {', '.join(READS)}")
    if removal_request.requester_deleted_at is not None:
        return
    after: dict[str, object] = {"read": what}
    if letter is not None:
        after["letter"] = letter.pk
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=READ_ACTION,
            target=removal_request,
            target_label=removal_request.reference,
            after=after,
            now=aware_now(now),
        )
