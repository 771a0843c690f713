"""The handlers of the periodic jobs (``bluelamp.jobs.kinds``): each calls the services that
already do the work, every one of them safe to run twice (a second run finds nothing left to
do). Summaries carry counts, never personal data."""

from __future__ import annotations

from typing import Any

from django.utils import timezone


def publish_due(*, job: Any) -> str:
    """Send the posts whose time has come. A post is claimed (committed) before its platform is
    called, so two workers, or a run cut short, never send a post twice (publishing.delivery)."""
    from bluelamp.publishing.services import delivery

    tried = delivery.run_once()
    return f"{tried} post(s) sent to their platforms" if tried else ""


def security_sweep(*, job: Any) -> str:
    """Lost devices not secured in time, overdue password rotations and rotation tasks for
    passwords past the pack's period; ended appeals' removal tasks past their hours to CCD."""
    from bluelamp.account_security.services.sweep import account_security_sweep
    from bluelamp.reviews.services import appeal_tasks_sweep

    done = account_security_sweep()
    parts = [f"{k.replace('_', ' ')} {v}" for k, v in done.items() if v]
    escalated = appeal_tasks_sweep()
    if escalated:
        parts.append(f"{escalated} ended appeal post(s) escalated to CCD")
    return ", ".join(parts)


def daily_digest(*, job: Any) -> str:
    """The information security team's removal-request digest (the service refuses a second the
    same day), acknowledgement and training reminders (each at most weekly) and notices of
    publishing tokens about to expire (each told once)."""
    from bluelamp.acknowledgements.services import acknowledgement_reminders_send
    from bluelamp.data_requests.services.digest import removal_request_digest_send
    from bluelamp.engine import deadlines
    from bluelamp.publishing.services import connections

    now = timezone.now()
    removal_request_digest_send(today=deadlines.london_date(now), now=now)
    acknowledgement_reminders_send(actor=None, now=now, actor_text="bluelamp worker")
    connections.connections_warn_expiring(now=now)
    return "digest, reminders and token notices sent where due"


def monthly_review(*, job: Any) -> str:
    """Open the monthly reviews of live content on the first working day of a month, and
    escalate those not done in their month."""
    from bluelamp.reviews.services import reviews_escalate_overdue, reviews_open_monthly

    now = timezone.now()
    reviews_open_monthly(now=now)
    reviews_escalate_overdue(now=now)
    return "monthly reviews opened and escalated where due"


def retention(*, job: Any) -> str:
    """Escalate overdue conduct removal requests, delete conduct cases and staff reports past
    their retention, and finished jobs past their keeping."""
    from bluelamp.conduct.services.cases import conduct_cases_escalate_overdue
    from bluelamp.conduct.services.retention import conduct_retention_sweep
    from bluelamp.jobs.services import jobs_prune

    now = timezone.now()
    conduct_cases_escalate_overdue(now=now)
    conduct_retention_sweep(now=now)
    pruned = jobs_prune(now=now)
    return f"retention swept; {pruned} finished job(s) deleted"


def account_health(*, job: Any) -> str:
    """Work out again the kept account health answers gone stale (an account changed, a time
    limit passed, another pack), so that the dashboard rarely has any to do on a view."""
    from bluelamp.social_accounts.services.health import account_health_records_refresh

    done = account_health_records_refresh(now=timezone.now())
    return f"{done} account(s) checked again" if done else ""


def spoof_search(*, job: Any) -> str:
    """When BLUELAMP_SPOOF_SEARCH_WEEKLY is on: search X for spoof accounts (the service skips a
    search within a week of the last one, by anyone)."""
    from bluelamp.spoofs.services import candidate_search_sweep

    result = candidate_search_sweep(now=timezone.now())
    return f"spoof search: {result.summary()}" if result is not None else ""


def audit_checkpoint(*, job: Any) -> str:
    """A signed checkpoint of the audit chain's head appended to the checkpoint file."""
    from bluelamp.audit.services import audit_checkpoint_write

    audit_checkpoint_write()
    return ""
