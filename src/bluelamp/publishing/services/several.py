"""One post's words on several accounts at once: a draft on each, each its own post from then
on (checked for its own account's tier and platform, routed to its own approver, published
and kept per account), because CC/01 treats the same words on two accounts as two posts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from bluelamp.core.clock import aware_now
from bluelamp.core.errors import InvalidInputError
from bluelamp.publishing.models import Post
from bluelamp.publishing.services.compose import post_create

#: The most accounts one set of words goes to at once.
MAX_ACCOUNTS = 10


@transaction.atomic
def posts_create_several(
    *,
    actor: Any,
    accounts: Sequence[Any],
    text: Any,
    kind: Any = "post",
    second_opinion: bool = False,
    now: dt.datetime | None = None,
) -> list[Post]:
    """A draft with the same words on each of ``accounts`` (each checked as ``post_create``
    checks one: ``actor`` must be allowed to post on every one, 3.11). All or none: one refusal
    leaves nothing saved. Replies and quotes answer one post on one platform, so they are
    written one account at a time."""
    now = aware_now(now)
    unique = list({account.pk: account for account in accounts}.values())
    if not unique:
        message = "Choose the accounts to post on"
        raise InvalidInputError(message, errors={"accounts": [message]})
    if len(unique) > MAX_ACCOUNTS:
        message = f"Choose at most {MAX_ACCOUNTS} accounts at once"
        raise InvalidInputError(message, errors={"accounts": [message]})
    if kind == "reply" and len(unique) > 1:
        message = "A reply answers one post on one account: write it on one account"
        raise InvalidInputError(message, errors={"accounts": [message]})
    return [
        post_create(
            actor=actor,
            account=account,
            text=text,
            kind=kind,
            second_opinion=second_opinion,
            now=now,
        )
        for account in unique
    ]
