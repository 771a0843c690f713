"""Single sign-on against a real OpenID Connect provider on 127.0.0.1: signing in, the groups
mapped to roles (re-synced at every sign-in), refusal of someone with no mapped group, the
break-glass rule for passwords, and signing out at the provider too."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
import requests
from django.contrib.auth import BACKEND_SESSION_KEY
from django.urls import reverse

from bluelamp.audit.models import AuditEvent
from bluelamp.core import selectors as core_selectors
from bluelamp.core.models import User
from bluelamp.core.roles import Role
from bluelamp.identity.models import ExternalIdentity
from bluelamp.identity.receivers import PENDING
from bluelamp.identity.tests.conftest import AFTER_SIGN_OUT, BREAK_GLASS, through_provider
from bluelamp.identity.tests.oidc_provider import query_of

pytestmark = pytest.mark.django_db(transaction=True)

HOME = reverse("core:home")
LOGIN = reverse("core:login")


def actions() -> list[str]:
    return list(AuditEvent.objects.order_by("sequence").values_list("action", flat=True))


def roles_of(username: str) -> set[Role]:
    return set(core_selectors.user_roles_stored(User.objects.get(username=username)))


def test_signing_in_creates_the_user_with_the_roles_their_groups_give(client, sso):
    response = through_provider(client, sso, "jo")
    assert response.status_code == 302
    assert response["Location"] == HOME
    user = User.objects.get(username="jo.bloggs@force.test")
    assert user.display_name == "Jo Bloggs"
    assert (user.first_name, user.last_name, user.email) == ("Jo", "Bloggs", user.username)
    assert not user.has_usable_password()
    assert roles_of(user.username) == {Role.STAFF}
    assert ExternalIdentity.objects.get(user=user).subject == "oid-jo"
    assert client.session[BACKEND_SESSION_KEY] == "bluelamp.identity.oidc.OIDCBackend"
    assert PENDING not in client.session  # the provider's own sign-in is the second factor
    home = client.get(HOME)
    assert home.status_code == 200
    assert b"Jo Bloggs" in home.content
    assert actions() == ["user.created", "auth.login"]
    # The provider was really spoken to: discovery, authorisation, token, keys, userinfo.
    assert {
        "GET /.well-known/openid-configuration",
        "GET /authorize",
        "POST /token",
        "GET /jwks",
        "GET /userinfo",
    } <= set(sso.requests)


def test_pkce_and_a_nonce_are_sent(client, sso):
    sso.signed_in = "jo"
    location = client.get(reverse("identity:oidc_init"))["Location"]
    query = query_of(location)
    assert query["code_challenge_method"] == "S256" and query["code_challenge"]
    assert query["nonce"] and query["state"]
    assert query["scope"] == "openid email profile"


def test_the_ccd_group_maps_to_ccd_and_staff(client, sso):
    through_provider(client, sso, "cam")
    assert roles_of("cam.ccd@force.test") == {Role.CCD, Role.STAFF}
    assert client.get(reverse("social_accounts:account_health")).status_code == 200


def test_roles_are_re_synced_at_every_sign_in(client, sso):
    through_provider(client, sso, "jo")
    client.post(reverse("core:logout"))
    sso.users["jo"]["groups"] = ["grp-corporate-comms", "grp-auditors"]
    through_provider(client, sso, "jo")
    assert roles_of("jo.bloggs@force.test") == {Role.CCD, Role.STAFF, Role.AUDITOR}
    assert "user.roles_changed" in actions()
    # The same person, found by the provider's subject id even after a rename there.
    client.post(reverse("core:logout"))
    sso.users["jo"]["preferred_username"] = "jo.smith@force.test"
    through_provider(client, sso, "jo")
    assert User.objects.filter(external_identities__subject="oid-jo").count() == 1


def test_someone_in_no_mapped_group_is_refused_and_nothing_is_created(client, sso):
    response = through_provider(client, sso, "nobody")
    assert response.status_code == 403
    assert b"not in any of the groups that give access to Bluelamp" in response.content
    assert not User.objects.filter(username="nobody@force.test").exists()
    assert client.get(HOME).status_code == 302  # not signed in
    event = AuditEvent.objects.get(action="auth.sso_refused")
    assert event.after == {"username": "nobody@force.test", "reason": "no_role"}


def test_a_user_whose_groups_no_longer_map_loses_access(client, sso):
    through_provider(client, sso, "jo")
    client.post(reverse("core:logout"))
    sso.users["jo"]["groups"] = ["grp-canteen"]
    response = through_provider(client, sso, "jo")
    assert response.status_code == 403
    assert roles_of("jo.bloggs@force.test") == set()
    assert client.get(HOME).status_code == 302
    assert actions()[-3:-1] == ["user.roles_changed", "auth.sso_refused"]


def test_a_switched_off_user_is_refused(client, sso):
    through_provider(client, sso, "jo")
    client.post(reverse("core:logout"))
    User.objects.filter(username="jo.bloggs@force.test").update(is_active=False)
    response = through_provider(client, sso, "jo")
    assert response.status_code == 403
    assert b"switched off" in response.content


def test_the_break_glass_account_cannot_come_through_single_sign_on(client, sso):
    response = through_provider(client, sso, "glass")
    assert response.status_code == 403
    assert not User.objects.filter(username=BREAK_GLASS).exists()


def test_a_local_account_of_the_same_username_is_taken_over_and_loses_its_password(
    client, sso, user_of, password
):
    local = user_of(Role.STAFF, username="jo.bloggs@force.test")
    assert local.has_usable_password()
    through_provider(client, sso, "jo")
    local.refresh_from_db()
    assert not local.has_usable_password()
    assert ExternalIdentity.objects.get(subject="oid-jo").user == local


def test_signing_out_ends_the_session_at_the_provider_too(client, sso):
    through_provider(client, sso, "jo")
    id_token = client.session["oidc_id_token"]
    response = client.post(reverse("core:logout"))
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(f"{sso.issuer}/logout?")
    assert query_of(location)["id_token_hint"] == id_token
    assert query_of(location)["post_logout_redirect_uri"] == AFTER_SIGN_OUT
    assert client.get(HOME).status_code == 302  # signed out here at once
    answer = requests.get(location, allow_redirects=False, timeout=10, verify=sso.ca_file)
    assert answer.status_code == 302
    assert urlparse(answer.headers["Location"])._replace(query="").geturl() == AFTER_SIGN_OUT
    assert sso.logged_out == ["jo"] and sso.signed_in is None
    assert actions()[-1] == "auth.logout"


def test_a_forged_callback_is_refused(client, sso):
    response = client.get(reverse("identity:oidc_callback"), {"code": "x", "state": "y"})
    assert response.status_code == 403
    assert b"did not complete" in response.content


def test_the_provider_saying_no_is_refused(client, sso):
    client.get(reverse("identity:oidc_init"))
    response = client.get(reverse("identity:oidc_callback"), {"error": "access_denied"})
    assert response.status_code == 403
    assert client.get(HOME).status_code == 302


# --- Passwords while single sign-on is on -------------------------------------------------------


def test_the_sign_in_page_offers_single_sign_on(client, sso):
    content = client.get(LOGIN).content.decode()
    assert "Sign in with Test Police (Entra ID)" in content
    assert reverse("identity:oidc_init") in content
    assert "break-glass" in content


def test_the_sign_in_page_has_no_single_sign_on_when_it_is_off(client):
    content = client.get(LOGIN).content.decode()
    assert "Sign in with" not in content
    assert client.get(reverse("identity:oidc_init")).status_code == 404
    assert client.get(reverse("identity:oidc_callback")).status_code == 404


def test_a_password_is_refused_with_a_clear_message_except_for_break_glass(
    client, sso, user_of, password
):
    user_of(Role.STAFF, username="sam")
    response = client.post(LOGIN, {"username": "sam", "password": password})
    assert response.status_code == 200
    assert (
        "Sign in with Test Police (Entra ID) instead: passwords are switched off for everyone "
        "except the emergency (break-glass) account."
    ) in response.content.decode()
    assert client.get(HOME).status_code == 302
    # The back end refuses too, for any other way in.
    assert client.login(username="sam", password=password) is False
    user_of(Role.STAFF, username=BREAK_GLASS)
    response = client.post(LOGIN, {"username": BREAK_GLASS, "password": password})
    assert response.status_code == 302
    # The break-glass account always gives a second factor.
    assert client.get(HOME)["Location"].startswith(reverse("identity:two_factor_setup"))


def test_a_session_ends_when_the_user_is_switched_off(client, sso):
    through_provider(client, sso, "jo")
    assert client.get(HOME).status_code == 200
    User.objects.filter(username="jo.bloggs@force.test").update(is_active=False)
    assert client.get(HOME).status_code == 302
