"""`bluelamp deadlines`: the statutory clock for a request about personal data.

A thin shell over ``bluelamp.engine.deadlines`` (spec/deadlines.md, "The command"): it parses
the dates, calls the engine once and prints either an aligned table or one JSON object.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys

from bluelamp.cli import EXIT_OK, EXIT_USAGE
from bluelamp.engine.deadlines import (
    REGIMES,
    RIGHTS,
    Clock,
    DateLike,
    DeadlineError,
    compute_clock,
    long_date,
    regime_name,
)

PROG = "bluelamp deadlines"
_PLAIN_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class DateArgumentError(ValueError):
    """A DATE option that is neither YYYY-MM-DD nor an ISO 8601 timestamp with an offset."""


def parse_date_arg(option: str, text: str) -> DateLike:
    """``YYYY-MM-DD`` → ``date``; an ISO 8601 timestamp with an offset → aware ``datetime``.

    A timestamp without an offset is refused: its London date would be a guess.
    """
    text = text.strip()
    if _PLAIN_DATE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise DateArgumentError(f"{option}: {text!r} is not a real date") from None
    try:
        stamp = dt.datetime.fromisoformat(text)
    except ValueError:
        raise DateArgumentError(
            f"{option}: {text!r} is not a date (YYYY-MM-DD) or an ISO 8601 timestamp with offset"
        ) from None
    if stamp.tzinfo is None:
        raise DateArgumentError(
            f"{option}: timestamp {text!r} has no UTC offset; add one (e.g. +00:00 or Z) "
            f"or give a plain date"
        )
    return stamp


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``deadlines`` subcommand (options exactly as the spec's synopsis)."""
    p = subparsers.add_parser(
        "deadlines",
        help="the statutory deadline for a request to remove or correct personal data",
        description=(
            "Print the relevant date, the force's 14-day target, the warning date, the "
            "statutory deadline and, where extended, the extension notice date and the "
            "extended deadline. DATE is YYYY-MM-DD or an ISO 8601 timestamp with offset; "
            "all dates are Europe/London calendar dates."
        ),
    )
    # Dates are parsed in `run`, not with `type=`, so that a bad date gets this command's
    # own error prefix ("bluelamp deadlines: error:") like every other refusal.
    p.add_argument("--received", required=True, metavar="DATE", help="when the request came in")
    p.add_argument("--right", choices=RIGHTS, help="the right exercised")
    p.add_argument(
        "--regime",
        choices=REGIMES,
        help="ukgdpr or part3 (law enforcement); if not given, both are computed and the "
        "earlier deadline used",
    )
    p.add_argument(
        "--id-received", metavar="DATE", help="when information confirming identity came in"
    )
    p.add_argument("--fee-paid", metavar="DATE", help="when a fee was paid")
    p.add_argument(
        "--extended", action="store_true", help="extended by two months (complexity/number)"
    )
    p.add_argument(
        "--clarification-asked",
        metavar="DATE",
        help="access requests: when clarification was asked for",
    )
    p.add_argument(
        "--clarification-received",
        metavar="DATE",
        help="access requests: when the clarification came in",
    )
    p.add_argument(
        "--extra-holiday",
        action="append",
        default=[],
        metavar="DATE",
        help="a one-off non-working day (repeatable)",
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def _error(message: str) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def run(args: argparse.Namespace) -> int:
    """Compute and print the clock; exit 2 with a reason when it cannot be computed."""
    if (args.clarification_asked is None) != (args.clarification_received is None):
        missing = (
            "--clarification-received"
            if args.clarification_received is None
            else "--clarification-asked"
        )
        return _error(
            f"{missing} is missing: a paused clock needs both --clarification-asked and "
            f"--clarification-received"
        )
    try:

        def opt(option: str, value: str | None) -> DateLike | None:
            return None if value is None else parse_date_arg(option, value)

        clock = compute_clock(
            opt("--received", args.received),
            regime=args.regime,
            right=args.right,
            id_received=opt("--id-received", args.id_received),
            fee_paid=opt("--fee-paid", args.fee_paid),
            extended=args.extended,
            clarification_asked=opt("--clarification-asked", args.clarification_asked),
            clarification_received=opt("--clarification-received", args.clarification_received),
            extra_holidays=[parse_date_arg("--extra-holiday", v) for v in args.extra_holiday],
        )
    except (DateArgumentError, DeadlineError) as exc:
        return _error(str(exc))

    if args.json:
        print(json.dumps(clock.to_dict()))
    else:
        print(render_table(clock))
    return EXIT_OK


def render_table(clock: Clock) -> str:
    """The human table: labels aligned, dates with weekday names."""
    if clock.regime_given:
        regime = regime_name(clock.regime)
    elif clock.other_regime_deadline == clock.final_deadline:
        regime = "unknown: UK GDPR and Part 3 give the same deadline"
    else:
        regime = f"unknown: {regime_name(clock.regime)} gives the earlier deadline"

    rows: list[tuple[str, str]] = [("Regime", regime)]
    if clock.right:
        rows.append(("Right", clock.right))
    rows += [
        ("Relevant date", long_date(clock.relevant_date)),
        ("Force target", f"{long_date(clock.target)} (removal completed, CC/01 14 days)"),
        ("Warning", f"{long_date(clock.warning)} (statutory deadline near)"),
        ("Statutory deadline", f"{long_date(clock.deadline)} (end of day)"),
    ]
    if clock.paused_days:
        days = "day" if clock.paused_days == 1 else "days"
        rows.append(("Clock paused", f"{clock.paused_days} {days} awaiting clarification"))
    if clock.extension_notice_by is not None:
        rows.append(("Extension notice by", long_date(clock.extension_notice_by)))
    if clock.extended_deadline is not None:
        rows.append(("Extended deadline", f"{long_date(clock.extended_deadline)} (end of day)"))

    width = max(len(label) for label, _ in rows)
    return "\n".join(f"{label.ljust(width)}  {value}" for label, value in rows)
