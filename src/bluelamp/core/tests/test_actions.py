"""core.actions: an action declared once answers "may I?" and "do it" for pages and API."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django import forms
from django.test import RequestFactory

from bluelamp.core.actions import Action, ActionSet, page_step
from bluelamp.core.errors import (
    ConflictError,
    InvalidTransitionError,
    PermissionDeniedError,
)
from bluelamp.engine.workflows import Workflow

FLOW = Workflow(
    name="door",
    states=("shut", "open"),
    actions=("open", "shut"),
    initial="shut",
    transitions={("shut", "open"): "open", ("open", "shut"): "shut"},
)
calls: list[tuple] = []


def _open(*, door, actor, why: str = ""):
    if why == "clash":
        raise ConflictError("Someone is in the way")
    calls.append(("open", door.name, actor, why))
    door.state = "open"
    return door


class WhyForm(forms.Form):
    why = forms.CharField()


DOORS = ActionSet(
    entity="door",
    workflow=FLOW,
    state_field="state",
    actions=[
        Action(
            name="open",
            steps=("open",),
            service=_open,
            permission=lambda user, door: None if user == "keyholder" else "No key",
            form=WhyForm,
            hints={"open": "It is open already."},
        ),
        Action(name="knock", service=lambda **kw: None, condition=lambda door: door.name != "x"),
    ],
)


def _door(state="shut", name="front"):
    return SimpleNamespace(state=state, name=name)


def test_what_a_user_may_do_now_is_the_table_and_the_permission():
    assert DOORS.available(_door(), "keyholder") == ["open", "knock"]
    assert DOORS.available(_door(), "visitor") == ["knock"]
    assert DOORS.available(_door("open"), "keyholder") == ["knock"]
    assert DOORS.available(_door(name="x"), "keyholder") == ["open"]


def test_perform_refuses_who_first_then_the_state_then_calls_the_service():
    with pytest.raises(PermissionDeniedError, match="No key"):
        DOORS.perform("open", _door("open"), actor="visitor")
    with pytest.raises(InvalidTransitionError, match="open already"):
        DOORS.perform("open", _door("open"), actor="keyholder")
    door = DOORS.perform("open", _door(), actor="keyholder", data={"why": "air"})
    assert door.state == "open"
    assert calls[-1] == ("open", "front", "keyholder", "air")


def test_a_declaration_must_name_actions_of_its_table_once():
    with pytest.raises(ValueError, match="not in the door table"):
        ActionSet(
            entity="door", workflow=FLOW, actions=[Action(name="a", service=print, steps=("x",))]
        )
    with pytest.raises(ValueError, match="twice"):
        ActionSet(
            entity="door",
            workflow=FLOW,
            actions=[Action(name="a", service=print), Action(name="a", service=print)],
        )


def _post(data):
    request = RequestFactory().post("/", data)
    request.user = "keyholder"
    return request


def test_the_page_step_parses_performs_and_puts_a_fixable_refusal_on_the_form():
    bad = page_step(_post({}), DOORS, "open", _door())
    assert (bad.ok, bad.status) == (False, 400)
    assert "why" in bad.form.errors

    clash = page_step(_post({"why": "clash"}), DOORS, "open", _door())
    assert (clash.ok, clash.status) == (False, 409)
    assert clash.form.non_field_errors() == ["Someone is in the way"]

    done = page_step(_post({"why": "air"}), DOORS, "open", _door())
    assert done.ok and done.result.state == "open"


def test_the_page_step_lets_a_refusal_the_user_cannot_fix_through():
    request = _post({"why": "air"})
    request.user = "visitor"
    with pytest.raises(PermissionDeniedError):
        page_step(request, DOORS, "open", _door())
