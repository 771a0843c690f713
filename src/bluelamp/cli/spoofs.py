"""`bluelamp spoofs search --as USERNAME`: search X for spoof accounts (CC/01 6.11) as a member
of Corporate Communications: the lookalike usernames of every registered X handle and of the
force's names are looked up on X, and each account found that is not already listed is added
to the review queue, scored.

Exit status: 0 searched (also when X stopped it part way: what was found is kept and the reason
printed), 1 refused (the user may not, no X token, or X stopped it before anything was looked
up), 2 usage or configuration error."""

from __future__ import annotations

import argparse
import json
import sys

from bluelamp.cli import EXIT_BLOCKED, EXIT_OK, EXIT_USAGE


def _search(args: argparse.Namespace) -> int:
    from bluelamp.cli.manage import setup_django
    from bluelamp.config.env import ConfigError

    try:
        setup_django()
    except ConfigError as exc:
        print(f"bluelamp: configuration error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    from bluelamp.core.errors import ApplicationError
    from bluelamp.core.models import User
    from bluelamp.spoofs.services import candidate_search

    actor = User.objects.filter(username=args.actor, is_active=True).first()
    if actor is None:
        print(f"bluelamp spoofs search: no active user {args.actor!r}", file=sys.stderr)
        return EXIT_USAGE
    try:
        result = candidate_search(actor=actor)
    except ApplicationError as error:
        print(f"bluelamp spoofs search: {error.message}", file=sys.stderr)
        return EXIT_BLOCKED
    if args.json:
        print(
            json.dumps(
                {
                    "looked_up": result.looked_up,
                    "requests": result.requests,
                    "found": list(result.found),
                    "added": [
                        {"id": c.pk, "handle": c.handle, "score": c.score} for c in result.added
                    ],
                    "already_listed": list(result.already_listed),
                    "stopped": result.stopped,
                    "retry_after": result.retry_after,
                },
                indent=2,
            )
        )
        return EXIT_OK
    for candidate in result.added:
        print(f"added @{candidate.handle} (score {candidate.score})")
    print(f"bluelamp spoofs search: {result.summary()}")
    return EXIT_OK


def register(sub) -> None:
    parser = sub.add_parser(
        "spoofs",
        help="spoof and unofficial accounts (CC/01 6.11): search X for lookalikes",
        description="Spoof and unofficial accounts (CC/01 6.11).",
    )
    actions = parser.add_subparsers(dest="spoofs_command", metavar="ACTION")
    actions.required = True
    search = actions.add_parser(
        "search",
        help="look up the force's lookalike usernames on X and queue those that exist",
        description=__doc__.split("\n\n")[0],
    )
    search.add_argument(
        "--as",
        dest="actor",
        required=True,
        metavar="USERNAME",
        help="the member of Corporate Communications searching (audited as them)",
    )
    search.add_argument("--json", action="store_true", help="print the result as JSON")
    search.set_defaults(func=_search)
