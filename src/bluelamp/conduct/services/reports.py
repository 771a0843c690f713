"""Staff reports of abuse, harassment and cyberbullying (6.17) and of approaches by
journalists (4.17): the evidence captured when the report is made (the link, the words pasted,
a screenshot, the time), so it survives the platform deleting it; routed to welfare or to CCD's
press office; closed by the team that received it."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse

from bluelamp.audit.services import audit_record
from bluelamp.conduct import permissions
from bluelamp.conduct.choices import ReportKind, ReportStatus
from bluelamp.conduct.models import StaffReport
from bluelamp.conduct.services.common import (
    link_of,
    page_link,
    plain,
    press_office,
    screenshot_of,
    sha256,
    welfare,
)
from bluelamp.core import validation
from bluelamp.core.clock import aware_now
from bluelamp.core.errors import (
    FieldErrors,
    InvalidInputError,
    InvalidTransitionError,
    NotFoundError,
    PermissionDeniedError,
)
from bluelamp.core.mail import notify
from bluelamp.core.models import User

#: Who each kind of report goes to, in the e-mail's words.
RECEIVERS = {ReportKind.ABUSE: "staff welfare", ReportKind.JOURNALIST: "CCD's press office"}


def receivers(kind: str) -> list[str]:
    return welfare() if kind == ReportKind.ABUSE else press_office()


def staff_report_make(
    *,
    actor: User,
    kind: str,
    details: str,
    link: str = "",
    pasted_text: str = "",
    platform: str = "",
    happened_at: dt.datetime | None = None,
    screenshot: bytes | None = None,
    screenshot_name: str = "",
    now: dt.datetime | None = None,
) -> StaffReport:
    """Record a report and its evidence at once, and tell the team that receives it."""
    now = aware_now(now)
    errors = FieldErrors()
    kind = validation.choice(errors, "kind", kind, ReportKind, "Select what you are reporting")
    words = validation.text(errors, "details", details, required="Enter what happened")
    url = link_of(errors, "link", link)
    pasted = validation.text(errors, "pasted_text", pasted_text, required=None)
    where = validation.text(
        errors, "platform", platform, required=None, max_length=40, multiline=False
    )
    when = None
    if happened_at is not None:
        when = validation.moment(
            errors, "happened_at", happened_at, now, required="", what="when it happened"
        )
    try:
        image, image_type = screenshot_of(screenshot, screenshot_name)
    except InvalidInputError as error:
        for field, messages in error.fields["errors"].items():
            for message in messages:
                errors.add(field, message)
        image, image_type = b"", ""
    if not (url or pasted or image) and not {"link", "screenshot"} & set(errors.errors):
        errors.add("link", "Give the evidence: the link, the words pasted, or a screenshot")
    errors.raise_if_any()
    if actor is None or not actor.is_authenticated:
        raise InvalidInputError("Sign in to make a report.")
    with transaction.atomic():
        report = StaffReport.objects.create(
            kind=kind,
            reported_by=actor,
            captured_at=now,
            happened_at=when,
            platform=where,
            link=url,
            pasted_text=pasted,
            details=words,
            screenshot=image,
            screenshot_type=image_type,
            screenshot_sha256=sha256(image),
        )
        audit_record(
            actor=actor,
            action="staff_report.made",
            target=report,
            after={
                "kind": kind,
                "captured_at": plain(now),
                "screenshot_sha256": report.screenshot_sha256,
            },
            now=now,
        )
        notify(
            link=reverse("conduct:staff_report", args=[report.pk]),
            subject=f"New report for {RECEIVERS[kind]}: {report.reference}",
            body=f"{report.reference} ({ReportKind(kind).label}) has been reported, with its "
            f"evidence captured: {page_link(reverse('conduct:staff_report', args=[report.pk]))}",
            to=receivers(kind),
        )
    return report


def staff_report_close(
    *, report: StaffReport, actor: User, note: str, now: dt.datetime | None = None
) -> StaffReport:
    """The receiving team closes a report, with a note of what was done."""
    now = aware_now(now)
    errors = FieldErrors()
    words = validation.text(errors, "note", note, required="Enter what was done")
    errors.raise_if_any()
    with transaction.atomic():
        report = StaffReport.objects.select_for_update().get(pk=report.pk)
        if not permissions.receives(actor, report):
            if report.reported_by_id == getattr(actor, "pk", None):
                raise PermissionDeniedError("The team that received the report closes it.")
            raise NotFoundError("There is no such report.")
        if report.status != ReportStatus.OPEN:
            raise InvalidTransitionError(
                f"{report.reference} is already closed.", state=report.status, action="close"
            )
        report.status = ReportStatus.CLOSED
        report.closed_at = now
        report.closed_by = actor
        report.closing_note = words
        report.save(
            update_fields=["status", "closed_at", "closed_by", "closing_note", "updated_at"]
        )
        audit_record(
            actor=actor,
            action="staff_report.closed",
            target=report,
            before={"status": ReportStatus.OPEN},
            after={"status": ReportStatus.CLOSED, "closed_at": plain(now)},
            now=now,
        )
    return report
