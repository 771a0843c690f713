"""The API's one error shape (``exception_handler``): a service's ApplicationError and DRF's
own errors alike answer ``{"code": ..., "message": ...}``."""

from __future__ import annotations

import pytest
from django.http import Http404
from rest_framework import exceptions

from bluelamp.core.errors import ConflictError
from bluelamp.core.rest.errors import exception_handler


def test_the_api_answers_application_errors_with_code_and_message():
    response = exception_handler(ConflictError("Already on the roster."), {})
    assert response.status_code == 409
    assert response.data == {"code": "conflict", "message": "Already on the roster."}


@pytest.mark.parametrize(
    "exc,status,code",
    [
        (exceptions.NotAuthenticated(), 401, "not_authenticated"),
        (exceptions.PermissionDenied(), 403, "permission_denied"),
        (Http404(), 404, "not_found"),
    ],
)
def test_the_api_puts_framework_errors_in_the_same_shape(exc, status, code):
    response = exception_handler(exc, {})
    assert response.status_code == status
    assert response.data["code"] == code
    assert response.data["message"]


def test_api_validation_errors_list_the_fields():
    response = exception_handler(exceptions.ValidationError({"handle": ["No spaces."]}), {})
    assert response.status_code == 400
    assert response.data["code"] == "invalid_input"
    assert response.data["errors"] == {"handle": ["No spaces."]}
    assert response.data["message"] == "handle: No spaces."
