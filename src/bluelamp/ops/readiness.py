"""What must hold before this process may take traffic. Each check returns None when it holds,
or a short reason that names no secret and no personal data (the endpoint is unauthenticated)."""

from __future__ import annotations

from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor


def database() -> str | None:
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "not ready"; its text may hold a host name
        return f"the database does not answer ({type(exc).__name__})"
    return None


#: Whether this process has seen every migration applied. Migrations are applied before a
#: release's processes start and never taken back under them, so once true it stays true for
#: the life of the process: building the migration graph (every migration module of every app)
#: on each probe would cost more than the rest of readiness together.
_all_applied = False


def migrations() -> str | None:
    global _all_applied
    if _all_applied:
        return None
    try:
        connection = connections[DEFAULT_DB_ALIAS]
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as exc:
        return f"the migration state cannot be read ({type(exc).__name__})"
    if plan:
        return f"{len(plan)} migration(s) not applied: run `bluelamp manage migrate`"
    _all_applied = True
    return None


def forget_migrations() -> None:
    """Check the migrations again on the next probe (for tests)."""
    global _all_applied
    _all_applied = False


def vault_keys() -> str | None:
    # The vault's own answer: a configured key, or development's derived one.
    from bluelamp.social_accounts import vault

    if not vault.available():
        return "no vault key is configured (BLUELAMP_VAULT_KEYS)"
    return None


def policy_pack() -> str | None:
    from bluelamp.core.policy import policy_pack as load_pack

    try:
        load_pack()
    except Exception as exc:
        return f"the policy pack cannot be loaded ({type(exc).__name__})"
    return None


CHECKS: dict[str, Callable[[], str | None]] = {
    "database": database,
    "migrations": migrations,
    "vault_keys": vault_keys,
    "policy_pack": policy_pack,
}


def run_checks() -> dict[str, str]:
    """Every check's result, "ok" or the reason; the database first, since the migration
    check needs it (and the database is asked on every call, even once the migrations are
    known to be applied)."""
    results: dict[str, str] = {}
    for name, check in CHECKS.items():
        if name == "migrations" and results.get("database", "ok") != "ok":
            results[name] = "not checked: the database does not answer"
            continue
        results[name] = check() or "ok"
    return results
