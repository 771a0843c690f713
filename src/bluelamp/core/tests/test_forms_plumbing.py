"""core.forms: a service's refusal is put back on the page's form the same way in every app."""

from __future__ import annotations

from typing import ClassVar

from django import forms

from bluelamp.core.errors import (
    ConflictError,
    InvalidInputError,
    InvalidTransitionError,
    PermissionDeniedError,
)
from bluelamp.core.forms import FIXABLE, apply_service_errors, problem_form, refused
from bluelamp.data_requests.errors import ExtensionRefusedError, LetterRefusedError
from bluelamp.social_accounts.errors import DuplicateAccountError


class _Form(forms.Form):
    handle = forms.CharField(required=False)
    starts_on = forms.DateField(required=False)
    service_fields: ClassVar[dict[str, str]] = {"starts_at": "starts_on"}


def _bound() -> _Form:
    form = _Form(data={})
    form.is_valid()
    return form


def test_field_errors_go_on_their_field_its_alias_or_the_top():
    form = _bound()
    error = InvalidInputError(
        "x", errors={"handle": ["No spaces"], "starts_at": ["Too late"], "other": ["Hm"]}
    )
    apply_service_errors(form, error)
    assert form.errors["handle"] == ["No spaces"]
    assert form.errors["starts_on"] == ["Too late"]
    assert form.non_field_errors() == ["Hm"]


def test_an_input_error_without_fields_goes_at_the_top():
    form = _bound()
    apply_service_errors(form, InvalidInputError("Nothing to do"))
    assert form.non_field_errors() == ["Nothing to do"]


def test_a_refusal_answers_its_status_and_shows_its_message():
    form = _bound()
    assert refused(form, InvalidTransitionError("Too late now", state="a", action="b")) == 409
    assert form.non_field_errors() == ["Too late now"]
    assert refused(_bound(), InvalidInputError("x", errors={"handle": ["Bad"]})) == 400


def test_a_refusal_that_names_its_field_is_shown_there():
    form = _bound()
    assert refused(form, DuplicateAccountError("Taken", platform="x", handle="a")) == 409
    assert form.errors["handle"] == ["Taken"]


def test_one_fixable_set_covers_every_apps_fixable_refusals_and_not_403():
    for error in (
        InvalidInputError(),
        ConflictError(),
        InvalidTransitionError(state="a", action="b"),
        ExtensionRefusedError(),
        LetterRefusedError(),
        DuplicateAccountError(platform="x", handle="a"),
    ):
        assert isinstance(error, FIXABLE)
    assert not isinstance(PermissionDeniedError(), FIXABLE)


def test_a_problem_form_carries_a_message_about_the_page():
    assert problem_form("Something changed").non_field_errors() == ["Something changed"]
    assert not problem_form().errors
