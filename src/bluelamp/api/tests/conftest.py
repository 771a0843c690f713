"""Fixtures for the API's tests: a DRF client, and API tokens for users of any role."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from bluelamp.api import services


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def token_for(db) -> Callable:
    """``token_for(user)``: a fresh API token (the secret) for ``user``."""

    def make(user, name: str = "Test tool", **kwargs) -> str:
        return services.api_token_create(actor=None, user=user, name=name, **kwargs).secret

    return make


@pytest.fixture
def api_as(user_of, token_for) -> Callable:
    """``api_as(Role.STAFF)``: an APIClient authenticated by token as a new user with roles."""

    def make(*roles, **fields) -> APIClient:
        user = user_of(*roles, **fields)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(user)}")
        client.user = user
        return client

    return make
