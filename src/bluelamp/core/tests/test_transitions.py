"""core.transitions.transition: the table says whether and where; it saves only the fields it
changed and writes the audit event in the same transaction."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from bluelamp.audit.models import AuditEvent
from bluelamp.core.errors import ConflictError, InvalidTransitionError
from bluelamp.core.transitions import refuse_unless_allowed, transition
from bluelamp.engine.workflows import accounts as flow
from bluelamp.social_accounts.models import Account
from bluelamp.social_accounts.tests.factories import AccountFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 27, 12, 0, tzinfo=dt.UTC)


def test_a_transition_moves_saves_only_its_fields_and_audits():
    account = AccountFactory(status=flow.ACTIVE)
    Account.objects.filter(pk=account.pk).update(team="Changed elsewhere")
    account.bio = "not saved: not one of the transition's fields"
    with transaction.atomic():
        transition(
            account,
            workflow=flow.WORKFLOW,
            action=flow.SUSPEND,
            actor=None,
            audit_action="account.suspended",
            now=NOW,
            changes={"status_reason": "Breach", "status_changed_at": NOW},
            after={"reason": "Breach"},
        )
    stored = Account.objects.get(pk=account.pk)
    assert (stored.status, stored.status_reason) == (flow.SUSPENDED, "Breach")
    assert stored.team == "Changed elsewhere"
    assert stored.bio != "not saved: not one of the transition's fields"
    event = AuditEvent.objects.get(action="account.suspended")
    assert event.before == {"status": flow.ACTIVE}
    assert event.after == {"status": flow.SUSPENDED, "reason": "Breach"}
    assert event.occurred_at == NOW


def test_a_transition_the_table_does_not_allow_is_refused_and_changes_nothing():
    account = AccountFactory(status=flow.CLOSED)
    with pytest.raises(InvalidTransitionError) as refused, transaction.atomic():
        transition(
            account,
            workflow=flow.WORKFLOW,
            action=flow.SUSPEND,
            actor=None,
            audit_action="account.suspended",
            now=NOW,
        )
    assert refused.value.fields == {"state": flow.CLOSED, "action": flow.SUSPEND}
    assert Account.objects.get(pk=account.pk).status == flow.CLOSED
    assert not AuditEvent.objects.filter(action="account.suspended").exists()


def test_the_caller_may_word_the_refusal():
    account = AccountFactory(status=flow.CLOSED)
    with pytest.raises(ConflictError, match="closed"):
        refuse_unless_allowed(
            account,
            workflow=flow.WORKFLOW,
            action=flow.SUSPEND,
            refusal=lambda obj, action: ConflictError(f"It is {obj.status}"),
        )
