"""What every page template can use: the service name, the CSP nonce, the signed-in user's
roles and the navigation they may see."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from bluelamp.core.permissions import user_roles
from bluelamp.core.policy import policy_pack
from bluelamp.core.roles import Role
from bluelamp.core.selectors import unread_notification_count


def _navigation(request, roles: frozenset[Role]) -> list[dict[str, object]]:
    unread = unread_notification_count(request.user)
    items = [
        {"text": "Home", "href": reverse("core:home")},
        {
            "text": f"Notifications ({unread} unread)" if unread else "Notifications",
            "href": reverse("core:notifications"),
            "unread": unread,
        },
    ]
    if not roles.isdisjoint((Role.STAFF, Role.LINE_MANAGER, Role.CCD, Role.PSD, Role.AUDITOR)):
        items.append({"text": "Posts", "href": reverse("publishing:post_list")})
        items.append({"text": "Posts in flight", "href": reverse("publishing:flight_list")})
    if not roles.isdisjoint((Role.STAFF, Role.LINE_MANAGER, Role.CCD, Role.AUDITOR)):
        items.append({"text": "Accounts", "href": reverse("social_accounts:account_list")})
        items.append({"text": "Applications", "href": reverse("social_accounts:application_list")})
    if not roles.isdisjoint((Role.CCD, Role.AUDITOR)):
        items.append({"text": "Account health", "href": reverse("social_accounts:account_health")})
    if not roles.isdisjoint((Role.CCD, Role.AUDITOR)):
        items.append({"text": "Crisis controls", "href": reverse("incidents:list")})
    if not roles.isdisjoint((Role.STAFF, Role.LINE_MANAGER, Role.CCD, Role.PSD, Role.AUDITOR)):
        items.append({"text": "Archive", "href": reverse("publishing:archive")})
    if not roles.isdisjoint(
        (
            Role.STAFF,
            Role.LINE_MANAGER,
            Role.CCD,
            Role.INFOSEC,
            Role.PSD,
            Role.WELFARE,
            Role.AUDITOR,
        )
    ):
        items.append({"text": "Account security", "href": reverse("account_security:home")})
    if roles:
        items.append({"text": "Self-check", "href": reverse("selfcheck:start")})
    if not roles.isdisjoint((Role.INFOSEC, Role.AUDITOR)):
        items.append({"text": "Removal requests", "href": reverse("data_requests:queue")})
    if not roles.isdisjoint((Role.CCD, Role.INFOSEC)):
        items.append({"text": "Disclosure export", "href": reverse("disclosure:export")})
    if not roles.isdisjoint((Role.CCD, Role.AUDITOR)):
        items.append({"text": "Spoof accounts", "href": reverse("spoofs:queue")})
    if Role.CCD in roles:
        items.append({"text": "Background jobs", "href": reverse("jobs:list")})
    items.append({"text": "Conduct", "href": reverse("conduct:index")})
    if Role.AUDITOR in roles:
        items.append({"text": "Audit trail", "href": reverse("audit:event_list")})
    path = request.path
    for item in items:
        href = str(item["href"])
        item["current"] = path == href
        item["active"] = href != "/" and path.startswith(href)
    return items


def bluelamp(request) -> dict[str, object]:
    user = getattr(request, "user", None)
    roles = user_roles(user)
    signed_in = bool(user is not None and user.is_authenticated)
    return {
        "service_name": settings.BLUELAMP_SERVICE_NAME,
        "csp_nonce": getattr(request, "csp_nonce", ""),
        "user_roles": sorted(roles, key=lambda role: list(Role).index(role)),
        "navigation": _navigation(request, roles) if signed_in else [],
        # Where "tell Corporate Communications" goes: the pack's mailbox (3.4).
        "ccd_contact": policy_pack().ccd_mailbox,
        # The idle time-out, for its warning (SESSION_SAVE_EVERY_REQUEST slides it).
        "session_seconds": settings.SESSION_COOKIE_AGE,
        "session_minutes": settings.SESSION_COOKIE_AGE // 60,
    }
