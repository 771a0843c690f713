"""/api/v1/accounts and /api/v1/applications: the registry's reads and the application
workflow through the API, with each role refused where it must be (permissions are the
services', not the pages')."""

from __future__ import annotations

import dataclasses

import pytest
from django.core import mail

from bluelamp.core.roles import Role
from bluelamp.social_accounts import actions
from bluelamp.social_accounts.api import views
from bluelamp.social_accounts.choices import Acknowledgement
from bluelamp.social_accounts.models import Account, AccountApplication
from bluelamp.social_accounts.services import applications

pytestmark = pytest.mark.django_db

APPLY = {
    "ownership": "force_owned",
    "purpose": "engagement",
    "purpose_detail": "Talk to Smethwick residents about anti-social behaviour.",
    "platform": "x",
    "handle": "@WMPSmethwickNPU",
    "display_name": "Smethwick NPU",
    "tier": "npu",
    "team": "Smethwick NPU",
    "registration_email": "smethwick.npu@west-midlands.pnn.police.uk",
    "acknowledgements": list(Acknowledgement.values),
}


@pytest.fixture
def people(user_of, token_for):
    """A team: a line manager and two of their staff, CCD (two people), an auditor,
    information security, PSD, another manager; each with an API client."""
    from rest_framework.test import APIClient

    manager = user_of(Role.STAFF, Role.LINE_MANAGER, username="manager")
    cast = {
        "manager": manager,
        "applicant": user_of(Role.STAFF, username="applicant", line_manager=manager),
        "colleague": user_of(Role.STAFF, username="colleague", line_manager=manager),
        "other_manager": user_of(Role.STAFF, Role.LINE_MANAGER, username="othermanager"),
        "ccd": user_of(Role.STAFF, Role.CCD, username="ccd"),
        "ccd2": user_of(Role.STAFF, Role.CCD, username="ccd2"),
        "auditor": user_of(Role.AUDITOR, username="auditor"),
        "infosec": user_of(Role.INFOSEC, username="infosec"),
        "psd": user_of(Role.PSD, username="psd"),
    }
    clients = {}
    for name, user in cast.items():
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(user)}")
        client.user = user
        clients[name] = client
    return clients


def submit(client, **changes):
    return client.post("/api/v1/applications", {**APPLY, **changes}, format="json")


def decide(client, application_id, decision, reason=""):
    return client.post(
        f"/api/v1/applications/{application_id}/decision",
        {"decision": decision, "reason": reason},
        format="json",
    )


@pytest.fixture
def awaiting_manager(people):
    response = submit(people["applicant"])
    assert response.status_code == 201, response.json()
    return response.json()["id"]


@pytest.fixture
def awaiting_ccd(people, awaiting_manager):
    assert decide(people["manager"], awaiting_manager, "manager_approve").status_code == 200
    return awaiting_manager


@pytest.fixture
def account_id(people, awaiting_ccd):
    response = decide(people["ccd"], awaiting_ccd, "ccd_approve")
    assert response.status_code == 200, response.json()
    return response.json()["account"]


# --- The whole walk -------------------------------------------------------------------------


def test_an_application_walks_from_submission_to_an_account_in_the_registry(
    people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submitted = submit(people["applicant"])
    assert submitted.status_code == 201
    assert submitted["Location"] == f"/api/v1/applications/{submitted.json()['id']}"
    assert submitted.json()["status"] == "awaiting_manager"
    application_id = submitted.json()["id"]

    with django_capture_on_commit_callbacks(execute=True):
        approved = decide(people["manager"], application_id, "manager_approve")
    assert approved.json()["status"] == "awaiting_ccd"

    with django_capture_on_commit_callbacks(execute=True):
        final = decide(people["ccd"], application_id, "ccd_approve")
    assert final.status_code == 200
    assert final.json()["status"] == "approved"
    account_id = final.json()["account"]

    account = people["applicant"].get(f"/api/v1/accounts/{account_id}").json()
    assert account["handle"] == "WMPSmethwickNPU"
    assert account["owner"]["username"] == "applicant"
    assert account["status"] == "active"
    listed = people["ccd"].get("/api/v1/accounts", {"q": "smethwick"}).json()
    assert [a["id"] for a in listed["results"]] == [account_id]
    assert len(mail.outbox) >= 3  # every party told at each step


# --- Accounts: reading ----------------------------------------------------------------------


def test_accounts_cannot_be_created_through_the_api_not_even_by_ccd(people):
    for name in ("ccd", "applicant", "manager"):
        response = people[name].post("/api/v1/accounts", {**APPLY}, format="json")
        assert response.status_code == 405
        assert response.json()["code"] == "method_not_allowed"
        assert "application" in response.json()["message"]
    assert not Account.objects.exists()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_accounts_cannot_be_changed_or_deleted_through_the_api(people, account_id, method):
    response = getattr(people["ccd"], method)(
        f"/api/v1/accounts/{account_id}", {"status": "closed"}, format="json"
    )

    assert response.status_code == 405
    assert Account.objects.get(pk=account_id).status == "active"


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("applicant", True),  # the owner
        ("manager", True),  # the owner's line manager
        ("ccd", True),
        ("auditor", True),
        ("colleague", False),  # same team, not on the account
        ("other_manager", False),
    ],
)
def test_each_role_sees_only_the_accounts_it_may(people, account_id, who, sees):
    listed = people[who].get("/api/v1/accounts")
    detail = people[who].get(f"/api/v1/accounts/{account_id}")

    assert listed.status_code == 200
    assert ([a["id"] for a in listed.json()["results"]] == [account_id]) is sees
    assert detail.status_code == (200 if sees else 404)
    if not sees:
        assert detail.json()["code"] == "not_found"


@pytest.mark.parametrize("who", ["infosec", "psd"])
def test_roles_without_the_registry_are_refused(people, account_id, who):
    for path in ("/api/v1/accounts", f"/api/v1/accounts/{account_id}", "/api/v1/applications"):
        response = people[who].get(path)
        assert response.status_code == 403, path
        assert response.json()["code"] == "permission_denied"


def test_anonymous_callers_are_refused(api_client, account_id):
    for path in ("/api/v1/accounts", f"/api/v1/accounts/{account_id}", "/api/v1/applications"):
        assert api_client.get(path).status_code == 401


def test_a_missing_account_is_not_found(people):
    response = people["ccd"].get("/api/v1/accounts/99999")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_account_detail_shows_health_to_ccd_and_the_auditor_only(people, account_id):
    ccd = people["ccd"].get(f"/api/v1/accounts/{account_id}").json()
    auditor = people["auditor"].get(f"/api/v1/accounts/{account_id}").json()
    owner = people["applicant"].get(f"/api/v1/accounts/{account_id}").json()

    assert isinstance(ccd["health"], list)
    assert {issue["kind"] for issue in ccd["health"]}  # a new account has no disclaimer yet
    assert all({"kind", "clause", "title", "message"} <= set(i) for i in ccd["health"])
    assert auditor["health"] == ccd["health"]
    assert owner["health"] is None


def test_account_detail_lists_what_the_caller_may_do(people, account_id):
    ccd = people["ccd"].get(f"/api/v1/accounts/{account_id}").json()
    auditor = people["auditor"].get(f"/api/v1/accounts/{account_id}").json()
    owner = people["applicant"].get(f"/api/v1/accounts/{account_id}").json()

    assert "suspend" in ccd["available_actions"]
    assert auditor["available_actions"] == []
    assert "suspend" not in owner["available_actions"]
    assert "close" in owner["available_actions"]
    assert [person["username"] for person in owner["roster"]] == ["applicant"]


def test_the_account_list_filters_and_refuses_unknown_filter_values(people, account_id):
    ccd = people["ccd"]

    assert ccd.get("/api/v1/accounts", {"platform": "x"}).json()["count"] == 1
    assert ccd.get("/api/v1/accounts", {"platform": "facebook"}).json()["count"] == 0
    assert ccd.get("/api/v1/accounts", {"tier": "npu", "status": "active"}).json()["count"] == 1
    assert ccd.get("/api/v1/accounts", {"live_only": "true", "sort": "opened"}).json()["count"] == 1
    bad = ccd.get("/api/v1/accounts", {"platform": "myspace"})
    assert bad.status_code == 400
    assert bad.json()["code"] == "invalid_input"
    assert "platform" in bad.json()["errors"]


def test_the_account_list_is_paginated(people, account_id):
    response = people["ccd"].get("/api/v1/accounts", {"page_size": 1})

    assert set(response.json()) == {"count", "next", "previous", "results"}
    assert people["ccd"].get("/api/v1/accounts", {"page": 5}).status_code == 404


# --- Applications: submitting ---------------------------------------------------------------


@pytest.mark.parametrize(
    "roles", [(Role.STAFF,), (Role.STAFF, Role.LINE_MANAGER), (Role.STAFF, Role.CCD)]
)
def test_staff_managers_and_ccd_may_apply(user_of, token_for, roles):
    from rest_framework.test import APIClient

    client = APIClient()
    applicant = user_of(*roles, line_manager=user_of(Role.LINE_MANAGER))
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(applicant)}")

    assert submit(client).status_code == 201


def test_an_applicant_without_a_line_manager_is_told_so(people):
    response = submit(people["ccd"])

    assert response.status_code == 400
    assert "line manager" in str(response.json()).lower()


@pytest.mark.parametrize("who", ["auditor", "infosec", "psd"])
def test_the_auditor_information_security_and_psd_may_not_apply(people, who):
    response = submit(people[who])

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert not AccountApplication.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"handle": "has spaces in it"}, "handle"),
        ({"registration_email": "npu@gmail.com"}, "registration_email"),
        ({"acknowledgements": ["policy"]}, "acknowledgements"),
        ({"platform": "myspace"}, "platform"),
        ({"purpose": ""}, "purpose"),
        ({"handle": None}, "handle"),
    ],
)
def test_bad_input_gets_a_clear_message_by_field_and_changes_nothing(people, changes, field):
    response = submit(people["applicant"], **changes)

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_input"
    assert field in body["errors"]
    assert all(isinstance(m, str) and m for m in body["errors"][field])
    assert not AccountApplication.objects.exists()


def test_a_duplicate_of_a_registered_account_is_refused(people, account_id):
    response = submit(people["colleague"], handle="wmpsmethwicknpu")

    assert response.status_code in (400, 409)
    assert response.json()["code"] in ("duplicate_account", "invalid_input")
    assert AccountApplication.objects.count() == 1


def test_a_body_that_is_not_json_is_refused_in_the_error_shape(people):
    response = people["applicant"].post(
        "/api/v1/applications", "{not json", content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_applications_need_csrf_when_the_caller_uses_a_session(user_of):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(user_of(Role.STAFF, line_manager=user_of(Role.LINE_MANAGER)))

    response = client.post("/api/v1/applications", APPLY, format="json")

    assert response.status_code == 403
    assert not AccountApplication.objects.exists()


# --- Applications: deciding, every role at each step ----------------------------------------

# Who may give which decision at which step: 200, 403 (may see it, may not decide), or 404
# (may not even see it, answered as if it did not exist).
MANAGER_STEP = {
    "applicant": 403,  # nobody decides their own
    "manager": 200,
    "colleague": 404,
    "other_manager": 404,
    "ccd": 403,  # CCD cannot give the line manager's decision
    "auditor": 403,
    "infosec": 403,
    "psd": 403,
}
CCD_STEP = {
    "applicant": 403,
    "manager": 403,  # a manager cannot give CCD's decision
    "colleague": 404,
    "other_manager": 404,
    "ccd": 200,
    "auditor": 403,
    "infosec": 403,
    "psd": 403,
}


@pytest.mark.parametrize("decision", ["manager_approve", "manager_reject"])
@pytest.mark.parametrize(("who", "expected"), MANAGER_STEP.items())
def test_the_managers_decision_by_each_role(people, awaiting_manager, who, decision, expected):
    response = decide(people[who], awaiting_manager, decision, reason="Not needed.")

    assert response.status_code == expected, response.json()
    status = AccountApplication.objects.get(pk=awaiting_manager).status
    assert status == ("awaiting_manager" if expected != 200 else response.json()["status"])


@pytest.mark.parametrize("decision", ["ccd_approve", "ccd_refuse"])
@pytest.mark.parametrize(("who", "expected"), CCD_STEP.items())
def test_ccds_decision_by_each_role(people, awaiting_ccd, who, decision, expected):
    response = decide(people[who], awaiting_ccd, decision, reason="Not needed.")

    assert response.status_code == expected, response.json()
    application = AccountApplication.objects.get(pk=awaiting_ccd)
    if expected == 200:
        assert application.status in ("approved", "refused_by_ccd")
    else:
        assert application.status == "awaiting_ccd"
        assert not Account.objects.exists()


def test_ccd_decisions_at_the_managers_step_are_refused_and_change_nothing(
    people, awaiting_manager
):
    response = decide(people["ccd"], awaiting_manager, "ccd_approve")

    assert response.status_code in (403, 409)
    assert AccountApplication.objects.get(pk=awaiting_manager).status == "awaiting_manager"
    assert not Account.objects.exists()


def test_a_line_manager_who_is_also_ccd_cannot_give_both_decisions(people, user_of, token_for):
    from rest_framework.test import APIClient

    boss = user_of(Role.STAFF, Role.LINE_MANAGER, Role.CCD, username="boss")
    worker = user_of(Role.STAFF, username="worker", line_manager=boss)
    clients = {}
    for user in (boss, worker):
        clients[user.username] = APIClient()
        clients[user.username].credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(user)}")
    application_id = submit(clients["worker"]).json()["id"]
    assert decide(clients["boss"], application_id, "manager_approve").status_code == 200

    response = decide(clients["boss"], application_id, "ccd_approve")

    assert response.status_code == 403
    assert AccountApplication.objects.get(pk=application_id).status == "awaiting_ccd"


def test_a_decision_on_an_application_already_decided_is_refused(people, account_id):
    application = AccountApplication.objects.get(account_id=account_id)

    again = decide(people["ccd2"], application.pk, "ccd_refuse", reason="Changed my mind")

    assert again.status_code == 409
    assert again.json()["code"] == "already_decided"
    assert AccountApplication.objects.get(pk=application.pk).status == "approved"
    assert Account.objects.count() == 1


def test_rejecting_without_a_reason_is_refused(people, awaiting_manager):
    response = decide(people["manager"], awaiting_manager, "manager_reject", reason="")

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_input"
    assert AccountApplication.objects.get(pk=awaiting_manager).status == "awaiting_manager"


def test_an_unknown_decision_is_refused(people, awaiting_manager):
    response = decide(people["manager"], awaiting_manager, "rubber_stamp")

    assert response.status_code == 400
    assert "decision" in response.json()["errors"]


# --- Applications: reading and withdrawing ---------------------------------------------------


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("applicant", True),
        ("manager", True),
        ("ccd", True),
        ("auditor", True),
        ("colleague", False),
        ("other_manager", False),
    ],
)
def test_each_role_sees_only_the_applications_it_may(people, awaiting_manager, who, sees):
    listed = people[who].get("/api/v1/applications").json()
    detail = people[who].get(f"/api/v1/applications/{awaiting_manager}")

    assert ([a["id"] for a in listed["results"]] == [awaiting_manager]) is sees
    assert detail.status_code == (200 if sees else 404)


def test_waiting_for_me_lists_what_needs_my_decision(people, awaiting_manager):
    mine = people["manager"].get("/api/v1/applications", {"waiting_for_me": "true"}).json()
    ccds = people["ccd"].get("/api/v1/applications", {"waiting_for_me": "true"}).json()

    assert [a["id"] for a in mine["results"]] == [awaiting_manager]
    assert ccds["results"] == []


def test_application_detail_lists_the_callers_possible_actions(people, awaiting_manager):
    manager = people["manager"].get(f"/api/v1/applications/{awaiting_manager}").json()
    applicant = people["applicant"].get(f"/api/v1/applications/{awaiting_manager}").json()
    auditor = people["auditor"].get(f"/api/v1/applications/{awaiting_manager}").json()

    assert set(manager["available_actions"]) == {"manager_approve", "manager_reject"}
    assert applicant["available_actions"] == ["withdraw"]
    assert auditor["available_actions"] == []


def test_the_applicant_withdraws_and_nobody_else_can(people, awaiting_manager):
    for who in ("manager", "ccd", "auditor"):
        response = people[who].post(
            f"/api/v1/applications/{awaiting_manager}/withdrawal", {}, format="json"
        )
        assert response.status_code == 403, who

    response = people["applicant"].post(
        f"/api/v1/applications/{awaiting_manager}/withdrawal",
        {"reason": "No longer needed"},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn"
    again = people["applicant"].post(
        f"/api/v1/applications/{awaiting_manager}/withdrawal", {}, format="json"
    )
    assert again.status_code == 409


def test_the_schema_describes_the_registry_endpoints(people):
    schema = people["ccd"].get("/api/schema/", {"format": "json"}).json()

    assert set(schema["paths"]) >= {
        "/api/v1/accounts",
        "/api/v1/accounts/{id}",
        "/api/v1/applications",
        "/api/v1/applications/{id}",
        "/api/v1/applications/{id}/decision",
        "/api/v1/applications/{id}/withdrawal",
    }
    assert "post" not in schema["paths"]["/api/v1/accounts"]


def test_services_are_the_only_writers(monkeypatch, people):
    """The API calls the services, through the action's declaration; it never saves a
    registry model itself."""
    calls = []
    real = applications.account_application_submit
    spy = dataclasses.replace(actions.SUBMIT, service=lambda **kw: calls.append(kw) or real(**kw))
    monkeypatch.setattr(views, "SUBMIT", spy)

    assert submit(people["applicant"]).status_code == 201
    assert len(calls) == 1
