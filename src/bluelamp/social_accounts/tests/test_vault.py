"""The credential vault (3.7, 5.9): sign-ins held encrypted, revealed only to CCD with a
reason, every step audited, and keys that can be rotated."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.db import connection
from django.urls import reverse

from bluelamp.audit.models import AuditEvent
from bluelamp.core.errors import InvalidInputError, PermissionDeniedError
from bluelamp.social_accounts import vault
from bluelamp.social_accounts.models import AccountCredential
from bluelamp.social_accounts.services.credentials import (
    account_credentials_record,
    account_credentials_reveal,
)
from bluelamp.social_accounts.tests.factories import AccountFactory

pytestmark = pytest.mark.django_db

SECRET = "Corr3ct-Horse-Battery-Staple!"


@pytest.fixture(autouse=True)
def vault_key(settings):
    settings.BLUELAMP_VAULT_KEYS = [Fernet.generate_key().decode()]
    return settings


@pytest.fixture
def account(force):
    return AccountFactory(owner=force.applicant)


def test_the_password_is_stored_only_encrypted(force, account):
    account_credentials_record(
        actor=force.applicant, account=account, username="wmp.test", password=SECRET
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT password_encrypted FROM social_accounts_accountcredential")
        (stored,) = cursor.fetchone()
    assert SECRET not in stored and vault.decrypt(stored) == SECRET
    account.refresh_from_db()
    assert account.password_changed_at is not None


def test_recording_is_audited_and_e_mailed_without_the_password(
    force, account, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        account_credentials_record(
            actor=force.applicant, account=account, username="wmp.test", password=SECRET
        )
    event = AuditEvent.objects.get(action="account.credentials_recorded")
    assert SECRET not in str(event.before) + str(event.after)
    assert mailoutbox and all(SECRET not in m.body for m in mailoutbox)


def test_only_ccd_with_a_reason_can_reveal_and_the_reveal_is_audited(force, account):
    account_credentials_record(
        actor=force.applicant, account=account, username="wmp.test", password=SECRET
    )
    for who in (force.applicant, force.manager, force.auditor, force.infosec, force.psd):
        with pytest.raises(PermissionDeniedError):
            account_credentials_reveal(actor=who, account=account, reason="just curious x")
    with pytest.raises(InvalidInputError, match="Say why"):
        account_credentials_reveal(actor=force.ccd, account=account, reason="  ")
    assert not AuditEvent.objects.filter(action="account.credentials_revealed").exists()
    reason = "Owner has left the force; recovering the account"
    assert account_credentials_reveal(actor=force.ccd, account=account, reason=reason) == (
        "wmp.test",
        SECRET,
    )
    event = AuditEvent.objects.get(action="account.credentials_revealed")
    assert event.after["reason"] == reason and event.actor == force.ccd


def test_people_not_on_the_account_cannot_record_its_sign_in(force, account):
    with pytest.raises(Exception) as refused:
        account_credentials_record(
            actor=force.outsider, account=account, username="x", password="y"
        )
    assert "denied" in type(refused.value).__name__.lower() or "not" in str(refused.value).lower()
    assert not AccountCredential.objects.exists()


def test_a_new_key_decrypts_the_old_and_rotation_moves_to_it(settings, force, account):
    account_credentials_record(
        actor=force.applicant, account=account, username="u", password=SECRET
    )
    old_token = AccountCredential.objects.get().password_encrypted
    settings.BLUELAMP_VAULT_KEYS = [Fernet.generate_key().decode(), *settings.BLUELAMP_VAULT_KEYS]
    assert vault.decrypt(old_token) == SECRET
    new_token = vault.rotate(old_token)
    settings.BLUELAMP_VAULT_KEYS = settings.BLUELAMP_VAULT_KEYS[:1]
    assert vault.decrypt(new_token) == SECRET


def test_without_keys_outside_development_nothing_is_stored(settings, force, account):
    settings.BLUELAMP_VAULT_KEYS = []
    settings.DEBUG = False
    with pytest.raises(vault.VaultError, match="BLUELAMP_VAULT_KEYS"):
        account_credentials_record(
            actor=force.applicant, account=account, username="u", password=SECRET
        )
    assert not AccountCredential.objects.exists()


def test_the_pages_register_and_reveal_and_never_echo_the_password(client, force, account):
    client.force_login(force.applicant)
    url = reverse("social_accounts:account_credentials", args=[account.pk])
    bad = client.post(url, {"username": "", "password": SECRET})
    assert bad.status_code == 400 and SECRET.encode() not in bad.content
    assert client.post(url, {"username": "wmp.test", "password": SECRET}).status_code == 302
    reveal = reverse("social_accounts:account_credentials_reveal", args=[account.pk])
    assert client.get(reveal).status_code == 403  # the owner is not CCD
    client.force_login(force.ccd)
    page = client.post(reveal, {"reason": "Recovering the account after a lost phone"})
    assert page.status_code == 200 and SECRET.encode() in page.content
