"""The pages: who may reach each (403 or 404 and no change for everyone else), and a review
done through them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bluelamp.audit.models import AuditEvent
from bluelamp.core.roles import Role
from bluelamp.reviews import services, views
from bluelamp.reviews.models import Case, Review, ReviewItem
from bluelamp.reviews.tests.conftest import NOW, live_post

pytestmark = pytest.mark.django_db

CLOSURE = "Road closed between Saturday 14 November and Monday 16 November."


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr(views, "now", lambda: NOW)


@pytest.fixture
def review(room):
    live_post(room.team, CLOSURE)
    return services.review_open(account=room.team, month=NOW.date(), now=NOW)


def _snapshot():
    return (
        list(Review.objects.values()),
        list(ReviewItem.objects.values()),
        list(Case.objects.values()),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize("role", list(Role))
def test_every_page_for_every_role(client, people, review, role):
    """Reading a review: CCD and auditors (others, who are not the owner or the owner's
    manager, get 404). Deciding: CCD only of these (the owner is tested below). The chart:
    CCD, auditors and line managers. Cases: staff, CCD and auditors read; staff and CCD act."""
    client.force_login(people[role])
    item = review.items.get()
    reads = role in (Role.CCD, Role.AUDITOR)
    assert client.get(reverse("reviews:list")).status_code == 200
    detail = client.get(reverse("reviews:detail", args=[review.pk]))
    assert detail.status_code == (200 if reads else 404)
    before = _snapshot()
    decide = reverse("reviews:decide", args=[review.pk, item.pk])
    complete = reverse("reviews:complete", args=[review.pk])
    if role != Role.CCD:
        assert client.get(decide).status_code == (403 if reads else 404)
        assert client.post(decide, {"decision": "keep", "reason": "x"}).status_code == (
            403 if reads else 404
        )
        assert client.post(complete).status_code in ((302, 403) if reads else (404,))
        assert _snapshot() == before
    chart = client.get(reverse("reviews:completion"))
    assert chart.status_code == (
        200 if role in (Role.CCD, Role.AUDITOR, Role.LINE_MANAGER) else 403
    )
    cases_read = role in (Role.CCD, Role.AUDITOR, Role.STAFF)
    assert client.get(reverse("reviews:cases")).status_code == (200 if cases_read else 403)
    created = client.post(reverse("reviews:case_create"), {"name": "Alex Morgan Reid"})
    assert created.status_code == (302 if role in (Role.CCD, Role.STAFF) else 403)
    if role not in (Role.CCD, Role.STAFF):
        assert _snapshot() == before


def test_the_line_manager_of_the_owner_reads_but_does_not_act(client, room, review):
    client.force_login(room.manager)
    assert client.get(reverse("reviews:detail", args=[review.pk])).status_code == 200
    item = review.items.get()
    before = _snapshot()
    assert (
        client.post(
            reverse("reviews:decide", args=[review.pk, item.pk]),
            {"decision": "keep", "reason": "x"},
        ).status_code
        == 403
    )
    assert _snapshot() == before


def test_the_owner_does_the_review_through_the_pages(client, room, review):
    client.force_login(room.author)
    page = client.get(reverse("reviews:detail", args=[review.pk]))
    assert page.status_code == 200
    assert "16 November 2026" in page.content.decode()
    item = review.items.get()
    url = reverse("reviews:decide", args=[review.pk, item.pk])
    bad = client.post(url, {"decision": "correct", "reason": "Wrong"})
    assert bad.status_code == 400 and "Enter the corrected words" in bad.content.decode()
    blocked = client.post(reverse("reviews:complete", args=[review.pk]), follow=True)
    assert "still to keep, correct or remove" in blocked.content.decode()
    assert (
        client.post(url, {"decision": "keep", "reason": "A record of the works"}).status_code == 302
    )
    assert client.get(url).status_code == 409
    done = client.post(reverse("reviews:complete", args=[review.pk]), follow=True)
    assert "Review done." in done.content.decode()
    review.refresh_from_db()
    assert review.status == "done"
    client.force_login(room.ccd)
    chart = client.get(reverse("reviews:completion")).content.decode()
    assert "<svg" in chart and "100%" in chart and "<table" in chart


def test_a_case_is_recorded_linked_and_resolved_through_its_page(client, room):
    post = live_post(room.team, "Have you seen Jamie Carter, 15?")
    client.force_login(room.author)
    response = client.post(reverse("reviews:case_create"), {"name": "", "reference": "x"})
    assert response.status_code == 400
    client.post(reverse("reviews:case_create"), {"name": "Jamie Carter", "reference": "MIS/1"})
    case = Case.objects.get()
    url = reverse("reviews:case_detail", args=[case.pk])
    assert client.post(url, {"post": str(post.public_id)}).status_code == 302
    assert client.post(url, {"status": "found"}).status_code == 302
    case.refresh_from_db()
    assert case.status == "found" and list(case.posts.all()) == [post]


def test_the_review_list_is_paged_keeping_the_status_chosen(client, people, room):
    import datetime as dt

    for n in range(55):
        Review.objects.create(
            account=room.team,
            owner=room.team.owner,
            month=dt.date(2020 + n // 12, n % 12 + 1, 1),
            due_on=dt.date(2030, 1, 1),
            status="open",
            opened_at=NOW,
            updated_at=NOW,
        )
    client.force_login(people[Role.CCD])
    first = client.get(reverse("reviews:list"), {"status": "open"})
    html = first.content.decode()
    assert "55 reviews, page 1 of 2" in html and "status=open&amp;page=2" in html
    second = client.get(reverse("reviews:list"), {"status": "open", "page": 2})
    seen = [r.pk for r in first.context["rows"]] + [r.pk for r in second.context["rows"]]
    assert len(seen) == len(set(seen)) == 55
