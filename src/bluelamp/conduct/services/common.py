"""What the conduct services share: the screenshot's safe handling, the contacts the reports
go to, the clause check, the row lock and the permission check."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator

from bluelamp.conduct import permissions
from bluelamp.conduct.models import ConductCase
from bluelamp.core.errors import (
    FieldErrors,
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
)
from bluelamp.core.mail import ccd_addresses, role_addresses
from bluelamp.core.policy import policy_pack
from bluelamp.core.roles import Role
from bluelamp.publishing.services.compose import read_upload

MAX_LINK = 500


def plain(value: Any) -> Any:
    """A value as the audit trail keeps it (dates and times in ISO 8601)."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def link_of(errors: FieldErrors, field: str, value: Any, *, required: str | None = None) -> str:
    """An http(s) address, or "" when none was given (``required``: the message then)."""
    text = str(value or "").strip()
    if not text:
        if required:
            errors.add(field, required)
        return ""
    if len(text) > MAX_LINK:
        errors.add(field, f"Enter an address of no more than {MAX_LINK} characters")
        return ""
    try:
        URLValidator(schemes=["http", "https"])(text)
    except DjangoValidationError:
        errors.add(field, "Enter the address as it appears in the browser, starting https://")
        return ""
    return text


def screenshot_of(data: bytes | None, name: str, *, field: str = "screenshot") -> tuple[bytes, str]:
    """An uploaded screenshot as Bluelamp keeps it: re-encoded from its pixels with every piece
    of metadata (the location too) removed, as post images are; ("", "") when none was given.
    Anything but an image of an allowed type and size is refused, naming the field."""
    if not data:
        return b"", ""
    try:
        clean, facts = read_upload(data, name=name or "The screenshot")
    except InvalidInputError as error:
        messages = [m for ms in (error.fields.get("errors") or {}).values() for m in ms]
        message = messages[0] if messages else error.message
        raise InvalidInputError(message, errors={field: [message]}) from None
    return clean, facts["mime_type"]


def page_link(path: str) -> str:
    """A page's address for an e-mail: absolute when the service's public address is set."""
    base = getattr(settings, "BLUELAMP_PUBLIC_BASE_URL", "") or ""
    return f"{base.rstrip('/')}{path}"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest() if data else ""


def clause_ids() -> tuple[str, ...]:
    """The clause numbers of the force's policy pack, in order."""
    return tuple(clause.id for clause in policy_pack().clauses)


def clause_choices() -> list[tuple[str, str]]:
    return [(clause.id, f"{clause.id} {clause.title}") for clause in policy_pack().clauses]


def press_office() -> list[str]:
    """CCD's press office: ``BLUELAMP_PRESS_OFFICE_EMAIL``, else CCD's mailbox or members."""
    address = getattr(settings, "BLUELAMP_PRESS_OFFICE_EMAIL", "")
    return [address] if address else ccd_addresses(policy_pack())


def welfare() -> list[str]:
    """Staff welfare: ``BLUELAMP_WELFARE_EMAIL``, else every member of the welfare role."""
    address = getattr(settings, "BLUELAMP_WELFARE_EMAIL", "")
    return [address] if address else role_addresses(Role.WELFARE)


def team_addresses(team: str) -> list[str]:
    if team == "psd":
        return role_addresses(Role.PSD)
    return ccd_addresses(policy_pack())


def lock(case: ConductCase) -> ConductCase:
    """Re-read the case under a row lock so two people cannot act on it at once."""
    return ConductCase.objects.select_for_update().get(pk=case.pk)


def check(
    actor: Any, case: ConductCase, permission: Callable[[Any, ConductCase], str | None]
) -> None:
    """404 unless ``actor`` handles the case or is the member of staff it concerns (so its
    existence is not revealed), then 403 with the permission's refusal."""
    if actor is not None and not (
        permissions.handles(actor, case) or case.subject_id == getattr(actor, "pk", None)
    ):
        raise NotFoundError("There is no such conduct case.")
    refusal = permission(actor, case)
    if refusal is not None:
        raise PermissionDeniedError(refusal)
