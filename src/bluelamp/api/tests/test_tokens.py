"""API tokens: created for yourself (or by the system), shown once, stored as a digest,
revoked by their owner or CCD, every change audited without the secret."""

from __future__ import annotations

import pytest

from bluelamp.api import services, tokens
from bluelamp.api.models import ApiToken
from bluelamp.audit.models import AuditEvent
from bluelamp.core.errors import InvalidInputError, InvalidTransitionError, PermissionDeniedError
from bluelamp.core.roles import Role

pytestmark = pytest.mark.django_db


def test_a_token_is_stored_only_as_its_digest(user_of):
    user = user_of(Role.STAFF)

    created = services.api_token_create(actor=user, user=user, name="Scheduler")

    row = ApiToken.objects.get(pk=created.token.pk)
    assert created.secret.startswith(f"blp_{row.prefix}_")
    assert row.digest == tokens.digest(created.secret)
    stored = " ".join(str(value) for value in row.__dict__.values())
    assert created.secret not in stored
    assert created.secret.split("_", 2)[2] not in stored


def test_two_tokens_never_share_a_secret(user_of):
    user = user_of(Role.STAFF)

    first = services.api_token_create(actor=user, user=user, name="A")
    second = services.api_token_create(actor=user, user=user, name="B")

    assert first.secret != second.secret
    assert first.token.prefix != second.token.prefix


def test_creating_a_token_is_audited_without_the_secret(user_of):
    user = user_of(Role.STAFF)

    created = services.api_token_create(actor=user, user=user, name="Scheduler")

    event = AuditEvent.objects.get(action="api_token.created")
    assert event.actor == user
    assert event.after["name"] == "Scheduler"
    assert event.after["prefix"] == created.token.prefix
    assert created.secret not in str(event.after)
    assert created.secret.split("_", 2)[2] not in str(event.after)


def test_nobody_creates_a_token_for_someone_else_not_even_ccd(user_of):
    ccd = user_of(Role.CCD)
    staff = user_of(Role.STAFF)

    with pytest.raises(PermissionDeniedError):
        services.api_token_create(actor=ccd, user=staff, name="Sneaky")

    assert not ApiToken.objects.exists()


def test_the_system_may_create_a_token_for_a_service_account(user_of):
    robot = user_of(Role.STAFF, username="scheduler-robot")

    created = services.api_token_create(actor=None, user=robot, name="Scheduler")

    assert created.token.user == robot
    assert AuditEvent.objects.get(action="api_token.created").actor_text == "system"


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"name": "  "}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"lifetime_days": 0}, "lifetime_days"),
        ({"lifetime_days": 400}, "lifetime_days"),
    ],
)
def test_a_bad_name_or_lifetime_is_refused_and_nothing_is_created(user_of, fields, error_field):
    user = user_of(Role.STAFF)
    arguments = {"name": "Tool", **fields}

    with pytest.raises(InvalidInputError) as caught:
        services.api_token_create(actor=user, user=user, **arguments)

    assert error_field in caught.value.fields["errors"]
    assert not ApiToken.objects.exists()
    assert not AuditEvent.objects.filter(action="api_token.created").exists()


def test_an_inactive_user_gets_no_token(user_of):
    user = user_of(Role.STAFF, is_active=False)

    with pytest.raises(InvalidInputError):
        services.api_token_create(actor=None, user=user, name="Tool")


def test_the_owner_revokes_their_token_and_it_is_audited(user_of):
    user = user_of(Role.STAFF)
    created = services.api_token_create(actor=user, user=user, name="Tool")

    services.api_token_revoke(actor=user, token=created.token)

    assert ApiToken.objects.get(pk=created.token.pk).revoked_at is not None
    event = AuditEvent.objects.get(action="api_token.revoked")
    assert event.actor == user
    assert event.before == {"revoked_at": None}


def test_ccd_may_revoke_anyones_token(user_of):
    staff = user_of(Role.STAFF)
    created = services.api_token_create(actor=staff, user=staff, name="Tool")

    services.api_token_revoke(actor=user_of(Role.CCD), token=created.token)

    assert ApiToken.objects.get(pk=created.token.pk).revoked_at is not None


@pytest.mark.parametrize(
    "role", [Role.STAFF, Role.LINE_MANAGER, Role.AUDITOR, Role.INFOSEC, Role.PSD]
)
def test_no_other_role_may_revoke_someone_elses_token(user_of, role):
    owner = user_of(Role.STAFF)
    created = services.api_token_create(actor=owner, user=owner, name="Tool")

    with pytest.raises(PermissionDeniedError):
        services.api_token_revoke(actor=user_of(role), token=created.token)

    assert ApiToken.objects.get(pk=created.token.pk).revoked_at is None


def test_revoking_twice_is_refused_and_records_nothing_more(user_of):
    user = user_of(Role.STAFF)
    created = services.api_token_create(actor=user, user=user, name="Tool")
    services.api_token_revoke(actor=user, token=created.token)

    with pytest.raises(InvalidTransitionError):
        services.api_token_revoke(actor=user, token=created.token)

    assert AuditEvent.objects.filter(action="api_token.revoked").count() == 1


@pytest.mark.parametrize(
    "raw",
    ["", "blp_", "blp_abc_def", "xyz_0123456789ab_" + "A" * 43, "blp_0123456789AB_" + "A" * 43],
)
def test_malformed_tokens_have_no_prefix(raw):
    assert tokens.parse(raw) is None
