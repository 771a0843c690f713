"""Every (state, action, person) through the services, for applications and for accounts.

Who may act is written out again here by hand (``MAY``); whether the state allows it comes
from the engine's table (itself checked against a hand-written copy in the engine's tests).
A person who may not act is refused with PermissionDeniedError whatever the state; a permitted
action the state does not allow is refused with InvalidTransitionError; either way nothing
changes. Otherwise the object moves to the table's next state."""

from __future__ import annotations

import itertools

import pytest

from bluelamp.audit.models import AuditEvent
from bluelamp.core.errors import InvalidTransitionError, PermissionDeniedError
from bluelamp.engine.workflows import accounts as account_flow
from bluelamp.engine.workflows import applications as application_flow
from bluelamp.social_accounts.services.applications import (
    account_application_decide,
    account_application_withdraw,
)
from bluelamp.social_accounts.services.lifecycle import (
    account_close,
    account_conversion_decide,
    account_conversion_request,
    account_reinstate,
    account_suspend,
)
from bluelamp.social_accounts.services.registry import account_details_update
from bluelamp.social_accounts.services.roster import account_hand_over, account_roster_add
from bluelamp.social_accounts.tests.factories import (
    AccountFactory,
    ApplicationFactory,
    ForceUserFactory,
)

pytestmark = pytest.mark.django_db

# --- Applications -------------------------------------------------------------------------------

APPLICATION_PEOPLE = (
    "applicant",
    "own_manager",
    "other_manager",
    "colleague",
    "ccd",
    "auditor",
    "infosec",
    "psd",
)

APPLICATION_MAY = {
    "manager_approve": {"own_manager"},
    "manager_reject": {"own_manager"},
    "ccd_approve": {"ccd"},
    "ccd_refuse": {"ccd"},
    "withdraw": {"applicant"},
}


def _application_person(force, who):
    return {
        "applicant": force.applicant,
        "own_manager": force.manager,
        "other_manager": force.other_manager,
        "colleague": force.colleague,
        "ccd": force.ccd,
        "auditor": force.auditor,
        "infosec": force.infosec,
        "psd": force.psd,
    }[who]


def _application_in(force, state):
    """An application in ``state``; past the manager's step, the manager decided it."""
    decided = state not in ("awaiting_manager", "withdrawn")
    return ApplicationFactory(
        applicant=force.applicant,
        status=state,
        manager_decided_by=force.manager if decided else None,
    )


def _apply(person, application, action):
    if action == "withdraw":
        return account_application_withdraw(actor=person, application=application)
    return account_application_decide(
        actor=person, application=application, decision=action, reason="Because."
    )


@pytest.mark.parametrize(
    ("state", "action"), list(itertools.product(application_flow.STATES, application_flow.ACTIONS))
)
def test_every_application_state_action_and_person(force, state, action):
    for who in APPLICATION_PEOPLE:
        # Given an application in this state
        application = _application_in(force, state)
        person = _application_person(force, who)
        events = AuditEvent.objects.count()
        # When this person tries the action
        if who not in APPLICATION_MAY[action]:
            # Then someone not permitted is refused, whatever the state
            with pytest.raises(PermissionDeniedError):
                _apply(person, application, action)
        elif not application_flow.allowed(state, action):
            # Then a permitted person is refused when the state does not allow it
            with pytest.raises(InvalidTransitionError):
                _apply(person, application, action)
        else:
            # Then it moves to the next state, audited
            _apply(person, application, action)
            application.refresh_from_db()
            assert application.status == application_flow.next_state(state, action), who
            assert AuditEvent.objects.count() > events
            continue
        application.refresh_from_db()
        assert application.status == state, (who, action)
        assert AuditEvent.objects.count() == events, (who, action)


# --- Accounts -----------------------------------------------------------------------------------

ACCOUNT_PEOPLE = (
    "owner",
    "deputy",
    "member",
    "supervisor",
    "other_staff",
    "ccd",
    "auditor",
    "infosec",
    "psd",
)

ACCOUNT_MAY = {
    "record_change": {"owner", "deputy", "ccd"},
    "change_roster": {"owner", "deputy", "ccd"},
    "hand_over": {"owner", "ccd"},
    "request_conversion": {"owner"},
    "approve_conversion": {"ccd"},
    "refuse_conversion": {"ccd"},
    "suspend": {"ccd"},
    "reinstate": {"ccd"},
    "close": {"owner", "ccd"},
}


def _account_in(force, state):
    account = AccountFactory(
        owner=force.applicant,
        deputy=force.colleague,
        supervisor=force.manager,
        status=state,
        members=[force.outsider],
    )
    return account


def _account_person(force, who):
    return {
        "owner": force.applicant,
        "deputy": force.colleague,
        "member": force.outsider,
        "supervisor": force.manager,
        "other_staff": force.other_manager,
        "ccd": force.ccd,
        "auditor": force.auditor,
        "infosec": force.infosec,
        "psd": force.psd,
    }[who]


def _act(force, person, account, action):
    if action == "record_change":
        return account_details_update(
            actor=person, account=account, changes={"display_name": "A new name"}
        )
    if action == "change_roster":
        newcomer = ForceUserFactory()
        return account_roster_add(actor=person, account=account, user=newcomer)
    if action == "hand_over":
        return account_hand_over(actor=person, account=account, new_owner=force.outsider)
    if action == "request_conversion":
        return account_conversion_request(actor=person, account=account, reason="Moving on")
    if action in ("approve_conversion", "refuse_conversion"):
        return account_conversion_decide(
            actor=person, account=account, approve=action == "approve_conversion", reason="Because"
        )
    service = {
        "suspend": account_suspend,
        "reinstate": account_reinstate,
        "close": account_close,
    }[action]
    return service(actor=person, account=account, reason="Because")


@pytest.mark.parametrize(
    ("state", "action"), list(itertools.product(account_flow.STATES, account_flow.ACTIONS))
)
def test_every_account_state_action_and_person(force, state, action):
    for who in ACCOUNT_PEOPLE:
        account = _account_in(force, state)
        person = _account_person(force, who)
        events = AuditEvent.objects.count()
        if who not in ACCOUNT_MAY[action]:
            with pytest.raises(PermissionDeniedError):
                _act(force, person, account, action)
        elif not account_flow.allowed(state, action):
            with pytest.raises(InvalidTransitionError):
                _act(force, person, account, action)
        else:
            _act(force, person, account, action)
            account.refresh_from_db()
            assert account.status == account_flow.next_state(state, action), (who, action)
            assert AuditEvent.objects.count() > events
            continue
        account.refresh_from_db()
        assert account.status == state, (who, action)
        assert account.display_name != "A new name"
        assert AuditEvent.objects.count() == events, (who, action)
