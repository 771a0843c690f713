"""Every write to spoof candidates (CC/01 6.11): adding one by hand, importing a list, CCD's
review (spoof, unofficial but genuine, harmless), the takedown request and the outcome.

Each takes the acting user and the time (``now``; the real clock only when not given), checks
that the actor is in Corporate Communications and, in one transaction, the candidate's state
against ``engine.workflows.spoofs``, saves the changed fields and writes the audit event. A
refusal raises an ``ApplicationError`` and changes nothing."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction

from bluelamp.audit.models import AuditEvent
from bluelamp.audit.services import audit_record
from bluelamp.core import validation
from bluelamp.core.clock import aware_now
from bluelamp.core.errors import FieldErrors, InvalidInputError
from bluelamp.core.models import User
from bluelamp.core.policy import policy_pack
from bluelamp.core.transitions import transition
from bluelamp.engine.handles import HandleError, handle_key, normalise_handle
from bluelamp.engine.workflows import spoofs as flow
from bluelamp.publishing.choices import ConnectionStatus
from bluelamp.publishing.connectors import ConnectorError, RateLimited, TokenError, XConnector
from bluelamp.publishing.connectors.base import RetryPolicy
from bluelamp.publishing.connectors.x import USERS_PER_LOOKUP, XUser
from bluelamp.publishing.models import PlatformConnection
from bluelamp.publishing.services.connections import token_of
from bluelamp.social_accounts.choices import Platform
from bluelamp.social_accounts.models import Account
from bluelamp.spoofs import lists, permissions, selectors
from bluelamp.spoofs.choices import OUTCOMES_FOR, Source
from bluelamp.spoofs.errors import (
    AlreadyListedError,
    ImportRejectedError,
    SearchRateLimitedError,
    SearchStoppedError,
    SearchUnavailableError,
)
from bluelamp.spoofs.lookalikes import lookalike_handles
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


# ------------------------------------------------------------------------------ the search

#: How often the worker searches X (``candidate_search_sweep``).
SEARCH_EVERY = dt.timedelta(days=7)
LONDON = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class SearchResult:
    """What one search of X did: how many lookalike usernames were looked up in how many
    requests, which accounts exist, which of those were added and which were already listed
    (a candidate or a registered account); ``stopped`` says why it ended early, if it did."""

    looked_up: int
    requests: int
    found: tuple[str, ...]
    added: tuple[Candidate, ...]
    already_listed: tuple[str, ...]
    stopped: str = ""
    retry_after: int | None = None

    def summary(self) -> str:
        text = (
            f"Looked up {self.looked_up} lookalike usernames on X in {self.requests} "
            f"request{'s' if self.requests != 1 else ''}: {len(self.found)} exist, "
            f"{len(self.added)} added for review, {len(self.already_listed)} already listed."
        )
        return f"{text} {self.stopped}" if self.stopped else text


def _x_token() -> str:
    """The X app's bearer token (settings), else the token of an X account connected for
    publishing (from the vault): a user's token can look accounts up too."""
    token = getattr(settings, "BLUELAMP_X_BEARER_TOKEN", "")
    if token:
        return token
    connection = (
        PlatformConnection.objects.filter(account__platform="x", status=ConnectionStatus.WORKING)
        .order_by("-connected_at", "-pk")
        .first()
    )
    if connection is None:
        raise SearchUnavailableError()
    return token_of(connection)


def _stop_message(error: ConnectorError, clock: float) -> tuple[str, int | None]:
    if isinstance(error, RateLimited):
        wait = max(1, math.ceil(error.retry_after))
        at = dt.datetime.fromtimestamp(clock + wait, tz=dt.UTC)
        return (
            "X's rate limit for looking up accounts is used up: try again after "
            f"{at.astimezone(LONDON):%H:%M} (in about {math.ceil(wait / 60)} minutes).",
            wait,
        )
    if isinstance(error, TokenError):
        return (f"X refused Bluelamp's token ({error.message}): renew it and try again.", None)
    return (f"X did not answer the search ({error.message}): try again later.", None)


def candidate_search(
    *,
    actor: User | None,
    now: dt.datetime | None = None,
    connector: XConnector | None = None,
) -> SearchResult:
    """Search X for spoofs: look up the lookalikes of every registered X handle and of the
    force's names (``spoofs.lookalikes``) through X's users lookup, 100 a request, and add every
    account that exists and is not already listed as a candidate, scored, for CCD's review.

    ``actor`` is a member of CCD, or None for the worker's weekly search. X is asked with no
    transaction open; the candidates and the audit event (counts only) are written after, in
    one transaction. If X stops the search part way (its rate limit, an error), what was found
    before is kept and ``stopped`` says why; if it stops it before anything was looked up,
    :class:`SearchStoppedError` (:class:`SearchRateLimitedError` for the rate limit) is raised
    after the audit event is written."""
    now = aware_now(now)
    if actor is not None:
        permissions.check_can_manage(actor)
    token = _x_token()
    registered = list(Account.objects.filter(platform=Platform.X).values_list("handle", flat=True))
    names = lookalike_handles(registered, policy_pack().lexicon("spoofs.force_names"))
    connector = connector or XConnector(
        api_base=settings.BLUELAMP_X_API_BASE,
        retry=RetryPolicy(max_wait=0),  # a rate limit ends the search: nobody waits on it
    )
    users: list[XUser] = []
    requests = looked_up = 0
    stopped, retry_after, refusal = "", None, None
    for start in range(0, len(names), USERS_PER_LOOKUP):
        batch = names[start : start + USERS_PER_LOOKUP]
        try:
            answer = connector.lookup_usernames(batch, token)
        except ConnectorError as error:
            stopped, retry_after = _stop_message(error, connector.clock())
            refusal = error
            break
        requests += 1
        looked_up += len(batch)
        users += answer.users
    found, added, listed = _add_found(
        users, actor=actor, now=now, looked_up=looked_up, requests=requests, stopped=stopped
    )
    if refusal is not None and not looked_up:
        error_class = (
            SearchRateLimitedError if isinstance(refusal, RateLimited) else SearchStoppedError
        )
        raise error_class(stopped, retry_after=retry_after)
    return SearchResult(
        looked_up=looked_up,
        requests=requests,
        found=found,
        added=added,
        already_listed=listed,
        stopped=stopped,
        retry_after=retry_after,
    )


def _add_found(
    users: list[XUser],
    *,
    actor: User | None,
    now: dt.datetime,
    looked_up: int,
    requests: int,
    stopped: str,
) -> tuple[tuple[str, ...], tuple[Candidate, ...], tuple[str, ...]]:
    """Add each found account not already listed, and write the search's audit event."""
    added: list[Candidate] = []
    listed: list[str] = []
    with transaction.atomic():
        registry = selectors.registry_for_scoring()
        seen: set[str] = set()
        for user in users:
            key = handle_key(user.username)
            if key in seen:
                continue
            seen.add(key)
            if (
                selectors.registered_handle(Platform.X, key) is not None
                or Candidate.objects.filter(platform=Platform.X, handle_key=key).exists()
            ):
                listed.append(user.username)
                continue
            bio = f"Bio on X: {user.description}" if user.description else ""
            candidate = _scored(
                Candidate(
                    platform=Platform.X,
                    handle=user.username,
                    handle_key=key,
                    display_name=user.name[:150],
                    url=f"https://x.com/{user.username}",
                    notes=bio[: lists.MAX_NOTES],
                    source=Source.SEARCH,
                    added_by=actor,
                    added_at=now,
                ),
                registry,
            )
            try:
                with transaction.atomic():
                    candidate.save()
            except IntegrityError:  # listed by someone else a moment ago
                listed.append(user.username)
                continue
            added.append(candidate)
        audit_record(
            actor=actor,
            actor_text=None if actor is not None else "bluelamp worker (weekly spoof search)",
            action="spoof.searched",
            target_type="spoofs.candidate",
            target_label=f"X: {len(added)} added",
            after={
                "platform": "x",
                "looked_up": looked_up,
                "requests": requests,
                "found": len(seen),
                "added": len(added),
                "already_listed": len(listed),
                "stopped": stopped,
            },
            now=now,
        )
    return tuple(u.username for u in users), tuple(added), tuple(listed)


def candidate_search_sweep(*, now: dt.datetime | None = None) -> SearchResult | None:
    """The worker's weekly search, when ``BLUELAMP_SPOOF_SEARCH_WEEKLY`` is on: runs
    :func:`candidate_search` if no search (by anyone) is recorded in the last
    :data:`SEARCH_EVERY`; None when it did not run."""
    now = aware_now(now)
    if not getattr(settings, "BLUELAMP_SPOOF_SEARCH_WEEKLY", False):
        return None
    if AuditEvent.objects.filter(
        action="spoof.searched", occurred_at__gt=now - SEARCH_EVERY
    ).exists():
        return None
    try:
        return candidate_search(actor=None, now=now)
    except (SearchUnavailableError, SearchStoppedError):
        return None
