"""`bluelamp worker`: runs the job queue (docs/jobs.md). Each worker runs the jobs queued by the
pages (archive imports) and the periodic jobs it and the other workers queue once per period:
publishing the posts whose time has come and the security sweeps every BLUELAMP_WORKER_INTERVAL;
once a UK day the removal-request digest with the reminders and token notices, the monthly
reviews, retention and (BLUELAMP_SPOOF_SEARCH_WEEKLY) the spoof search; a signed checkpoint of
the audit chain every BLUELAMP_AUDIT_CHECKPOINT_MINUTES.

Several workers may run side by side, on one host or several: each queue entry is claimed by
one worker, a periodic job is queued once per period whoever gets there first, a failed job is
tried again after a back-off, and a job whose worker died is run again by another. A post is
claimed (committed) before its platform is called, so no post is published twice. SIGTERM and
SIGINT finish the job in hand, then stop; in production run the workers under systemd with
``Restart=always`` (docs/deploy.md).
"""

from __future__ import annotations

import argparse
import logging
import sys

from bluelamp.cli import EXIT_OK, EXIT_USAGE

log = logging.getLogger("bluelamp.worker")


def _run(args: argparse.Namespace) -> int:
    from bluelamp.cli.manage import setup_django
    from bluelamp.config.env import ConfigError

    try:
        setup_django()
    except ConfigError as exc:
        print(f"bluelamp: configuration error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    from django.conf import settings

    from bluelamp.jobs import worker

    interval = args.interval or settings.BLUELAMP_WORKER_INTERVAL
    if not args.once:
        print(
            f"bluelamp worker: running the job queue; periodic jobs every {interval} s "
            "(Ctrl+C to stop)",
            flush=True,
        )
    try:
        status = worker.run(
            interval=interval,
            once=args.once,
            digest=not args.no_digest,
            schedule=not getattr(args, "no_schedule", False),
        )
        return status or EXIT_OK
    except Exception:
        log.exception("worker failed")
        return 1


def register(sub) -> None:
    parser = sub.add_parser(
        "worker",
        help="run the job queue: scheduled publishing, digests, reviews, retention, imports",
        description=__doc__.split("\n\n")[0],
    )
    parser.add_argument(
        "--once",
        action="store_true",
        help="queue this period's jobs, run every job ready, then exit (for cron)",
    )
    parser.add_argument(
        "--interval",
        type=int,
        default=0,
        help="seconds between the periodic passes (BLUELAMP_WORKER_INTERVAL)",
    )
    parser.add_argument(
        "--no-digest",
        action="store_true",
        help="do not queue the daily removal-request digest and reminders",
    )
    parser.add_argument(
        "--no-schedule",
        action="store_true",
        help="run queued jobs only; leave queueing the periodic ones to the other workers",
    )
    parser.set_defaults(func=_run)
