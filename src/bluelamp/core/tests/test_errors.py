"""ApplicationError: stable, unique codes, and one error shape for pages and the API."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.test import RequestFactory

from bluelamp.core.errors import (
    ApplicationError,
    ConflictError,
    InvalidInputError,
    InvalidTransitionError,
    error_codes,
)
from bluelamp.core.middleware import ApplicationErrorMiddleware


def test_every_error_class_has_its_own_code():
    codes = error_codes()
    assert len(codes) == len(set(codes))
    assert {"invalid_input", "permission_denied", "not_found", "invalid_transition"} <= set(codes)


def test_a_second_class_with_a_used_code_is_refused():
    with pytest.raises(TypeError, match="already used"):

        class Again(ApplicationError):
            code = "conflict"


def test_a_subclass_must_declare_a_code():
    with pytest.raises(TypeError, match="must declare"):

        class NoCode(ConflictError):
            pass


def test_errors_carry_their_fields_into_the_api_body():
    error = InvalidTransitionError(state="approved", action="approve")
    assert error.as_dict() == {
        "code": "invalid_transition",
        "message": InvalidTransitionError.default_message,
        "state": "approved",
        "action": "approve",
    }
    assert error.http_status == 409


@pytest.mark.django_db
def test_a_page_that_raises_an_application_error_shows_its_message_with_its_status(user_of):
    request = RequestFactory().get("/")
    request.user = user_of()
    request.csp_nonce = "n"
    middleware = ApplicationErrorMiddleware(lambda r: None)
    response = middleware.process_exception(request, InvalidInputError("The handle has a space."))
    assert response.status_code == 400
    assert b"The handle has a space." in response.content


def test_a_permission_or_not_found_error_on_a_page_becomes_django_403_or_404():
    from django.core.exceptions import PermissionDenied

    from bluelamp.core.errors import NotFoundError, PermissionDeniedError

    middleware = ApplicationErrorMiddleware(lambda r: None)
    request = RequestFactory().get("/")
    with pytest.raises(PermissionDenied):
        middleware.process_exception(request, PermissionDeniedError())
    with pytest.raises(Http404):
        middleware.process_exception(request, NotFoundError())
    assert middleware.process_exception(request, ValueError()) is None
