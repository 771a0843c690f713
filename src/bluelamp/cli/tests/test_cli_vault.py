"""`bluelamp vault rotate-keys` with real encrypted rows: several accounts' sign-ins and their
platform tokens, re-encrypted under the newest key and readable with it alone; and a failure
part-way leaves every secret as it was, readable under the old keys."""

from __future__ import annotations

import argparse

import pytest
from cryptography.fernet import Fernet

from bluelamp.audit.models import AuditEvent
from bluelamp.cli import vault as vault_cli
from bluelamp.core.roles import Role
from bluelamp.publishing.models import PlatformConnection
from bluelamp.publishing.services.connections import connection_save, token_of
from bluelamp.social_accounts import vault
from bluelamp.social_accounts.models import AccountCredential
from bluelamp.social_accounts.services.credentials import account_credentials_record
from bluelamp.social_accounts.tests.factories import AccountFactory, ForceUserFactory

pytestmark = pytest.mark.django_db

OLD, NEW, LOST = (Fernet.generate_key().decode() for _ in range(3))
PASSWORDS = ["Corr3ct-Horse-1!", "Battery-Staple-2?", "Tr0ub4dor&3"]
TOKENS = ["x-token-one-AAAA", "x-token-two-BBBB"]


@pytest.fixture
def stored(settings):
    """Three accounts' sign-ins and two platform tokens, all encrypted under the old key."""
    settings.BLUELAMP_VAULT_KEYS = [OLD]
    ccd = ForceUserFactory(username="ccd", roles=[Role.STAFF, Role.CCD])
    accounts = [AccountFactory(platform="x", owner=ccd) for _ in PASSWORDS]
    for account, password in zip(accounts, PASSWORDS, strict=True):
        account_credentials_record(
            actor=ccd, account=account, username=f"user-{account.pk}", password=password
        )
    for account, token in zip(accounts, TOKENS, strict=False):
        connection_save(actor=ccd, account=account, token=token)
    return accounts


def _cli() -> int:
    parser = argparse.ArgumentParser()
    vault_cli.register(parser.add_subparsers())
    args = parser.parse_args(["vault", "rotate-keys"])
    return args.func(args)


def _ciphertexts() -> list[str]:
    return [
        *AccountCredential.objects.order_by("pk").values_list("password_encrypted", flat=True),
        *PlatformConnection.objects.order_by("pk").values_list("token_encrypted", flat=True),
    ]


def _secrets() -> tuple[list[str], list[str]]:
    passwords = [
        vault.decrypt(c.password_encrypted) for c in AccountCredential.objects.order_by("pk")
    ]
    tokens = [token_of(c) for c in PlatformConnection.objects.order_by("pk")]
    return passwords, tokens


def test_every_secret_is_re_encrypted_under_the_newest_key_and_opens_with_it_alone(
    settings, stored, capsys
):
    # given a new key put in front of the old one
    before = _ciphertexts()
    settings.BLUELAMP_VAULT_KEYS = [NEW, OLD]
    # when the keys are rotated
    assert _cli() == 0
    out = capsys.readouterr().out
    # then it says how many, and never a secret
    assert "social_accounts.AccountCredential.password_encrypted: 3 re-encrypted" in out
    assert "publishing.PlatformConnection.token_encrypted: 2 re-encrypted" in out
    assert "5 secrets now under the newest of 2 key(s)" in out
    assert not any(secret in out for secret in PASSWORDS + TOKENS)
    # and every stored value changed, and every secret opens with the new key alone
    assert all(a != b for a, b in zip(before, _ciphertexts(), strict=True))
    settings.BLUELAMP_VAULT_KEYS = [NEW]
    assert _secrets() == (PASSWORDS, TOKENS)
    # and the rotation is audited with the counts only
    event = AuditEvent.objects.get(action="vault.keys_rotated")
    assert event.after["total"] == 5 and event.after["vault_size"] == 2
    assert "(bluelamp vault rotate-keys)" in event.actor_text
    recorded = str(event.before) + str(event.after)
    assert not any(secret in recorded for secret in PASSWORDS + TOKENS + [NEW, OLD])


def test_a_secret_that_cannot_be_opened_stops_the_rotation_and_changes_nothing(
    settings, stored, capsys
):
    # given one sign-in encrypted under a key that is no longer configured
    settings.BLUELAMP_VAULT_KEYS = [LOST]
    middle = AccountCredential.objects.order_by("pk")[1]
    account_credentials_record(
        actor=middle.recorded_by, account=middle.account, username="u", password="lost one"
    )
    settings.BLUELAMP_VAULT_KEYS = [NEW, OLD]
    before = _ciphertexts()
    # when the keys are rotated
    assert _cli() == 1
    err = capsys.readouterr().err
    # then the row is named, nothing changed, and nothing was audited
    assert f"row {middle.pk}" in err and "Nothing was changed" in err
    assert "lost one" not in err
    assert _ciphertexts() == before
    assert not AuditEvent.objects.filter(action="vault.keys_rotated").exists()


def test_a_failure_part_way_leaves_every_secret_readable_under_the_old_keys(
    settings, stored, monkeypatch, capsys
):
    # given a rotation that fails on the fourth secret (the first platform token), after three
    # have been re-encrypted and written
    settings.BLUELAMP_VAULT_KEYS = [NEW, OLD]
    before = _ciphertexts()
    real_rotate, calls = vault.rotate, []

    def failing_rotate(token: str) -> str:
        calls.append(1)
        if len(calls) == 4:
            raise RuntimeError("database connection lost")
        return real_rotate(token)

    monkeypatch.setattr(vault, "rotate", failing_rotate)
    assert _cli() == 2
    assert "database connection lost" in capsys.readouterr().err
    # then nothing changed, and every secret opens with the old key alone
    assert _ciphertexts() == before
    settings.BLUELAMP_VAULT_KEYS = [OLD]
    assert _secrets() == (PASSWORDS, TOKENS)


def test_a_secret_that_does_not_open_with_the_newest_key_afterwards_undoes_everything(
    settings, stored, monkeypatch
):
    settings.BLUELAMP_VAULT_KEYS = [NEW, OLD]
    before = _ciphertexts()
    monkeypatch.setattr(vault, "opens_with_newest_key", lambda token: "not the same secret")
    assert _cli() == 1
    assert _ciphertexts() == before


def test_every_encrypted_field_is_registered_for_rotation():
    # a new model field ending in _encrypted must be registered, or rotation would skip it
    from django.apps import apps

    found = {
        (f"{model._meta.app_label}.{model.__name__}", field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.name.endswith("_encrypted")
    }
    assert found == set(vault.encrypted_fields())
