"""Every read of a requester's personal data is in the audit trail: who, what, when, and never
the data itself. One event per page, API answer or download; none for a refused read."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from bluelamp.audit.models import AuditEvent
from bluelamp.core.roles import Role
from bluelamp.data_requests.choices import RequestStatus
from bluelamp.data_requests.services.reads import READ_ACTION, removal_request_read_record
from bluelamp.data_requests.tests.factories import (
    REQUESTER_CONTACT,
    REQUESTER_NAME,
    LetterFactory,
    RemovalRequestFactory,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/removal-requests"
OTHER_ROLES = [r for r in Role if r not in (Role.INFOSEC, Role.AUDITOR)]


@pytest.fixture
def case(force):
    rr = RemovalRequestFactory(status=RequestStatus.CONSIDERING, owner=force.infosec)
    return rr, LetterFactory(request=rr)


def _reads():
    return list(AuditEvent.objects.filter(action=READ_ACTION).order_by("sequence"))


def _pages(rr, letter):
    return {
        "page": reverse("data_requests:detail", args=[rr.pk]),
        "letter_draft": reverse("data_requests:letter_write", args=[rr.pk, "acknowledgement"]),
        "letter_pdf": reverse("data_requests:letter_pdf", args=[rr.pk, letter.pk]),
    }


def _api(rr, letter):
    return {
        "api": f"{API}/{rr.pk}",
        "letters": f"{API}/{rr.pk}/letters",
        "letter_draft": f"{API}/{rr.pk}/letters/draft?letter_kind=acknowledgement",
        "letter_pdf": f"{API}/{rr.pk}/letters/{letter.pk}/pdf",
    }


def _assert_one_read(event, *, actor, rr, what, letter=None):
    assert event.actor == actor
    assert (event.target_type, event.target_id) == ("data_requests.removalrequest", str(rr.pk))
    assert event.target_label == rr.reference
    expected = {"read": what} | ({"letter": letter.pk} if letter else {})
    assert event.after == expected
    recorded = f"{event.target_label} {event.before} {event.after} {event.actor_text}"
    # Staff names never share a word with the requester's (core.testing.factories.staff_name).
    assert REQUESTER_NAME not in recorded
    assert "bethany" not in recorded.lower() and "quartermaine" not in recorded.lower()
    assert REQUESTER_CONTACT not in recorded


@pytest.mark.parametrize("role", [Role.INFOSEC, Role.AUDITOR])
def test_each_page_showing_personal_data_writes_one_event(client, force, case, role):
    rr, letter = case
    user = force.by_role[role]
    client.force_login(user)
    for what, url in _pages(rr, letter).items():
        if what == "letter_draft" and role == Role.AUDITOR:
            continue  # auditors read; they do not write letters
        before = len(_reads())
        assert client.get(url).status_code == 200, url
        new = _reads()[before:]
        assert len(new) == 1, what
        _assert_one_read(
            new[0], actor=user, rr=rr, what=what, letter=letter if what == "letter_pdf" else None
        )


@pytest.mark.parametrize("role", [Role.INFOSEC, Role.AUDITOR])
def test_each_api_answer_showing_personal_data_writes_one_event(force, case, role):
    rr, letter = case
    user = force.by_role[role]
    api = APIClient()
    api.force_authenticate(user)
    for what, url in _api(rr, letter).items():
        before = len(_reads())
        response = api.get(url)
        if what == "letter_draft" and role == Role.AUDITOR:
            assert response.status_code == 403
            assert len(_reads()) == before
            continue
        assert response.status_code == 200, (url, response.content[:200])
        new = _reads()[before:]
        assert len(new) == 1, what
        _assert_one_read(
            new[0], actor=user, rr=rr, what=what, letter=letter if what == "letter_pdf" else None
        )


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_a_refused_read_writes_nothing(client, force, case, role):
    rr, letter = case
    user = force.by_role[role]
    client.force_login(user)
    api = APIClient()
    api.force_authenticate(user)
    events = AuditEvent.objects.count()
    for url in _pages(rr, letter).values():
        assert client.get(url).status_code in (403, 404)
    for url in _api(rr, letter).values():
        assert api.get(url).status_code in (403, 404)
    assert AuditEvent.objects.count() == events


def test_a_missing_letter_or_request_writes_nothing(client, force, case):
    rr, _letter = case
    client.force_login(force.infosec)
    assert client.get(reverse("data_requests:letter_pdf", args=[rr.pk, 999])).status_code == 404
    assert client.get(reverse("data_requests:detail", args=[999])).status_code == 404
    assert _reads() == []


def test_nothing_is_recorded_once_the_requesters_details_are_deleted(force):
    rr = RemovalRequestFactory(
        requester_deleted_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC), owner=force.infosec
    )
    removal_request_read_record(removal_request=rr, actor=force.infosec, what="page")
    assert _reads() == []


def test_an_unknown_kind_of_read_is_refused(force, case):
    with pytest.raises(ValueError, match="unknown read"):
        removal_request_read_record(removal_request=case[0], actor=force.infosec, what="peek")
