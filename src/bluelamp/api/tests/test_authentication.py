"""Who may call the API: a valid token (Token or Bearer), or a signed-in session with CSRF for
writes. Revoked, expired, malformed and inactive users' tokens are refused alike."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from bluelamp.api import services
from bluelamp.api.models import ApiToken
from bluelamp.core.roles import Role

pytestmark = pytest.mark.django_db

URL = "/api/v1/check"
BODY = json.dumps({"text": "Open day on Saturday."})


def call(client: APIClient, authorization: str | None = None):
    extra = {"HTTP_AUTHORIZATION": authorization} if authorization is not None else {}
    return client.post(URL, BODY, content_type="application/json", **extra)


@pytest.mark.parametrize("keyword", ["Token", "Bearer", "bearer", "TOKEN"])
def test_a_valid_token_is_accepted_with_either_keyword(api_client, user_of, token_for, keyword):
    secret = token_for(user_of(Role.STAFF))

    assert call(api_client, f"{keyword} {secret}").status_code == 200


@pytest.mark.parametrize(
    "authorization",
    [
        "Bearer",
        "Bearer two words",
        "Bearer blp_000000000000_" + "A" * 43,
        "Bearer not-a-token",
        "Bearer blp_short",
    ],
)
def test_a_malformed_or_unknown_token_is_refused(api_client, authorization):
    response = call(api_client, authorization)

    assert response.status_code == 401
    assert response.json()["code"] in {"invalid_token", "invalid_token_header"}
    assert set(response.json()) == {"code", "message"}


def test_a_token_with_a_wrong_secret_but_a_real_prefix_is_refused(api_client, user_of, token_for):
    secret = token_for(user_of(Role.STAFF))
    forged = secret[:-4] + ("AAAA" if not secret.endswith("AAAA") else "BBBB")

    assert call(api_client, f"Bearer {forged}").status_code == 401


def test_a_revoked_token_is_refused_at_once(api_client, user_of):
    user = user_of(Role.STAFF)
    created = services.api_token_create(actor=user, user=user, name="Scheduler")
    assert call(api_client, f"Bearer {created.secret}").status_code == 200

    services.api_token_revoke(actor=user, token=created.token)

    response = call(api_client, f"Bearer {created.secret}")
    assert response.status_code == 401
    assert response.json()["code"] == "invalid_token"


def test_an_expired_token_is_refused(api_client, user_of):
    user = user_of(Role.STAFF)
    long_ago = timezone.now() - dt.timedelta(days=31)
    created = services.api_token_create(
        actor=None, user=user, name="Old", lifetime_days=30, now=long_ago
    )

    assert call(api_client, f"Bearer {created.secret}").status_code == 401


def test_the_token_of_a_deactivated_user_is_refused(api_client, user_of, token_for):
    user = user_of(Role.CCD)
    secret = token_for(user)
    user.is_active = False
    user.save(update_fields=["is_active"])

    assert call(api_client, f"Bearer {secret}").status_code == 401


def test_a_token_acts_with_its_users_roles_as_they_are_now(api_client, user_of, token_for):
    from django.contrib.auth.models import Group

    user = user_of(Role.CCD)
    secret = token_for(user)
    user.groups.remove(Group.objects.get(name=Role.CCD.group_name))

    # The check needs no role, but the user seen by the API is the live row.
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    response = api_client.get("/api/schema/?format=json")
    assert response.status_code == 200
    assert response.wsgi_request.user.pk == user.pk


def test_using_a_token_records_when_it_was_last_used(api_client, user_of, token_for):
    user = user_of(Role.STAFF)
    secret = token_for(user)

    call(api_client, f"Bearer {secret}")

    assert ApiToken.objects.get(user=user).last_used_at is not None


def test_last_used_is_written_at_most_every_few_minutes(api_client, user_of, token_for):
    user = user_of(Role.STAFF)
    secret = token_for(user)
    call(api_client, f"Bearer {secret}")
    first = ApiToken.objects.get(user=user).last_used_at

    call(api_client, f"Bearer {secret}")

    assert ApiToken.objects.get(user=user).last_used_at == first


def test_a_signed_in_browser_may_check_with_its_csrf_token(user_of):
    user = user_of(Role.STAFF)
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(user)
    page = client.get("/api/tokens/")  # any page: sets the CSRF cookie
    csrf = page.cookies["csrftoken"].value

    response = client.post(URL, BODY, content_type="application/json", HTTP_X_CSRFTOKEN=csrf)

    assert response.status_code == 200


def test_a_signed_in_browser_without_a_csrf_token_is_refused(user_of):
    user = user_of(Role.STAFF)
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(user)

    response = client.post(URL, BODY, content_type="application/json")

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert "CSRF" in response.json()["message"]


def test_a_token_caller_needs_no_csrf_token(user_of, token_for):
    client = APIClient(enforce_csrf_checks=True)

    response = call(client, f"Bearer {token_for(user_of(Role.STAFF))}")

    assert response.status_code == 200


def test_api_answers_are_not_cached(api_client, user_of, token_for):
    response = call(api_client, f"Bearer {token_for(user_of(Role.STAFF))}")

    assert response["Cache-Control"] == "no-store"
