"""Deleting closed conduct cases and staff reports at the end of the pack's retention period
(``[thresholds] conduct_retention_years``, default 6), by the worker's daily sweep."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction

from bluelamp.audit.services import audit_record
from bluelamp.conduct.choices import ReportStatus
from bluelamp.conduct.models import ConductCase, StaffReport
from bluelamp.conduct.services.common import plain
from bluelamp.core.clock import aware_now
from bluelamp.core.policy import policy_pack
from bluelamp.engine import deadlines
from bluelamp.engine.workflows import conduct_cases as flow

logger = logging.getLogger(__name__)

DEFAULT_YEARS = 6
ACTOR = "Bluelamp (retention job)"


def retention_years() -> int:
    return policy_pack().thresholds.get("conduct_retention_years", DEFAULT_YEARS)


def _due(closed_at: dt.datetime, years: int, today: dt.date) -> bool:
    return deadlines.add_months(deadlines.london_date(closed_at), 12 * years) <= today


def conduct_retention_sweep(
    *, now: dt.datetime | None = None, years: int | None = None
) -> dict[str, list[str]]:
    """Delete every case and report closed at least ``years`` ago (the pack's setting when not
    given), each deletion audited by reference (the record that it existed stays in the audit
    trail; its contents go). Returns the references deleted; a second run deletes nothing."""
    now = aware_now(now)
    years = retention_years() if years is None else years
    if years <= 0:
        raise ValueError("the retention period must be positive")
    today = deadlines.london_date(now)
    deleted: dict[str, list[str]] = {"cases": [], "reports": []}
    for model, status, key, action in (
        (ConductCase, flow.CLOSED, "cases", "conduct_case.deleted"),
        (StaffReport, ReportStatus.CLOSED, "reports", "staff_report.deleted"),
    ):
        rows = model.objects.filter(status=status, closed_at__isnull=False)
        for pk, closed_at in rows.values_list("pk", "closed_at"):
            if not _due(closed_at, years, today):
                continue
            with transaction.atomic():
                row = model.objects.select_for_update().filter(pk=pk).first()
                if row is None:
                    continue
                reference = row.reference
                audit_record(
                    actor=None,
                    actor_text=ACTOR,
                    action=action,
                    target=row,
                    after={"closed_at": plain(closed_at), "retention_years": years},
                    now=now,
                )
                row.delete()
            deleted[key].append(reference)
    if deleted["cases"] or deleted["reports"]:
        logger.info(
            "retention: %d conduct case(s), %d staff report(s) deleted",
            len(deleted["cases"]),
            len(deleted["reports"]),
        )
    return deleted
