"""The retention job: the requester's details go six years after closure (the policy pack's
``requester_retention_years``), the case record stays, and each deletion is audited."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from bluelamp.audit.models import AuditEvent
from bluelamp.data_requests.choices import RequestStatus
from bluelamp.data_requests.services.retention import removal_request_retention_purge
from bluelamp.data_requests.tests.factories import (
    REQUESTER_CONTACT,
    REQUESTER_NAME,
    RemovalRequestFactory,
)

pytestmark = pytest.mark.django_db

CLOSED_AT = dt.datetime(2020, 3, 2, 15, tzinfo=dt.UTC)


def _closed(**fields):
    return RemovalRequestFactory(
        status=RequestStatus.CLOSED, closed_at=CLOSED_AT, response_summary="Removed", **fields
    )


@pytest.mark.parametrize(
    ("now", "purged"),
    [
        (dt.datetime(2026, 3, 1, 23, tzinfo=dt.UTC), False),  # the day before six years
        (dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC), True),  # six years to the day
    ],
)
def test_the_requesters_details_go_six_years_after_closure(db, now, purged):
    request = _closed()
    assert removal_request_retention_purge(now=now, retention_years=6) == (
        [request.pk] if purged else []
    )
    request.refresh_from_db()
    if purged:
        assert request.requester_name == "[deleted]"
        assert request.requester_contact == request.request_text == request.response_summary == ""
        assert request.requester_deleted_at == now
        assert request.status == RequestStatus.CLOSED  # the case record stays
    else:
        assert request.requester_name == REQUESTER_NAME


def test_open_requests_are_never_purged(db):
    request = RemovalRequestFactory(received_at=dt.datetime(2015, 1, 5, tzinfo=dt.UTC))
    removal_request_retention_purge(now=dt.datetime(2026, 3, 2, tzinfo=dt.UTC), retention_years=6)
    request.refresh_from_db()
    assert request.requester_contact == REQUESTER_CONTACT


def test_each_deletion_is_audited_once_and_the_event_holds_no_personal_data(db):
    _closed()
    now = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
    removal_request_retention_purge(now=now, retention_years=6)
    assert removal_request_retention_purge(now=now, retention_years=6) == []
    event = AuditEvent.objects.get(action="removal_request.requester_deleted")
    assert event.actor is None
    assert REQUESTER_NAME not in str(event.after) and "07700" not in str(event.after)
    assert event.after["retention_years"] == 6


def test_the_command_uses_the_policy_packs_period(db):
    _closed()
    out = StringIO()
    call_command("data_requests_retention", "--date", "2026-03-01", stdout=out)
    call_command("data_requests_retention", "--date", "2026-03-02", stdout=out)
    assert out.getvalue().splitlines() == [
        "Requester details deleted from 0 request(s) closed over 6 years ago.",
        "Requester details deleted from 1 request(s) closed over 6 years ago.",
    ]
