"""E-mail, sent once the change it tells of has committed.

Services call :func:`notify` inside their transaction; the message goes only if the transaction
commits (``transaction.on_commit``), so a refused or rolled-back action sends nothing. Each
address gets its own message (no one sees who else was told). A mail server that fails is
logged and does not undo the action.

Each message that is about an item carries its address (``link``, made absolute with
``BLUELAMP_PUBLIC_BASE_URL``), and every recipient who is a user of the service also gets it
as an in-service notification (``Notification``), written in the same transaction as the change.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from bluelamp.core.models import Notification, User
from bluelamp.core.roles import Role
from bluelamp.core.selectors import users_with_role
from bluelamp.engine.policy_pack import PolicyPack

log = logging.getLogger("bluelamp.mail")

SUBJECT_PREFIX = "[Bluelamp] "
FOOTER = (
    "\n\n--\nThis message was sent by {service}, which keeps the force's register of corporate "
    "social media accounts. Sign in to {service} to see the details."
)


def page_link(path: str) -> str:
    """A page's address for an e-mail: absolute when the service's public address is set
    (``BLUELAMP_PUBLIC_BASE_URL``), else the path as it is."""
    if not path or path.startswith(("http://", "https://")):
        return path
    base = getattr(settings, "BLUELAMP_PUBLIC_BASE_URL", "") or ""
    return f"{base.rstrip('/')}{path}"


# "CC/01 5.5, 5.6" or "CC/01 3.2–3.6": every clause number in a citation.
_CITATION = re.compile(r"CC/01 (\d+\.\d+(?:\s*(?:,|and|–|-)\s*\d+\.\d+)*)")
_NUMBER = re.compile(r"\d+\.\d+")


def clause_links(text: str) -> str:
    """The lines that give each clause ``text`` cites its address on the policy page, so a
    citation in an e-mail leads to the clause as one on a page does; empty when none is cited."""
    from bluelamp.core.templatetags.clauses import clause_url

    cited: list[str] = []
    for citation in _CITATION.finditer(text):
        for number in _NUMBER.findall(citation[1]):
            if number not in cited:
                cited.append(number)
    lines = [
        f"  CC/01 {number}: {page_link(url)}"
        for number in cited
        if (url := clause_url(number)) is not None
    ]
    return "The policy:\n" + "\n".join(lines) if lines else ""


def _record_notifications(addresses: list[str], *, subject: str, body: str, link: str) -> None:
    # One IN over the lower-cased addresses (a chain of ORs would outgrow SQLite's expression
    # depth for a message to many people).
    people = (
        User.objects.filter(is_active=True)
        .exclude(email="")
        .annotate(email_lower=Lower("email"))
        .filter(email_lower__in=sorted({a.lower() for a in addresses}))
    )
    now = timezone.now()
    Notification.objects.bulk_create(
        Notification(user=user, subject=subject, body=body, url=link, created_at=now)
        for user in people
    )


def addresses(*people: Any) -> list[str]:
    """The e-mail addresses of the given users (None and users without one are skipped)."""
    return [p.email for p in people if p is not None and getattr(p, "email", "")]


def role_addresses(role: Role) -> list[str]:
    """The addresses of every active user with ``role``."""
    return addresses(*users_with_role(role))


def ccd_addresses(pack: PolicyPack) -> list[str]:
    """Corporate Communications: the pack's mailbox, or else every active CCD member."""
    if pack.ccd_mailbox:
        return [pack.ccd_mailbox]
    return role_addresses(Role.CCD)


def service_name() -> str:
    return getattr(settings, "BLUELAMP_SERVICE_NAME", "Bluelamp")


def _deliver(messages: list[EmailMessage]) -> None:
    try:
        get_connection().send_messages(messages)
    except Exception:  # the action is done; a mail failure must not hide that
        log.exception("could not send %d e-mail(s)", len(messages))


def notify(
    *,
    subject: str,
    body: str,
    to: Iterable[str] | Iterable[Iterable[str]],
    footer: bool = True,
    link: str = "",
) -> None:
    """Send one e-mail to each distinct address in ``to`` (addresses or lists of them) once
    the transaction commits. The subject is prefixed ``[Bluelamp]``; ``footer`` adds the line
    saying which service sent it; ``link`` is the page of the item the message is about (a
    path such as ``/posts/…/``), given in the message and kept with the notification each
    recipient who is a user gets at once."""
    flat: list[str] = []
    for item in to:
        for address in [item] if isinstance(item, str) else item:
            address = address.strip()
            if address and address.casefold() not in {a.casefold() for a in flat}:
                flat.append(address)
    if not flat:
        return
    text = body.rstrip()
    _record_notifications(flat, subject=subject, body=text, link=link)
    if link:
        text += f"\n\nOpen it in {service_name()}: {page_link(link)}"
    if policy := clause_links(text):
        text += f"\n\n{policy}"
    if footer:
        text += FOOTER.format(service=service_name())
    messages = [
        EmailMessage(
            subject=SUBJECT_PREFIX + subject,
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[address],
        )
        for address in flat
    ]
    transaction.on_commit(partial(_deliver, messages))
