"""Who may reach each page and API action, for every role (and no role): the page or endpoint
answers as expected, and a refusal changes nothing in the database."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from bluelamp.account_security.models import (
    LostDeviceReport,
    RotationTask,
    StaffChangeBatch,
)
from bluelamp.account_security.tests.test_services import file_report
from bluelamp.audit.models import AuditEvent
from bluelamp.core.roles import Role
from bluelamp.social_accounts.models import Account, AccountCredential, RosterMembership

pytestmark = pytest.mark.django_db

#: Every user the tests sign in as: each role alone, no role, the administrator (owner of the
#: accounts on the report) and the PC who reported it.
WHO = [r.value for r in Role] + ["no_role", "admin", "pc"]


def user(force, who):
    return {"no_role": force.nobody, "admin": force.admin, "pc": force.pc}.get(who) or (
        force.by_role[Role(who)]
    )


def snapshot():
    return (
        AuditEvent.objects.count(),
        LostDeviceReport.objects.count(),
        RotationTask.objects.filter(status="done").count(),
        AccountCredential.objects.count(),
        RosterMembership.objects.count(),
        StaffChangeBatch.objects.count(),
        Account.objects.filter(publishing_suspended_at__isnull=False).count(),
        list(
            __import__("bluelamp.account_security.models", fromlist=["ChecklistStep"])
            .ChecklistStep.objects.filter(done_at__isnull=False)
            .values_list("pk", flat=True)
        ),
    )


# Expected answers: one dict per page or action, keyed by WHO (default: the "else" value).
PAGES = {
    "home": ({"no_role": 403}, 200),
    "report_create": ({"no_role": 403, "auditor": 403}, 200),
    "report_detail": (
        {"admin": 200, "pc": 200, "ccd": 200, "infosec": 200, "auditor": 200, "no_role": 403},
        404,
    ),
    "register": ({"ccd": 200, "infosec": 200, "auditor": 200}, 403),
    "rotation_list": ({"no_role": 403}, 200),
    "rotation_complete": ({"admin": 200, "ccd": 200, "auditor": 403, "no_role": 403}, 404),
    "staff_changes": ({"ccd": 200}, 403),
    "step": (
        {"admin": 200, "ccd": 200, "pc": 403, "infosec": 403, "auditor": 403, "no_role": 403},
        404,
    ),
    "suspend": (
        {"ccd": 200, "admin": 403, "pc": 403, "infosec": 403, "auditor": 403, "no_role": 403},
        404,
    ),
}


def expected(table, who):
    special, default = table
    return special.get(who, default)


@pytest.fixture
def world(force):
    report = file_report(force)
    task = RotationTask.objects.filter(account=force.dudley).get()
    return force, report, task


def page_url(name, report, task):
    checklist = report.checklists.get(account__handle="WMPDudley")
    return {
        "home": reverse("account_security:home"),
        "report_create": reverse("account_security:report_create"),
        "report_detail": reverse("account_security:report_detail", args=[report.pk]),
        "register": reverse("account_security:register"),
        "rotation_list": reverse("account_security:rotation_list"),
        "rotation_complete": reverse("account_security:rotation_complete", args=[task.pk]),
        "staff_changes": reverse("account_security:staff_changes"),
        "step": reverse("account_security:step", args=[report.pk, checklist.pk, "sessions"]),
        "suspend": reverse(
            "account_security:report_action", args=[report.pk, "suspend_publishing"]
        ),
    }[name]


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_answers_each_role_as_expected(client, world, page, who):
    force, report, task = world
    client.force_login(user(force, who))
    response = client.get(page_url(page, report, task))
    assert response.status_code == expected(PAGES[page], who)


#: The POSTs: the data that would succeed, and who may (302); everyone else is refused.
POSTS = {
    "step": ({"note": "Signed out"}, {"admin", "ccd"}),
    "suspend": ({"reason": "Phone stolen, not yet secured"}, {"ccd"}),
    "rotation_complete": ({"username": "wmp", "password": "N3w-password"}, {"admin", "ccd"}),
    "report_create": (None, set(WHO) - {"auditor", "no_role"}),
}


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("action", list(POSTS))
def test_every_page_action_is_refused_without_change_unless_the_role_may(
    client, world, action, who
):
    force, report, task = world
    data, allowed = POSTS[action]
    if action == "report_create":
        data = {
            "device": "Pixel 8",
            "device_kind": "phone",
            "issued_by": "personal",
            "circumstances": "stolen",
            "lost_on": "2026-03-01",
            "accounts": [str(force.other.pk)],
        }
        # only CCD may name an account it is not on the roster of: the others get the form
        # back with the error (400), which changes nothing either
        allowed = {"ccd"}
    client.force_login(user(force, who))
    before = snapshot()
    response = client.post(page_url(action, report, task), data)
    if who in allowed:
        assert response.status_code == 302, response.content[:500]
        assert snapshot() != before
    else:
        assert response.status_code in (400, 403, 404)
        assert snapshot() == before


def test_the_staff_changes_upload_is_refused_to_everyone_but_ccd(client, force):
    from django.core.files.uploadedfile import SimpleUploadedFile

    for who in WHO:
        client.force_login(user(force, who))
        before = snapshot()
        upload = SimpleUploadedFile("hr.csv", b"username,change,team\npc,left,\n")
        response = client.post(reverse("account_security:staff_changes"), {"file": upload})
        if who == "ccd":
            assert response.status_code == 302
        else:
            assert response.status_code == 403
            assert snapshot() == before


# --- The API ------------------------------------------------------------------------------------


def api_for(force, who, token_for):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(user(force, who))}")
    return client


API_READS = {
    "lost_devices": ({"no_role": 403}, 200),
    "lost_device": (
        {"admin": 200, "pc": 200, "ccd": 200, "infosec": 200, "auditor": 200, "no_role": 403},
        404,
    ),
    "lost_device_register": ({"ccd": 200, "infosec": 200, "auditor": 200, "no_role": 403}, 404),
    "rotation_tasks": ({"no_role": 403}, 200),
    "rotation_task": ({"admin": 200, "ccd": 200, "auditor": 200, "no_role": 403}, 404),
}


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("name", list(API_READS))
def test_every_api_read_answers_each_role_as_expected(world, token_for, name, who):
    force, report, task = world
    args = {"lost_device": [report.pk], "rotation_task": [task.pk]}.get(name, [])
    response = api_for(force, who, token_for).get(reverse(f"api:{name}", args=args))
    assert response.status_code == expected(API_READS[name], who)


API_WRITES = {
    "lost_device_steps": (
        lambda f, r, t: ({"checklist_id": r.checklists.first().pk, "step": "sessions"}, [r.pk]),
        {"admin", "ccd"},
    ),
    "lost_device_suspension": (lambda f, r, t: ({"reason": "Stolen phone"}, [r.pk]), {"ccd"}),
    "rotation_task_completion": (
        lambda f, r, t: ({"username": "wmp", "password": "N3w-password"}, [t.pk]),
        {"admin", "ccd"},
    ),
    "staff_changes": (
        lambda f, r, t: ({"csv": "username,change,team\npc,left,\n"}, []),
        {"ccd"},
    ),
    "lost_devices": (
        lambda f, r, t: (
            {
                "device": "Pixel 8",
                "device_kind": "phone",
                "issued_by": "personal",
                "circumstances": "stolen",
                "lost_at": "2026-03-01T09:00:00Z",
                "accounts": [f.dudley.pk],
            },
            [],
        ),
        {"admin", "pc", "ccd"},
    ),
}


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("name", list(API_WRITES))
def test_every_api_action_is_refused_without_change_unless_the_role_may(
    world, token_for, name, who
):
    force, report, task = world
    body, args = API_WRITES[name][0](force, report, task)
    allowed = API_WRITES[name][1]
    client = api_for(force, who, token_for)
    before = snapshot()
    response = client.post(reverse(f"api:{name}", args=args), body, format="json")
    if who in allowed:
        assert response.status_code in (200, 201), response.json()
    else:
        assert response.status_code in (400, 403, 404), response.content
        assert "code" in response.json()
        assert snapshot() == before
