"""Receivers that record signing in, signing out and failed sign-ins (Django sends the
signals from every sign-in path: the pages, the admin site and the API)."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from bluelamp.core import services


def client_ip(request) -> str | None:
    """The connecting address. X-Forwarded-For is not trusted: put the proxy's real-IP module
    in front if the service runs behind one."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


@receiver(user_logged_in, dispatch_uid="bluelamp.core.login")
def on_logged_in(sender, request, user, **kwargs) -> None:
    services.login_success_record(user=user, ip_address=client_ip(request))


@receiver(user_logged_out, dispatch_uid="bluelamp.core.logout")
def on_logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        services.logout_record(user=user, ip_address=client_ip(request))


@receiver(user_login_failed, dispatch_uid="bluelamp.core.login_failed")
def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = str(credentials.get("username") or "")
    services.login_failure_record(username=username, ip_address=client_ip(request))
