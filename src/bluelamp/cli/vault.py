"""`bluelamp vault rotate-keys`: re-encrypt every stored secret (account sign-ins, platform
tokens) under the newest key in BLUELAMP_VAULT_KEYS, in one transaction, then prove each opens
with that key alone. Prints counts, never a secret. Exit status 0 done, 1 refused (nothing
changed), 2 the settings or database cannot be used."""

from __future__ import annotations

import argparse
import getpass
import sys

EXIT_DONE = 0
EXIT_REFUSED = 1
EXIT_ERROR = 2


def _rotate(args: argparse.Namespace) -> int:
    from bluelamp.cli.manage import setup_django
    from bluelamp.config.env import ConfigError

    try:
        setup_django()
    except ConfigError as exc:
        print(f"bluelamp vault: configuration error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    from bluelamp.core.errors import ApplicationError
    from bluelamp.social_accounts.services.vault import vault_keys_rotate

    try:
        rotation = vault_keys_rotate(
            actor=None, actor_text=f"{getpass.getuser()} (bluelamp vault rotate-keys)"
        )
    except ApplicationError as exc:
        print(f"bluelamp vault: refused: {exc.message}", file=sys.stderr)
        return EXIT_REFUSED
    except Exception as exc:  # a database that cannot be used: nothing was changed
        print(f"bluelamp vault: cannot rotate the keys: {exc}", file=sys.stderr)
        return EXIT_ERROR
    for name, count in rotation.counts.items():
        print(f"{name}: {count} re-encrypted and opened with the newest key")
    print(
        f"bluelamp vault: {rotation.total} secrets now under the newest of {rotation.keys} "
        "key(s); older keys may now be removed from BLUELAMP_VAULT_KEYS."
    )
    return EXIT_DONE


def register(sub) -> None:
    parser = sub.add_parser(
        "vault",
        help="work with the credential vault (rotate its keys)",
        description="The credential vault: account sign-ins and platform tokens, encrypted "
        "with the keys in BLUELAMP_VAULT_KEYS (newest first).",
    )
    actions = parser.add_subparsers(dest="vault_command", metavar="ACTION")
    actions.required = True
    rotate = actions.add_parser(
        "rotate-keys",
        help="re-encrypt every stored secret under the newest key and prove each opens",
        description=__doc__.split("\n\n")[0].split(": ", 1)[1],
    )
    rotate.set_defaults(func=_rotate)
