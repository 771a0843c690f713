"""Reads for the API app: a user's tokens, and finding the token a request presents."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from bluelamp.api import tokens
from bluelamp.api.models import ApiToken
from bluelamp.core.errors import NotFoundError


def api_token_list(*, user) -> QuerySet[ApiToken]:
    """The tokens ``user`` holds, newest first (revoked and expired ones included)."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def api_token_get_own(*, user, token_id: int) -> ApiToken:
    """One of ``user``'s tokens; NotFoundError alike for missing and someone else's."""
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        raise NotFoundError("No such token.")
    return token


def api_token_authenticate(*, raw: str, now: dt.datetime) -> ApiToken | None:
    """The usable token whose secret is ``raw`` (with its user), else None: unknown,
    malformed, revoked and expired tokens are all None."""
    prefix = tokens.parse(raw)
    if prefix is None:
        return None
    try:
        # get(), not first(): no ORDER BY, one indexed look-up on every API call.
        token = ApiToken.objects.select_related("user").get(prefix=prefix)
    except ApiToken.DoesNotExist:
        return None
    if not tokens.matches(raw, token.digest):
        return None
    if not token.is_usable(now):
        return None
    return token
