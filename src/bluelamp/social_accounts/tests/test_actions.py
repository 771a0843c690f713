"""The declarations (``social_accounts.actions``) that pages and the API read: every (state,
action, person) of both tables gives the answer the hand-written matrix (``test_matrix``) and
the engine's table give, and "do it" through a declaration refuses exactly as the service
does, before anything changes."""

from __future__ import annotations

import itertools

import pytest

from bluelamp.audit.models import AuditEvent
from bluelamp.core.errors import InvalidTransitionError, PermissionDeniedError
from bluelamp.engine.workflows import accounts as account_flow
from bluelamp.engine.workflows import applications as application_flow
from bluelamp.social_accounts.actions import (
    ACCOUNT_ACTIONS,
    APPLICATION_ACTIONS,
    DECISIONS,
    account_available_actions,
    application_available_actions,
)
from bluelamp.social_accounts.tests.factories import AccountFactory
from bluelamp.social_accounts.tests.test_matrix import (
    ACCOUNT_MAY,
    ACCOUNT_PEOPLE,
    APPLICATION_MAY,
    APPLICATION_PEOPLE,
    _account_in,
    _account_person,
    _application_in,
    _application_person,
)

pytestmark = pytest.mark.django_db


def test_every_table_step_is_declared_and_every_declaration_names_a_step_or_says_why_not():
    application_steps = {step for action in APPLICATION_ACTIONS for step in action.steps}
    account_steps = {step for action in ACCOUNT_ACTIONS for step in action.steps}
    assert application_steps == set(application_flow.ACTIONS)
    assert account_steps == set(account_flow.ACTIONS)
    assert [a.name for a in ACCOUNT_ACTIONS if not a.steps] == ["reveal_credentials"]
    assert set(DECISIONS) == set(application_flow.ACTIONS) - {application_flow.WITHDRAW}


@pytest.mark.parametrize("state", application_flow.STATES)
def test_every_application_state_action_and_person_is_offered_as_the_matrix_says(force, state):
    for who in APPLICATION_PEOPLE:
        # Given an application in this state and a person
        application = _application_in(force, state)
        person = _application_person(force, who)
        # When the declarations are asked what they may do now
        offered = application_available_actions(user=person, application=application)
        # Then it is each action the table allows and the person may take, in table order
        expected = [
            action
            for action in application_flow.actions_from(state)
            if who in APPLICATION_MAY[action]
        ]
        assert offered == expected, (state, who)


@pytest.mark.parametrize(
    ("state", "action"), list(itertools.product(application_flow.STATES, application_flow.ACTIONS))
)
def test_doing_an_application_action_through_its_declaration_refuses_before_the_service(
    force, state, action
):
    for who in APPLICATION_PEOPLE:
        application = _application_in(force, state)
        person = _application_person(force, who)
        events = AuditEvent.objects.count()
        if who not in APPLICATION_MAY[action]:
            with pytest.raises(PermissionDeniedError):
                APPLICATION_ACTIONS.perform(action, application, actor=person)
        elif not application_flow.allowed(state, action):
            with pytest.raises(InvalidTransitionError):
                APPLICATION_ACTIONS.perform(action, application, actor=person)
        else:
            APPLICATION_ACTIONS.perform(action, application, actor=person, data={"reason": "x"})
            application.refresh_from_db()
            assert application.status == application_flow.next_state(state, action)
            continue
        application.refresh_from_db()
        assert application.status == state
        assert AuditEvent.objects.count() == events


@pytest.mark.parametrize("state", account_flow.STATES)
def test_every_account_state_action_and_person_is_offered_as_the_matrix_says(force, state):
    for who in ACCOUNT_PEOPLE:
        account = _account_in(force, state)
        person = _account_person(force, who)
        offered = account_available_actions(user=person, account=account)
        expected = [
            action for action in account_flow.actions_from(state) if who in ACCOUNT_MAY[action]
        ]
        assert offered == expected, (state, who)
        # and every way of taking a step is offered exactly when the step is
        for declared in ACCOUNT_ACTIONS:
            if declared.steps:
                assert ACCOUNT_ACTIONS.state_allows(declared.name, account) == (
                    account_flow.allowed(state, declared.steps[0])
                )
                assert (declared.refusal(person, account) is None) == (
                    who in ACCOUNT_MAY[declared.steps[0]]
                ), (declared.name, who)


@pytest.mark.parametrize(
    ("state", "action"), list(itertools.product(account_flow.STATES, account_flow.ACTIONS))
)
def test_an_account_action_the_state_or_the_person_does_not_allow_is_refused_unchanged(
    force, state, action
):
    for who in ACCOUNT_PEOPLE:
        account = _account_in(force, state)
        person = _account_person(force, who)
        if who not in ACCOUNT_MAY[action]:
            with pytest.raises(PermissionDeniedError):
                ACCOUNT_ACTIONS.check(action, account, person)
        elif not account_flow.allowed(state, action):
            with pytest.raises(InvalidTransitionError):
                ACCOUNT_ACTIONS.check(action, account, person)
        else:
            assert ACCOUNT_ACTIONS.check(action, account, person).name == action


def test_the_actions_offered_are_those_the_state_and_the_person_allow(force):
    jo = AccountFactory(
        handle="WMPDudley", owner=force.applicant, deputy=force.colleague, team="Dudley NPU"
    )
    assert account_available_actions(user=force.applicant, account=jo) == [
        "record_change",
        "change_roster",
        "hand_over",
        "request_conversion",
        "close",
    ]
    assert account_available_actions(user=force.colleague, account=jo) == [
        "record_change",
        "change_roster",
    ]
    assert account_available_actions(user=force.auditor, account=jo) == []
    assert "suspend" in account_available_actions(user=force.ccd, account=jo)


def test_only_ccd_may_reveal_credentials_whatever_the_state(force):
    for state in account_flow.STATES:
        account = _account_in(force, state)
        assert ACCOUNT_ACTIONS.check("reveal_credentials", account, force.ccd)
        with pytest.raises(PermissionDeniedError):
            ACCOUNT_ACTIONS.check("reveal_credentials", account, force.applicant)
