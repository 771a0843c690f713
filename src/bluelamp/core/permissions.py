"""Role checks in one place, for services, views and the API alike.

- ``user_roles(user)`` / ``user_has_role(user, Role.CCD, ...)``: what a service asks.
- ``require_role(...)``: a view decorator; ``RoleRequiredMixin``: the same for class-based views.
- ``HasRole.any_of(...)``: a DRF permission class.
- ``check_role(actor, ...)``: raises ``PermissionDeniedError``, for the top of a service.

A role is held through an active user's group membership. Superusers hold no role by virtue of
being superusers: what someone may do in Bluelamp is what their roles say, and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.mixins import AccessMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission

from bluelamp.core.errors import PermissionDeniedError
from bluelamp.core.roles import Role

_CACHE_ATTR = "_bluelamp_roles"


def user_roles(user: Any) -> frozenset[Role]:
    """The roles ``user`` holds now (empty for anonymous or inactive users).

    Cached on the user object for the length of a request; ``forget_roles`` clears it."""
    if user is None or not getattr(user, "is_authenticated", False):
        return frozenset()
    if not getattr(user, "is_active", False):
        return frozenset()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        names = user.groups.values_list("name", flat=True)
        cached = frozenset(role for name in names if (role := Role.from_group_name(name)))
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_roles(user: Any) -> None:
    """Drop the cached roles after changing the user's groups."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def user_has_role(user: Any, *roles: Role) -> bool:
    """True when ``user`` holds at least one of ``roles``."""
    if not roles:
        raise ValueError("name at least one role")
    return not user_roles(user).isdisjoint(roles)


def check_role(user: Any, *roles: Role, message: str | None = None) -> None:
    """Raise PermissionDeniedError unless ``user`` holds one of ``roles``."""
    if not user_has_role(user, *roles):
        raise PermissionDeniedError(message)


def require_role(*roles: Role) -> Callable:
    """Decorate a view so only users holding one of ``roles`` reach it: anonymous users are
    sent to sign in, signed-in users without the role get 403."""
    if not roles:
        raise ValueError("name at least one role")

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user_has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.required_roles = roles  # type: ignore[attr-defined]
        return wrapped

    return decorator


class RoleRequiredMixin(AccessMixin):
    """For class-based views: set ``required_roles``; users without one of them get 403."""

    required_roles: tuple[Role, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if not self.required_roles:
            raise TypeError(f"{type(self).__name__} must set required_roles")
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not user_has_role(request.user, *self.required_roles):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class HasRole(BasePermission):
    """DRF permission: ``permission_classes = [HasRole.any_of(Role.CCD)]``."""

    roles: tuple[Role, ...] = ()
    message = PermissionDeniedError.default_message
    code = PermissionDeniedError.code

    @classmethod
    def any_of(cls, *roles: Role) -> type[HasRole]:
        if not roles:
            raise ValueError("name at least one role")
        name = "HasRole_" + "_or_".join(role.value for role in roles)
        return type(name, (cls,), {"roles": tuple(roles)})

    def has_permission(self, request, view) -> bool:
        if not self.roles:
            raise TypeError("use HasRole.any_of(...)")
        return user_has_role(request.user, *self.roles)
