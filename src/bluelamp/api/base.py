"""What every REST view shares."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from rest_framework.generics import GenericAPIView
from rest_framework.views import APIView


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
