"""Core's pages: signing in and out, the home page, and the error pages."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.module_loading import import_string
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from bluelamp.core import selectors, services, worklist
from bluelamp.core.forms import LoginForm
from bluelamp.core.paging import page_numbers
from bluelamp.core.permissions import user_roles
from bluelamp.core.roles import Role

NOTIFICATIONS_PAGE = 25


class LoginView(auth_views.LoginView):
    """The sign-in page (the only page that needs no sign-in)."""

    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = "Sign in"
        context["lockout_failures"] = settings.BLUELAMP_LOCKOUT_FAILURES
        context["lockout_minutes"] = int(settings.BLUELAMP_LOCKOUT_WINDOW.total_seconds() // 60)
        context["sso_enabled"] = settings.BLUELAMP_SSO_ENABLED
        context["sso_provider_name"] = settings.BLUELAMP_SIGN_IN.provider_name
        context["break_glass_username"] = settings.BLUELAMP_BREAK_GLASS_USERNAME
        return context


class LogoutView(auth_views.LogoutView):
    """Signing out: POST only (a link could be followed by a prefetcher or another site).

    After single sign-on, the browser goes on to the identity provider to end its session too
    (RP-initiated logout), through the OIDC_OP_LOGOUT_URL_METHOD setting mozilla-django-oidc
    defines; the address is worked out before the session, which holds the ID token, ends."""

    def post(self, request, *args, **kwargs):
        method = getattr(settings, "OIDC_OP_LOGOUT_URL_METHOD", "")
        provider_url = None
        if method and request.session.get("oidc_id_token"):
            provider_url = import_string(method)(request)
        response = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(provider_url) if provider_url else response


@require_safe
def home(request):
    """What waits for the signed-in user, due soonest first, and what they may do here."""
    roles = user_roles(request.user)
    work = worklist.work_for(request.user)
    return render(
        request,
        "core/home.html",
        {
            "title": "Home",
            "roles": [role for role in Role if role in roles],
            "work": work,
            "work_total": sum(w.total for w in work),
        },
    )


@require_http_methods(["GET", "POST"])
def stay_signed_in(request):
    """The idle time-out's "Stay signed in". Every signed-in request slides the session
    (SESSION_SAVE_EVERY_REQUEST), so answering is enough: JSON for the warning dialog, and
    without JavaScript a page with the button, which returns to the page the person was on."""
    if request.method == "POST":
        if "application/json" in request.headers.get("Accept", ""):
            return JsonResponse({"seconds": settings.SESSION_COOKIE_AGE})
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            target = reverse("core:home")
        messages.success(request, "You are still signed in.")
        return redirect(target)
    return render(
        request,
        "core/stay_signed_in.html",
        {"title": "Stay signed in", "minutes": settings.SESSION_COOKIE_AGE // 60},
    )


@login_not_required
def csrf_failure(request, reason: str = ""):
    """A form was sent without a valid CSRF token: most often a page left open too long."""
    return render(request, "403_csrf.html", {"title": "Your session has expired"}, status=403)


@require_safe
def notification_list(request):
    """The signed-in person's notifications, newest first, unread ones marked."""
    page = Paginator(selectors.notifications_of(request.user), NOTIFICATIONS_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "core/notifications.html",
        {
            "title": "Notifications",
            "page": page,
            "page_numbers": page_numbers(page),
            "query": "",
            "unread": selectors.unread_notification_count(request.user),
        },
    )


@require_POST
def notification_read(request, pk: int):
    """Mark one notification read, then go to its item (or back to the list)."""
    notification = selectors.notification_get(user=request.user, pk=pk)
    services.notification_mark_read(notification=notification, actor=request.user)
    target = notification.url if notification.url.startswith("/") else ""
    if (
        request.POST.get("open")
        and target
        and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    ):
        return redirect(target)
    return redirect("core:notifications")


@require_POST
def notifications_read_all(request):
    """Mark every notification of the signed-in person read."""
    count = services.notifications_mark_all_read(actor=request.user)
    messages.success(request, f"{count} notification{pluralize(count)} marked as read.")
    return redirect("core:notifications")
