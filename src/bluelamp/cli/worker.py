"""`bluelamp worker`: publishes scheduled posts when they are due, and once a day sends the
information security team's digest of removal requests, tells account owners whose publishing
tokens expire within a week and reminds people who have not acknowledged the current policy or
been trained (each at most once a week), opens the monthly reviews of live content on the first
working day of a month and escalates those not done in their month, escalates overdue conduct removal requests and deletes
conduct cases and staff reports past their retention, and (BLUELAMP_SPOOF_SEARCH_WEEKLY) searches X
for spoof accounts once a week; on every pass it escalates lost devices not secured in
time and overdue password rotations, and sets rotation tasks for passwords past the pack's period
(all idempotent). Every BLUELAMP_AUDIT_CHECKPOINT_MINUTES it appends a signed checkpoint of the
audit chain's head to the checkpoint file.

Restart-safe: a post is claimed (committed) before its platform is called, and a claim left by a
worker that stopped is taken over after the lease with a look on the platform first, so stopping
the worker at any moment neither loses nor doubles a post. SIGTERM and SIGINT finish the post in
hand, then stop. Run one worker per installation (more are safe, not faster: claims skip locked
rows); in production run it under systemd with ``Restart=always`` (see the README).
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading

from bluelamp.cli import EXIT_OK, EXIT_USAGE

log = logging.getLogger("bluelamp.worker")


def _digest_once_a_day(last_day: list) -> None:
    """Once a day: the removal requests' digest (the service itself refuses a second), the
    notices of publishing tokens about to expire (each told once), the escalation of conduct
    cases whose removal deadline has passed, and the conduct retention sweep."""
    from django.utils import timezone

    from bluelamp.acknowledgements.services import acknowledgement_reminders_send
    from bluelamp.conduct.services.cases import conduct_cases_escalate_overdue
    from bluelamp.conduct.services.retention import conduct_retention_sweep
    from bluelamp.data_requests.services.digest import removal_request_digest_send
    from bluelamp.engine import deadlines
    from bluelamp.publishing.services import connections
    from bluelamp.reviews.services import reviews_escalate_overdue, reviews_open_monthly

    now = timezone.now()
    today = deadlines.london_date(now)
    if last_day and last_day[0] == today:
        return
    removal_request_digest_send(today=today, now=now)
    acknowledgement_reminders_send(actor=None, now=now, actor_text="bluelamp worker")
    connections.connections_warn_expiring(now=now)
    reviews_open_monthly(now=now)
    reviews_escalate_overdue(now=now)
    conduct_cases_escalate_overdue(now=now)
    conduct_retention_sweep(now=now)
    _spoof_search(now)
    last_day[:] = [today]


def _spoof_search(now) -> None:
    """Once a week, when BLUELAMP_SPOOF_SEARCH_WEEKLY is on: search X for spoof accounts (the
    service itself skips a search within a week of the last one, by anyone)."""
    from bluelamp.spoofs.services import candidate_search_sweep

    result = candidate_search_sweep(now=now)
    if result is not None:
        print(f"bluelamp worker: spoof search: {result.summary()}", flush=True)


def _account_security() -> None:
    """Every pass: escalate lost devices not secured in time and overdue rotation tasks, and
    open rotation tasks for passwords past the pack's period (each idempotent)."""
    from bluelamp.account_security.services.sweep import account_security_sweep

    done = account_security_sweep()
    if any(done.values()):
        print(
            "bluelamp worker: account security: "
            + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in done.items() if v),
            flush=True,
        )


def _appeals() -> None:
    """Every pass: ended appeals' removal tasks past their hours go to CCD (each once)."""
    from bluelamp.reviews.services import appeal_tasks_sweep

    escalated = appeal_tasks_sweep()
    if escalated:
        print(f"bluelamp worker: {escalated} ended appeal post(s) escalated to CCD", flush=True)


def _checkpoint_when_due(last: list, minutes: int) -> None:
    """A signed checkpoint of the audit chain's head every ``minutes`` (the first at start)."""
    import time

    from bluelamp.audit.services import audit_checkpoint_write

    now = time.monotonic()
    if last and now - last[0] < minutes * 60:
        return
    audit_checkpoint_write()
    last[:] = [now]


def _run(args: argparse.Namespace) -> int:
    from bluelamp.cli.manage import setup_django
    from bluelamp.config.env import ConfigError

    try:
        setup_django()
    except ConfigError as exc:
        print(f"bluelamp: configuration error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    from django.conf import settings
    from django.db import close_old_connections

    from bluelamp.publishing.services import delivery

    interval = args.interval or settings.BLUELAMP_WORKER_INTERVAL
    stop = threading.Event()

    def _stop(signum, frame):
        log.info("worker stopping after the post in hand")
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    digest_day: list = []
    checkpoint_at: list = []
    log.info("worker started: looking for due posts every %s s", interval)
    print(f"bluelamp worker: publishing due posts every {interval} s (Ctrl+C to stop)", flush=True)
    while not stop.is_set():
        close_old_connections()
        try:
            tried = delivery.run_once()
            if tried:
                print(f"bluelamp worker: {tried} post(s) sent to their platforms", flush=True)
            if not args.no_digest:
                _digest_once_a_day(digest_day)
            _account_security()
            _appeals()
            _checkpoint_when_due(checkpoint_at, settings.BLUELAMP_AUDIT_CHECKPOINT_MINUTES)
        except Exception:  # one bad pass must not stop the worker; the next one tries again
            log.exception("worker pass failed")
            if args.once:
                return 1
        if args.once:
            break
        stop.wait(interval)
    return EXIT_OK


def register(sub) -> None:
    parser = sub.add_parser(
        "worker",
        help="publish scheduled posts when due (and send the daily removal-request digest)",
        description=__doc__.split("\n\n")[0],
    )
    parser.add_argument("--once", action="store_true", help="one pass, then exit (for cron)")
    parser.add_argument(
        "--interval", type=int, default=0, help="seconds between passes (BLUELAMP_WORKER_INTERVAL)"
    )
    parser.add_argument(
        "--no-digest", action="store_true", help="do not send the removal-request digest"
    )
    parser.set_defaults(func=_run)
