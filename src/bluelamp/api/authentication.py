"""How API callers prove who they are.

- ``TokenAuthentication``: ``Authorization: Token blp_…`` or ``Authorization: Bearer blp_…``,
  for other tools. The token acts as its user, with that user's roles at the time of the call.
- DRF's ``SessionAuthentication`` (configured beside it): a signed-in browser, e.g. the API
  pages; it keeps Django's CSRF check for every write.
"""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from bluelamp.api import selectors, services

KEYWORDS = (b"token", b"bearer")
REALM = "Bluelamp API"


class TokenAuthentication(BaseAuthentication):
    """Per-user API tokens, stored as digests (see ``ApiToken``)."""

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None  # not ours: another authenticator (or none) may apply
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                "Give the token after the word Token or Bearer, with no spaces in it.",
                code="invalid_token_header",
            )
        try:
            raw = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raw = ""
        now = timezone.now()
        token = selectors.api_token_authenticate(raw=raw, now=now) if raw else None
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(
                "The API token is not valid: it is unknown, revoked or expired.",
                code="invalid_token",
            )
        services.api_token_touch(token=token, now=now)
        return token.user, token

    def authenticate_header(self, request) -> str:
        return f'Token realm="{REALM}"'


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI schema describes the token scheme."""

    target_class = "bluelamp.api.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "A personal API token (blp_…), sent as 'Authorization: Bearer <token>' or "
                "'Authorization: Token <token>'. Create one on the API tokens page or with "
                "`bluelamp manage api_token create USERNAME --name NAME`."
            ),
        }
