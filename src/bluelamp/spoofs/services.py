"""Every write to spoof candidates (CC/01 6.11): adding one by hand, importing a list, CCD's
review (spoof, unofficial but genuine, harmless), the takedown request and the outcome.

Each takes the acting user and the time (``now``; the real clock only when not given), checks
that the actor is in Corporate Communications and, in one transaction, the candidate's state
against ``engine.workflows.spoofs``, saves the changed fields and writes the audit event. A
refusal raises an ``ApplicationError`` and changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction

from bluelamp.audit.services import audit_record
from bluelamp.core import validation
from bluelamp.core.clock import aware_now
from bluelamp.core.errors import FieldErrors, InvalidInputError
from bluelamp.core.models import User
from bluelamp.core.policy import policy_pack
from bluelamp.core.transitions import transition
from bluelamp.engine.handles import HandleError, handle_key, normalise_handle
from bluelamp.engine.workflows import spoofs as flow
from bluelamp.social_accounts.choices import Platform
from bluelamp.spoofs import lists, permissions, selectors
from bluelamp.spoofs.choices import OUTCOMES_FOR, Source
from bluelamp.spoofs.errors import AlreadyListedError, ImportRejectedError
from bluelamp.spoofs.models import Candidate
from bluelamp.spoofs.platforms import ROUTES
from bluelamp.spoofs.scoring import score_candidate


def _scored(candidate: Candidate, registry) -> Candidate:
    score = score_candidate(
        platform=candidate.platform,
        handle=candidate.handle,
        display_name=candidate.display_name,
        bio=candidate.notes,
        registry=registry,
        pack=policy_pack(),
    )
    candidate.score = score.value
    candidate.score_reasons = list(score.reasons)
    candidate.closest_account_id = score.closest_id
    return candidate


def _refuse_if_listed(platform: str, handle: str) -> None:
    key = handle_key(handle)
    if selectors.registered_handle(platform, key) is not None:
        raise AlreadyListedError(f"@{handle} is one of the force's registered accounts.")
    if Candidate.objects.filter(platform=platform, handle_key=key).exists():
        raise AlreadyListedError(f"@{handle} on this platform is already listed.")


def _new(row: lists.Row, *, actor: User, source: str, now: dt.datetime) -> Candidate:
    return Candidate(
        platform=row.platform,
        handle=row.handle,
        handle_key=handle_key(row.handle),
        display_name=row.display_name,
        url=row.url,
        notes=row.notes,
        source=source,
        added_by=actor,
        added_at=now,
    )


def candidate_add(
    *,
    actor: User,
    platform: str,
    handle: str,
    display_name: str = "",
    url: str = "",
    notes: str = "",
    now: dt.datetime | None = None,
) -> Candidate:
    """Add one candidate by hand, scored against the registry."""
    now = aware_now(now)
    permissions.check_can_manage(actor)
    errors = FieldErrors()
    platform = validation.choice(errors, "platform", platform, Platform, "Select the platform")
    clean = ""
    if platform:
        try:
            clean = normalise_handle(platform, handle)
        except HandleError as exc:
            errors.add("handle", str(exc))
    display_name = validation.text(
        errors, "display_name", display_name, required=None, max_length=150, multiline=False
    )
    url = (url or "").strip()
    if url and not lists.valid_url(url):
        errors.add("url", "Enter the address starting https://")
    notes = validation.text(errors, "notes", notes, required=None, max_length=lists.MAX_NOTES)
    errors.raise_if_any()
    row = lists.Row(0, platform, clean, display_name, url, notes)
    with transaction.atomic():
        _refuse_if_listed(platform, clean)
        candidate = _scored(
            _new(row, actor=actor, source=Source.BY_HAND, now=now),
            selectors.registry_for_scoring(),
        )
        try:
            with transaction.atomic():
                candidate.save()
        except IntegrityError as exc:
            raise AlreadyListedError() from exc
        audit_record(
            actor=actor,
            action="spoof.added",
            target=candidate,
            after={"platform": platform, "handle": clean, "score": candidate.score},
            now=now,
        )
    return candidate


def candidate_import(
    *, actor: User, data: bytes | str, now: dt.datetime | None = None
) -> list[Candidate]:
    """Import a CSV list (``spoofs.lists``): all of it or, at the first error, none of it
    (ImportRejectedError lists every error with its line and column)."""
    now = aware_now(now)
    permissions.check_can_manage(actor)
    try:
        rows = lists.read_list(data)
    except lists.ListProblems as exc:
        raise ImportRejectedError(exc.problems) from None
    with transaction.atomic():
        problems = []
        for row in rows:
            try:
                _refuse_if_listed(row.platform, row.handle)
            except AlreadyListedError as exc:
                problems.append({"line": row.line, "column": "handle", "message": exc.message})
        if problems:
            raise ImportRejectedError(problems)
        registry = selectors.registry_for_scoring()
        candidates = [
            _scored(_new(row, actor=actor, source=Source.LIST, now=now), registry) for row in rows
        ]
        try:
            with transaction.atomic():
                Candidate.objects.bulk_create(candidates)
        except IntegrityError as exc:
            raise AlreadyListedError(
                "Another person listed one of these accounts just now."
            ) from exc
        saved = list(
            Candidate.objects.filter(added_at=now, added_by=actor, source=Source.LIST).order_by(
                "pk"
            )
        )
        audit_record(
            actor=actor,
            action="spoof.imported",
            target_type="spoofs.candidate",
            target_label=f"{len(saved)} accounts",
            after={"count": len(saved), "handles": [f"{c.platform}:@{c.handle}" for c in saved]},
            now=now,
        )
    return saved


def _lock(candidate: Candidate) -> Candidate:
    return Candidate.objects.select_for_update().get(pk=candidate.pk)


def _reason(reason: str, required: str) -> str:
    errors = FieldErrors()
    reason = validation.text(errors, "reason", reason, required=required)
    errors.raise_if_any()
    return reason


def _decide(
    candidate: Candidate, *, actor: User, action: str, audit: str, reason: str, now
) -> Candidate:
    now = aware_now(now)
    permissions.check_can_manage(actor)
    reason = _reason(reason, "Enter why you decided this")
    with transaction.atomic():
        candidate = _lock(candidate)
        return transition(
            candidate,
            workflow=flow.WORKFLOW,
            action=action,
            actor=actor,
            audit_action=audit,
            now=now,
            changes={"decision_reason": reason, "decided_by": actor, "decided_at": now},
            after={"reason": reason},
        )


def candidate_mark_spoof(
    *, candidate: Candidate, actor: User, reason: str, now: dt.datetime | None = None
) -> Candidate:
    """It impersonates the force: a takedown is to be requested."""
    return _decide(
        candidate,
        actor=actor,
        action=flow.MARK_SPOOF,
        audit="spoof.marked_spoof",
        reason=reason,
        now=now,
    )


def candidate_mark_unofficial(
    *, candidate: Candidate, actor: User, reason: str, now: dt.datetime | None = None
) -> Candidate:
    """Run for genuine policing outside the registry: to be brought under 3.2."""
    return _decide(
        candidate,
        actor=actor,
        action=flow.MARK_UNOFFICIAL,
        audit="spoof.marked_unofficial",
        reason=reason,
        now=now,
    )


def candidate_mark_harmless(
    *, candidate: Candidate, actor: User, reason: str, now: dt.datetime | None = None
) -> Candidate:
    """Neither: a namesake, a labelled parody, a fan page."""
    return _decide(
        candidate,
        actor=actor,
        action=flow.MARK_HARMLESS,
        audit="spoof.marked_harmless",
        reason=reason,
        now=now,
    )


def candidate_request_takedown(
    *,
    candidate: Candidate,
    actor: User,
    text: str = "",
    reference: str = "",
    now: dt.datetime | None = None,
) -> Candidate:
    """Record that the takedown request (``text``, by default the draft for the platform) was
    sent through the platform's route, with the platform's reference if it gave one."""
    now = aware_now(now)
    permissions.check_can_manage(actor)
    errors = FieldErrors()
    text = validation.text(errors, "text", text, required=None, max_length=20000)
    reference = validation.text(
        errors, "reference", reference, required=None, max_length=200, multiline=False
    )
    errors.raise_if_any()
    with transaction.atomic():
        candidate = _lock(candidate)
        text = text or selectors.candidate_takedown_draft(candidate)
        return transition(
            candidate,
            workflow=flow.WORKFLOW,
            action=flow.REQUEST_TAKEDOWN,
            actor=actor,
            audit_action="spoof.takedown_requested",
            now=now,
            changes={
                "takedown_text": text,
                "takedown_reference": reference,
                "takedown_requested_at": now,
            },
            after={"route": ROUTES[candidate.platform].url, "reference": reference},
        )


def candidate_record_outcome(
    *,
    candidate: Candidate,
    actor: User,
    outcome: str,
    note: str = "",
    now: dt.datetime | None = None,
) -> Candidate:
    """How it ended (taken down, refused, no answer; or brought under the registry, closed by
    its owner): closes the candidate."""
    now = aware_now(now)
    permissions.check_can_manage(actor)
    errors = FieldErrors()
    note = validation.text(errors, "note", note, required=None)
    errors.raise_if_any()
    with transaction.atomic():
        candidate = _lock(candidate)
        allowed = [str(o) for o in OUTCOMES_FOR.get(candidate.status, ())]
        if allowed and outcome not in allowed:
            raise InvalidInputError(errors={"outcome": ["Select how it ended"]})
        return transition(
            candidate,
            workflow=flow.WORKFLOW,
            action=flow.RECORD_OUTCOME,
            actor=actor,
            audit_action="spoof.outcome_recorded",
            now=now,
            changes={"outcome": outcome, "outcome_note": note, "closed_at": now},
            after={"outcome": outcome, "note": note},
        )


def candidate_reopen(
    *, candidate: Candidate, actor: User, reason: str, now: dt.datetime | None = None
) -> Candidate:
    """Look at it again (new facts): back to the review queue."""
    now = aware_now(now)
    permissions.check_can_manage(actor)
    reason = _reason(reason, "Enter why you are reopening it")
    with transaction.atomic():
        candidate = _lock(candidate)
        return transition(
            candidate,
            workflow=flow.WORKFLOW,
            action=flow.REOPEN,
            actor=actor,
            audit_action="spoof.reopened",
            now=now,
            after={"reason": reason},
        )


def outcome_choices(candidate: Any) -> list[tuple[str, str]]:
    return [(o.value, o.label) for o in OUTCOMES_FOR.get(candidate.status, ())]
