"""Security headers on every response: CSP with a nonce, framing denied, HSTS over HTTPS,
no caching of signed-in pages, a request id, and safe cookies."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from bluelamp.core.middleware import build_csp
from bluelamp.core.roles import Role

pytestmark = pytest.mark.django_db


def test_pages_carry_a_content_security_policy_limited_to_this_site(client):
    response = client.get(reverse("core:login"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp


def test_the_one_inline_script_carries_the_nonce_the_policy_allows(client):
    response = client.get(reverse("core:login"))
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'<script nonce="{nonce}">'.encode() in response.content
    scripts = re.findall(rb"<script(?![^>]*\bsrc=)[^>]*>", response.content)
    assert all(f'nonce="{nonce}"'.encode() in tag for tag in scripts)


def test_each_response_gets_a_fresh_nonce(client):
    first = client.get(reverse("core:login"))["Content-Security-Policy"]
    second = client.get(reverse("core:login"))["Content-Security-Policy"]
    assert first != second


def test_framing_sniffing_and_referrers_are_locked_down(client):
    response = client.get(reverse("core:login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_hsts_is_sent_over_https(client):
    response = client.get(reverse("core:login"), secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_signed_in_pages_are_not_cached(client_as):
    client = client_as(Role.STAFF)
    assert client.get(reverse("core:home"))["Cache-Control"] == "no-store"


def test_every_response_has_a_request_id_and_keeps_a_plausible_one_given(client):
    assert len(client.get(reverse("core:login"))["X-Request-ID"]) == 32
    given = client.get(reverse("core:login"), HTTP_X_REQUEST_ID="abc-123-def-456")
    assert given["X-Request-ID"] == "abc-123-def-456"
    bad = client.get(reverse("core:login"), HTTP_X_REQUEST_ID="<script>")
    assert bad["X-Request-ID"] != "<script>"


def test_the_session_cookie_is_secure_httponly_and_samesite(client, user_of, password):
    user_of(Role.STAFF, username="jo")
    response = client.post(reverse("core:login"), {"username": "jo", "password": password})
    cookie = response.cookies["sessionid"]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["expires"] == ""  # ends when the browser closes


def test_forms_are_refused_without_a_csrf_token():
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("core:login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert b"Your session has expired" in response.content


def test_build_csp_puts_the_nonce_where_the_policy_says():
    policy = {"script-src": ["'self'", "'nonce'"], "object-src": ["'none'"]}
    assert build_csp(policy, "N") == "script-src 'self' 'nonce-N'; object-src 'none'"
