"""The password sign-in back end: Django's model back end behind the lock-out, and closed to
everyone but the break-glass account while single sign-on is on."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from bluelamp.core import selectors


class LockoutModelBackend(ModelBackend):
    """Refuses every sign-in for a locked username, right or wrong password, before checking
    the password. Refusing with PermissionDenied makes Django send ``user_login_failed``, so
    the refused attempt is recorded and audited like any other failure."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username and password_refused(username):
            raise PermissionDenied("single sign-on only")
        if username and selectors.login_is_locked(username=username):
            raise PermissionDenied("account locked")
        return super().authenticate(request, username=username, password=password, **kwargs)


def password_refused(username: str) -> bool:
    """True when ``username`` may not sign in with a password: single sign-on is on and it is
    not the break-glass account (BLUELAMP_BREAK_GLASS_USERNAME)."""
    if not settings.BLUELAMP_SSO_ENABLED:
        return False
    allowed = settings.BLUELAMP_BREAK_GLASS_USERNAME
    return not allowed or username.casefold() != allowed.casefold()
