"""Forms for core's pages."""

from __future__ import annotations

from typing import ClassVar

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone

from bluelamp.core import selectors


class LoginForm(AuthenticationForm):
    """Sign in with username and password; says so plainly when the username is locked."""

    error_messages: ClassVar[dict[str, str]] = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is not active. Ask Corporate Communications.",
        "account_locked": (
            "This account is locked after too many failed sign-in attempts. "
            "Try again after %(until)s, or ask Corporate Communications to unlock it."
        ),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        username = self.fields["username"]
        username.error_messages["required"] = "Enter your username"
        username.widget.attrs.update(
            {"autocomplete": "username", "spellcheck": "false", "autocapitalize": "none"}
        )
        password = self.fields["password"]
        password.error_messages["required"] = "Enter your password"
        password.widget.attrs.update({"autocomplete": "current-password", "spellcheck": "false"})

    def get_invalid_login_error(self):
        username = self.cleaned_data.get("username") or ""
        until = selectors.login_locked_until(username=username)
        if until is not None:
            return forms.ValidationError(
                self.error_messages["account_locked"],
                code="account_locked",
                params={"until": timezone.localtime(until).strftime("%H:%M")},
            )
        return super().get_invalid_login_error()
