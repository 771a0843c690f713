"""The conduct API for every person: each endpoint answers as the access rules say (200/201 for
the allowed, 403 or 404 for everyone else, with nothing changed); the team's view, the member
of staff's view and the auditors' register each hold only what they should."""

from __future__ import annotations

import base64

import pytest
from rest_framework.test import APIClient

from bluelamp.audit.models import AuditEvent
from bluelamp.conduct.api import views as api_views
from bluelamp.conduct.models import ConductCase, MediaAlert, StaffReport
from bluelamp.conduct.tests.conftest import EVERYONE, NOW, png_bytes
from bluelamp.conduct.tests.factories import WHAT_IS_WRONG, ConductCaseFactory, StaffReportFactory
from bluelamp.data_requests.tests.archive import make_post
from bluelamp.engine.workflows import conduct_cases as flow
from bluelamp.social_accounts.tests.factories import AccountFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr(api_views, "now", lambda: NOW)


@pytest.fixture
def world(force):
    return {
        "assessing": ConductCaseFactory(
            status=flow.ASSESSING, subject=force.subject, reported_by=force.reporter
        ),
        "awaiting": ConductCaseFactory(
            status=flow.AWAITING_REMOVAL,
            subject=force.subject,
            reported_by=force.reporter,
            removal_what="The post of 27 February",
            removal_deadline=NOW.date(),
            removal_requested_at=NOW,
        ),
        "report": StaffReportFactory(reported_by=force.reporter),
        "post": make_post(AccountFactory(owner=force.by_role["staff"]), state="draft"),
    }


def _as(force, who: str) -> APIClient:
    client = APIClient()
    client.force_authenticate(force.who(who))
    return client


def _snapshot():
    return (
        list(ConductCase.objects.values()),
        list(StaffReport.objects.values()),
        MediaAlert.objects.count(),
        AuditEvent.objects.count(),
    )


def _everyone(default, **given):
    return {who: given.get(who, default) for who in EVERYONE}


READS = {
    "case": (
        lambda w: f"/api/v1/conduct-cases/{w['assessing'].pk}",
        _everyone(404, ccd=200, subject=404),
    ),
    "removal": (
        lambda w: f"/api/v1/conduct-cases/{w['awaiting'].pk}",
        _everyone(404, ccd=200, subject=200),
    ),
    "staff_report": (
        lambda w: f"/api/v1/staff-reports/{w['report'].pk}",
        _everyone(404, welfare=200, reporter=200),
    ),
}
READ_CASES = [(n, w) for n in READS for w in EVERYONE]


@pytest.mark.parametrize(("name", "who"), READ_CASES, ids=[f"{n}-{w}" for n, w in READ_CASES])
def test_each_read_answers_each_person_as_the_access_rules_say(force, world, name, who):
    url, expected = READS[name]
    assert _as(force, who).get(url(world)).status_code == expected[who]


def test_the_member_of_staff_sees_the_removal_and_nothing_of_the_report(force, world):
    body = _as(force, "subject").get(f"/api/v1/conduct-cases/{world['awaiting'].pk}").json()
    assert body["removal_what"] == "The post of 27 February"
    assert body["available_actions"] == ["prove_removal"]
    text = str(body)
    assert "reported_by" not in body and "what_is_wrong" not in body
    assert "custody suite" not in text and force.reporter.username not in text


@pytest.mark.parametrize("who", EVERYONE)
def test_the_list_gives_the_team_its_cases_the_auditor_the_register_and_others_nothing(
    force, world, who
):
    body = _as(force, who).get("/api/v1/conduct-cases").json()
    if who == "ccd":
        assert {row["reference"] for row in body} == {
            world["assessing"].reference,
            world["awaiting"].reference,
        }
        assert body[0]["what_is_wrong"] == WHAT_IS_WRONG
    elif who == "auditor":
        assert len(body) == 2
        assert set(body[0]) == {
            "id",
            "reference",
            "case_state",
            "case_team",
            "reported_at",
            "referred_at",
            "removal_requested_at",
            "removal_deadline",
            "removal_done_at",
            "escalated_at",
            "closed_at",
        }
    else:
        assert body == []


STEPS = {
    "assessment": (
        lambda w: f"/api/v1/conduct-cases/{w['assessing'].pk}/referral",
        {"reason": "Serious"},
        "ccd",
    ),
    "close": (
        lambda w: f"/api/v1/conduct-cases/{w['assessing'].pk}/closure",
        {"outcome": "advice"},
        "ccd",
    ),
    "removal_proof": (
        lambda w: f"/api/v1/conduct-cases/{w['awaiting'].pk}/removal-proof",
        {"statement": "Gone", "screenshot": base64.b64encode(png_bytes()).decode()},
        "subject",
    ),
    "escalation": (
        lambda w: f"/api/v1/conduct-cases/{w['awaiting'].pk}/escalation",
        {},
        None,  # not overdue yet: 409 for CCD, refused for everyone else
    ),
    "staff_report_closure": (
        lambda w: f"/api/v1/staff-reports/{w['report'].pk}/closure",
        {"note": "Spoke to them"},
        "welfare",
    ),
    "media_attention": (
        lambda w: f"/api/v1/posts/{w['post'].public_id}/media-attention",
        {"note": "Names a local MP"},
        "staff",
    ),
}
STEP_CASES = [(n, w) for n in STEPS for w in EVERYONE]


@pytest.mark.parametrize(("name", "who"), STEP_CASES, ids=[f"{n}-{w}" for n, w in STEP_CASES])
def test_each_write_changes_something_only_for_the_person_allowed(force, world, name, who):
    url, body, allowed = STEPS[name]
    before = _snapshot()
    response = _as(force, who).post(url(world), body, format="json")
    ok = who == allowed or (name == "media_attention" and who == "ccd")
    if ok:
        assert response.status_code in (200, 201), response.content
        assert _snapshot() != before
    else:
        assert response.status_code in (403, 404, 409), (response.status_code, response.content)
        assert set(response.json()) >= {"code", "message"}
        assert _snapshot() == before


@pytest.mark.parametrize("who", EVERYONE)
def test_anyone_signed_in_may_report_and_gets_only_the_reference_back(force, who):
    response = _as(force, who).post(
        "/api/v1/conduct-cases",
        {
            "content_kind": "profile",
            "link": "https://x.com/fake",
            "what_is_wrong": "x",
            "clause": "6.11",
        },
        format="json",
    )
    assert response.status_code == 201
    assert set(response.json()) == {"id", "reference"}


def test_a_report_with_a_bad_clause_is_refused_naming_it(force):
    response = _as(force, "reporter").post(
        "/api/v1/conduct-cases",
        {"content_kind": "post", "link": "https://x.com/a", "what_is_wrong": "x", "clause": "0.0"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_input"
    assert not ConductCase.objects.exists()


def test_a_staff_report_through_the_api_keeps_the_evidence(force):
    response = _as(force, "reporter").post(
        "/api/v1/staff-reports",
        {
            "report_kind": "journalist",
            "details": "A reporter from the Express messaged me",
            "pasted_text": "Can you tell us about the raid?",
        },
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["captured_at"].startswith("2026-03-02T10:00")
    ccd = _as(force, "ccd").get(f"/api/v1/staff-reports/{response.json()['id']}")
    assert ccd.status_code == 200
    welfare = _as(force, "welfare").get(f"/api/v1/staff-reports/{response.json()['id']}")
    assert welfare.status_code == 404


def test_the_schema_names_every_conduct_operation(client, force):
    client.force_login(force.ccd)
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").content
    for operation in (
        "conduct_cases_list",
        "conduct_cases_report",
        "conduct_cases_read",
        "conduct_cases_assess",
        "conduct_cases_refer",
        "conduct_cases_request_removal",
        "conduct_cases_prove_removal",
        "conduct_cases_escalate",
        "conduct_cases_close",
        "staff_reports_list",
        "staff_reports_make",
        "staff_reports_read",
        "staff_reports_close",
        "posts_media_attention",
    ):
        assert operation.encode() in schema
