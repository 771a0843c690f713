"""`bluelamp manage api_token`: create (printed once), list, revoke."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from bluelamp.api import tokens
from bluelamp.api.models import ApiToken
from bluelamp.core.roles import Role

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("api_token", *args, stdout=out, stderr=err)
    return out.getvalue()


def test_create_prints_a_working_token_once(user_of, api_client):
    user_of(Role.STAFF, username="robot")

    secret = run("create", "robot", "--name", "Scheduler", "--days", "30").strip()

    token = ApiToken.objects.get(user__username="robot")
    assert token.digest == tokens.digest(secret)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    response = api_client.post("/api/v1/check", {"text": "Hello"}, format="json")
    assert response.status_code == 200


def test_list_shows_tokens_without_secrets(user_of):
    user_of(Role.STAFF, username="robot")
    secret = run("create", "robot", "--name", "Scheduler").strip()

    listing = run("list", "robot")

    assert "Scheduler" in listing
    assert "active" in listing
    assert secret not in listing


def test_revoke_by_prefix(user_of):
    user_of(Role.STAFF, username="robot")
    secret = run("create", "robot", "--name", "Scheduler").strip()
    prefix = tokens.parse(secret)

    run("revoke", f"blp_{prefix}_")

    assert ApiToken.objects.get(prefix=prefix).revoked_at is not None
    assert "revoked" in run("list")


def test_unknown_user_and_bad_lifetime_are_errors(user_of):
    user_of(Role.STAFF, username="robot")

    with pytest.raises(CommandError, match="no user"):
        run("create", "nobody", "--name", "X")
    with pytest.raises(CommandError, match="lifetime_days"):
        run("create", "robot", "--name", "X", "--days", "0")
    assert not ApiToken.objects.exists()
