"""Holds a password sign-in that still owes its second factor to the two-factor pages."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from bluelamp.identity import selectors
from bluelamp.identity.receivers import PENDING


class TwoFactorMiddleware:
    """While the session waits for a code, every page but the two-factor pages and signing
    out sends the browser to them (the API answers 403): the password alone opens nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.get(PENDING) and request.user.is_authenticated:
            step = (
                "identity:two_factor"
                if selectors.confirmed_device(request.user)
                else "identity:two_factor_setup"
            )
            allowed = {
                reverse("identity:two_factor"),
                reverse("identity:two_factor_setup"),
                reverse("core:logout"),
            }
            if request.path not in allowed and not request.path.startswith("/static/"):
                if request.path.startswith("/api/"):
                    return JsonResponse(
                        {
                            "code": "two_factor_required",
                            "message": "Give your two-factor code on the sign-in page first.",
                        },
                        status=403,
                    )
                query = (
                    urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
                )
                return redirect(f"{reverse(step)}{'?' + query if query else ''}")
        return self.get_response(request)
