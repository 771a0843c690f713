"""Leavers and movers (CC/01 4.18, 5.7): a CSV feed from the force's HR system. The whole file
is checked first (each error names its line and column) and nothing is applied if any line is
bad. Then, for each person: they come off every roster (which opens a rotation task for each
account, through the registry's ``roster_member_removed`` signal), and an account they own is
handed to their line manager first. One transaction, one audit event for the feed besides the
registry's own for each change.

The file: a header line ``username,change,team`` then one line per person; ``change`` is
``left`` or ``moved``; ``team`` (the new team) is needed for ``moved``. A person is named by
username or by collar number / staff ID."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q

from bluelamp.account_security import permissions
from bluelamp.account_security.choices import StaffChange
from bluelamp.account_security.errors import StaffChangesInvalidError
from bluelamp.account_security.models import StaffChangeBatch
from bluelamp.audit.services import audit_record
from bluelamp.core.clock import aware_now
from bluelamp.core.errors import PermissionDeniedError
from bluelamp.core.models import User
from bluelamp.core.permissions import user_has_role
from bluelamp.engine.workflows import accounts as account_flow
from bluelamp.social_accounts.choices import AccountStatus
from bluelamp.social_accounts.models import Account
from bluelamp.social_accounts.permissions import ACTING_ROLES
from bluelamp.social_accounts.services.roster import (
    account_hand_over,
    account_roster_add,
    account_roster_remove,
)

COLUMNS = ("username", "change", "team")
MAX_LINES = 5000
MAX_BYTES = 1_000_000


@dataclass
class StaffChangeRow:
    line: int
    user: User
    change: str
    team: str
    owned: list[Account] = field(default_factory=list)


def _error(errors: dict[str, list[str]], line: int, column: str, message: str) -> None:
    errors.setdefault(f"line {line}", []).append(f"Line {line}, column {column}: {message}")


def staff_changes_parse(text: str) -> list[StaffChangeRow]:
    """Check every line; raise StaffChangesInvalidError naming each bad line and column, or
    return the rows to apply."""
    errors: dict[str, list[str]] = {}
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise StaffChangesInvalidError(
                "The file is not UTF-8 text: save it as CSV UTF-8 and try again.",
                errors={"file": ["The file is not UTF-8 text"]},
            ) from None
    text = (text or "").lstrip("\ufeff")
    if len(text.encode()) > MAX_BYTES:
        raise StaffChangesInvalidError(
            "The file is too big (1 MB at most).", errors={"file": ["The file is too big"]}
        )
    reader = csv.reader(io.StringIO(text))
    lines = [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]
    if not lines:
        raise StaffChangesInvalidError("The file is empty.", errors={"file": ["The file is empty"]})
    header_line, header = lines[0]
    header = [h.strip().lower() for h in header]
    if tuple(header[:3]) != COLUMNS:
        raise StaffChangesInvalidError(
            f"Line {header_line}: the first line must be the header username,change,team.",
            errors={
                f"line {header_line}": [
                    f"Line {header_line}: the header must be username,change,team"
                ]
            },
        )
    if len(lines) - 1 > MAX_LINES:
        raise StaffChangesInvalidError(
            f"At most {MAX_LINES} people in one file.", errors={"file": ["Too many lines"]}
        )
    rows: list[StaffChangeRow] = []
    seen: dict[int, int] = {}
    for line, cells in lines[1:]:
        cells = [c.strip() for c in cells] + [""] * (3 - len(cells))
        if len(cells) > 3 and any(cells[3:]):
            _error(errors, line, "4", "there are only three columns: username, change, team")
        name, change, team = cells[:3]
        user = None
        if not name:
            _error(errors, line, "username", "enter the username or staff ID")
        else:
            matches = list(User.objects.filter(Q(username__iexact=name) | Q(staff_id=name))[:2])
            if len(matches) != 1:
                _error(
                    errors,
                    line,
                    "username",
                    f"no one in Bluelamp has the username or staff ID {name!r}",
                )
            else:
                user = matches[0]
                if user.pk in seen:
                    _error(errors, line, "username", f"{name} is already on line {seen[user.pk]}")
                seen.setdefault(user.pk, line)
        change = change.lower()
        if change not in StaffChange.values:
            _error(errors, line, "change", "enter left or moved")
        if change == StaffChange.MOVED and not team:
            _error(errors, line, "team", "enter the team they moved to")
        if len(team) > 150:
            _error(errors, line, "team", "use 150 characters or fewer")
        if user is None or change not in StaffChange.values:
            continue
        row = StaffChangeRow(line=line, user=user, change=change, team=team)
        row.owned = list(
            Account.objects.exclude(status=AccountStatus.CLOSED).filter(owner=user).order_by("pk")
        )
        blocked = [
            a.at_handle
            for a in row.owned
            if not account_flow.allowed(a.status, account_flow.HAND_OVER)
        ]
        if blocked:
            _error(
                errors,
                line,
                "username",
                f"{user.label} owns {', '.join(blocked)}, which cannot be handed over while "
                "a conversion is being decided: decide it first",
            )
        if row.owned:
            manager = user.line_manager
            handles = ", ".join(a.at_handle for a in row.owned)
            if manager is None:
                _error(
                    errors,
                    line,
                    "username",
                    f"{user.label} owns {handles} and has no line manager to hand it to (4.18): "
                    "record their line manager, or hand the account over first",
                )
            elif not manager.is_active or not user_has_role(manager, *ACTING_ROLES):
                _error(
                    errors,
                    line,
                    "username",
                    f"{user.label} owns {handles} but their line manager {manager.label} cannot "
                    "take it over (not an active officer or member of staff)",
                )
        rows.append(row)
    if errors:
        count = sum(len(v) for v in errors.values())
        first = next(iter(errors.values()))[0]
        raise StaffChangesInvalidError(
            f"{count} error{'s' if count != 1 else ''} in the file, nothing was applied. {first}",
            errors=errors,
        )
    return rows


def staff_changes_apply(
    *, actor: Any, text: str, source: str = "", now: dt.datetime | None = None
) -> StaffChangeBatch:
    """Apply a checked feed: CCD only. All or nothing."""
    now = aware_now(now)
    refusal = permissions.ccd_refusal(actor)
    if refusal:
        raise PermissionDeniedError(refusal)
    rows = staff_changes_parse(text)
    changes: list[dict[str, Any]] = []
    with transaction.atomic():
        for row in rows:
            done: dict[str, Any] = {
                "line": row.line,
                "username": row.user.username,
                "change": row.change,
                "handed_over": [],
                "removed_from": [],
            }
            for account in row.owned:
                manager = row.user.line_manager
                if not account.memberships.filter(user=manager).exists():
                    account_roster_add(actor=actor, account=account, user=manager, now=now)
                account_hand_over(
                    actor=actor,
                    account=account,
                    new_owner=manager,
                    reason=f"Staff changes feed: the owner {row.change} (CC/01 4.18).",
                )
                done["handed_over"].append({"account": account.pk, "to": manager.username})
            memberships = (
                Account.objects.exclude(status=AccountStatus.CLOSED)
                .filter(memberships__user=row.user)
                .order_by("pk")
            )
            for account in memberships:
                account_roster_remove(actor=actor, account=account, user=row.user, now=now)
                done["removed_from"].append(account.pk)
            changes.append(done)
        batch = StaffChangeBatch.objects.create(
            applied_by=actor,
            applied_at=now,
            source=source[:200],
            rows=[
                {"line": r.line, "username": r.user.username, "change": r.change, "team": r.team}
                for r in rows
            ],
            changes=changes,
        )
        audit_record(
            actor=actor,
            action="staff_changes.applied",
            target=batch,
            after={"source": source[:200], "people": len(rows), "changes": changes},
            now=now,
        )
    return batch
