"""The reviews API for every role: reading is scoped (404 for what is not yours), acting is the
owner's and CCD's (403 for readers, 404 for others), and nothing changes on a refusal."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from bluelamp.audit.models import AuditEvent
from bluelamp.core.roles import Role
from bluelamp.reviews import services
from bluelamp.reviews.api import views
from bluelamp.reviews.models import Case, Review, ReviewItem
from bluelamp.reviews.tests.conftest import NOW, live_post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr(views, "now", lambda: NOW)


@pytest.fixture
def review(room):
    live_post(room.team, "Road closed between Saturday 14 November and Monday 16 November.")
    return services.review_open(account=room.team, month=NOW.date(), now=NOW)


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _snapshot():
    return (
        list(Review.objects.values()),
        list(ReviewItem.objects.values()),
        list(Case.objects.values()),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize("role", list(Role))
def test_every_endpoint_for_every_role(people, review, role):
    client = _client(people[role])
    item = review.items.get()
    reads = role in (Role.CCD, Role.AUDITOR)
    assert client.get("/api/v1/reviews").status_code == 200
    assert client.get(f"/api/v1/reviews/{review.pk}").status_code == (200 if reads else 404)
    before = _snapshot()
    if role != Role.CCD:
        decided = client.post(
            f"/api/v1/reviews/{review.pk}/items/{item.pk}/decision",
            {"decision": "keep", "reason": "x"},
            format="json",
        )
        assert decided.status_code == (403 if reads else 404)
        assert decided.json()["code"] in ("permission_denied", "not_found")
        completed = client.post(f"/api/v1/reviews/{review.pk}/completion", {}, format="json")
        assert completed.status_code == (403 if reads else 404)
        assert _snapshot() == before
    cases = client.post("/api/v1/appeal-cases", {"name": "Alex Morgan Reid"}, format="json")
    assert cases.status_code == (201 if role in (Role.CCD, Role.STAFF) else 403)
    if role not in (Role.CCD, Role.STAFF):
        assert _snapshot() == before


def test_the_owner_decides_and_completes_through_the_api(room, review):
    client = _client(room.author)
    item = review.items.get()
    body = client.get(f"/api/v1/reviews/{review.pk}").json()
    assert body["available_actions"] == ["decide_item", "complete"]
    assert body["items"][0]["reasons"][0]["code"] == "date_passed"
    early = client.post(f"/api/v1/reviews/{review.pk}/completion", {}, format="json")
    assert early.status_code == 409 and early.json()["code"] == "review_items_undecided"
    bad = client.post(
        f"/api/v1/reviews/{review.pk}/items/{item.pk}/decision",
        {"decision": "keep", "reason": ""},
        format="json",
    )
    assert bad.status_code == 400
    ok = client.post(
        f"/api/v1/reviews/{review.pk}/items/{item.pk}/decision",
        {"decision": "keep", "reason": "A record of the works"},
        format="json",
    )
    assert ok.status_code == 200 and ok.json()["items"][0]["decision"] == "keep"
    done = client.post(f"/api/v1/reviews/{review.pk}/completion", {}, format="json")
    assert done.status_code == 200 and done.json()["review_state"] == "done"


def test_a_case_is_recorded_linked_and_resolved(room):
    post = live_post(room.team, "Have you seen Jamie Carter, 15?")
    client = _client(room.author)
    case = client.post("/api/v1/appeal-cases", {"name": "Jamie Carter"}, format="json").json()
    linked = client.post(
        f"/api/v1/appeal-cases/{case['id']}/posts", {"post": str(post.public_id)}, format="json"
    )
    assert linked.json()["posts"] == [str(post.public_id)]
    resolved = client.post(
        f"/api/v1/appeal-cases/{case['id']}/resolution", {"outcome": "charged"}, format="json"
    )
    assert resolved.json()["case_state"] == "charged"
    again = client.post(
        f"/api/v1/appeal-cases/{case['id']}/resolution", {"outcome": "found"}, format="json"
    )
    assert again.status_code == 409 and again.json()["code"] == "case_already_resolved"
