"""A lost or stolen device with force accounts signed in on it (CC/01 5.5, 5.6).

Filing the report tells CCD and each account's administrators at once, opens a checklist per
account and a rotation task for its password. Each step is ticked with who and when; the last
step of the last checklist closes the report. Not secured within the pack's hours, the report
escalates to CCD's duty contact; CCD may suspend publishing on the accounts meanwhile."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.urls import reverse

from bluelamp.account_security import permissions, selectors
from bluelamp.account_security.choices import (
    Circumstances,
    DeviceKind,
    IssuedBy,
    Step,
    Trigger,
)
from bluelamp.account_security.models import Checklist, ChecklistStep, LostDeviceReport
from bluelamp.account_security.services.rotation import rotation_task_open
from bluelamp.audit.services import audit_record
from bluelamp.core import validation
from bluelamp.core.clock import aware_now
from bluelamp.core.errors import (
    FieldErrors,
    InvalidInputError,
    InvalidTransitionError,
    PermissionDeniedError,
)
from bluelamp.core.mail import addresses, ccd_addresses, notify
from bluelamp.core.transitions import refuse_unless_allowed, transition
from bluelamp.engine.workflows import account_security as flow
from bluelamp.publishing.connectors import ConnectorError
from bluelamp.publishing.models import PlatformConnection
from bluelamp.publishing.services.connections import REVOKED, connection_revoke
from bluelamp.social_accounts.models import Account, AccountCredential
from bluelamp.social_accounts.services.credentials import account_credentials_record
from bluelamp.social_accounts.services.security import (
    account_publishing_resume,
    account_publishing_suspend,
)

MAX_TEXT = 2000


def report_refusal(report: LostDeviceReport, action: str, hint: str = "") -> InvalidTransitionError:
    return InvalidTransitionError(
        hint or f"That cannot be done: the report is {report.get_status_display().lower()}.",
        state=report.status,
        action=action,
    )


def _lock(report: LostDeviceReport) -> LostDeviceReport:
    return LostDeviceReport.objects.select_for_update(of=("self",)).get(pk=report.pk)


def _pack_hours() -> int:
    return selectors.secure_hours()


def lost_device_report_file(
    *,
    actor: Any,
    device: str,
    device_kind: str,
    issued_by: str,
    circumstances: str,
    lost_at: dt.datetime | None,
    accounts: Iterable[Account],
    details: str = "",
    now: dt.datetime | None = None,
) -> LostDeviceReport:
    """Record the loss and start securing every account signed in on the device."""
    now = aware_now(now)
    refusal = permissions.report_refusal(actor)
    if refusal:
        raise PermissionDeniedError(refusal)
    errors = FieldErrors()
    device = validation.text(
        errors, "device", device, required="Say what was lost, e.g. iPhone 13", max_length=200
    )
    device_kind = validation.choice(
        errors, "device_kind", device_kind, DeviceKind, "Choose what kind of device it is"
    )
    issued_by = validation.choice(
        errors, "issued_by", issued_by, IssuedBy, "Say whether it is personal or force-issued"
    )
    circumstances = validation.choice(
        errors, "circumstances", circumstances, Circumstances, "Say whether it was lost or stolen"
    )
    details = validation.text(errors, "details", details, required=None, max_length=MAX_TEXT)
    if lost_at is None:
        errors.add("lost_at", "Enter when it was lost")
    elif lost_at > now + dt.timedelta(minutes=5):
        errors.add("lost_at", "When it was lost must be now or in the past")
    chosen = list(dict.fromkeys(accounts or ()))
    allowed = set(selectors.reportable_accounts(actor).values_list("pk", flat=True))
    if not chosen:
        errors.add("accounts", "Choose the accounts that were signed in on the device")
    elif any(a.pk not in allowed for a in chosen):
        errors.add(
            "accounts", "Choose only accounts you are on the roster of (CCD can name any account)"
        )
    errors.raise_if_any()
    hours = _pack_hours()
    with transaction.atomic():
        report = LostDeviceReport.objects.create(
            reporter=actor,
            device=device,
            device_kind=device_kind,
            issued_by=issued_by,
            circumstances=circumstances,
            lost_at=lost_at,
            details=details,
            reported_at=now,
            secure_by=now + dt.timedelta(hours=hours),
        )
        accounts_locked = list(
            Account.objects.select_for_update(of=("self",))
            .select_related("owner", "deputy")
            .filter(pk__in=[a.pk for a in chosen])
            .order_by("platform", "handle")
        )
        for account in accounts_locked:
            checklist = Checklist.objects.create(report=report, account=account)
            ChecklistStep.objects.bulk_create(
                ChecklistStep(checklist=checklist, step=step, position=i)
                for i, step in enumerate(flow.STEPS)
            )
        audit_record(
            actor=actor,
            action="lost_device.reported",
            target=report,
            target_label=report.reference,
            after={
                "device": device,
                "device_kind": device_kind,
                "issued_by": issued_by,
                "circumstances": circumstances,
                "lost_at": lost_at.isoformat(),
                "accounts": [a.pk for a in accounts_locked],
                "secure_by": report.secure_by.isoformat(),
            },
            now=now,
        )
        for account in accounts_locked:
            rotation_task_open(
                account=account,
                trigger=Trigger.LOST_DEVICE,
                detail=f"{report.reference}: {device} {circumstances}",
                actor=actor,
                now=now,
                due_at=report.secure_by,
                report=report,
            )
        handles = ", ".join(a.at_handle for a in accounts_locked)
        lost_words = Circumstances(circumstances).label.lower()
        body = (
            f"{actor.label} reported a {IssuedBy(issued_by).label.lower()} "
            f"{DeviceKind(device_kind).label.lower()} ({device}) {lost_words} at "
            f"{lost_at:%H:%M on %d %b %Y}, with these accounts signed in: {handles} "
            f"(CC/01 5.5, 5.6).\n\nEach account's administrator must now change its password "
            "and lodge it in the vault, sign out every other session, revoke the tokens and "
            "connected apps, reset two-factor and look for posts made since the loss. Tick each "
            f"step on the report {report.reference} in Bluelamp. The accounts must be secured "
            f"within {hours} hours, by {report.secure_by:%H:%M on %d %b %Y}."
        )
        notify(
            link=reverse("account_security:report_detail", args=[report.pk]),
            subject=f"{report.reference}: device {lost_words} with {handles} signed in",
            body=body,
            to=[
                ccd_addresses(selectors.policy_pack()),
                *(addresses(a.owner, a.deputy) for a in accounts_locked),
            ],
        )
    return report


def checklist_step_complete(
    *,
    lost_device_report: LostDeviceReport,
    checklist: Checklist,
    actor: Any,
    step: str,
    note: str = "",
    username: str = "",
    password: str = "",
    now: dt.datetime | None = None,
) -> ChecklistStep:
    """Tick one step of one account's checklist, with who and when. The password step lodges
    the new password in the vault (3.7) through the vault's own service; the posts step keeps
    the list of posts the archive holds since the loss. The last step secures the account; the
    last account closes the report."""
    now = aware_now(now)
    errors = FieldErrors()
    if step not in Step.values:
        errors.add("step", "Choose a step of the checklist")
    note = validation.text(errors, "note", note, required=None, max_length=MAX_TEXT)
    errors.raise_if_any()
    outcomes: dict[str, str] | None = None
    if step == flow.STEP_TOKENS:
        outcomes = _revoke_outside_the_lock(lost_device_report, checklist, actor, now)
    try:
        row = _tick(
            lost_device_report, checklist, actor, step, note, username, password, outcomes, now
        )
    except BaseException:
        if outcomes is not None:
            _release_claim(checklist)
        raise
    row.refresh_from_db()
    return row


def _tick(
    lost_device_report: LostDeviceReport,
    checklist: Checklist,
    actor: Any,
    step: str,
    note: str,
    username: str,
    password: str,
    outcomes: dict[str, str] | None,
    now: dt.datetime,
) -> ChecklistStep:
    """Tick the step, in one transaction with the report, checklist and step locked."""
    with transaction.atomic():
        report, checklist, row = _locked_step(lost_device_report, checklist, actor, step)
        evidence: dict[str, Any] = {}
        manual = False
        if step == flow.STEP_PASSWORD:
            if not password:
                raise InvalidInputError(
                    "Enter the new password", errors={"password": ["Enter the new password"]}
                )
            account_credentials_record(
                actor=actor,
                account=checklist.account,
                username=username or _username_of(checklist.account),
                password=password,
                now=now,
            )
            evidence = {"lodged_in_vault": True}
        elif step == flow.STEP_TOKENS:
            outcomes = outcomes or {}
            if PlatformConnection.objects.filter(account=checklist.account).exists():
                message = (
                    "A publishing token was saved for the account while its tokens were being "
                    "revoked. The step is not ticked; tick it again to revoke that one too."
                )
                raise InvalidInputError(message, errors={"step": [message]})
            evidence = {"tokens": outcomes}
            # Where the platform could not revoke (or Bluelamp held no token), the administrator
            # revokes any token and connected app in the platform's settings.
            manual = not outcomes or any(o != REVOKED_NOTE for o in outcomes.values())
            note = "\n".join(
                [note, *(f"{where}: {outcome}" for where, outcome in outcomes.items())]
            ).strip()
        elif step == flow.STEP_POSTS:
            posts = selectors.posts_since_loss(checklist)
            evidence = {
                "posts_since_loss": [str(p.public_id) for p in posts],
                "count": len(posts),
            }
        else:
            manual = True
        row.done_by = actor
        row.done_at = now
        row.note = note
        row.manual = manual
        row.evidence = evidence
        row.save(update_fields=["done_by", "done_at", "note", "manual", "evidence"])
        remaining = ChecklistStep.objects.filter(checklist=checklist, done_at__isnull=True).count()
        transition(
            checklist,
            workflow=flow.CHECKLIST_WORKFLOW,
            action=flow.TICK if remaining else flow.SECURE,
            actor=actor,
            audit_action="lost_device.step_completed"
            if remaining
            else "lost_device.account_secured",
            now=now,
            changes={} if remaining else {"secured_at": now},
            target_label=f"{report.reference} {checklist.account.at_handle}",
            after={"step": step, "note": note, "manual": manual, **evidence},
        )
        if not remaining:
            _close_if_secured(report, actor, now)
    return row


REVOKED_NOTE = "revoked on the platform"
UNSUPPORTED_NOTE = "platform cannot revoke: stored token deleted, revoke in the platform's settings"


def _locked_step(
    lost_device_report: LostDeviceReport, checklist: Checklist, actor: Any, step: str
) -> tuple[LostDeviceReport, Checklist, ChecklistStep]:
    """The report, the checklist and the step, locked, once the actor may tick it and it is
    still to do (called inside a transaction)."""
    report = _lock(lost_device_report)
    checklist = (
        Checklist.objects.select_for_update(of=("self",))
        .select_related("account", "report")
        .get(pk=checklist.pk, report=report)
    )
    refusal = permissions.administrator_refusal(actor, checklist.account)
    if refusal:
        raise PermissionDeniedError(refusal)
    refuse_unless_allowed(
        report, workflow=flow.REPORT_WORKFLOW, action=flow.COMPLETE_STEP, refusal=report_refusal
    )
    row = ChecklistStep.objects.select_for_update(of=("self",)).get(checklist=checklist, step=step)
    if row.done or checklist.status != flow.OPEN:
        raise InvalidInputError(
            "That step is already done.", errors={"step": ["That step is already done"]}
        )
    return report, checklist, row


#: How long a claim on the tokens step keeps others from revoking at the same time: longer than
#: a connector can spend on one token (3 attempts of 10 s, and up to 30 s waits between them).
REVOKE_CLAIM = dt.timedelta(minutes=3)


def _revoke_outside_the_lock(
    lost_device_report: LostDeviceReport, checklist: Checklist, actor: Any, now: dt.datetime
) -> dict[str, str]:
    """Revoke the account's tokens with no lock held and no transaction open: a slow or silent
    platform must not hold the report's rows for the length of its time-out.

    Under the lock, the step is claimed (``evidence["revoking"]``: who and since when), so a
    second person ticking meanwhile is told it is under way rather than finding no token left
    and ticking it as done by hand. The claim is released if the platform refuses or anything
    fails, and lapses after :data:`REVOKE_CLAIM` if the process stops. Revoking twice is
    harmless, so a lapsed claim taken over only repeats the call."""
    with transaction.atomic():
        report, checklist, row = _locked_step(lost_device_report, checklist, actor, "tokens")
        claim = row.evidence.get("revoking") if isinstance(row.evidence, dict) else None
        if claim and now - dt.datetime.fromisoformat(claim["since"]) < REVOKE_CLAIM:
            message = (
                "Someone is revoking this account's tokens on the platform now. Wait a minute, "
                "then look at the checklist again."
            )
            raise InvalidInputError(message, errors={"step": [message]})
        row.evidence = {"revoking": {"by": actor.pk, "since": now.isoformat()}}
        row.save(update_fields=["evidence"])
        connections = list(
            PlatformConnection.objects.filter(account=checklist.account).select_related("account")
        )
    try:
        return _revoke_tokens(connections, actor, report, now)
    except BaseException:
        _release_claim(checklist)
        raise


def _release_claim(checklist: Checklist) -> None:
    """Drop the claim on the tokens step (the step still to do), so it can be ticked again."""
    with transaction.atomic():
        ChecklistStep.objects.filter(
            checklist_id=checklist.pk, step="tokens", done_at__isnull=True
        ).update(evidence={})


def _revoke_tokens(
    connections: list[PlatformConnection], actor: Any, report: LostDeviceReport, now: dt.datetime
) -> dict[str, str]:
    """Revoke each publishing token Bluelamp holds for the account, on the platform where it
    allows, and delete the stored copy (each in its own short transaction, after the platform
    answered). A platform error refuses the step (nothing is ticked; tokens revoked before it
    stay revoked, which a second attempt repeats harmlessly)."""
    outcomes: dict[str, str] = {}
    for connection in connections:
        account = connection.account
        where = f"{account.at_handle} on {account.get_platform_display()}"
        try:
            result = connection_revoke(
                connection=connection,
                actor=actor,
                reason=f"Lost device {report.reference}",
                now=now,
            )
        except ConnectorError as error:
            # The whole message goes on the form too, so the page shows the platform's words.
            message = (
                f"{account.get_platform_display()} did not revoke the token for "
                f"{account.at_handle} ({error.message}). The step is not ticked; try again, or "
                "revoke it in the platform's settings."
            )
            raise InvalidInputError(message, errors={"step": [message]}) from error
        outcomes[where] = REVOKED_NOTE if result == REVOKED else UNSUPPORTED_NOTE
    return outcomes


def _username_of(account: Account) -> str:
    """The username already in the vault, when the administrator gives only the password."""
    credential = AccountCredential.objects.filter(account=account).first()
    return credential.username if credential else ""


def _close_if_secured(report: LostDeviceReport, actor: Any, now: dt.datetime) -> None:
    if report.checklists.exclude(status=flow.SECURED).exists():
        return
    transition(
        report,
        workflow=flow.REPORT_WORKFLOW,
        action=flow.CLOSE,
        actor=actor,
        audit_action="lost_device.closed",
        now=now,
        changes={"closed_at": now},
        refusal=report_refusal,
        target_label=report.reference,
    )
    checklists = list(report.checklists.select_related("account"))
    lines = [
        f"{c.account.at_handle}: secured in {_hours(c.secured_at - report.lost_at)} from the loss"
        for c in checklists
    ]
    suspended = [c.account.at_handle for c in checklists if c.account.publishing_suspended]
    still = (
        f"\n\nPublishing is still suspended on {', '.join(suspended)}: resume it from the report."
        if suspended
        else ""
    )
    notify(
        link=reverse("account_security:report_detail", args=[report.pk]),
        subject=f"{report.reference}: every account secured",
        body=f"Every account on {report.reference} is secured (CC/01 5.5, 5.6):\n\n"
        + "\n".join(lines)
        + still,
        to=[ccd_addresses(selectors.policy_pack()), addresses(report.reporter)],
    )


def _hours(delta: dt.timedelta) -> str:
    hours = delta.total_seconds() / 3600
    return f"{hours:.1f} hours"


def lost_device_publishing_suspend(
    *, lost_device_report: LostDeviceReport, actor: Any, reason: str, now: dt.datetime | None = None
) -> LostDeviceReport:
    """CCD suspends publishing on every account of the report not yet secured."""
    now = aware_now(now)
    refusal = permissions.ccd_refusal(actor)
    if refusal:
        raise PermissionDeniedError(refusal)
    with transaction.atomic():
        report = _lock(lost_device_report)
        refuse_unless_allowed(
            report,
            workflow=flow.REPORT_WORKFLOW,
            action=flow.SUSPEND_PUBLISHING,
            refusal=report_refusal,
        )
        targets = [
            c.account
            for c in report.checklists.select_related("account")
            if c.status == flow.OPEN and c.account.publishing_suspended_at is None
        ]
        if not targets:
            raise InvalidInputError(
                "Publishing is already suspended on every account not yet secured.",
                errors={"reason": ["Publishing is already suspended on every open account"]},
            )
        for account in targets:
            account_publishing_suspend(
                actor=actor, account=account, reason=f"{report.reference}: {reason}", now=now
            )
    return report


def lost_device_publishing_resume(
    *, lost_device_report: LostDeviceReport, actor: Any, now: dt.datetime | None = None
) -> LostDeviceReport:
    """CCD resumes publishing on the report's accounts, while it is open or after it closed."""
    now = aware_now(now)
    refusal = permissions.ccd_refusal(actor)
    if refusal:
        raise PermissionDeniedError(refusal)
    with transaction.atomic():
        report = _lock(lost_device_report)
        refuse_unless_allowed(
            report,
            workflow=flow.REPORT_WORKFLOW,
            action=flow.RESUME_PUBLISHING,
            refusal=report_refusal,
        )
        targets = [
            c.account
            for c in report.checklists.select_related("account")
            if c.account.publishing_suspended_at is not None
        ]
        if not targets:
            raise InvalidInputError(
                "Publishing is not suspended on any account of this report.",
                errors={"__all__": ["Publishing is not suspended on any account of this report"]},
            )
        for account in targets:
            account_publishing_resume(actor=actor, account=account, now=now)
    return report


def lost_device_report_escalate(
    *, lost_device_report: LostDeviceReport, now: dt.datetime | None = None
) -> LostDeviceReport:
    """Not secured within the pack's hours: CCD's duty contact is told. The system acts."""
    now = aware_now(now)
    with transaction.atomic():
        report = _lock(lost_device_report)
        transition(
            report,
            workflow=flow.REPORT_WORKFLOW,
            action=flow.ESCALATE,
            actor=None,
            audit_action="lost_device.escalated",
            now=now,
            changes={"escalated_at": now},
            refusal=report_refusal,
            target_label=report.reference,
            after={"secure_by": report.secure_by.isoformat()},
        )
        open_accounts = [
            c.account.at_handle
            for c in report.checklists.select_related("account")
            if c.status == flow.OPEN
        ]
        notify(
            link=reverse("account_security:report_detail", args=[report.pk]),
            subject=f"Escalated: {report.reference} not secured in time",
            body=(
                f"The accounts on lost-device report {report.reference} were to be secured by "
                f"{report.secure_by:%H:%M on %d %b %Y} (CC/01 5.5, 5.6). Still not secured: "
                f"{', '.join(open_accounts)}.\n\nCorporate Communications may suspend publishing "
                "on them from the report until they are secured."
            ),
            to=[selectors.duty_contact(), addresses(report.reporter)],
        )
    return report


def lost_device_reports_sweep(*, now: dt.datetime | None = None) -> int:
    """Escalate every open report past its time (idempotent: an escalated report is not open)."""
    now = aware_now(now)
    due = LostDeviceReport.objects.filter(status=flow.OPEN, secure_by__lt=now).order_by("pk")
    count = 0
    for report in due:
        lost_device_report_escalate(lost_device_report=report, now=now)
        count += 1
    return count
