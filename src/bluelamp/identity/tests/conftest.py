from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlparse

import pytest
import requests
from django.urls import reverse

from bluelamp.config.env import SignInSettings
from bluelamp.identity import oidc
from bluelamp.identity.tests.oidc_provider import CLIENT_ID, CLIENT_SECRET, OidcProvider

CALLBACK = "http://testserver/sign-in/sso/callback/"
AFTER_SIGN_OUT = "http://testserver/sign-in/"
BREAK_GLASS = "breakglass"

GROUP_ROLES = (
    ("grp-social-media-users", "staff"),
    ("grp-line-managers", "line_manager"),
    ("grp-line-managers", "staff"),
    ("grp-corporate-comms", "ccd"),
    ("grp-corporate-comms", "staff"),
    ("grp-infosec", "infosec"),
    ("grp-psd", "psd"),
    ("grp-auditors", "auditor"),
)


def person(username: str, sub: str, groups: list[str], name: str = "") -> dict:
    given, _, family = (name or "Test Person").partition(" ")
    return {
        "sub": sub,
        "preferred_username": username,
        "name": name or "Test Person",
        "given_name": given,
        "family_name": family,
        "email": username,
        "groups": groups,
    }


@pytest.fixture
def provider() -> Iterator[OidcProvider]:
    users = {
        "jo": person("jo.bloggs@force.test", "oid-jo", ["grp-social-media-users"], "Jo Bloggs"),
        "cam": person("cam.ccd@force.test", "oid-cam", ["grp-corporate-comms"], "Cam Lee"),
        "nobody": person("nobody@force.test", "oid-nobody", ["grp-canteen"], "No Body"),
        "glass": person(BREAK_GLASS, "oid-glass", ["grp-corporate-comms"], "Break Glass"),
    }
    with OidcProvider(
        users, redirect_uris=[CALLBACK], post_logout_redirect_uris=[AFTER_SIGN_OUT]
    ) as running:
        yield running


@pytest.fixture
def sso(settings, provider) -> Iterator[OidcProvider]:
    """Single sign-on switched on, against the provider the test started."""
    settings.BLUELAMP_SSO_ENABLED = True
    settings.BLUELAMP_SIGN_IN = SignInSettings(
        issuer=provider.issuer,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        provider_name="Test Police (Entra ID)",
        group_roles=GROUP_ROLES,
        break_glass_username=BREAK_GLASS,
    )
    settings.BLUELAMP_BREAK_GLASS_USERNAME = BREAK_GLASS
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_VERIFY_SSL = provider.ca_file
    oidc.forget_discovery()
    yield provider
    oidc.forget_discovery()


def through_provider(client, provider: OidcProvider, who: str, next_url: str = ""):
    """Start single sign-on, let the provider answer (a real HTTP round trip), and come back
    to the callback: the response of the callback."""
    provider.signed_in = who
    start = reverse("identity:oidc_init") + (f"?next={next_url}" if next_url else "")
    response = client.get(start)
    assert response.status_code == 302, response
    assert response["Location"].startswith(f"{provider.issuer}/authorize?")
    answer = requests.get(
        response["Location"], allow_redirects=False, timeout=10, verify=provider.ca_file
    )
    assert answer.status_code == 302, answer.text
    back = urlparse(answer.headers["Location"])
    assert f"{back.scheme}://{back.netloc}{back.path}" == CALLBACK
    return client.get(f"{back.path}?{back.query}")
