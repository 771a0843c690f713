"""GET /api/v1/disclosure/export: every role's answer, the three formats, bad input named by
its field (400 in the API's error shape), and the schema's stable operation id."""

from __future__ import annotations

import json

import pytest

from bluelamp.audit.models import AuditEvent
from bluelamp.core.roles import Role
from bluelamp.disclosure.api import views as api_views
from bluelamp.disclosure.tests.conftest import NOW, UNICODE_TEXT

pytestmark = pytest.mark.django_db

URL = "/api/v1/disclosure/export"
QUERY = {
    "account": "x:WMPDudley",
    "date_from": "2026-02-01",
    "date_to": "2026-02-28",
    "format": "json",
}


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr(api_views, "now", lambda: NOW)


@pytest.fixture
def api(token_for):
    from rest_framework.test import APIClient

    def make(user):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(user)}")
        return client

    return make


def body(response) -> bytes:
    if response.streaming:
        return b"".join(
            c if isinstance(c, bytes) else c.encode() for c in response.streaming_content
        )
    return response.content


@pytest.mark.parametrize("role", list(Role))
def test_each_role_on_the_api(api, force, history, role):
    client = api(force.by_role[role])
    before = AuditEvent.objects.filter(action="disclosure.exported").count()
    before_all = AuditEvent.objects.count()
    response = client.get(URL, QUERY)
    if role in (Role.CCD, Role.INFOSEC):
        assert response.status_code == 200
        data = json.loads(body(response))
        assert data["posts"][0]["text"] == UNICODE_TEXT
        assert AuditEvent.objects.filter(action="disclosure.exported").count() == before + 1
    else:
        assert response.status_code == 403
        assert response.json()["code"] == "permission_denied"
        assert AuditEvent.objects.count() == before_all


def test_signed_out_is_401(api_client, history):
    assert api_client.get(URL, QUERY).status_code == 401


@pytest.mark.parametrize(("fmt", "kind"), [("csv", "text/csv"), ("pdf", "application/pdf")])
def test_other_formats(api, force, history, fmt, kind):
    response = api(force.ccd).get(URL, {**QUERY, "format": fmt})
    assert response.status_code == 200
    assert response["Content-Type"].startswith(kind)
    assert "attachment" in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"date_from": "2026-03-01"}, "date_to"),
        ({"account": "x:Nobody"}, "account"),
        ({"format": "docx"}, "format"),
        ({"date_from": "yesterday"}, "date_from"),
    ],
)
def test_bad_input_names_the_field(api, force, history, changes, field):
    client = api(force.infosec)
    before = AuditEvent.objects.count()
    response = client.get(URL, {**QUERY, **changes})
    assert response.status_code == 400
    error = response.json()
    assert error["code"] == "invalid_input"
    assert field in error["errors"]
    assert AuditEvent.objects.count() == before


def test_the_schema_describes_the_export(api, force):
    response = api(force.ccd).get("/api/schema/", {"format": "json"})
    operation = response.json()["paths"]["/api/v1/disclosure/export"]["get"]
    assert operation["operationId"] == "disclosure_export"
    names = {p["name"] for p in operation["parameters"]}
    assert {"account", "search", "date_from", "date_to", "format"} <= names
    assert {"200", "400", "403"} <= set(operation["responses"])
