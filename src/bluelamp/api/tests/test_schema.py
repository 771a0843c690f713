"""The OpenAPI schema at /api/schema/: for signed-in people and token holders only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bluelamp.core.roles import Role

pytestmark = pytest.mark.django_db


def test_the_schema_describes_the_check_endpoint_and_token_auth(api_as):
    response = api_as(Role.STAFF).get(reverse("api:schema"), {"format": "json"})

    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "post" in schema["paths"]["/api/v1/check"]
    assert schema["components"]["securitySchemes"]["tokenAuth"]["scheme"] == "bearer"


def test_the_schema_is_yaml_by_default(client_as):
    response = client_as(Role.STAFF).get(reverse("api:schema"))

    assert response.status_code == 200
    assert response.content.startswith(b"openapi: 3")


def test_the_schema_is_refused_to_anonymous_callers(api_client):
    response = api_client.get(reverse("api:schema"), {"format": "json"})

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_every_api_path_is_versioned(api_as):
    schema = api_as(Role.STAFF).get(reverse("api:schema"), {"format": "json"}).json()

    assert schema["paths"]
    assert all(path.startswith("/api/v1/") for path in schema["paths"])


def test_the_schema_generates_without_warnings(capsys):
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator

    GENERATOR_STATS.reset()
    SchemaGenerator().get_schema(request=None, public=True)

    assert not GENERATOR_STATS._warn_cache, list(GENERATOR_STATS._warn_cache)
    assert not GENERATOR_STATS._error_cache, list(GENERATOR_STATS._error_cache)
