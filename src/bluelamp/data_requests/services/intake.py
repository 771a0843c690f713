"""Recording a request and what it concerns: intake (CC/01 4.27), the posts linked, the
regime, and the requester's identity (the clock's relevant date, rule 1)."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from django.db import transaction

from bluelamp.core import validation
from bluelamp.core.clock import aware_now
from bluelamp.core.errors import FieldErrors, InvalidInputError
from bluelamp.core.models import User
from bluelamp.data_requests import permissions, selectors
from bluelamp.data_requests.choices import (
    ReceivedHow,
    Regime,
    Right,
)
from bluelamp.data_requests.errors import ExtensionRefusedError
from bluelamp.data_requests.models import (
    PostDecision,
    RemovalRequest,
)
from bluelamp.data_requests.services.common import (
    MAX_NAME,
    audit,
    lock,
    move,
    plain,
    require_state,
    simple_step,
)
from bluelamp.engine import deadlines
from bluelamp.engine.workflows import data_requests as flow
from bluelamp.publishing.models import Post

logger = logging.getLogger(__name__)


def removal_request_create(
    *,
    actor: User,
    requester_name: str,
    requester_contact: str,
    request_text: str,
    right: str,
    regime: str = Regime.UNKNOWN,
    received_at: dt.datetime | None,
    received_how: str,
    now: dt.datetime | None = None,
) -> RemovalRequest:
    """Record a request received in writing or verbally (4.27); the actor owns it.

    A received time in the future is refused: the statutory clock would start wrongly."""
    now = aware_now(now)
    permissions.check_can_act(actor)
    errors = FieldErrors()
    name = validation.text(
        errors,
        "requester_name",
        requester_name,
        required="Enter the requester's name",
        max_length=MAX_NAME,
    )
    contact = validation.text(
        errors,
        "requester_contact",
        requester_contact,
        required="Enter how to contact the requester",
    )
    text = validation.text(
        errors, "request_text", request_text, required="Enter what the requester asks"
    )
    right = validation.choice(errors, "right", right, Right, "Select rectification or erasure")
    regime = validation.choice(
        errors, "regime", regime, Regime, "Select UK GDPR, Part 3 or not known"
    )
    how = validation.choice(
        errors, "received_how", received_how, ReceivedHow, "Select in writing or verbally"
    )
    received = validation.moment(
        errors,
        "received_at",
        received_at,
        now,
        required="Enter when the request was received",
        what="the date the request was received",
    )
    errors.raise_if_any()
    with transaction.atomic():
        request = RemovalRequest.objects.create(
            requester_name=name,
            requester_contact=contact,
            request_text=text,
            right=right,
            regime=regime,
            received_at=received,
            received_how=how,
            owner=actor,
            status=flow.WORKFLOW.initial,
        )
        audit(
            actor=actor,
            action="removal_request.received",
            target=request,
            now=now,
            after={
                "right": right,
                "regime": regime,
                "received_at": plain(received),
                "received_how": how,
                "status": request.status,
                "owner": actor.username,
            },
        )
    logger.info("removal request %s recorded", request.reference)
    return request


#: How much of an archived post's text is copied as the decision's excerpt.
EXCERPT_CHARS = 280


def _excerpt(text: str) -> str:
    """The start of a post's text, cut at a word where it is long."""
    text = " ".join(str(text or "").split())
    if len(text) <= EXCERPT_CHARS:
        return text
    return text[:EXCERPT_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def removal_request_post_add(
    *,
    actor: User,
    removal_request: RemovalRequest,
    url: str = "",
    platform: str = "",
    excerpt: str = "",
    archived_post: Post | Any = None,
    now: dt.datetime | None = None,
) -> PostDecision:
    """Link a post the request concerns: either a post from the archive (``archived_post``,
    the Post or its public id; on any account, CC/01 4.26–4.31), whose address, platform and
    the start of its text are copied, or a post the archive does not hold, by its address,
    platform and an excerpt. The same archived post is linked to a request only once (a post
    on several accounts, or re-shared, is several posts: each is linked on its own)."""
    now = aware_now(now)
    permissions.check_can_act(actor)
    errors = FieldErrors()
    post: Post | None = None
    if archived_post not in (None, ""):
        if any(str(v or "").strip() for v in (url, platform, excerpt)):
            errors.add(
                "archived_post",
                "Either choose a post from the archive, or give the address of a post that is "
                "not in the archive: not both",
            )
        else:
            post = selectors.archive_post_for_linking(archived_post)
            if post is None:
                errors.add(
                    "archived_post",
                    "There is no such post in the archive (only published, removed and "
                    "imported posts can be linked)",
                )
        errors.raise_if_any()
        url = post.platform_url
        platform = post.account.get_platform_display()
        excerpt = _excerpt(post.text)
    else:
        url = validation.text(
            errors, "url", url, required="Enter the address of the post", max_length=500
        )
        if url:
            try:
                URLValidator(schemes=["http", "https"])(url)
            except DjangoValidationError:
                errors.add("url", "Enter the address of the post, starting https://")
        platform = validation.text(
            errors, "platform", platform, required="Enter the platform", max_length=40
        )
        excerpt = validation.text(errors, "excerpt", excerpt, required=None)
        errors.raise_if_any()
    with transaction.atomic():
        request = lock(removal_request)
        require_state(request, flow.ADD_POST)
        if post is not None and request.posts.filter(archived_post=post).exists():
            message = (
                f"That post (@{post.account.handle} on {platform}) is already linked to "
                f"{request.reference}. A copy on another account, or a re-share, is a "
                "separate post in the archive: link that one instead."
            )
            raise InvalidInputError(message, errors={"archived_post": [message]})
        decision = PostDecision.objects.create(
            request=request, archived_post=post, url=url, platform=platform, excerpt=excerpt
        )
        after: dict[str, Any] = {"post": decision.pk, "url": url, "platform": platform}
        if post is not None:
            after["archived_post"] = str(post.public_id)
            after["account"] = post.account.handle
        audit(
            actor=actor,
            action="removal_request.post_added",
            target=request,
            now=now,
            after=after,
        )
    return decision


def removal_request_regime_set(
    *,
    actor: User,
    removal_request: RemovalRequest,
    regime: str,
    now: dt.datetime | None = None,
) -> RemovalRequest:
    """Establish the regime (UK GDPR or Part 3) once it is known; the clock follows it. Refused
    when the request is extended and the new regime would not allow that extension."""
    now = aware_now(now)
    permissions.check_can_act(actor)
    errors = FieldErrors()
    regime = validation.choice(
        errors, "regime", regime, Regime, "Select UK GDPR, Part 3 or not known"
    )
    errors.raise_if_any()
    with transaction.atomic():
        request = lock(removal_request)
        require_state(request, flow.SET_REGIME)
        before = {"regime": request.regime}
        request.regime = regime
        if request.extended:
            try:
                selectors.removal_request_clock(request)
            except deadlines.ExtensionNotAllowed as exc:
                raise ExtensionRefusedError(
                    f"{request.reference} has been extended, and under that regime it could "
                    f"not be: {exc.message}"
                ) from None
        request.save(update_fields=["regime", "updated_at"])
        audit(
            actor=actor,
            action="removal_request.regime_set",
            target=request,
            now=now,
            before=before,
            after={"regime": regime},
        )
    return request


# --- Identity -------------------------------------------------------------------------------------


def removal_request_identity_ask(
    *, actor: User, removal_request: RemovalRequest, now: dt.datetime | None = None
) -> RemovalRequest:
    """Ask the requester for proof of identity (rule 1: the clock restarts when it arrives)."""
    return simple_step(
        removal_request,
        flow.ASK_IDENTITY,
        actor=actor,
        now=now,
        audit_action="removal_request.identity_requested",
        stamp="identity_requested_at",
    )


def removal_request_identity_receive(
    *,
    actor: User,
    removal_request: RemovalRequest,
    received_at: dt.datetime | None,
    now: dt.datetime | None = None,
) -> RemovalRequest:
    """Record that proof of identity arrived; it moves the relevant date (rule 1)."""
    now = aware_now(now)
    permissions.check_can_act(actor)
    with transaction.atomic():
        request = lock(removal_request)
        require_state(request, flow.RECEIVE_IDENTITY)
        errors = FieldErrors()
        received = validation.moment(
            errors,
            "received_at",
            received_at,
            now,
            required="Enter when the proof of identity was received",
            what="the date the proof of identity was received",
            not_before=request.received_at,
            not_before_message="The proof of identity cannot arrive before the request",
        )
        errors.raise_if_any()
        move(
            request,
            flow.RECEIVE_IDENTITY,
            actor=actor,
            now=now,
            audit_action="removal_request.identity_received",
            stamp="identity_received_at",
            at=received,
        )
    return request


def removal_request_identity_confirm(
    *, actor: User, removal_request: RemovalRequest, now: dt.datetime | None = None
) -> RemovalRequest:
    """Record that the requester's identity is not in doubt, so the request can be decided."""
    return simple_step(
        removal_request,
        flow.CONFIRM_IDENTITY,
        actor=actor,
        now=now,
        audit_action="removal_request.identity_confirmed",
    )
