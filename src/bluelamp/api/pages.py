"""The API's pages for people: your API tokens, and the interactive API reference."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from bluelamp.api import selectors, services
from bluelamp.api.forms import ApiTokenCreateForm
from bluelamp.core.errors import InvalidInputError

# The new token's secret waits in the session between the POST and the page that shows it
# (post/redirect/get, so a reload cannot create a second token), and is removed as it is shown.
_NEW_TOKEN_KEY = "api_new_token"


@require_http_methods(["GET", "HEAD", "POST"])
def token_list(request):
    """The signed-in user's API tokens; create one (its secret is shown once)."""
    form = ApiTokenCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.api_token_create(
                actor=request.user,
                user=request.user,
                name=form.cleaned_data["name"],
                lifetime_days=form.cleaned_data["lifetime_days"],
            )
        except InvalidInputError as exc:
            for field, errors in exc.fields["errors"].items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            request.session[_NEW_TOKEN_KEY] = {
                "name": created.token.name,
                "secret": created.secret,
            }
            return redirect(reverse("api:token_list"))
    created = request.session.pop(_NEW_TOKEN_KEY, None) if request.method != "POST" else None
    now = timezone.now()
    tokens = [
        {"token": token, "status": _status(token, now)}
        for token in selectors.api_token_list(user=request.user)
    ]
    return render(
        request,
        "api/token_list.html",
        {"title": "API tokens", "form": form, "created": created, "tokens": tokens},
        status=400 if form.errors else 200,
    )


def _status(token, now) -> str:
    if token.revoked_at is not None:
        return "Revoked"
    if token.expires_at <= now:
        return "Expired"
    return "Active"


@require_POST
def token_revoke(request, token_id: int):
    """Revoke one of your tokens at once."""
    token = selectors.api_token_get_own(user=request.user, token_id=token_id)
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, f"The token ‘{token.name}’ has been revoked.")
    return redirect(reverse("api:token_list"))


@require_safe
def docs(request):
    """Swagger UI for the OpenAPI schema, from Bluelamp's own static files."""
    return render(request, "api/docs.html", {"title": "API reference"})
