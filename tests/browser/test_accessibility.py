"""Every main page passes axe-core with no serious or critical violation, in the states a
person meets it in (empty, with results, with errors), and breaks no Content-Security-Policy."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# (name, demo user or None for signed out, path)
PAGES = [
    ("sign-in", None, "/sign-in/"),
    ("home, staff", "staff", "/"),
    ("home, auditor", "auditor", "/"),
    ("home, ccd", "ccd", "/"),
    ("audit trail", "auditor", "/audit/"),
    ("audit trail, searched", "auditor", "/audit/?action=auth.login"),
    ("audit event", "auditor", "/audit/events/1/"),
    ("audit verify", "auditor", "/audit/verify/"),
    ("accounts, ccd", "ccd", "/accounts/"),
    ("accounts, staff", "staff", "/accounts/"),
    ("accounts, searched", "auditor", "/accounts/?q=nothing-matches&platform=x"),
    ("account health", "ccd", "/account-health/"),
    ("applications", "manager", "/applications/"),
    ("application form", "staff", "/applications/new/"),
    ("API tokens", "staff", "/api/tokens/"),
    ("posts", "staff", "/posts/"),
    ("write a post", "staff", "/posts/new/"),
    ("waiting for approval", "manager", "/posts/approvals/"),
    ("archive", "psd", "/archive/"),
    ("archive, searched", "auditor", "/archive/?q=nothing-matches&rule=personal-data"),
    (
        "archive, bad dates",
        "auditor",
        "/archive/?published_from=2026-05-02&published_to=2026-05-01",
    ),
    ("disclosure schedules", "psd", "/archive/disclosure/"),
    ("disclosure schedule, empty", "psd", "/archive/disclosure/20%2F1%2F26/"),
    ("crisis controls", "ccd", "/crisis/"),
    ("spoof accounts", "ccd", "/spoofs/"),
    ("spoof accounts, auditor", "auditor", "/spoofs/?status="),
    ("add a spoof account", "ccd", "/spoofs/new/"),
    ("import spoof accounts", "ccd", "/spoofs/import/"),
    ("self-check", "staff", "/self-check/"),
    ("acknowledge the policy", "staff", "/policy/acknowledge/"),
    ("policy acknowledgements", "ccd", "/policy/acknowledgements/"),
    ("policy acknowledgements, everyone", "auditor", "/policy/acknowledgements/?show=all"),
    ("record training", "ccd", "/policy/training/new/"),
    ("declare a major incident", "ccd", "/crisis/major-incident/declare/"),
    ("set an election period", "ccd", "/crisis/election/new/"),
    ("removal requests", "infosec", "/removal-requests/"),
    ("page not found", "staff", "/no-such-page/"),
    ("forbidden", "staff", "/audit/"),
]


@pytest.mark.parametrize(("name", "username", "path"), PAGES, ids=[p[0] for p in PAGES])
def test_main_page_is_accessible(page, sign_in, axe_check, name, username, path):
    if username:
        sign_in(username)
    page.goto(path)

    axe_check(page)
    assert page.csp_violations == []
    assert page.title()


def test_sign_in_page_with_errors_is_accessible(page, demo_users, axe_check):
    page.goto("/sign-in/")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()

    assert page.locator(".govuk-error-summary").is_visible()
    axe_check(page)


def test_token_page_with_a_new_token_and_with_errors_is_accessible(page, sign_in, axe_check):
    sign_in("staff")
    page.goto("/api/tokens/")
    page.get_by_role("button", name="Create token").click()
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").is_visible()
    axe_check(page)

    page.get_by_label("What is the token for?").fill("Scheduler")
    page.get_by_role("button", name="Create token").click()
    page.wait_for_load_state()
    assert page.get_by_text("Token created").is_visible()
    axe_check(page)
    assert page.csp_violations == []


def test_application_form_with_errors_is_accessible(page, sign_in, axe_check):
    sign_in("staff")
    page.goto("/applications/new/")
    page.get_by_role("button", name="Send the application").click()
    page.wait_for_load_state()

    assert page.locator(".govuk-error-summary").is_visible()
    axe_check(page)
    assert page.csp_violations == []
