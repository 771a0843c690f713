"""Middleware: request ids, security headers (CSP with a nonce, Permissions-Policy, no caching
of signed-in pages), turning a service's ApplicationError into the right error page, and the
session middleware that lets a read-only endpoint skip writing the session."""

from __future__ import annotations

import functools
import re
import secrets

from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from bluelamp.core.context import new_request_id, reset_request_id, set_request_id
from bluelamp.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from bluelamp.core.validation import MAX_ID

REQUEST_ID_HEADER = "X-Request-ID"


class RequestIdMiddleware:
    """Give every request an id (``request.request_id``), echo it in a response header, and
    make it available to services and log lines through ``core.context``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = new_request_id(request.headers.get(REQUEST_ID_HEADER))
        request.request_id = request_id  # type: ignore[attr-defined]
        token = set_request_id(request_id)
        try:
            response = self.get_response(request)
        finally:
            reset_request_id(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


def build_csp(policy: dict[str, list[str]], nonce: str) -> str:
    """The Content-Security-Policy header value; ``'nonce'`` in a source list becomes this
    request's nonce."""
    parts = []
    for directive, sources in policy.items():
        values = [f"'nonce-{nonce}'" if source == "'nonce'" else source for source in sources]
        parts.append(" ".join([directive, *values]))
    return "; ".join(parts)


class SecurityHeadersMiddleware:
    """Content-Security-Policy (self only, plus a per-request script nonce that templates read
    as ``csp_nonce``), Permissions-Policy, and ``Cache-Control: no-store`` on every page
    served to a signed-in user, so that shared machines keep no copy of police data."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        nonce = secrets.token_urlsafe(18)
        request.csp_nonce = nonce  # type: ignore[attr-defined]
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = build_csp(settings.BLUELAMP_CSP, nonce)
        if "Permissions-Policy" not in response:
            response["Permissions-Policy"] = settings.BLUELAMP_PERMISSIONS_POLICY
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            response["Cache-Control"] = "no-store"
        return response


class ApplicationErrorMiddleware:
    """A service's ApplicationError that reaches a page view becomes a plain-English error
    page with the class's status (403 and 404 go through Django's own handlers)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, PermissionDeniedError):
            raise PermissionDenied(exception.message) from exception
        if isinstance(exception, NotFoundError):
            raise Http404(exception.message) from exception
        if isinstance(exception, ApplicationError):
            return render(
                request,
                "error.html",
                {"error": exception, "title": "There is a problem"},
                status=exception.http_status,
            )
        return None


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's, except that a view marked :func:`session_not_saved` does not write the session
    back. ``SESSION_SAVE_EVERY_REQUEST`` keeps the idle time-out sliding on every page; a
    read-only endpoint called several times a second (the live check while someone types) need
    not write a row each time: the page it belongs to already did."""

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if getattr(request, "session_not_saved", False) and not (session and session.modified):
            patch_vary_headers(response, ("Cookie",))
            return response
        return super().process_response(request, response)


def session_not_saved(view):
    """Mark a read-only view so the session is not written back after it (see above)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        request.session_not_saved = True
        return view(request, *args, **kwargs)

    return wrapped


_INTEGER = re.compile(r"[+-]?[0-9]+")
API_PREFIX = "/api/"


def _bad_input(request: HttpRequest) -> tuple[str, str] | None:
    """(where, what is wrong) for input no view can use: a NUL character in the address or
    the query string, or a whole number beyond 64 bits where an id or count would go. None
    when the request is fine."""
    if "\x00" in request.path:
        return "path", "The address contains a null character."
    if "%00" in request.META.get("QUERY_STRING", "").lower():
        return "query", "The query string contains a null character."
    for key, values in request.GET.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            return key, f"{key}: the value contains a null character."
        for value in values:
            if _INTEGER.fullmatch(value.strip()) and abs(int(value)) > MAX_ID:
                return key, f"{key}: {value.strip()[:40]} is too large a number."
    for segment in request.path.split("/"):
        if _INTEGER.fullmatch(segment) and abs(int(segment)) > MAX_ID:
            return "path", f"The address contains a number too large to be an id ({segment[:40]})."
    return None


class BadInputMiddleware:
    """Refuse, as 400, what no view can use (``_bad_input``) before any view, form or query sees
    it, so that it cannot reach the database (where it would be a server error, or worse, be
    matched as something else). Under /api/ the answer is the API's error shape; elsewhere a
    page. Placed before the views' own checks (CSRF, sign-in) so that the answer is the same
    for every method."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        problem = _bad_input(request)
        if problem is None:
            return self.get_response(request)
        where, message = problem
        if request.path.startswith(API_PREFIX):
            return JsonResponse(
                {"code": "invalid_input", "message": message, "errors": {where: [message]}},
                status=400,
            )
        return render(
            request,
            "400.html",
            {"title": "There is a problem with the address", "message": message},
            status=400,
        )
