"""Single sign-on with the force's OpenID Connect provider, on mozilla-django-oidc.

What is ours: the provider's endpoints are discovered from its issuer (one setting instead of
five), the ID token's issuer and audience are checked, the groups are read from the ID token
(Entra ID puts them there, not in userinfo), and the user is created or updated with the roles
those groups give (``services.sso_sign_in``). A refusal is shown on a page that says why."""

from __future__ import annotations

import logging
import threading
from typing import Any
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import absolutify, import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from bluelamp.identity import services

log = logging.getLogger(__name__)

#: mozilla-django-oidc's endpoint settings, and the discovery document's key for each.
DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
_documents: dict[str, dict[str, Any]] = {}
_lock = threading.Lock()


class DiscoveryError(SuspiciousOperation):
    """The provider's discovery document could not be read or does not match the issuer."""


def discovery(issuer: str) -> dict[str, Any]:
    """The provider's OpenID configuration, read once per process."""
    with _lock:
        if issuer in _documents:
            return _documents[issuer]
    url = f"{issuer}/.well-known/openid-configuration"
    try:
        response = requests.get(
            url, timeout=settings.OIDC_TIMEOUT, verify=getattr(settings, "OIDC_VERIFY_SSL", True)
        )
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise DiscoveryError(f"cannot read the identity provider's configuration: {exc}") from None
    if document.get("issuer", "").rstrip("/") != issuer:
        raise DiscoveryError("the identity provider's configuration names another issuer")
    with _lock:
        _documents[issuer] = document
    return document


def forget_discovery() -> None:
    with _lock:
        _documents.clear()


def get_settings(attr: str, *args: Any) -> Any:
    """mozilla-django-oidc's settings, with the endpoints from the issuer's discovery document."""
    if attr in DISCOVERED and settings.BLUELAMP_SSO_ENABLED:
        value = discovery(settings.BLUELAMP_SIGN_IN.issuer).get(DISCOVERED[attr])
        if value:
            return value
    return import_from_settings(attr, *args)


def _require_sso() -> None:
    if not settings.BLUELAMP_SSO_ENABLED:
        raise Http404("Single sign-on is not switched on.")


class OIDCBackend(OIDCAuthenticationBackend):
    """Signs in a user the provider vouches for; does nothing while single sign-on is off."""

    get_settings = staticmethod(get_settings)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Built for every sign-in attempt, password ones included: reading the endpoints
        # would fetch the discovery document, so wait until a provider callback needs them.
        self.UserModel = None

    def _configure(self) -> None:
        super().__init__()

    def authenticate(self, request, **kwargs):
        # Only the callback's call (which carries the nonce it kept); a password sign-in's call
        # never reaches the provider, whatever its query string says.
        if not settings.BLUELAMP_SSO_ENABLED or request is None or "nonce" not in kwargs:
            return None
        self._configure()
        return super().authenticate(request, **kwargs)

    def get_user(self, user_id):
        from bluelamp.core.models import User

        return User.objects.filter(pk=user_id, is_active=True).first()

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        # Only for the ID token (userinfo answers as JSON, never a JWT, from Entra ID).
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if str(payload.get("iss", "")).rstrip("/") != settings.BLUELAMP_SIGN_IN.issuer:
            raise SuspiciousOperation("the ID token was issued by another provider")
        if settings.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("the ID token is for another application")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        """The userinfo claims under the ID token's: the groups claim is in the ID token."""
        try:
            claims = dict(super().get_userinfo(access_token, id_token, payload))
        except requests.RequestException as exc:
            log.warning("userinfo request failed, using the ID token's claims: %s", exc)
            claims = {}
        claims.update(payload)
        return claims

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if claims.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("userinfo is about another subject")
        outcome = services.sso_sign_in(issuer=settings.BLUELAMP_SIGN_IN.issuer, claims=claims)
        if isinstance(outcome, str):
            self.request.bluelamp_sso_refusal = outcome
            return None
        return outcome


@method_decorator(login_not_required, name="dispatch")
class SignInView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider to sign in."""

    get_settings = staticmethod(get_settings)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    def get(self, request):
        _require_sso()
        self.OIDC_OP_AUTH_ENDPOINT = self.get_settings("OIDC_OP_AUTHORIZATION_ENDPOINT")
        self.OIDC_RP_CLIENT_ID = self.get_settings("OIDC_RP_CLIENT_ID")
        return super().get(request)


REFUSALS = {
    services.NO_ROLE: (
        "You are not in any of the groups that give access to Bluelamp, so you cannot sign "
        "in. If you need it for your work, ask your line manager to request access for you."
    ),
    services.INACTIVE: (
        "Your Bluelamp account has been switched off. Ask Corporate Communications."
    ),
    services.BREAK_GLASS: (
        "The break-glass account signs in with its password on the sign-in page, not through "
        "single sign-on."
    ),
    services.CLAIMS_MISSING: (
        "The identity provider did not say who you are (no username or subject in its answer). "
        "Ask the service desk to check Bluelamp's app registration."
    ),
    services.ALREADY_LINKED: (
        "Your Bluelamp account is already linked to another identity. Ask Corporate Communications."
    ),
}


@method_decorator(login_not_required, name="dispatch")
class CallbackView(OIDCAuthenticationCallbackView):
    """Where the provider sends the browser back: signs the user in, or says why not."""

    get_settings = staticmethod(get_settings)

    def get(self, request):
        _require_sso()
        return super().get(request)

    def login_failure(self):
        reason = getattr(self.request, "bluelamp_sso_refusal", None)
        message = REFUSALS.get(
            reason,
            "Signing in with the identity provider did not complete. Try again; if it keeps "
            "failing, tell the service desk.",
        )
        return render(
            self.request,
            "identity/sso_refused.html",
            {"title": "You cannot sign in", "message": message, "reason": reason},
            status=403,
        )


def provider_logout_url(request) -> str:
    """Where signing out sends the browser: the provider's end-session endpoint, so the
    provider's session ends too (RP-initiated logout), coming back to the sign-in page."""
    back = absolutify(request, reverse(settings.LOGOUT_REDIRECT_URL))
    id_token = request.session.get("oidc_id_token")
    if not settings.BLUELAMP_SSO_ENABLED or not id_token:
        return back
    try:
        endpoint = discovery(settings.BLUELAMP_SIGN_IN.issuer).get("end_session_endpoint")
    except DiscoveryError:
        endpoint = None
    if not endpoint:
        return back
    query = urlencode(
        {
            "id_token_hint": id_token,
            "post_logout_redirect_uri": back,
            "client_id": settings.OIDC_RP_CLIENT_ID,
        }
    )
    return f"{endpoint}?{query}"
