"""pytest fixtures shared by every app's tests (registered by the root conftest.py).

- ``user_of``: ``user_of(Role.CCD)`` makes a user holding that role.
- ``client_as``: ``client_as(Role.AUDITOR)`` is a test client signed in as such a user.
- ``password``: the password of every factory user.
- every test starts with empty per-process caches (``_fresh_process_caches``).

It also lets transactional tests empty the database between tests: Django empties tables with
DELETE (SQLite) or TRUNCATE (PostgreSQL), which the audit tables' append-only triggers refuse,
so while the test database is flushed (and only then) the triggers are lifted and put back."""

from __future__ import annotations

import importlib
from collections.abc import Callable

import pytest

from bluelamp.core.roles import Role
from bluelamp.core.testing.factories import PASSWORD, UserFactory

_triggers = importlib.import_module("bluelamp.audit.triggers")


def _lift_triggers_while(flush: Callable) -> Callable:
    def execute_sql_flush(self, sql_list):
        statements = _triggers.STATEMENTS.get(self.connection.vendor)
        if statements is None:
            return flush(self, sql_list)
        create, drop = statements
        with self.connection.cursor() as cursor:
            for statement in drop:
                cursor.execute(statement)
        try:
            return flush(self, sql_list)
        finally:
            with self.connection.cursor() as cursor:
                for statement in create:
                    cursor.execute(statement)

    return execute_sql_flush


@pytest.fixture(scope="session", autouse=True)
def _audit_triggers_lifted_during_flush():
    from django.db.backends.base.operations import BaseDatabaseOperations

    original = BaseDatabaseOperations.execute_sql_flush
    BaseDatabaseOperations.execute_sql_flush = _lift_triggers_while(original)
    yield
    BaseDatabaseOperations.execute_sql_flush = original


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def user_of(db) -> Callable:
    """Make a user holding the given roles: ``user_of(Role.CCD)``, ``user_of(Role.STAFF,
    Role.LINE_MANAGER, username="sam")``."""

    def make(*roles: Role, **fields):
        return UserFactory(roles=list(roles), **fields)

    return make


@pytest.fixture
def client_as(client, user_of) -> Callable:
    """A test client signed in (``force_login``: no password check) as a new user with ``roles``."""

    def sign_in(*roles: Role, **fields):
        user = user_of(*roles, **fields)
        client.force_login(user)
        client.user = user
        return client

    return sign_in


# --- The API (every app's API tests) ---------------------------------------------------------------


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def token_for(db) -> Callable:
    """``token_for(user)``: a fresh API token (the secret) for ``user``."""

    def make(user, name: str = "Test tool", **kwargs) -> str:
        from bluelamp.api import services

        return services.api_token_create(actor=None, user=user, name=name, **kwargs).secret

    return make


@pytest.fixture
def api_as(user_of, token_for) -> Callable:
    """``api_as(Role.STAFF)``: an APIClient authenticated by token as a new user with roles."""

    def make(*roles, **fields):
        from rest_framework.test import APIClient

        user = user_of(*roles, **fields)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(user)}")
        client.user = user
        return client

    return make


@pytest.fixture(autouse=True)
def _fresh_process_caches():
    """Each test starts with no per-process cache left by another test's (rolled-back) data:
    the live check's recently read crisis context."""
    from bluelamp.incidents.selectors import forget_recent_crisis_context

    forget_recent_crisis_context()
    yield
    forget_recent_crisis_context()
