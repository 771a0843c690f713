"""`bluelamp manage ARGS...`: Django's management commands (migrate, runserver, createsuperuser,
audit_verify, unlock, demo_users ...), configured from the environment like the web app."""

from __future__ import annotations

import argparse
import os

SETTINGS_MODULE = "bluelamp.config.settings"


def setup_django() -> None:
    """Point Django at Bluelamp's settings (unless told otherwise) and set it up."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    import django

    django.setup()


def run_django(argv: list[str]) -> int:
    """Run a Django management command line; returns its exit status."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    from django.core.management import execute_from_command_line

    from bluelamp.config.env import ConfigError

    try:
        execute_from_command_line(argv)
    except ConfigError as exc:
        print(f"bluelamp: configuration error: {exc}", file=__import__("sys").stderr)
        return 2
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    return 0


def _run(args: argparse.Namespace) -> int:
    return run_django(["bluelamp manage", *args.django_args])


def register(sub) -> None:
    parser = sub.add_parser(
        "manage",
        help="run a Django management command (migrate, runserver, audit_verify ...)",
        description="Run a Django management command with Bluelamp's settings, e.g. "
        "`bluelamp manage migrate` or `bluelamp manage runserver 127.0.0.1:8000`.",
        add_help=False,
    )
    parser.add_argument("django_args", nargs=argparse.REMAINDER, metavar="ARGS")
    parser.set_defaults(func=_run)
