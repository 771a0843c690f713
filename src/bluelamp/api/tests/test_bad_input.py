"""Input no view can use, refused alike everywhere: unknown API paths and ids that are not ids
answer JSON 404 whatever the method (never the CSRF page); a NUL character or a number beyond
64 bits answers 400, in JSON under /api/ and as a page elsewhere, before any view or query
sees it."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client

from bluelamp.audit.models import AuditEvent
from bluelamp.core.roles import Role

pytestmark = pytest.mark.django_db

TOO_BIG = "9223372036854775808"  # 2**63
HUGE = "99999999999999999999999999"
METHODS = ("get", "post", "put", "patch", "delete")


@pytest.fixture
def session_api(user_of):
    """A signed-in browser session that sends no CSRF token: what the probe was."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user_of(Role.CCD))
    return client


def _is_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == code and body["message"]
    return body


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/posts/not-a-uuid",
        "/api/v1/posts/not-a-uuid/submit",
        "/api/v1/accounts/abc",
        "/api/v1/removal-requests/x/letters",
        "/api/v1/no-such-thing",
        "/api/no-such-thing",
    ],
)
def test_unknown_paths_and_malformed_ids_answer_json_404_for_every_method(
    session_api, api_as, path, method
):
    for client in (session_api, api_as(Role.CCD)):
        response = getattr(client, method)(path, {}, content_type="application/json")
        _is_error(response, 404, "not_found")


def test_an_unknown_id_of_the_right_shape_is_a_json_404(api_as):
    _is_error(api_as(Role.CCD).get(f"/api/v1/posts/{uuid.uuid4()}"), 404, "not_found")


def test_an_api_address_that_exists_with_a_slash_is_redirected_there(client_as):
    response = client_as(Role.STAFF).get("/api/tokens")
    assert response.status_code == 301 and response["Location"] == "/api/tokens/"


@pytest.mark.parametrize(
    "path",
    [
        f"/api/v1/posts?account={TOO_BIG}",
        f"/api/v1/posts?account=-{TOO_BIG}",
        f"/api/v1/accounts?page={HUGE}",
        f"/api/v1/accounts/{TOO_BIG}",
        f"/api/v1/applications/{HUGE}/decision",
        f"/api/v1/removal-requests/{TOO_BIG}/letters",
        "/api/v1/posts?q=%00",
        "/api/v1/posts?q=a%00b",
        "/api/v1/posts?%00=1",
        "/api/v1/accounts/%00",
        "/api/v1/check%00",
    ],
)
@pytest.mark.parametrize("method", ("get", "post", "delete"))
def test_overflowing_numbers_and_null_bytes_are_a_json_400_under_the_api(
    session_api, api_as, path, method
):
    for client in (session_api, api_as(Role.CCD)):
        body = _is_error(getattr(client, method)(path), 400, "invalid_input")
        assert "too large" in body["message"] or "null character" in body["message"]


def test_an_account_id_beyond_64_bits_in_a_body_is_a_400(api_as):
    response = api_as(Role.CCD).post(
        "/api/v1/posts", {"account": int(TOO_BIG), "text": "Hello"}, format="json"
    )
    body = _is_error(response, 400, "invalid_input")
    assert "account" in body["errors"]


@pytest.mark.parametrize(
    "path",
    [
        f"/posts/?account={TOO_BIG}",
        f"/accounts/{TOO_BIG}/",
        f"/removal-requests/{HUGE}/",
        f"/audit/events/{TOO_BIG}/",
        "/posts/?q=%00",
        "/archive/?q=a%00",
        "/archive/disclosure/%00/",
        "/archive/disclosure/%00/csv",
        "/archive/disclosure/%00/pdf",
    ],
)
def test_pages_answer_a_400_page_for_the_same(client_as, path):
    response = client_as(Role.CCD).get(path)
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem with the address" in page and "govuk-heading-l" in page
    assert "too large" in page or "null character" in page


def test_nothing_is_exported_or_audited_for_a_null_reference(client_as):
    client = client_as(Role.CCD)
    before = AuditEvent.objects.count()
    for kind in ("csv", "pdf"):
        assert client.get(f"/archive/disclosure/%00/{kind}").status_code == 400
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("ab%01cd", "cannot contain control characters"),
        ("x" * 101, "at most 100 characters"),
        ("%20%20", "Give the crime or incident log reference"),
    ],
)
@pytest.mark.parametrize("suffix", ["", "csv", "pdf"])
def test_a_malformed_disclosure_reference_is_refused_before_any_schedule(
    client_as, ref, message, suffix
):
    client = client_as(Role.CCD)
    before = AuditEvent.objects.count()
    response = client.get(f"/archive/disclosure/{ref}/{suffix}")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert AuditEvent.objects.count() == before
