"""Getting a post onto its platform, and off it again (CC/01 4.4, 4.16, 4.26).

Publishing runs in three steps so that no database lock is held while the platform is called,
and so that a process stopping at any moment neither loses nor doubles a post:

1. *claim* (one transaction): the post moves to ``publishing`` with ``claimed_at``; the claim is
   committed before any request leaves;
2. *call* the connector with the post's stable idempotency key (its ``public_id``); a post that
   was claimed before (a retry, or a worker that stopped mid-call) is published with
   ``resume=True``, so the connector looks on the platform before it creates anything;
3. *record* (one transaction): ``published`` with the platform's id and URL only when the
   platform confirmed it; otherwise ``failed`` with the platform's words.

The worker (``bluelamp worker``) claims scheduled posts that are due, and re-claims posts left in
``publishing`` for longer than the lease by a process that stopped. Before a scheduled post goes,
it is checked again as things stand: a declared major incident (4.16), or a finding that now
needs approval or a fix, holds it for a person to decide. Only the version that was approved
(or sent on, when it needed no approval) goes out: a post whose words or images are anything
else is held at the claim, and refused again at the moment of sending (``publish_refusal``).
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, MutableMapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from bluelamp.audit.services import audit_record
from bluelamp.core.clock import aware_now
from bluelamp.core.errors import ApplicationError, InvalidInputError
from bluelamp.engine.workflows import posts as flow
from bluelamp.publishing import notifications, permissions
from bluelamp.publishing.choices import PostKind, RemovalOutcome, VersionSource
from bluelamp.publishing.connectors import (
    Connector,
    ConnectorError,
    Deleted,
    MediaItem,
    OutgoingPost,
    Published,
    RateLimited,
    TokenError,
    TransientError,
    UnsupportedError,
)
from bluelamp.publishing.errors import PublishFailedError
from bluelamp.publishing.models import PlatformConnection, Post, Removal
from bluelamp.publishing.services import versions
from bluelamp.publishing.services.common import RECHECKED, lock, move, rule_words, state_error
from bluelamp.publishing.services.compose import ready_to_go
from bluelamp.publishing.services.connections import (
    connection_failed,
    connector_for,
    token_of,
)

log = logging.getLogger(__name__)

#: A post left in ``publishing`` longer than this was being published by a process that stopped.
CLAIM_LEASE = dt.timedelta(minutes=10)
#: How long to wait before trying again after a platform's temporary failure.
RETRY_AFTER = dt.timedelta(minutes=5)
MAX_AUTOMATIC_ATTEMPTS = 5

#: A function that answers the time (``aware_now``; tests pass a fixed clock). Services that
#: call a platform take ``clock``, since the time moves while they wait; every ``now`` is a time.
Clock = Callable[[], dt.datetime]
#: How connectors wait between attempts (tests replace it so they never sleep).
SLEEP: Callable[[float], None] = time.sleep


# ----------------------------------------------------------------------------- publishing


def post_publish(*, post: Post, actor: Any, clock: Clock | None = None) -> Post:
    """A person publishes a ready (or held, or failed) post now. Returns the post as it ended:
    ``published``, or ``failed`` with the reason (PublishFailedError is raised then)."""
    clock = clock or aware_now
    with transaction.atomic():
        post = lock(post)
        permissions.check_author(actor, post)
        if not flow.allowed(post.state, flow.PUBLISH):
            raise state_error(
                post,
                f"A post that is {post.get_state_display().lower()} cannot be published now.",
                flow.PUBLISH,
            )
        ready_to_go(post, clock())
        resume = post.publish_attempts > 0
        _claim(post, actor=actor, now=clock())
    post = post_deliver(post_id=post.pk, resume=resume, clock=clock)
    if post.state == flow.SCHEDULED:
        raise PublishFailedError(
            f"{post.last_error} Bluelamp will try again at "
            f"{timezone.localtime(post.scheduled_for):%H:%M on %d %b}."
        )
    if post.state != flow.PUBLISHED:
        raise PublishFailedError(post.last_error or None)
    return post


def _claim(post: Post, *, actor: Any, now: dt.datetime) -> None:
    move(
        post,
        flow.PUBLISH,
        actor=actor,
        audit_action="post.publish_started",
        now=now,
        after={"attempt": post.publish_attempts + 1},
        claimed_at=now,
        publish_attempts=post.publish_attempts + 1,
        held_reason="",
    )


def outgoing(post: Post) -> OutgoingPost:
    base = settings.BLUELAMP_PUBLIC_BASE_URL
    media = tuple(
        MediaItem(
            data=bytes(image.data),
            mime_type=image.mime_type,
            filename=f"{image.public_id}.{image.mime_type.rsplit('/', 1)[-1]}",
            url=f"{base}/media/{image.public_id}" if base else None,
            alt_text=image.alt_text,
        )
        for image in post.images.filter(removed_at__isnull=True)
    )
    return OutgoingPost(
        idempotency_key=str(post.public_id),
        text=post.text,
        media=media,
        in_reply_to=post.reply_to if post.kind == PostKind.REPLY else "",
        quote_of=post.quote_of,
    )


def post_deliver(*, post_id: int, resume: bool, clock: Clock | None = None) -> Post:
    """Step 2 and 3 for a claimed post. Never raises for a platform's refusal: the post ends
    ``published`` or ``failed`` (and a temporary failure is scheduled to be tried again)."""
    clock = clock or aware_now
    post = Post.objects.select_related("account", "account__owner", "account__deputy").get(
        pk=post_id
    )
    refusal = versions.publish_refusal(post)
    if refusal:
        return _not_this_version(post_id, refusal, now=clock())
    try:
        connector, token = _platform(post, containers=ContainerStore(post))
        published = connector.publish(outgoing(post), token, resume=resume)
    except TokenError as error:
        _token_refused(post, error, clock())
        return _failed(post_id, error, retry=False, now=clock())
    except (RateLimited, TransientError) as error:
        return _failed(post_id, error, retry=True, now=clock())
    except ConnectorError as error:
        return _failed(post_id, error, retry=False, now=clock())
    return _published(post_id, published, now=clock())


def _platform(post: Post, **options: Any) -> tuple[Connector, str]:
    """The connector for the post's account and its access token. UnsupportedError where
    Bluelamp cannot reach the platform; TokenError when the account is not connected."""
    connection = PlatformConnection.objects.filter(account=post.account).first()
    connector = connector_for(post.account, connection, sleep=SLEEP, **options)
    if connection is None:
        raise TokenError(
            f"{post.account} is not connected for publishing: save its access token first",
            platform=post.account.platform,
        )
    return connector, token_of(connection)


def _token_refused(post: Post, error: ConnectorError, now: dt.datetime) -> None:
    """A refused token is recorded on the connection, and its owner told once."""
    if isinstance(error, TokenError):
        connection_failed(account=post.account, cause=str(error), now=now)


class ContainerStore(MutableMapping):
    """The connector's record of a post's Instagram media container, written to the post's row
    the moment it exists (outside any transaction): a worker that stops after creating the
    container is followed by one that publishes that same container, not a second one."""

    def __init__(self, post: Post) -> None:
        self._pk = post.pk
        key = str(post.public_id)
        self._data = {key: post.platform_container_id} if post.platform_container_id else {}

    def __getitem__(self, key: str) -> str:
        return self._data[key]

    def __setitem__(self, key: str, value: str) -> None:
        self._data[key] = value
        Post.objects.filter(pk=self._pk).update(platform_container_id=value)

    def __delitem__(self, key: str) -> None:
        del self._data[key]
        Post.objects.filter(pk=self._pk).update(platform_container_id="")

    def __iter__(self):
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


@transaction.atomic
def _published(post_id: int, published: Published, *, now: dt.datetime) -> Post:
    from bluelamp.social_accounts.models import Account

    post = lock(post_id)
    move(
        post,
        flow.CONFIRM,
        actor=None,
        audit_action="post.published",
        now=now,
        after={
            "platform_post_id": published.platform_post_id,
            "url": published.url,
            "attempts": published.attempts,
            "found_after_lost_answer": published.reconciled,
        },
        platform_post_id=published.platform_post_id,
        platform_url=published.url,
        published_at=now,
        last_error="",
        claimed_at=None,
    )
    Account.objects.filter(pk=post.account_id).update(last_post_at=now)
    log.info("post %s published on %s", post.pk, published.platform)
    return post


@transaction.atomic
def _not_this_version(post_id: int, message: str, *, now: dt.datetime) -> Post:
    """Nothing was sent: the words or images about to go out are not the approved version."""
    post = lock(post_id)
    move(
        post,
        flow.FAIL,
        actor=None,
        audit_action="post.publish_refused",
        now=now,
        after={"reason": message, "version": post.version},
        last_error=message,
        claimed_at=None,
    )
    log.warning("post %s not published: not the approved version", post.pk)
    notifications.held_or_failed(post, "not published", message)
    return post


@transaction.atomic
def _failed(post_id: int, error: ConnectorError, *, retry: bool, now: dt.datetime) -> Post:
    post = lock(post_id)
    message = str(error)
    move(
        post,
        flow.FAIL,
        actor=None,
        audit_action="post.publish_failed",
        now=now,
        after={"error": message, "code": error.code, "status": error.status},
        last_error=message,
        claimed_at=None,
    )
    log.warning("post %s not published: %s", post.pk, type(error).__name__)
    if not (retry and post.publish_attempts < MAX_AUTOMATIC_ATTEMPTS):
        notifications.held_or_failed(post, "not published", message)
        return post
    wait = RETRY_AFTER
    if isinstance(error, RateLimited):
        wait = max(wait, dt.timedelta(seconds=error.retry_after))
    move(
        post,
        flow.SCHEDULE,
        actor=None,
        audit_action="post.scheduled",
        now=now,
        after={"scheduled_for": now + wait, "retry": True},
        scheduled_for=now + wait,
    )
    return post


# -------------------------------------------------------------------------------- the worker


def claim_due(now: dt.datetime) -> list[tuple[int, bool]]:
    """Claim what is due: scheduled posts whose time has come, and posts a stopped process left
    in ``publishing``. Returns ``(post id, resume)`` pairs; holds posts that may not go now."""
    from bluelamp.incidents.selectors import crisis_context

    claimed: list[tuple[int, bool]] = []
    with transaction.atomic():
        due = (
            Post.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("account", "author")
            .filter(state=flow.SCHEDULED, scheduled_for__lte=now)
            .order_by("scheduled_for", "pk")[:50]
        )
        major = crisis_context(now).major_incident_active
        for post in due:
            if major and "major-incident" not in post.authorisations:
                _hold(post, "A major incident is declared: scheduled posts are held (4.16).", now)
                continue
            try:
                ready_to_go(post, now)
            except ApplicationError as refusal:
                _hold(post, f"Not published at its time: {refusal.message}", now)
                continue
            resume = post.publish_attempts > 0
            _claim(post, actor=None, now=now)
            claimed.append((post.pk, resume))
        stale = (
            Post.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(state=flow.PUBLISHING, claimed_at__lt=now - CLAIM_LEASE)
            .order_by("claimed_at", "pk")[:50]
        )
        for post in stale:
            post.claimed_at = now
            post.save(update_fields=["claimed_at"])
            claimed.append((post.pk, True))
    return claimed


def _hold(post: Post, reason: str, now: dt.datetime) -> None:
    move(
        post,
        flow.HOLD,
        actor=None,
        audit_action="post.held",
        now=now,
        after={"reason": reason},
        held_reason=reason,
    )
    notifications.held_or_failed(post, "held", reason)


def run_once(*, clock: Clock | None = None) -> int:
    """One pass of the worker: claim what is due and publish it. Returns how many it tried."""
    clock = clock or aware_now
    claimed = claim_due(clock())
    for post_id, resume in claimed:
        post_deliver(post_id=post_id, resume=resume, clock=clock)
    return len(claimed)


# ---------------------------------------------------------------------------------- removal


def post_remove(*, post: Post, actor: Any, reason: Any, clock: Clock | None = None) -> Removal:
    """Delete a published post on its platform and record the outcome. The post is marked
    removed only when the platform confirmed it (or it was already gone); otherwise the failed
    attempt is recorded and the post stays published."""
    clock = clock or aware_now
    text = reason.strip() if isinstance(reason, str) else ""
    if not text:
        raise InvalidInputError(
            "Say why the post is being removed",
            errors={"reason": ["Say why the post is being removed"]},
        )
    with transaction.atomic():
        post = lock(post)
        permissions.check_can_remove(actor, post)
        if not flow.allowed(post.state, flow.REMOVE):
            raise state_error(
                post,
                f"Only a published post can be removed; this one is "
                f"{post.get_state_display().lower()}.",
            )
    try:
        connector, token = _platform(post)
        deleted: Deleted = connector.delete(post.platform_post_id, token)
    except ConnectorError as error:
        _token_refused(post, error, clock())
        by_hand = isinstance(error, UnsupportedError)
        return _removal_failed(post, actor, text, error, clock(), by_hand_needed=by_hand)
    outcome = RemovalOutcome.ALREADY_GONE if deleted.already_gone else RemovalOutcome.DELETED
    return _removed(post, actor, text, outcome, dict(deleted.raw), "", clock())


def post_remove_by_hand(
    *, post: Post, actor: Any, reason: Any, detail: Any, now: dt.datetime | None = None
) -> Removal:
    """A person deleted the post in the platform's app (where the API cannot): who and when."""
    text = reason.strip() if isinstance(reason, str) else ""
    how = detail.strip() if isinstance(detail, str) else ""
    errors = {}
    if not text:
        errors["reason"] = ["Say why the post was removed"]
    if not how:
        errors["detail"] = ["Say who removed it in the app, and when"]
    if errors:
        raise InvalidInputError(next(iter(errors.values()))[0], errors=errors)
    with transaction.atomic():
        locked = lock(post)
        permissions.check_can_remove(actor, locked)
        if not flow.allowed(locked.state, flow.REMOVE):
            raise state_error(locked, "Only a published post can be removed.")
    return _removed(post, actor, text, RemovalOutcome.DONE_BY_HAND, {}, how, aware_now(now))


@transaction.atomic
def _removed(
    post: Post,
    actor: Any,
    reason: str,
    outcome: str,
    raw: dict,
    detail: str,
    now: dt.datetime,
) -> Removal:
    post = lock(post)
    removal = Removal.objects.create(
        post=post,
        requested_by=actor,
        reason=reason,
        outcome=outcome,
        detail=detail,
        platform_response=raw,
        at=now,
    )
    if flow.allowed(post.state, flow.REMOVE):
        move(
            post,
            flow.REMOVE,
            actor=actor,
            audit_action="post.removed",
            now=now,
            after={"reason": reason, "outcome": outcome, "detail": detail},
            removed_at=now,
        )
    return removal


@transaction.atomic
def _removal_failed(
    post: Post,
    actor: Any,
    reason: str,
    error: ConnectorError,
    now: dt.datetime,
    *,
    by_hand_needed: bool,
) -> Removal:
    detail = str(error)
    if by_hand_needed:
        detail += " Delete it in the platform's app, then record that here."
    removal = Removal.objects.create(
        post=post,
        requested_by=actor,
        reason=reason,
        outcome=RemovalOutcome.FAILED,
        detail=detail,
        by_hand_needed=by_hand_needed,
        platform_response=error.raw if isinstance(error.raw, dict) else {},
        at=now,
    )
    audit_record(
        actor=actor,
        action="post.removal_failed",
        target=post,
        after={"reason": reason, "error": detail},
        now=now,
    )
    return removal


# ------------------------------------------------------------------------------- correction


def _correction_input(post: Post, text: Any, reason: Any, now: dt.datetime) -> tuple[str, str]:
    """The new words and the reason, or InvalidInputError. The new words are checked as a post:
    nothing that must be fixed, and no judgement the post's approval did not already cover."""
    from bluelamp.core.errors import FieldErrors
    from bluelamp.publishing.services.common import check_text
    from bluelamp.publishing.services.compose import clean_text

    errors = FieldErrors()
    words = clean_text(errors, text)
    why = reason.strip() if isinstance(reason, str) else ""
    if not why:
        errors.add("reason", "Say why the post is being corrected")
    if words and words == post.text:
        errors.add("text", "The new words are the same as the published ones")
    errors.raise_if_any()
    report = check_text(
        text=words,
        account=post.account,
        kind=post.kind,
        now=now,
        authorisations=frozenset(post.authorisations),
    )
    route = flow.route(report.findings)
    if route.must_fix:
        rules = rule_words(f.rule for f in route.must_fix)
        message = f"The new words have problems marked 'block' ({rules}): fix them first"
        raise InvalidInputError(message, errors={"text": [message]})
    already = {f["rule"] for f in post.findings}
    new_judgements = {f.rule for f in route.approval_for} - already
    if new_judgements:
        message = (
            "The new words need an approval the post did not have ("
            + ", ".join(sorted(new_judgements))
            + "): withdraw the post and write a new one instead"
        )
        raise InvalidInputError(message, errors={"text": [message]})
    return words, why


def post_correct(*, post: Post, actor: Any, text: Any, reason: Any, clock: Clock | None = None):
    """Change a published post's words on its platform (where the API allows) and record it.
    The post's text changes only when the platform confirmed it; a failed attempt is recorded
    and the post keeps its words."""
    from bluelamp.publishing.choices import CorrectionOutcome
    from bluelamp.publishing.models import Correction

    clock = clock or aware_now
    with transaction.atomic():
        post = lock(post)
        permissions.check_can_remove(actor, post)
        if post.state != flow.PUBLISHED:
            raise state_error(post, "Only a published post can be corrected.", "correct")
    words, why = _correction_input(post, text, reason, clock())
    try:
        connector, token = _platform(post)
        edited = connector.edit(post.platform_post_id, words, token)
    except ConnectorError as error:
        _token_refused(post, error, clock())
        by_hand = isinstance(error, UnsupportedError)
        with transaction.atomic():
            correction = Correction.objects.create(
                post=post,
                requested_by=actor,
                reason=why,
                old_text=post.text,
                new_text=words,
                outcome=CorrectionOutcome.FAILED,
                by_hand_needed=by_hand,
                detail=_correction_refused(post, error, by_hand),
                platform_response=error.raw if isinstance(error.raw, dict) else {},
                at=clock(),
            )
            audit_record(
                actor=actor,
                action="post.correction_failed",
                target=post,
                after={"reason": why, "error": correction.detail},
                now=clock(),
            )
        return correction
    return _corrected(
        post, actor, why, words, CorrectionOutcome.CORRECTED, dict(edited.raw), "", clock()
    )


def _correction_refused(post: Post, error: ConnectorError, by_hand: bool) -> str:
    """The platform's refusal in words, said once."""
    name = post.account.get_platform_display()
    if by_hand:
        return (
            f"{name}'s API cannot change a published post: correct it in {name}'s app, then "
            "record that here."
        )
    return f"{name} said: {error.message}"


def post_correct_by_hand(
    *, post: Post, actor: Any, text: Any, reason: Any, detail: Any, now: dt.datetime | None = None
):
    """A person corrected the post in the platform's app (where the API cannot): the words it
    now has, why, and who did it when."""
    now = aware_now(now)
    with transaction.atomic():
        locked = lock(post)
        permissions.check_can_remove(actor, locked)
        if locked.state != flow.PUBLISHED:
            raise state_error(locked, "Only a published post can be corrected.", "correct")
    how = detail.strip() if isinstance(detail, str) else ""
    if not how:
        raise InvalidInputError(
            "Say who corrected it in the app, and when",
            errors={"detail": ["Say who corrected it in the app, and when"]},
        )
    words, why = _correction_input(locked, text, reason, now)
    from bluelamp.publishing.choices import CorrectionOutcome

    return _corrected(locked, actor, why, words, CorrectionOutcome.DONE_BY_HAND, {}, how, now)


@transaction.atomic
def _corrected(
    post: Post,
    actor: Any,
    reason: str,
    words: str,
    outcome: str,
    raw: dict,
    detail: str,
    now: dt.datetime,
):
    from bluelamp.publishing.models import Correction
    from bluelamp.publishing.services.common import recheck

    post = lock(post)
    old = post.text
    correction = Correction.objects.create(
        post=post,
        requested_by=actor,
        reason=reason,
        old_text=old,
        new_text=words,
        outcome=outcome,
        detail=detail,
        platform_response=raw,
        at=now,
    )
    post.text = words
    recheck(post, now)
    version = versions.version_record(
        post=post, actor=actor, source=VersionSource.CORRECTED, now=now
    )
    post.updated_at = now
    post.save(update_fields=["text", "version", *RECHECKED, "updated_at"])
    audit_record(
        actor=actor,
        action="post.corrected",
        target=post,
        before={"text": old},
        after={
            "text": words,
            "reason": reason,
            "outcome": outcome,
            "detail": detail,
            "version": version.number,
        },
        now=now,
    )
    return correction
