"""Reads for the account registry. Every fetch is scoped to what the user may see
(``permissions``): a row that is missing and a row that is not theirs are answered alike,
with ``NotFoundError``.

For the REST API as much as for the pages:

- ``account_list(user=..., q=..., platform=..., ...)``: the registry, filtered and sorted;
- ``account_get(user=..., pk=...)``: one account;
- ``account_health(account, now=..., pack=...)`` and ``account_health_report(...)``;
- ``application_list(...)``, ``application_get(...)``.

What a user may do to an account or application now is answered by ``actions``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Lower

from bluelamp.audit.models import AuditEvent
from bluelamp.core.errors import NotFoundError, PermissionDeniedError
from bluelamp.core.models import User
from bluelamp.core.permissions import user_has_role
from bluelamp.core.policy import policy_pack
from bluelamp.core.roles import Role
from bluelamp.engine import account_health as health
from bluelamp.engine.policy_pack import PolicyPack
from bluelamp.engine.workflows import accounts as account_flow
from bluelamp.social_accounts import permissions
from bluelamp.social_accounts.choices import ApplicationStatus
from bluelamp.social_accounts.models import (
    Account,
    AccountApplication,
    AccountHealthRecord,
    RosterMembership,
)

# --- The policy pack ------------------------------------------------------------------------------


# --- Accounts ---------------------------------------------------------------------------------------

#: The sorts the registry offers: key -> (label, order_by).
_HANDLE = Lower("handle")
ACCOUNT_SORTS: dict[str, tuple[str, tuple[Any, ...]]] = {
    "handle": ("Handle (A to Z)", (_HANDLE, "platform")),
    "platform": ("Platform", ("platform", _HANDLE)),
    "status": ("Status", ("status", "platform", _HANDLE)),
    "tier": ("Tier", ("tier", "platform", _HANDLE)),
    "team": ("Team", ("team", "platform", _HANDLE)),
    "last_post": (
        "Last post (oldest first)",
        (F("last_post_at").asc(nulls_first=True), "platform", _HANDLE),
    ),
    "opened": ("Opened (newest first)", ("-opened_at", "platform", _HANDLE)),
}
DEFAULT_ACCOUNT_SORT = "handle"


def _visible_accounts(user: Any) -> QuerySet[Account]:
    accounts = Account.objects.select_related("owner", "deputy", "supervisor")
    where = permissions.account_visibility(user)
    return accounts if where is None else accounts.filter(where)


def account_list(
    *,
    user: Any,
    q: str = "",
    platform: str = "",
    tier: str = "",
    status: str = "",
    ownership: str = "",
    team: str = "",
    live_only: bool = False,
    sort: str = DEFAULT_ACCOUNT_SORT,
) -> QuerySet[Account]:
    """The accounts ``user`` may see, matching every filter given.

    ``q`` matches the handle (with or without @), the account's name, its team and its owner's
    name or username, in part and ignoring case; ``platform``, ``tier``, ``status`` and
    ``ownership`` are exact choice values; ``team`` matches in part; ``live_only`` keeps the
    accounts still open (active, suspended or awaiting conversion); ``sort`` is a key of
    ``ACCOUNT_SORTS`` (unknown keys sort by handle)."""
    accounts = _visible_accounts(user)
    q = q.strip()
    if q:
        term = q.lstrip("@")
        accounts = accounts.filter(
            Q(handle__icontains=term)
            | Q(display_name__icontains=q)
            | Q(team__icontains=q)
            | Q(owner__username__iexact=q)
            | Q(owner__display_name__icontains=q)
        )
    if platform:
        accounts = accounts.filter(platform=platform)
    if tier:
        accounts = accounts.filter(tier=tier)
    if status:
        accounts = accounts.filter(status=status)
    if ownership:
        accounts = accounts.filter(ownership=ownership)
    if team.strip():
        accounts = accounts.filter(team__icontains=team.strip())
    if live_only:
        accounts = accounts.filter(status__in=account_flow.LIVE_STATES)
    _, order = ACCOUNT_SORTS.get(sort, ACCOUNT_SORTS[DEFAULT_ACCOUNT_SORT])
    return accounts.order_by(*order)


def account_get(*, user: Any, pk: Any) -> Account:
    """One account ``user`` may see; NotFoundError if it is missing or not theirs to see."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFoundError() from None
    account = _visible_accounts(user).filter(pk=pk).first()
    if account is None:
        raise NotFoundError()
    return account


def account_find(*, platform: str, handle: str) -> Account | None:
    """The account with this platform and handle (ignoring case and any @), unscoped: for
    services checking duplicates, never for showing to a user."""
    return Account.objects.filter(platform=platform, handle__iexact=handle.lstrip("@")).first()


def account_roster(account: Account) -> QuerySet[RosterMembership]:
    """Who has access to ``account`` (5.7), earliest first."""
    return account.memberships.select_related("user", "added_by").order_by("added_at", "id")


def account_roster_users(account: Account) -> list[User]:
    return [m.user for m in account_roster(account)]


def account_history(*, account: Account, limit: int = 50) -> list[AuditEvent]:
    """The audit events about ``account``, newest first."""
    return list(
        AuditEvent.objects.filter(target_type="social_accounts.account", target_id=str(account.pk))
        .select_related("actor")
        .order_by("-sequence")[:limit]
    )


#: The account's fields the health checks read: exactly the engine's ``AccountFacts``.
FACT_FIELDS = tuple(f.name for f in fields(health.AccountFacts))


def facts_from(values: Mapping[str, Any]) -> health.AccountFacts:
    """The health checks' facts from the account's values (``FACT_FIELDS``, as stored)."""
    return health.AccountFacts(
        **{**values, "connected_apps": tuple(values["connected_apps"] or ())}
    )


def account_facts(account: Account) -> health.AccountFacts:
    """The plain data the health checks read."""
    return facts_from({name: getattr(account, name) for name in FACT_FIELDS})


def account_health(
    account: Account, *, now: dt.datetime, pack: PolicyPack | None = None
) -> list[health.HealthIssue]:
    """The policy points ``account`` breaks at ``now``; none for a closed or converted
    account, to which the policy no longer applies."""
    if account.status not in account_flow.LIVE_STATES:
        return []
    return health.check_account(account_facts(account), now=now, pack=pack or policy_pack())


@dataclass(frozen=True)
class HealthRow:
    account: Account
    issues: list[health.HealthIssue]


@dataclass(frozen=True)
class HealthCount:
    kind: health.HealthKind
    accounts: int


@dataclass(frozen=True)
class HealthReport:
    """Account health across the force: how many live accounts have each kind of problem,
    and one page of the accounts with problems (those of ``kind`` only, when one is chosen),
    most problems first. ``page`` is a Django ``Page`` whose objects are ``rows``."""

    now: dt.datetime
    live_accounts: int
    healthy_accounts: int
    counts: list[HealthCount]
    rows: list[HealthRow]
    kind: health.HealthKind | None
    page: Page


#: Accounts with problems shown on one page of the health report.
HEALTH_PAGE_SIZE = 50


def account_health_report(
    *,
    user: Any,
    now: dt.datetime,
    pack: PolicyPack | None = None,
    kind: str = "",
    page: Any = 1,
    per_page: int = HEALTH_PAGE_SIZE,
) -> HealthReport:
    """CCD's dashboard (the auditor may read it). PermissionDeniedError for anyone else;
    an unknown ``kind`` is ignored, and ``page`` is read as Django's ``get_page`` reads it (a
    number out of range or not a number gives the last or the first page).

    The database counts, filters, sorts and pages the kept answers of the checks
    (``AccountHealthRecord``), after the stale ones are worked out again
    (``services.health``); the engine's checks then run again for the page's accounts only,
    for their messages. A constant number of queries, and engine work that follows the page
    and the accounts changed since the last view, not the registry."""
    from bluelamp.social_accounts.services.health import (
        KIND_COLUMNS,
        account_health_records_refresh,
    )

    if not permissions.can_see_health(user):
        raise PermissionDeniedError("Account health is for Corporate Communications.")
    pack = pack or policy_pack()
    chosen = health.KIND_BY_KEY.get(kind)
    account_health_records_refresh(now=now, pack=pack)
    records = AccountHealthRecord.objects.filter(account__status__in=account_flow.LIVE_STATES)
    totals = records.aggregate(
        live=Count("pk"),
        healthy=Count("pk", filter=Q(problems=0)),
        **{
            key: Count("pk", filter=Q(**{f"{column}__gt": 0}))
            for key, column in KIND_COLUMNS.items()
        },
    )
    column = KIND_COLUMNS[chosen.key] if chosen is not None else "problems"
    listed = (
        records.filter(**{f"{column}__gt": 0})
        .select_related("account__owner")
        .order_by(F(column).desc(), "account__platform", Lower("account__handle"), "account_id")
    )
    paginator = Paginator(listed, per_page)
    # Already counted with the rest: no second count of the same rows.
    paginator.count = (
        totals[chosen.key] if chosen is not None else totals["live"] - totals["healthy"]
    )
    page_of = paginator.get_page(page)
    rows = []
    for record in page_of:
        issues = account_health(record.account, now=now, pack=pack)
        if chosen is not None:
            issues = [issue for issue in issues if issue.kind == chosen.key]
        rows.append(HealthRow(record.account, issues))
    page_of.object_list = rows
    return HealthReport(
        now=now,
        live_accounts=totals["live"],
        healthy_accounts=totals["healthy"],
        counts=[HealthCount(k, totals[k.key]) for k in health.KINDS],
        rows=rows,
        kind=chosen,
        page=page_of,
    )


# --- CSV export -----------------------------------------------------------------------------

CSV_COLUMNS = (
    ("platform", "Platform"),
    ("handle", "Handle"),
    ("display_name", "Name"),
    ("url", "Address"),
    ("tier", "Tier"),
    ("ownership", "Ownership"),
    ("team", "Team"),
    ("status", "Status"),
    ("owner", "Owner"),
    ("deputy", "Deputy"),
    ("supervisor", "Supervisor"),
    ("registration_email", "Registration e-mail"),
    ("shows_disclaimer", "Shows disclaimer"),
    ("location_services_on", "Location services on"),
    ("connected_apps", "Connected apps"),
    ("opened_at", "Opened"),
    ("last_post_at", "Last post"),
    ("password_changed_at", "Password changed"),
    ("roster_changed_at", "Roster changed"),
)

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, dt.datetime):
        text = value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    elif isinstance(value, list | tuple):
        text = "; ".join(str(v) for v in value)
    else:
        text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def account_csv_rows(accounts: Iterable[Account]) -> Iterator[list[str]]:
    """The header, then one row per account, for the registry's CSV export (times in UTC)."""
    yield [label for _, label in CSV_COLUMNS]
    for account in accounts:
        values = {
            "platform": account.get_platform_display(),
            "tier": account.tier,
            "ownership": account.ownership,
            "status": account.status,
            "url": account.profile_url,
            "owner": account.owner.username,
            "deputy": account.deputy.username if account.deputy else "",
            "supervisor": account.supervisor.username if account.supervisor else "",
        }
        yield [
            _cell(values[name] if name in values else getattr(account, name))
            for name, _ in CSV_COLUMNS
        ]


# --- Applications -----------------------------------------------------------------------------


def _visible_applications(user: Any) -> QuerySet[AccountApplication]:
    applications = AccountApplication.objects.select_related(
        "applicant", "applicant__line_manager", "manager_decided_by", "ccd_decided_by", "account"
    )
    where = permissions.application_visibility(user)
    return applications if where is None else applications.filter(where)


def application_list(
    *, user: Any, status: str = "", waiting_for_me: bool = False, q: str = ""
) -> QuerySet[AccountApplication]:
    """The applications ``user`` may see, newest first. ``status`` is a choice value;
    ``waiting_for_me`` keeps those waiting for the user's decision; ``q`` matches the handle,
    the account's name or the applicant."""
    applications = _visible_applications(user)
    if status:
        applications = applications.filter(status=status)
    if waiting_for_me:
        applications = applications.filter(applications_waiting_for_q(user))
    q = q.strip()
    if q:
        applications = applications.filter(
            Q(handle__icontains=q.lstrip("@"))
            | Q(display_name__icontains=q)
            | Q(applicant__username__iexact=q)
            | Q(applicant__display_name__icontains=q)
        )
    return applications.order_by("-submitted_at", "-id")


def applications_waiting_for_q(user: Any) -> Q:
    """Applications waiting for ``user``'s decision: their reports' at the manager step, and
    (for CCD) every one at CCD's step except those they approved as line manager. Never
    their own."""
    waiting = Q(pk__in=[])
    if user_has_role(user, Role.LINE_MANAGER):
        waiting |= Q(status=ApplicationStatus.AWAITING_MANAGER, applicant__line_manager=user)
    if permissions.is_ccd(user):
        waiting |= Q(status=ApplicationStatus.AWAITING_CCD) & ~Q(manager_decided_by=user)
    return waiting & ~Q(applicant=user)


def applications_waiting_count(*, user: Any) -> int:
    """How many applications wait for ``user``'s decision."""
    return application_list(user=user, waiting_for_me=True).count()


def application_get(*, user: Any, pk: Any) -> AccountApplication:
    """One application ``user`` may see; NotFoundError if missing or not theirs to see."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFoundError() from None
    application = _visible_applications(user).filter(pk=pk).first()
    if application is None:
        raise NotFoundError()
    return application


def users_for_roster(*, q: str) -> User | None:
    """The active user a roster form names by username (exact, then ignoring case)."""
    q = q.strip().lstrip("@")
    if not q:
        return None
    users = User.objects.filter(is_active=True)
    return users.filter(username=q).first() or users.filter(username__iexact=q).first()
