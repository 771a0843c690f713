"""The sign-in back end: Django's model back end behind the lock-out."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from bluelamp.core import selectors


class LockoutModelBackend(ModelBackend):
    """Refuses every sign-in for a locked username, right or wrong password, before checking
    the password. Refusing with PermissionDenied makes Django send ``user_login_failed``, so
    the refused attempt is recorded and audited like any other failure."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(self.get_user_model().USERNAME_FIELD)
        if username and selectors.login_is_locked(username=username):
            raise PermissionDenied("account locked")
        return super().authenticate(request, username=username, password=password, **kwargs)
