"""The API from a browser: make a token on the page and use it from another tool; the API
reference renders from Bluelamp's own files under its Content-Security-Policy."""

from __future__ import annotations

import json
import urllib.request

import pytest

pytestmark = pytest.mark.browser


def test_a_token_made_on_the_page_checks_a_post_through_the_api(page, sign_in, live_server):
    sign_in("staff")
    page.get_by_role("link", name="Your API tokens").click()
    page.get_by_label("What is the token for?").fill("Scheduling tool")
    page.get_by_label("How long should it last?").select_option("30")
    page.get_by_role("button", name="Create token").click()
    secret = page.get_by_test_id("new-token").input_value()

    request = urllib.request.Request(
        f"{live_server.url}/api/v1/check",
        data=json.dumps({"id": "p1", "text": "Call his mum on 07700 900123."}).encode(),
        headers={"Authorization": f"Bearer {secret}", "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # loopback only
        report = json.load(response)

    assert report["id"] == "p1"
    assert report["verdict"] == "block"
    assert report["findings"][0]["rule"] == "personal-data"
    page.reload()  # shows the token once only, and creates no second one
    assert page.get_by_test_id("new-token").count() == 0
    row = page.get_by_role("row", name="Scheduling tool")
    assert row.count() == 1
    assert "Active" in row.inner_text()


def test_the_api_reference_shows_the_check_operation_without_breaking_the_csp(page, sign_in):
    sign_in("staff")
    page.goto("/api/docs/")

    operation = page.locator(".opblock-summary-path", has_text="/api/v1/check")
    operation.wait_for()
    assert operation.is_visible()
    assert page.csp_violations == []


def test_trying_the_check_in_the_api_reference_uses_the_session_and_csrf(page, sign_in):
    sign_in("staff")
    page.goto("/api/docs/")
    page.locator(".opblock-summary-path", has_text="/api/v1/check").click()
    page.get_by_role("button", name="Try it out").click()

    with page.expect_response("**/api/v1/check") as answer:
        page.get_by_role("button", name="Execute").click()

    assert answer.value.status == 200
    assert answer.value.json()["verdict"] == "block"


def test_the_api_reference_is_accessible_while_trying_a_check(page, sign_in, axe_check):
    sign_in("staff")
    page.goto("/api/docs/")
    page.locator(".opblock-summary-path", has_text="/api/v1/check").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    page.locator(".live-responses-table").wait_for()

    # Swagger UI (third-party) nests a copy button inside each operation's toggle button; the
    # rest (contrast, unnamed controls) is fixed by api/docs.css and api/docs.js.
    axe_check(page, allow=("nested-interactive",))
    assert page.csp_violations == []
