"""Signing in and out: argon2 hashes, the lock-out, and every step in the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from bluelamp.audit.models import AuditEvent
from bluelamp.core import selectors
from bluelamp.core.models import LoginFailure
from bluelamp.core.roles import Role

pytestmark = pytest.mark.django_db

LOGIN = reverse("core:login")


def sign_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def actions():
    return list(AuditEvent.objects.order_by("sequence").values_list("action", flat=True))


def test_the_sign_in_page_needs_no_sign_in(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert b"Sign in to Bluelamp" in response.content


@pytest.mark.parametrize("name", ["core:home", "audit:event_list", "audit:verify"])
def test_every_other_page_sends_anonymous_visitors_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_passwords_are_hashed_with_argon2(user_of):
    user = user_of(Role.STAFF)
    assert user.password.startswith("argon2$")


def test_signing_in_goes_home_and_is_audited(client, user_of, password):
    # given a member of staff
    user = user_of(Role.STAFF, username="jo")
    # when they sign in with the right password
    response = sign_in(client, "jo", password)
    # then they reach the home page and the sign-in is in the audit trail, with them as actor
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    event = AuditEvent.objects.get(action="auth.login")
    assert event.actor == user
    assert event.target_id == str(user.pk)
    assert event.request_id == response["X-Request-ID"]


def test_a_wrong_password_is_refused_plainly_and_audited(client, user_of):
    # given a user
    user_of(Role.STAFF, username="jo")
    # when they sign in with the wrong password
    response = sign_in(client, "jo", "wrong")
    # then the page says so in an error summary, and the failure is audited without the password
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert b"Enter a correct username and password" in response.content
    event = AuditEvent.objects.get(action="auth.login_failed")
    assert event.actor is None
    assert event.after["username"] == "jo"
    assert event.after["reason"] == "bad_credentials"
    assert "wrong" not in str(event.after)


def test_empty_fields_are_named_in_the_error_summary(client):
    response = client.post(LOGIN, {"username": "", "password": ""})
    assert b"Enter your username" in response.content
    assert b"Enter your password" in response.content
    assert b'href="#id_username"' in response.content


def test_the_fifth_failure_locks_the_account_and_the_lock_out_is_audited_once(client, user_of):
    # given a user
    user_of(Role.STAFF, username="jo")
    # when five wrong passwords are tried
    for _ in range(4):
        sign_in(client, "jo", "wrong")
    assert not selectors.login_is_locked(username="jo")
    response = sign_in(client, "jo", "wrong")
    # then the account is locked, the page says so, and the lock-out is one audit event
    assert selectors.login_is_locked(username="jo")
    assert b"This account is locked" in response.content
    assert actions().count("auth.login_failed") == 5
    assert actions().count("auth.locked_out") == 1
    locked = AuditEvent.objects.get(action="auth.locked_out")
    assert locked.after["failures"] == 5


def test_a_locked_account_refuses_even_the_right_password(client, user_of, password):
    # given a locked account
    user_of(Role.STAFF, username="jo")
    for _ in range(5):
        sign_in(client, "jo", "wrong")
    # when the right password is given
    response = sign_in(client, "jo", password)
    # then sign-in is refused, recorded as refused because locked, and not a second lock-out
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="auth.login").count() == 0
    last_failure = AuditEvent.objects.filter(action="auth.login_failed").last()
    assert last_failure.after["reason"] == "locked"
    assert actions().count("auth.locked_out") == 1


def test_the_lock_counts_usernames_whatever_their_case(client, user_of):
    user_of(Role.STAFF, username="jo")
    for name in ["jo", "JO", " Jo", "jO", "Jo "]:
        sign_in(client, name, "wrong")
    assert selectors.login_is_locked(username="jo")


def test_the_lock_lifts_when_the_failures_age_out_of_the_window():
    # given five failures, the oldest sixteen minutes ago
    now = timezone.now()
    for minutes in (16, 10, 8, 6, 4):
        LoginFailure.objects.create(username="jo", at=now - dt.timedelta(minutes=minutes))
    # then only four are in the fifteen-minute window: not locked
    assert not selectors.login_is_locked(username="jo", now=now)
    # and a minute earlier all five were, so it was locked until the oldest aged out
    earlier = now - dt.timedelta(minutes=1, seconds=30)
    until = selectors.login_locked_until(username="jo", now=earlier)
    assert until == now - dt.timedelta(minutes=16) + dt.timedelta(minutes=15)


def test_signing_in_clears_earlier_failures(client, user_of, password):
    user_of(Role.STAFF, username="jo")
    for _ in range(4):
        sign_in(client, "jo", "wrong")
    sign_in(client, "jo", password)
    assert not LoginFailure.objects.filter(username="jo").exists()


def test_unknown_usernames_are_locked_too_so_the_lock_does_not_reveal_who_exists(client):
    for _ in range(5):
        sign_in(client, "nobody", "wrong")
    assert selectors.login_is_locked(username="nobody")
    assert AuditEvent.objects.filter(action="auth.locked_out", target_label="nobody").exists()


def test_the_admin_sign_in_is_behind_the_same_lock(client, user_of, password):
    # given a locked superuser
    admin = user_of(username="root", is_staff=True, is_superuser=True)
    for _ in range(5):
        sign_in(client, "root", "wrong")
    # when they try the admin site's own sign-in with the right password
    client.post(reverse("admin:login"), {"username": admin.username, "password": password})
    # then they are refused
    assert "_auth_user_id" not in client.session


def test_the_unlock_command_lifts_the_lock_and_is_audited(client, user_of, password):
    user_of(Role.STAFF, username="jo")
    for _ in range(5):
        sign_in(client, "jo", "wrong")
    call_command("unlock", "jo")
    assert not selectors.login_is_locked(username="jo")
    assert AuditEvent.objects.filter(action="auth.unlocked", target_label="jo").exists()
    assert sign_in(client, "jo", password).status_code == 302


def test_signing_out_needs_a_post_and_is_audited(client, user_of, password):
    # given a signed-in user
    user = user_of(Role.STAFF, username="jo")
    sign_in(client, "jo", password)
    # when they follow a sign-out link (GET) nothing happens
    assert client.get(reverse("core:logout")).status_code == 405
    # when they press the sign-out button (POST)
    response = client.post(reverse("core:logout"))
    # then they are signed out, sent to sign in, and it is audited
    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.get(action="auth.logout").actor == user


def test_a_signed_in_user_visiting_sign_in_goes_home(client, user_of):
    client.force_login(user_of(Role.STAFF))
    assert client.get(LOGIN)["Location"] == reverse("core:home")


def test_sign_in_only_follows_a_next_address_on_this_site(client, user_of, password):
    user_of(Role.STAFF, username="jo")
    response = client.post(
        LOGIN, {"username": "jo", "password": password, "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("core:home")
