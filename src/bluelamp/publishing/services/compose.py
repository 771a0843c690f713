"""Writing a post: drafts, images, the disclosure record, and routing it by its verdict.

``post_create`` / ``post_update`` store the text and its findings; ``post_image_add`` strips the
metadata of an upload before anything is stored and looks for faces; ``post_image_blur`` and
``post_image_consent`` settle the faces (4.10); ``post_record`` takes the disclosure record (4.24);
``post_submit`` routes the post: refused while a ``block`` stands, to the approver a ``review``
needs, else ready. Time is always passed in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.db import transaction

from bluelamp.audit.services import audit_record
from bluelamp.core import validation
from bluelamp.core.clock import aware_now
from bluelamp.core.errors import FieldErrors, InvalidInputError
from bluelamp.core.policy import policy_pack
from bluelamp.engine.model import MAX_TEXT_CHARS, InputError
from bluelamp.engine.workflows import posts as flow
from bluelamp.publishing import answers, notifications, permissions
from bluelamp.publishing.choices import PostKind
from bluelamp.publishing.errors import (
    BlockedError,
    FacesUnsettledError,
    RecordNeededError,
    VersionNotApprovedError,
)
from bluelamp.publishing.models import Post, PostImage
from bluelamp.publishing.services import versions
from bluelamp.publishing.services.common import (
    RECHECKED,
    lock,
    move,
    not_allowed,
    recheck,
    require,
    rule_words,
    state_error,
)
from bluelamp.social_accounts.services.security import refuse_if_publishing_suspended

#: Uploads larger than this are refused before they are read as images.
MAX_IMAGE_BYTES = 8 * 1024 * 1024
MAX_IMAGES = 4
IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}
#: The longest text any platform takes (Facebook); X's own limit is checked by X.
MAX_POST_CHARS = 63_206


def clean_text(errors: FieldErrors, text: Any) -> str:
    value = text if isinstance(text, str) else ""
    value = value.replace("\r\n", "\n").strip()
    if not value:
        errors.add("text", "Enter the text of the post")
    elif len(value) > min(MAX_POST_CHARS, MAX_TEXT_CHARS):
        errors.add(
            "text", f"The post is {len(value):,} characters; the limit is {MAX_POST_CHARS:,}"
        )
    return value


def _kind(errors: FieldErrors, kind: Any) -> str:
    if kind in PostKind.values:
        return kind
    errors.add("kind", "Choose what kind of post this is")
    return PostKind.POST


def _schedule(errors: FieldErrors, when: Any, now: dt.datetime) -> dt.datetime | None:
    if when in (None, ""):
        return None
    if not isinstance(when, dt.datetime):
        errors.add(
            "scheduled_for", "Enter the date and time to publish, for example 2026-12-01 09:30"
        )
        return None
    if when.tzinfo is None:
        errors.add("scheduled_for", "The time to publish must say its time zone")
        return None
    if when <= now:
        errors.add("scheduled_for", "The time to publish must be in the future")
    return when


def _snapshot(post: Post) -> dict[str, Any]:
    return {
        "account": post.account_id,
        "kind": post.kind,
        "text": post.text,
        "verdict": post.verdict,
        "rules": sorted({f["rule"] for f in post.findings}),
        "in_reply_to": post.reply_to,
        "quote_of": post.quote_of,
    }


def _answers(
    errors: FieldErrors, *, actor: Any, account: Any, kind: str, in_reply_to: Any, quote_of: Any
) -> tuple[str, str, str]:
    """``(kind, reply_to, quote_of)``: what a reply answers or a post quotes, as the
    platform's ids (``publishing.answers``); naming a post to reply to makes it a reply."""
    try:
        reply_to = answers.resolve(
            actor=actor, account=account, value=in_reply_to, field="in_reply_to"
        )
    except InvalidInputError as error:
        errors.add("in_reply_to", error.message)
        reply_to = ""
    try:
        quoted = answers.resolve(
            actor=actor, account=account, value=quote_of, field="quote_of", quote=True
        )
    except InvalidInputError as error:
        errors.add("quote_of", error.message)
        quoted = ""
    if reply_to and kind == PostKind.POST:
        kind = PostKind.REPLY
    if reply_to and quoted:
        errors.add("quote_of", "A post either replies to a post or quotes one: choose one")
    if kind != PostKind.REPLY:
        reply_to = ""
    return kind, reply_to, quoted


@transaction.atomic
def post_create(
    *,
    actor: Any,
    account: Any,
    text: Any,
    kind: Any = PostKind.POST,
    second_opinion: bool = False,
    in_reply_to: Any = "",
    quote_of: Any = "",
    now: dt.datetime | None = None,
) -> Post:
    """A new draft on ``account`` by ``actor`` (who must be allowed to post on it, 3.11).
    ``in_reply_to`` / ``quote_of``: the post it answers or quotes (an address, an id, or the
    id of a post in the archive), kept as the platform's id."""
    now = aware_now(now)
    permissions.check_can_post(actor, account)
    errors = FieldErrors()
    words = clean_text(errors, text)
    clean_kind = _kind(errors, kind)
    clean_kind, reply_to, quoted = _answers(
        errors,
        actor=actor,
        account=account,
        kind=clean_kind,
        in_reply_to=in_reply_to,
        quote_of=quote_of,
    )
    errors.raise_if_any()
    post = Post(
        account=account,
        author=actor,
        kind=clean_kind,
        reply_to=reply_to,
        quote_of=quoted,
        text=words,
        second_opinion=bool(second_opinion),
        created_at=now,
        updated_at=now,
    )
    recheck(post, now)
    post.save()
    audit_record(
        actor=actor,
        action="post.created",
        target=post,
        target_label=f"Post {post.pk} on {account}",
        after=_snapshot(post),
        now=now,
    )
    return post


@transaction.atomic
def post_update(
    *,
    post: Post,
    actor: Any,
    text: Any,
    kind: Any | None = None,
    second_opinion: bool | None = None,
    in_reply_to: Any | None = None,
    quote_of: Any | None = None,
    now: dt.datetime | None = None,
) -> Post:
    """Change a draft's text (and kind, second opinion, what it answers or quotes: None
    leaves each as it is); the findings are checked again."""
    now = aware_now(now)
    post = lock(post)
    permissions.check_author(actor, post)
    if post.state not in flow.EDITABLE:
        raise not_allowed(post, "edit")
    errors = FieldErrors()
    words = clean_text(errors, text)
    clean_kind = post.kind if kind is None else _kind(errors, kind)
    reply_to, quoted = post.reply_to, post.quote_of
    if in_reply_to is not None or quote_of is not None or clean_kind != PostKind.REPLY:
        clean_kind, reply_to, quoted = _answers(
            errors,
            actor=actor,
            account=post.account,
            kind=clean_kind,
            in_reply_to=(post.reply_to if clean_kind == PostKind.REPLY else "")
            if in_reply_to is None
            else in_reply_to,
            quote_of=post.quote_of if quote_of is None else quote_of,
        )
    errors.raise_if_any()
    before = _snapshot(post)
    post.text, post.kind = words, clean_kind
    post.reply_to, post.quote_of = reply_to, quoted
    if second_opinion is not None:
        post.second_opinion = bool(second_opinion)
    recheck(post, now)
    post.updated_at = now
    post.save(
        update_fields=[
            "text",
            "kind",
            "reply_to",
            "quote_of",
            "second_opinion",
            *RECHECKED,
            "updated_at",
        ]
    )
    if _snapshot(post) != before or second_opinion is not None:
        audit_record(
            actor=actor,
            action="post.edited",
            target=post,
            before=before,
            after={**_snapshot(post), "second_opinion": post.second_opinion},
            now=now,
        )
    return post


# ---------------------------------------------------------------------------------- images


def read_upload(data: bytes, *, name: str = "") -> tuple[bytes, dict[str, Any]]:
    """Strip an upload's metadata and describe it; InvalidInputError on anything but an image
    of an allowed type and size. No database: the decoding, stripping and face detection run
    in a separate process under a memory cap (``engine.media.isolated``), and an image larger
    than the pack's ``max_image_megapixels`` is refused from its header before that."""
    from bluelamp.engine.media import isolated, open_image

    label = f"{name or 'The file'}"
    if not data:
        raise InvalidInputError(f"{label} is empty", errors={"image": [f"{label} is empty"]})
    if len(data) > MAX_IMAGE_BYTES:
        message = (
            f"{label} is {len(data) / 1_048_576:.1f} MB; images must be smaller than "
            f"{MAX_IMAGE_BYTES // 1_048_576} MB"
        )
        raise InvalidInputError(message, errors={"image": [message]})
    max_pixels = policy_pack().max_image_pixels
    try:
        # The header alone, here: a bomb is refused without starting anything.
        with open_image(data, label=label, max_pixels=max_pixels, load=False):
            pass
        clean, facts = isolated.run(
            "prepare",
            data,
            label=label,
            max_pixels=max_pixels,
            formats=[*IMAGE_TYPES, "MPO"],
        )
    except InputError as exc:
        raise _invalid_image(exc, label) from None
    out_format = facts.pop("format")
    return clean, {"mime_type": IMAGE_TYPES.get(out_format, "image/jpeg"), **facts}


def _invalid_image(exc: InputError, label: str = "") -> InvalidInputError:
    message = str(exc)
    # A sentence starts with a capital, but a file name is shown as it is.
    if message[:1].islower() and not (label and message.startswith(label)):
        message = message[0].upper() + message[1:]
    return InvalidInputError(message, errors={"image": [message]})


def post_image_add(
    *,
    post: Post,
    actor: Any,
    data: bytes,
    name: str = "",
    alt_text: Any = "",
    force_owns: Any = None,
    ownership_note: Any = "",
    now: dt.datetime | None = None,
) -> PostImage:
    """Attach an image to a draft: metadata stripped first (only the clean copy is stored),
    faces looked for, the author's statement of ownership kept (4.13)."""
    now = aware_now(now)
    errors = FieldErrors()
    alt = alt_text.strip() if isinstance(alt_text, str) else ""
    if not alt:
        errors.add("alt_text", "Describe the image for people who cannot see it")
    if force_owns not in (True, False):
        errors.add("force_owns", "Say whether the force owns this image (4.13)")
    elif force_owns is False and not (isinstance(ownership_note, str) and ownership_note.strip()):
        errors.add(
            "ownership_note",
            "Say who owns the image and that they agreed to its use by the force (4.13)",
        )
    errors.raise_if_any()
    # The slow part (decode, strip, face detection) runs before the row lock is taken.
    clean, facts = read_upload(data, name=name)
    with transaction.atomic():
        post = lock(post)
        permissions.check_author(actor, post)
        if post.state not in flow.EDITABLE:
            raise state_error(post, "Images can only be added while the post is a draft.")
        live = post.images.filter(removed_at__isnull=True)
        if live.count() >= MAX_IMAGES:
            message = f"A post can have at most {MAX_IMAGES} images"
            raise InvalidInputError(message, errors={"image": [message]})
        image = PostImage.objects.create(
            post=post,
            position=live.count(),
            data=clean,
            sha256=hashlib.sha256(clean).hexdigest(),
            original_name=(name or "")[:255],
            alt_text=alt[:1000],
            force_owns=bool(force_owns),
            ownership_note=(ownership_note or "").strip()[:500] if not force_owns else "",
            uploaded_by=actor,
            uploaded_at=now,
            **facts,
        )
        _refresh(post, now)
        audit_record(
            actor=actor,
            action="post.image_added",
            target=post,
            after={
                "image": str(image.public_id),
                "sha256": image.sha256,
                "faces": len(image.faces),
                "location_removed": image.had_location,
                "force_owns": image.force_owns,
            },
            now=now,
        )
    return image


def _image(post: Post, image_id: Any) -> PostImage:
    image = post.images.filter(public_id=str(image_id), removed_at__isnull=True).first()
    if image is None:
        raise InvalidInputError("There is no such image on this post.")
    return image


def _refresh(post: Post, now: dt.datetime) -> None:
    recheck(post, now)
    post.updated_at = now
    post.save(update_fields=[*RECHECKED, "updated_at"])


@transaction.atomic
def post_image_blur(*, post: Post, actor: Any, image_id: Any, now: dt.datetime | None = None):
    """Blur every detected face in one action (4.10). The blurred copy replaces the stored one."""
    from bluelamp.engine.media import isolated

    now = aware_now(now)
    post = lock(post)
    permissions.check_author(actor, post)
    if post.state not in flow.EDITABLE:
        raise state_error(post, "Faces can only be blurred while the post is a draft.")
    image = _image(post, image_id)
    if not image.faces:
        raise InvalidInputError("No faces were found in this image, so there is nothing to blur.")
    try:
        image.data, _ = isolated.run(
            "blur",
            bytes(image.data),
            label="The image",
            boxes=image.faces,
            max_pixels=policy_pack().max_image_pixels,
        )
    except InputError as exc:
        raise _invalid_image(exc) from None
    image.sha256 = hashlib.sha256(image.data).hexdigest()
    image.faces_blurred = True
    image.save(update_fields=["data", "sha256", "faces_blurred"])
    _refresh(post, now)
    audit_record(
        actor=actor,
        action="post.image_blurred",
        target=post,
        after={"image": str(image.public_id), "faces": len(image.faces), "sha256": image.sha256},
        now=now,
    )
    return image


@transaction.atomic
def post_image_consent(
    *, post: Post, actor: Any, image_id: Any, note: Any, now: dt.datetime | None = None
):
    """Record that everyone shown consented (or may lawfully be shown), by whom and when."""
    now = aware_now(now)
    text = note.strip() if isinstance(note, str) else ""
    if not text:
        raise InvalidInputError(
            "Say how consent was obtained (who agreed, and how)",
            errors={"consent_note": ["Say how consent was obtained (who agreed, and how)"]},
        )
    post = lock(post)
    permissions.check_author(actor, post)
    if post.state not in flow.EDITABLE:
        raise state_error(post, "Consent can only be recorded while the post is a draft.")
    image = _image(post, image_id)
    image.consent_confirmed = True
    image.consent_note = text
    image.consent_by = actor
    image.consent_at = now
    image.save(update_fields=["consent_confirmed", "consent_note", "consent_by", "consent_at"])
    _refresh(post, now)
    audit_record(
        actor=actor,
        action="post.image_consent",
        target=post,
        after={"image": str(image.public_id), "note": text},
        now=now,
    )
    return image


@transaction.atomic
def post_image_remove(*, post: Post, actor: Any, image_id: Any, now: dt.datetime | None = None):
    now = aware_now(now)
    post = lock(post)
    permissions.check_author(actor, post)
    if post.state not in flow.EDITABLE:
        raise state_error(post, "Images can only be taken off while the post is a draft.")
    image = _image(post, image_id)
    image.removed_at = now
    image.save(update_fields=["removed_at"])
    _refresh(post, now)
    audit_record(
        actor=actor,
        action="post.image_removed",
        target=post,
        after={"image": str(image.public_id)},
        now=now,
    )


# ------------------------------------------------------------------------ the disclosure record


#: The disclosure record's own fields (4.24).
RECORD_FIELDS = ("incident_log_ref", "crime_ref", "oic_told", "oic_name")


@transaction.atomic
def post_record(
    *,
    post: Post,
    actor: Any,
    incident_log_ref: Any = "",
    crime_ref: Any = "",
    oic_told: bool = False,
    oic_name: Any = "",
    now: dt.datetime | None = None,
) -> Post:
    """The disclosure record (4.24): the incident log or crime reference, or that the officer in
    the case was told (and who they are). Kept with the post, exported per investigation."""
    now = aware_now(now)
    post = lock(post)
    permissions.check_author(actor, post)
    if flow.WORKFLOW.is_terminal(post.state):
        raise not_allowed(post, "record")
    log = incident_log_ref.strip() if isinstance(incident_log_ref, str) else ""
    crime = crime_ref.strip() if isinstance(crime_ref, str) else ""
    oic = oic_name.strip() if isinstance(oic_name, str) else ""
    errors = FieldErrors()
    if not (log or crime or oic_told):
        errors.add(
            "incident_log_ref",
            "Give the incident log or crime reference, or confirm you told the officer in the case",
        )
    if oic_told and not oic:
        errors.add("oic_name", "Name the officer in the case you told")
    for field, value in (("incident_log_ref", log), ("crime_ref", crime)):
        if len(value) > 100:
            errors.add(field, validation.too_long(100))
    errors.raise_if_any()
    before = {name: getattr(post, name) for name in RECORD_FIELDS}
    post.incident_log_ref, post.crime_ref = log, crime
    post.oic_told, post.oic_name = bool(oic_told), oic if oic_told else ""
    post.recorded_at, post.recorded_by = now, actor
    post.updated_at = now
    post.save(update_fields=[*RECORD_FIELDS, "recorded_at", "recorded_by", "updated_at"])
    audit_record(
        actor=actor,
        action="post.record_given",
        target=post,
        before=before,
        after={
            "incident_log_ref": log,
            "crime_ref": crime,
            "oic_told": post.oic_told,
            "oic_name": post.oic_name,
        },
        now=now,
    )
    return post


# -------------------------------------------------------------------------------- routing


def _route_or_refuse(post: Post, now: dt.datetime) -> flow.Route:
    _report, route = recheck(post, now)
    if route.blocked:
        rules = rule_words(f.rule for f in route.must_fix)
        raise BlockedError(
            f"Fix the problems marked 'block' before the post can go further ({rules})."
        )
    if route.author_to_settle:
        raise FacesUnsettledError()
    return route


@transaction.atomic
def post_submit(
    *,
    post: Post,
    actor: Any,
    scheduled_for: Any = None,
    now: dt.datetime | None = None,
) -> Post:
    """Route a draft by its verdict: to its approver, or ready (scheduled if a time is given).
    A ``record`` finding needs the disclosure record first (the author is the one who knows
    the log or crime reference)."""
    now = aware_now(now)
    post = lock(post)
    permissions.check_author(actor, post)
    require(post, flow.SUBMIT)
    errors = FieldErrors()
    when = _schedule(errors, scheduled_for, now)
    errors.raise_if_any()
    route = _route_or_refuse(post, now)
    if route.needs_record and not post.has_record:
        raise RecordNeededError()
    _fits_the_platform(post)
    sent = versions.version_sent(post=post, actor=actor, now=now)
    pinned = {"version": post.version, "approved_version": None}
    approver = route.approver
    no_manager = approver == flow.MANAGER and not permissions.manager_ids(post)
    if no_manager and (permissions.is_ccd(actor) or permissions.manages_themselves(actor, post)):
        # No one else is the author's line manager: Corporate Communications decides.
        approver = flow.CCD
    if route.needs_approval:
        if approver == flow.MANAGER and not permissions.manager_ids(post):
            raise InvalidInputError(
                "This post needs your line manager's approval, but no line manager is recorded "
                "for you or the account. Ask Corporate Communications to record one."
            )
        moved = move(
            post,
            flow.SEND_FOR_APPROVAL,
            actor=actor,
            audit_action="post.sent_for_approval",
            now=now,
            after={
                "approver": approver,
                "for": sorted({f.rule for f in route.approval_for}),
                "second_opinion": post.second_opinion,
                "scheduled_for": when,
                "version": sent.number,
            },
            approver_needed=approver,
            scheduled_for=when,
            **pinned,
        )
        notifications.sent_for_approval(moved, approver)
        return moved
    if when is not None:
        return move(
            post,
            flow.SUBMIT_SCHEDULED,
            actor=actor,
            audit_action="post.scheduled",
            now=now,
            after={"scheduled_for": when, "version": sent.number},
            scheduled_for=when,
            **pinned,
        )
    return move(
        post,
        flow.SUBMIT,
        actor=actor,
        audit_action="post.submitted",
        now=now,
        after={"version": sent.number},
        scheduled_for=None,
        **pinned,
    )


def _fits_the_platform(post: Post) -> None:
    """What the platform's API takes, checked before anyone approves or schedules the post."""
    if post.kind == PostKind.REPLY and not post.reply_to:
        message = (
            "Say which post this replies to: paste its address on the platform, or choose it "
            "from the archive"
        )
        raise InvalidInputError(message, errors={"in_reply_to": [message]})
    if post.reply_to and post.account.platform == "facebook":
        count = post.images.filter(removed_at__isnull=True).count()
        if count > 1:
            message = (
                f"A reply on Facebook is a comment, with one picture at most: this one has "
                f"{count}; take off {count - 1}"
            )
            raise InvalidInputError(message, errors={"image": [message]})
    if post.account.platform == "instagram":
        count = post.images.filter(removed_at__isnull=True).count()
        if count != 1:
            message = (
                "An Instagram post is one picture: add an image"
                if count == 0
                else f"An Instagram post is one picture: this one has {count}; take off {count - 1}"
            )
            raise InvalidInputError(message, errors={"image": [message]})


@transaction.atomic
def post_revise(*, post: Post, actor: Any, now: dt.datetime | None = None) -> Post:
    """Back to draft to change it: any approval already given no longer counts (from
    ``awaiting_author``: with the approver's words, to change them further)."""
    now = aware_now(now)
    post = lock(post)
    permissions.check_author(actor, post)
    return move(
        post,
        flow.REVISE,
        actor=actor,
        audit_action="post.revised",
        now=now,
        approver_needed="",
        approved_version=None,
        authorisations=[],
        held_reason="",
        scheduled_for=None,
    )


@transaction.atomic
def post_withdraw(*, post: Post, actor: Any, reason: Any = "", now: dt.datetime | None = None):
    now = aware_now(now)
    post = lock(post)
    permissions.check_author(actor, post)
    return move(
        post,
        flow.WITHDRAW,
        actor=actor,
        audit_action="post.withdrawn",
        now=now,
        after={"reason": reason.strip() if isinstance(reason, str) else ""},
        scheduled_for=None,
    )


@transaction.atomic
def post_schedule(*, post: Post, actor: Any, when: Any, now: dt.datetime | None = None) -> Post:
    """Choose (or change) the time to publish a ready, held or failed post."""
    now = aware_now(now)
    post = lock(post)
    permissions.check_author(actor, post)
    errors = FieldErrors()
    clean = _schedule(errors, when, now)
    if when in (None, ""):
        errors.add("scheduled_for", "Enter the date and time to publish")
    errors.raise_if_any()
    ready_to_go(post, now)
    return move(
        post,
        flow.SCHEDULE,
        actor=actor,
        audit_action="post.scheduled",
        now=now,
        after={"scheduled_for": clean},
        scheduled_for=clean,
        held_reason="",
    )


@transaction.atomic
def post_unschedule(*, post: Post, actor: Any, now: dt.datetime | None = None) -> Post:
    now = aware_now(now)
    post = lock(post)
    permissions.check_author(actor, post)
    return move(
        post,
        flow.UNSCHEDULE,
        actor=actor,
        audit_action="post.unscheduled",
        now=now,
        scheduled_for=None,
    )


def ready_to_go(post: Post, now: dt.datetime) -> None:
    """Before a post is scheduled or published: check it again as things stand *now* (a
    major incident or an election period may have begun since it was approved, or CCD may have
    suspended publishing on the account after a lost device), and only the version that was
    approved (or sent on, when it needed no approval) goes out."""
    refuse_if_publishing_suspended(post.account)
    refusal = versions.publish_refusal(post)
    if refusal:
        raise VersionNotApprovedError(refusal, state=post.state)
    _report, route = recheck(post, now)
    if route.author_to_settle:
        raise FacesUnsettledError()
    if route.blocked:
        raise BlockedError(
            "The post now has problems marked 'block' ("
            + rule_words(f.rule for f in route.must_fix)
            + "): take it back to draft and fix them."
        )
    granted = set(post.authorisations)
    ungranted = {f.rule for f in route.approval_for if f.rule in flow.GRANTABLE} - granted
    if ungranted == {"major-incident"}:
        raise state_error(
            post,
            "A major incident is declared: nothing goes out without Corporate Communications' "
            "authority (4.16). Corporate Communications releases held posts when it ends; or "
            "take the post back to draft and send it to them for approval.",
        )
    if ungranted:
        raise state_error(
            post,
            "Since this post was approved, something changed that needs Corporate "
            f"Communications' approval ({rule_words(ungranted)}): take it back to draft "
            "and send it for approval again.",
        )
    approvals = post.approvals.filter(decision="approved", version=post.version)
    judged = {f.rule for f in route.approval_for if f.rule not in flow.GRANTABLE}
    if post.second_opinion:
        judged.add("second-opinion")
    if judged and not approvals.exists():
        raise state_error(
            post,
            "This post needs approval before it can go out: take it back to draft and send it "
            "for approval.",
        )
    ccd_rules = {r for r in judged if flow.APPROVER_BY_RULE.get(r) == flow.CCD}
    if ccd_rules and not approvals.filter(as_role=flow.CCD).exists():
        raise state_error(
            post,
            "Since this post was approved, something changed that needs Corporate "
            f"Communications' approval ({rule_words(ccd_rules)}): take it back to draft "
            "and send it for approval again.",
        )
    if route.needs_record and not post.has_record:
        raise RecordNeededError()
