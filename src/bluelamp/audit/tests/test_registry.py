"""The registry of audit action names: each registered once, and only registered ones used."""

from __future__ import annotations

import pytest
from django.db import transaction

from bluelamp.audit.registry import (
    ActionRegistry,
    DuplicateActionError,
    UnknownActionError,
    actions,
)
from bluelamp.audit.services import audit_record


def test_an_action_is_registered_once_with_its_label():
    registry = ActionRegistry()
    action = registry.register("account.approved", "Account approved")
    assert registry.get("account.approved") == action
    assert action.domain == "account"
    with pytest.raises(DuplicateActionError):
        registry.register("account.approved", "Again")


@pytest.mark.parametrize("name", ["approved", "Account.Approved", "account..approved", "a.b-c", ""])
def test_an_action_name_must_be_dotted_lower_case(name):
    with pytest.raises(ValueError):
        ActionRegistry().register(name, "Label")


def test_an_unknown_action_is_refused_by_name():
    with pytest.raises(UnknownActionError, match=r"account\.nope"):
        ActionRegistry().get("account.nope")


def test_the_sign_in_actions_are_registered_by_core():
    for name in ("auth.login", "auth.logout", "auth.login_failed", "auth.locked_out"):
        assert name in actions


@pytest.mark.django_db
def test_recording_an_unregistered_action_fails_and_writes_nothing():
    from bluelamp.audit.models import AuditEvent

    with pytest.raises(UnknownActionError), transaction.atomic():
        audit_record(actor=None, action="made.up")
    assert not AuditEvent.objects.exists()
