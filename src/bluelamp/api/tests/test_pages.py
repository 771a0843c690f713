"""The API pages: your tokens (create, see once, revoke) and the API reference."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from bluelamp.api import services
from bluelamp.api.models import ApiToken
from bluelamp.core.roles import Role

pytestmark = pytest.mark.django_db


def test_signing_in_is_needed_for_the_token_page(client):
    response = client.get(reverse("api:token_list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))


def test_a_user_creates_a_token_and_sees_it_once(client_as):
    client = client_as(Role.STAFF)

    response = client.post(
        reverse("api:token_list"), {"name": "Scheduler", "lifetime_days": 30}, follow=True
    )

    assert response.status_code == 200
    assert response.redirect_chain == [(reverse("api:token_list"), 302)]
    token = ApiToken.objects.get(user=client.user)
    secret = re.search(rb'value="(blp_[^"]+)"', response.content).group(1).decode()
    assert secret.startswith(f"blp_{token.prefix}_")
    assert "api_new_token" not in client.session
    again = client.get(reverse("api:token_list"))
    assert secret.encode() not in again.content
    assert b"Scheduler" in again.content


def test_a_token_without_a_name_is_refused_with_a_message(client_as):
    client = client_as(Role.STAFF)

    response = client.post(reverse("api:token_list"), {"name": "", "lifetime_days": 30})

    assert response.status_code == 400
    assert b"Enter what the token is for" in response.content
    assert not ApiToken.objects.exists()


def test_a_tampered_lifetime_is_refused(client_as):
    client = client_as(Role.STAFF)

    response = client.post(reverse("api:token_list"), {"name": "Tool", "lifetime_days": 9999})

    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_a_user_sees_only_their_own_tokens(client_as, user_of):
    other = user_of(Role.STAFF)
    services.api_token_create(actor=other, user=other, name="Someone else's tool")
    client = client_as(Role.STAFF)

    response = client.get(reverse("api:token_list"))

    assert b"Someone else" not in response.content


def test_a_user_revokes_their_own_token(client_as):
    client = client_as(Role.STAFF)
    created = services.api_token_create(actor=client.user, user=client.user, name="Tool")

    response = client.post(reverse("api:token_revoke", args=[created.token.pk]), follow=True)

    assert response.status_code == 200
    assert ApiToken.objects.get(pk=created.token.pk).revoked_at is not None
    assert "has been revoked" in response.content.decode()


@pytest.mark.parametrize("role", [Role.STAFF, Role.CCD, Role.AUDITOR])
def test_nobody_revokes_someone_elses_token_through_the_page(client_as, user_of, role):
    owner = user_of(Role.STAFF)
    created = services.api_token_create(actor=owner, user=owner, name="Tool")
    client = client_as(role)

    response = client.post(reverse("api:token_revoke", args=[created.token.pk]))

    assert response.status_code == 404
    assert ApiToken.objects.get(pk=created.token.pk).revoked_at is None


def test_revoking_needs_a_post(client_as):
    client = client_as(Role.STAFF)
    created = services.api_token_create(actor=client.user, user=client.user, name="Tool")

    response = client.get(reverse("api:token_revoke", args=[created.token.pk]))

    assert response.status_code == 405
    assert ApiToken.objects.get(pk=created.token.pk).revoked_at is None


def test_revoking_an_already_revoked_token_says_so_and_changes_nothing(client_as):
    client = client_as(Role.STAFF)
    created = services.api_token_create(actor=client.user, user=client.user, name="Tool")
    services.api_token_revoke(actor=client.user, token=created.token)

    response = client.post(reverse("api:token_revoke", args=[created.token.pk]))

    assert response.status_code == 409
    assert b"already been revoked" in response.content


def test_the_api_reference_loads_only_our_own_scripts(client_as):
    client = client_as(Role.STAFF)

    response = client.get(reverse("api:docs"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui-bundle.js" in html
    scripts = re.findall(r"<script[^>]*>", html)
    # Our own files, and the layout's one-line script that carries the page's CSP nonce
    assert scripts and all('src="/static/' in tag or "nonce=" in tag for tag in scripts)
    # In the service's layout: the skip link and the header's navigation
    assert 'class="govuk-skip-link"' in html and 'class="govuk-service-navigation' in html
    assert "<style" not in html
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_the_api_reference_needs_a_sign_in(client):
    assert client.get(reverse("api:docs")).status_code == 302
