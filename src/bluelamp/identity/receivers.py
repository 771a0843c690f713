"""A password sign-in through a page, by an account that needs two-factor, leaves the session
waiting for the code (``TwoFactorMiddleware`` lets it do nothing else until then)."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from bluelamp.identity import selectors

PASSWORD_BACKEND = "bluelamp.core.auth_backends.LockoutModelBackend"
#: The session key that holds a sign-in waiting for its second factor.
PENDING = "bluelamp_two_factor_pending"


@receiver(user_logged_in, dispatch_uid="bluelamp.identity.two_factor")
def on_logged_in(sender, request, user, **kwargs) -> None:
    # A sign-in made through an HTTP request (the sign-in page's POST); single sign-on leaves
    # the second factor to the identity provider.
    if request is None or not getattr(request, "method", None) or not hasattr(request, "session"):
        return
    if getattr(user, "backend", "") != PASSWORD_BACKEND:
        return
    if selectors.needs_two_factor(user):
        request.session[PENDING] = True
