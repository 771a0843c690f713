"""Core's pages: signing in and out, the home page, and the error pages."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from bluelamp.core.forms import LoginForm
from bluelamp.core.permissions import user_roles
from bluelamp.core.roles import Role


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
        return context


class LogoutView(auth_views.LogoutView):
    """Signing out: POST only (a link could be followed by a prefetcher or another site)."""


@require_safe
def home(request):
    """What the signed-in user may do here, by role."""
    roles = user_roles(request.user)
    return render(
        request,
        "core/home.html",
        {
            "title": "Home",
            "roles": [role for role in Role if role in roles],
        },
    )


@login_not_required
def csrf_failure(request, reason: str = ""):
    """A form was sent without a valid CSRF token: most often a page left open too long."""
    return render(request, "403_csrf.html", {"title": "Your session has expired"}, status=403)
