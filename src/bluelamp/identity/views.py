"""The two-factor pages a password sign-in passes through: set up an authenticator app (a QR
code, or the key to type in), then give its code at every sign-in."""

from __future__ import annotations

import base64

import segno
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.http import Http404
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from bluelamp.identity import selectors, services
from bluelamp.identity.forms import CodeForm
from bluelamp.identity.receivers import PENDING

WRONG_CODE = (
    "The code is not right. Check the time on your phone, wait for a new code and try again"
)


def _pending_or_404(request) -> None:
    """The two-factor pages exist only for a sign-in waiting for its code."""
    if not request.session.get(PENDING):
        raise Http404("No sign-in is waiting for a two-factor code.")


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _complete(request, device):
    """The second factor is given: the session may now do what the user's roles allow. A new
    session key, as at any rise in what a session may do."""
    backend = request.session.get(BACKEND_SESSION_KEY)
    request.session.cycle_key()
    request.session.pop(PENDING, None)
    if backend:
        request.session[BACKEND_SESSION_KEY] = backend
    otp_login(request, device)
    return redirect(_next_url(request))


@require_http_methods(["GET", "POST"])
def two_factor(request):
    """Give the code from the authenticator app set up before."""
    _pending_or_404(request)
    if selectors.confirmed_device(request.user) is None:
        return redirect("identity:two_factor_setup")
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            device = services.totp_verify(user=request.user, token=form.cleaned_data["code"])
            if device is not None:
                return _complete(request, device)
            form.add_error("code", WRONG_CODE)
        status = 400
    return render(
        request,
        "identity/two_factor.html",
        {"title": "Enter your two-factor code", "form": form, "next": _next_url(request)},
        status=status,
    )


def _grouped(key: bytes) -> str:
    text = base64.b32encode(key).decode("ascii").rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    """Set up an authenticator app: scan the QR code (or type the key), then give a code."""
    _pending_or_404(request)
    if selectors.confirmed_device(request.user) is not None:
        return redirect("identity:two_factor")
    device = services.totp_device_start(user=request.user)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            if services.totp_device_confirm(
                user=request.user, device=device, token=form.cleaned_data["code"]
            ):
                device.refresh_from_db()
                return _complete(request, device)
            form.add_error("code", WRONG_CODE)
        status = 400
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "identity/two_factor_setup.html",
        {
            "title": "Set up two-factor sign-in",
            "form": form,
            "qr_code": qr.svg_data_uri(scale=5, border=2),
            "secret": _grouped(device.bin_key),
            "next": _next_url(request),
        },
        status=status,
    )
