"""Telling CCD's press office at once that a post will attract media attention (3.12): a draft
or a published post, with the post linked and a note of why."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse

from bluelamp.audit.services import audit_record
from bluelamp.conduct import permissions
from bluelamp.conduct.models import MediaAlert
from bluelamp.conduct.services.common import page_link, press_office
from bluelamp.core import validation
from bluelamp.core.clock import aware_now
from bluelamp.core.errors import FieldErrors, NotFoundError, PermissionDeniedError
from bluelamp.core.mail import notify
from bluelamp.core.models import User
from bluelamp.publishing.models import Post
from bluelamp.publishing.permissions import can_read


def media_alert_raise(
    *, post: Post, actor: User, note: str, now: dt.datetime | None = None
) -> MediaAlert:
    """Record the warning and e-mail the press office, with the post's address."""
    now = aware_now(now)
    if not can_read(actor, post):
        raise NotFoundError("There is no such post.")
    if not permissions.may_raise_alert(actor):
        raise PermissionDeniedError("Auditors and Professional Standards read posts only.")
    errors = FieldErrors()
    words = validation.text(
        errors, "note", note, required="Enter why it will attract media attention"
    )
    errors.raise_if_any()
    with transaction.atomic():
        alert = MediaAlert.objects.create(
            post=post, raised_by=actor, raised_at=now, note=words, post_state=post.state
        )
        audit_record(
            actor=actor,
            action="media_alert.raised",
            target=post,
            after={"alert": alert.pk, "post_state": post.state},
            now=now,
        )
        link = page_link(reverse("publishing:post_detail", args=[post.public_id]))
        notify(
            link=reverse("publishing:post_detail", args=[post.public_id]),
            subject=f"Media attention expected: a post on {post.account.at_handle}",
            body=f"{actor.label} expects this post ({post.get_state_display().lower()}) to "
            f"attract media attention:\n\n{words}\n\nThe post: {link}",
            to=press_office(),
        )
    return alert
