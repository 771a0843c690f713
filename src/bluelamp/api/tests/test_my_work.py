"""What waits for each role: the home page and ``GET /api/v1/me/work`` read the same
providers (``core.worklist``), each item one click from where it is done."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from bluelamp.account_security.models import RotationTask
from bluelamp.conduct.tests.factories import ConductCaseFactory
from bluelamp.core.roles import Role
from bluelamp.data_requests.tests.factories import RemovalRequestFactory
from bluelamp.engine.workflows import posts as flow
from bluelamp.publishing.models import Post
from bluelamp.publishing.tests.people import newsroom
from bluelamp.social_accounts.tests.factories import ApplicationFactory
from bluelamp.spoofs.tests.conftest import make_candidate

pytestmark = pytest.mark.django_db


def _post(account, author, state, **fields):
    now = timezone.now()
    return Post.objects.create(
        account=account,
        author=author,
        text=fields.pop("text", f"A post that is {state}"),
        state=state,
        created_at=now,
        updated_at=fields.pop("updated_at", now),
        **fields,
    )


def _keys(client):
    return {w["key"]: w for w in client.get(reverse("api:me_work")).json()["lists"]}


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def _home(client, user):
    client.force_login(user)
    return client.get(reverse("core:home")).content.decode()


def test_the_line_manager_sees_posts_waiting_for_approval_oldest_first(client):
    room = newsroom()
    older = _post(
        room.team,
        room.author,
        flow.AWAITING_APPROVAL,
        approver_needed=flow.MANAGER,
        text="The older one",
        updated_at=timezone.now() - dt.timedelta(hours=3),
    )
    newer = _post(
        room.team,
        room.author,
        flow.AWAITING_APPROVAL,
        approver_needed=flow.MANAGER,
        text="The newer one",
    )
    work = _keys(_api(room.manager))["publishing.approvals"]
    assert work["count"] == 2
    assert [i["url"] for i in work["items"]] == [
        reverse("publishing:post_detail", args=[older.public_id]),
        reverse("publishing:post_detail", args=[newer.public_id]),
    ]
    page = _home(client, room.manager)
    assert "Posts waiting for your approval" in page
    assert reverse("publishing:post_detail", args=[older.public_id]) in page
    # Not the author's to approve, nor a colleague's.
    assert "publishing.approvals" not in _keys(_api(room.author))
    assert "publishing.approvals" not in _keys(_api(room.colleague))


def test_the_author_sees_posts_returned_or_changed_by_the_approver(client):
    room = newsroom()
    returned = _post(room.team, room.author, flow.RETURNED)
    changed = _post(room.team, room.author, flow.AWAITING_AUTHOR, approver_needed=flow.MANAGER)
    _post(room.team, room.author, flow.PUBLISHED)
    work = _keys(_api(room.author))["publishing.mine"]
    urls = {i["url"] for i in work["items"]}
    assert urls == {
        reverse("publishing:post_detail", args=[returned.public_id]),
        reverse("publishing:post_detail", args=[changed.public_id]),
    }
    assert "Your posts waiting for you" in _home(client, room.author)
    assert "publishing.mine" not in _keys(_api(room.colleague))


def test_ccd_sees_held_and_failed_posts_force_wide():
    room = newsroom()
    held = _post(room.team, room.author, flow.HELD, held_reason="Major incident declared")
    failed = _post(room.npu, room.author, flow.FAILED)
    work = _keys(_api(room.ccd))["publishing.held"]
    assert {i["url"] for i in work["items"]} == {
        reverse("publishing:post_detail", args=[held.public_id]),
        reverse("publishing:post_detail", args=[failed.public_id]),
    }
    assert any("Major incident declared" in i["detail"] for i in work["items"])
    assert work["url"] == reverse("publishing:held_posts")
    for person in (room.author, room.manager, room.psd, room.auditor):
        assert "publishing.held" not in _keys(_api(person))


def test_failed_posts_alone_lead_to_the_posts_in_flight():
    room = newsroom()
    _post(room.npu, room.author, flow.FAILED)
    work = _keys(_api(room.ccd))["publishing.held"]
    assert work["url"] == reverse("publishing:flight_list") + "?state=failed"


def test_applications_wait_for_the_manager_then_for_ccd():
    room = newsroom()
    application = ApplicationFactory(applicant=room.author)
    url = reverse("social_accounts:application_detail", args=[application.pk])
    work = _keys(_api(room.manager))["social_accounts.applications"]
    assert [i["url"] for i in work["items"]] == [url]
    assert "social_accounts.applications" not in _keys(_api(room.ccd))
    application.status = "awaiting_ccd"
    application.manager_decided_by = room.manager
    application.save()
    assert "social_accounts.applications" not in _keys(_api(room.manager))
    assert [i["url"] for i in _keys(_api(room.ccd))["social_accounts.applications"]["items"]] == [
        url
    ]


def test_information_security_sees_removal_requests_due_soonest_first(user_of):
    infosec = user_of(Role.INFOSEC)
    later = RemovalRequestFactory(received_at=dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC))
    sooner = RemovalRequestFactory(received_at=dt.datetime(2026, 2, 1, 9, tzinfo=dt.UTC))
    RemovalRequestFactory(status="closed")
    work = _keys(_api(infosec))["data_requests.due"]
    assert [i["url"] for i in work["items"]] == [
        reverse("data_requests:detail", args=[sooner.pk]),
        reverse("data_requests:detail", args=[later.pk]),
    ]
    assert all(i["due"] for i in work["items"])
    # The auditor reads requests but has none to do.
    assert "data_requests.due" not in _keys(_api(user_of(Role.AUDITOR)))


def test_the_account_administrator_sees_rotation_tasks_and_health_problems():
    room = newsroom()
    now = timezone.now()
    RotationTask.objects.create(
        account=room.team,
        assignee=room.author,
        trigger="password_age",
        opened_at=now,
        due_at=now + dt.timedelta(days=7),
    )
    room.npu.shows_disclaimer = False
    room.npu.save()
    work = _keys(_api(room.author))
    assert work["account_security.rotation"]["items"][0]["title"].endswith(str(room.team))
    health = work["social_accounts.health"]["items"]
    assert [i["url"] for i in health] == [
        reverse("social_accounts:account_detail", args=[room.npu.pk])
    ]
    assert "account_security.rotation" not in _keys(_api(room.colleague))
    assert "social_accounts.health" not in _keys(_api(room.colleague))


def test_ccd_sees_conduct_cases_and_spoof_candidates_to_review(user_of):
    ccd = user_of(Role.CCD)
    case = ConductCaseFactory()
    candidate = make_candidate()
    work = _keys(_api(ccd))
    assert work["conduct.cases"]["items"][0]["url"] == reverse("conduct:case", args=[case.pk])
    assert work["spoofs.candidates"]["items"][0]["url"] == reverse(
        "spoofs:detail", args=[candidate.pk]
    )
    auditor = _keys(_api(user_of(Role.AUDITOR)))
    assert "spoofs.candidates" not in auditor and "conduct.cases" not in auditor
    assert "conduct.cases" not in _keys(_api(user_of(Role.PSD)))


def test_staff_who_owe_the_policy_acknowledgement_are_asked_for_it(user_of):
    work = _keys(_api(user_of(Role.STAFF)))
    assert work["acknowledgements.due"]["items"][0]["url"] == reverse(
        "acknowledgements:acknowledge"
    )


def test_the_home_page_and_the_api_give_the_same_lists(client):
    room = newsroom()
    _post(room.team, room.author, flow.AWAITING_APPROVAL, approver_needed=flow.MANAGER)
    data = _api(room.manager).get(reverse("api:me_work")).json()
    page = _home(client, room.manager)
    assert data["total"] == sum(w["count"] for w in data["lists"])
    for work in data["lists"]:
        assert f'data-work="{work["key"]}"' in page
        for item in work["items"]:
            assert item["url"] in page


def test_nothing_waiting_says_so(client, user_of):
    auditor = user_of(Role.AUDITOR)
    assert "Nothing is waiting for you." in _home(client, auditor)
    assert _api(auditor).get(reverse("api:me_work")).json() == {"total": 0, "lists": []}


@pytest.mark.parametrize("role", [None, *Role])
def test_every_role_may_ask_for_its_own_work_by_token(api_as, role):
    client = api_as(*([role] if role else []))
    response = client.get(reverse("api:me_work"))
    assert response.status_code == 200
    assert set(response.json()) == {"total", "lists"}


def test_nobody_signed_in_is_refused():
    response = APIClient().get(reverse("api:me_work"))
    assert response.status_code in (401, 403)
    assert response.json()["code"]


def test_the_api_does_not_change_anything(api_as):
    client = api_as(Role.CCD)
    assert client.post(reverse("api:me_work")).status_code == 405
