"""The daily digest to information security of what is due or overdue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse

from bluelamp.audit.services import audit_checkpoint_write, audit_record
from bluelamp.core import mail
from bluelamp.core.clock import aware_now
from bluelamp.core.roles import Role
from bluelamp.data_requests import selectors
from bluelamp.data_requests.models import (
    DigestRun,
    RemovalRequest,
)
from bluelamp.engine import deadlines
from bluelamp.engine.workflows import data_requests as flow


def removal_request_digest_send(
    *, today: dt.date, now: dt.datetime | None = None, extra_holidays: Iterable[Any] | None = None
) -> DigestRun | None:
    """E-mail information security what is due within 3 working days or overdue on ``today``
    (a Europe/London date), once per day: returns None, sending nothing, when the digest for
    ``today`` was already sent. The system acts, so there is no actor. The e-mail names
    requests by number and gives no requester's details."""
    now = aware_now(now)
    extra_holidays = selectors.extra_holidays_or_default(extra_holidays)
    with transaction.atomic():
        if DigestRun.objects.select_for_update().filter(for_date=today).exists():
            return None
        queue = [
            selectors.removal_request_due(r, today=today, extra_holidays=extra_holidays)
            for r in RemovalRequest.objects.filter(status__in=flow.OPEN_STATES)
        ]
        due = sorted(
            (d for d in queue if d.overdue or d.due_soon or d.clock is None),
            key=lambda d: (d.deadline is None, d.deadline or dt.date.max, d.request.pk),
        )
        try:
            with transaction.atomic():
                run = DigestRun.objects.create(for_date=today, sent_at=now, request_count=len(due))
        except IntegrityError:
            return None  # another run recorded it first
        audit_record(
            actor=None,
            actor_text="Bluelamp (daily digest)",
            action="removal_request.digest_sent",
            target=run,
            after={"for_date": today.isoformat(), "requests": [d.request.pk for d in due]},
            now=now,
        )
        recipients = mail.role_addresses(Role.INFOSEC)
        if due and recipients:
            lines = [
                f"{d.request.reference} ({d.request.get_status_display().lower()}): {d.text}"
                + (f", deadline {deadlines.long_date(d.deadline)}" if d.deadline else "")
                for d in due
            ]
            # A signed checkpoint of the audit trail, kept in the recipients' mailboxes, where
            # the database's administrators cannot rewrite it (docs/audit.md).
            checkpoint = audit_checkpoint_write(now=now)
            body = (
                f"Removal and correction requests due within 3 working days or overdue on "
                f"{deadlines.long_date(today)}:\n\n" + "\n".join(lines) + "\n\nSign in to "
                "Bluelamp to see the requests.\n\nAudit trail checkpoint (keep this e-mail; "
                "`bluelamp audit verify --checkpoints FILE` checks the trail against it):\n"
                + checkpoint
            )
            subject = f"{len(due)} removal request{'s' if len(due) != 1 else ''} due"
            mail.notify(
                subject=subject,
                body=body,
                to=recipients,
                footer=False,
                link=reverse("data_requests:queue"),
            )
    return run
