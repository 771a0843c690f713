"""The kept answers of the account health checks (``models.AccountHealthRecord``): bringing
them up to date.

``account_health_records_refresh`` finds, in one query, the live accounts whose kept answer is
missing or stale (its copy of the facts differs from the account's, it was worked out from
another pack, or ``now`` is outside the window it holds for) and works those out again with the
engine's checks, in one transaction. Its cost follows the accounts that changed, not the
registry: the dashboard calls it before reading (``selectors.account_health_report``) and the
worker runs it on every pass (job ``account-health``), so a view rarely finds anything to do.

Derived data, not a decision: no actor, no permission check and no audit event; running it
twice, or two at once, gives the same rows (an upsert keyed by the account).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import BooleanField, F, Func, Q, Value

from bluelamp.core.policy import policy_pack
from bluelamp.engine import account_health as health
from bluelamp.engine.policy_pack import PolicyPack
from bluelamp.engine.workflows import accounts as account_flow
from bluelamp.social_accounts.models import Account, AccountHealthRecord
from bluelamp.social_accounts.selectors import FACT_FIELDS, facts_from

#: The kept answer's column for each kind of problem (one per ``engine.account_health.KINDS``).
KIND_COLUMNS = {kind.key: f"issues_{kind.key}" for kind in health.KINDS}
_ANSWER_FIELDS = (
    *FACT_FIELDS,
    "pack_key",
    "checked_at",
    "holds_until",
    "problems",
    *KIND_COLUMNS.values(),
)
_BATCH = 1000


class _Differs(Func):
    """``a`` and ``b`` differ, a NULL on one side only counting as a difference."""

    arg_joiner = " IS DISTINCT FROM "
    template = "(%(expressions)s)"
    output_field = BooleanField()

    def as_sqlite(self, compiler, connection, **extra):
        # SQLite's IS NOT is its null-safe "differs" (IS DISTINCT FROM only from 3.39).
        return self.as_sql(compiler, connection, arg_joiner=" IS NOT ", **extra)


def stale_accounts(*, now: dt.datetime, key: str) -> Any:
    """The live accounts whose kept answer is missing or stale at ``now`` for the pack whose
    ``pack_key`` is ``key``; one query over the registry and the answers, nothing in Python."""
    record = "health_record__"
    stale = (
        Q(health_record__isnull=True)
        | Q(_Differs(F(f"{record}pack_key"), Value(key)))
        | Q(health_record__checked_at__gt=now)
        | Q(health_record__holds_until__lt=now)
    )
    for name in FACT_FIELDS:
        stale |= Q(_Differs(F(name), F(f"{record}{name}")))
    return Account.objects.filter(status__in=account_flow.LIVE_STATES).filter(stale)


def _answer(pk: int, values: dict[str, Any], *, now: dt.datetime, pack: PolicyPack, key: str):
    facts = facts_from(values)
    issues = health.check_account(facts, now=now, pack=pack)
    counts = {column: 0 for column in KIND_COLUMNS.values()}
    for issue in issues:
        counts[KIND_COLUMNS[issue.kind]] += 1
    return AccountHealthRecord(
        account_id=pk,
        **values,
        pack_key=key,
        checked_at=now,
        holds_until=health.kinds_hold_until(facts, now=now, pack=pack),
        problems=len(issues),
        **counts,
    )


def account_health_records_refresh(
    *, now: dt.datetime, pack: PolicyPack | None = None, accounts: Any = None
) -> int:
    """Work out again the kept health answers that are missing or stale at ``now`` (of
    ``accounts`` only, a queryset of accounts, when given); how many were written."""
    pack = pack or policy_pack()
    key = health.pack_key(pack)
    stale = stale_accounts(now=now, key=key)
    if accounts is not None:
        stale = stale.filter(pk__in=accounts.values("pk"))
    written = 0
    rows = list(stale.order_by("pk").values_list("pk", *FACT_FIELDS))
    if not rows:
        return 0
    batch: list[AccountHealthRecord] = []
    with transaction.atomic():
        for pk, *values in rows:
            batch.append(
                _answer(
                    pk, dict(zip(FACT_FIELDS, values, strict=True)), now=now, pack=pack, key=key
                )
            )
            if len(batch) >= _BATCH:
                written += _save(batch)
                batch = []
        written += _save(batch)
    return written


def _save(batch: list[AccountHealthRecord]) -> int:
    if batch:
        AccountHealthRecord.objects.bulk_create(
            batch,
            update_conflicts=True,
            unique_fields=["account"],
            update_fields=list(_ANSWER_FIELDS),
        )
    return len(batch)
