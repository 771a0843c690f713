"""Every write of policy acknowledgement and training: a person acknowledges the current
version; CCD records training; reminders are sent (by CCD, the worker or a command). Each runs
in one transaction with its audit event; e-mails go after commit (``core.mail``)."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse

from bluelamp.acknowledgements import permissions, selectors
from bluelamp.acknowledgements.models import PolicyAcknowledgement, Reminder, TrainingRecord
from bluelamp.audit.services import audit_record
from bluelamp.core import validation
from bluelamp.core.clock import aware_now
from bluelamp.core.errors import FieldErrors
from bluelamp.core.mail import notify
from bluelamp.core.models import User
from bluelamp.core.policy import policy_pack
from bluelamp.engine import deadlines

#: Nobody is reminded more often than this, whoever asks.
REMIND_EVERY = dt.timedelta(days=7)


def policy_acknowledge(*, actor: User, now: dt.datetime | None = None) -> PolicyAcknowledgement:
    """``actor`` has read and accepts the current version of the pack. Saying so twice keeps
    the first (and writes no second event)."""
    now = aware_now(now)
    permissions.check_is_subject(actor)
    pack_id, version = selectors.current_version()
    with transaction.atomic():
        existing = PolicyAcknowledgement.objects.filter(
            user=actor, pack_id=pack_id, pack_version=version
        ).first()
        if existing is not None:
            return existing
        try:
            with transaction.atomic():
                ack = PolicyAcknowledgement.objects.create(
                    user=actor, pack_id=pack_id, pack_version=version, acknowledged_at=now
                )
        except IntegrityError:  # the same person, a moment ago in another tab
            return PolicyAcknowledgement.objects.get(
                user=actor, pack_id=pack_id, pack_version=version
            )
        audit_record(
            actor=actor,
            action="policy.acknowledged",
            target=ack,
            target_label=f"{pack_id} {version}",
            after={"pack": pack_id, "version": version},
            now=now,
        )
    return ack


def training_record(
    *,
    actor: User,
    person: User | None,
    course: str,
    completed_on: dt.date | None,
    now: dt.datetime | None = None,
) -> TrainingRecord:
    """Record that ``person`` completed social media training on ``completed_on`` (CCD)."""
    now = aware_now(now)
    permissions.check_can_manage(actor)
    errors = FieldErrors()
    if person is None or not person.is_active:
        errors.add("person", "Select the person who was trained")
    course = validation.text(
        errors, "course", course, required="Enter the course", max_length=200, multiline=False
    )
    if completed_on is None:
        errors.add("completed_on", "Enter the date the training was completed")
    elif completed_on > deadlines.london_date(now):
        errors.add("completed_on", "The date the training was completed must be today or before")
    errors.raise_if_any()
    with transaction.atomic():
        record = TrainingRecord.objects.create(
            user=person,
            course=course,
            completed_on=completed_on,
            recorded_by=actor,
            recorded_at=now,
        )
        audit_record(
            actor=actor,
            action="training.recorded",
            target=record,
            target_label=person.get_username(),
            after={
                "person": person.get_username(),
                "course": course,
                "completed_on": completed_on.isoformat(),
            },
            now=now,
        )
    return record


def acknowledgement_reminders_send(
    *, actor: User | None, now: dt.datetime | None = None, actor_text: str = ""
) -> int:
    """E-mail everyone who has not finished (not acknowledged the current version, or not
    trained where training is required), except those reminded within ``REMIND_EVERY``.
    ``actor`` None is the worker or a command (``actor_text`` says which). Returns how many were
    reminded; one audit event says how many, not who."""
    now = aware_now(now)
    if actor is not None:
        permissions.check_can_manage(actor)
    pack = policy_pack()
    pack_id, version = selectors.current_version(pack)
    with transaction.atomic():
        recent = set(
            Reminder.objects.filter(
                pack_id=pack_id, pack_version=version, sent_at__gt=now - REMIND_EVERY
            ).values_list("user_id", flat=True)
        )
        rows = [
            row
            for row in selectors.standings_of(list(selectors.subjects()), now=now)
            if not row.complete and row.user.pk not in recent and row.user.email
        ]
        for row in rows:
            notify(
                link=reverse("acknowledgements:acknowledge"),
                subject=f"Please {' and '.join(row.missing)}",
                body=(
                    f"Hello {row.user.label},\n\n"
                    f"{pack.force}'s social media policy ({pack.reference} {pack.version}) asks "
                    f"you to {' and '.join(row.missing)}.\n\n"
                    "Sign in to Bluelamp: your home page shows the policy and a button to "
                    "acknowledge it. Corporate Communications records training when you have "
                    "completed the course."
                ),
                to=[row.user.email],
            )
        Reminder.objects.bulk_create(
            [
                Reminder(user=row.user, pack_id=pack_id, pack_version=version, sent_at=now)
                for row in rows
            ]
        )
        if not rows and actor is None:
            return 0  # the daily run found nobody to remind: nothing happened to record
        audit_record(
            actor=actor,
            actor_text=actor_text or None,
            action="policy.reminders_sent",
            target_type="acknowledgements.reminder",
            target_label=f"{pack_id} {version}",
            after={"reminded": len(rows), "pack": pack_id, "version": version},
            now=now,
        )
    return len(rows)
