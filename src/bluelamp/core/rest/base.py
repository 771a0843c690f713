"""What every REST view shares: the base views and the one validator."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.views import APIView

from bluelamp.core.rest.errors import invalid_input


class _NoSignInRedirect:
    """Django's LoginRequiredMiddleware would send a caller with a token (not a session) to
    the sign-in page, so it is switched off for REST views: DRF authenticates instead (session
    or token) and the view's permission classes decide, answering 401/403 as JSON."""

    @classmethod
    def as_view(cls, **initkwargs):
        return login_not_required(super().as_view(**initkwargs))


class ApiView(_NoSignInRedirect, APIView):
    """A REST view."""


class GenericApiView(_NoSignInRedirect, GenericAPIView):
    """A REST view with pagination."""


def validated(serializer_class: type[serializers.Serializer], data: Any) -> dict[str, Any]:
    """The validated body or query as a dict, or InvalidInputError (400 ``invalid_input``)
    whose message names the first field that is wrong."""
    body = serializer_class(data=data if data is not None else {})
    if not body.is_valid():
        raise invalid_input(body.errors)
    return dict(body.validated_data)
