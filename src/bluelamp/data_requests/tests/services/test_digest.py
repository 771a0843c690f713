"""The daily digest: information security is e-mailed what is due within 3 working days or
overdue, once per day, with no requester's details."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from bluelamp.audit.models import AuditEvent
from bluelamp.data_requests.choices import RequestStatus
from bluelamp.data_requests.models import DigestRun
from bluelamp.data_requests.services.digest import removal_request_digest_send
from bluelamp.data_requests.tests.conftest import NOW
from bluelamp.data_requests.tests.factories import (
    REQUESTER_CONTACT,
    REQUESTER_NAME,
    RemovalRequestFactory,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 24)


def _at(y, m, d):
    return dt.datetime(y, m, d, 10, tzinfo=dt.UTC)


@pytest.fixture
def requests_(force):
    return {
        "overdue": RemovalRequestFactory(received_at=_at(2026, 2, 20)),
        "soon": RemovalRequestFactory(received_at=_at(2026, 2, 27)),
        "later": RemovalRequestFactory(received_at=_at(2026, 3, 10)),
        "closed": RemovalRequestFactory(received_at=_at(2026, 1, 5), status=RequestStatus.CLOSED),
    }


def test_the_digest_lists_what_is_due_soon_or_overdue_to_each_infosec_member(
    requests_, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = removal_request_digest_send(today=TODAY, now=NOW)
    assert run.request_count == 2
    assert sorted(m.to[0] for m in mailoutbox) == [
        "infosec-owner@example.police.uk",
        "infosec2@example.police.uk",
        "infosec@example.police.uk",
    ]
    body = mailoutbox[0].body
    assert body.index(requests_["overdue"].reference) < body.index(requests_["soon"].reference)
    assert "overdue by 4 days" in body and "due in 3 working days" in body
    assert requests_["later"].reference not in body
    assert requests_["closed"].reference not in body
    assert REQUESTER_NAME not in body and REQUESTER_CONTACT not in body
    event = AuditEvent.objects.get(action="removal_request.digest_sent")
    assert event.after["for_date"] == "2026-03-24"


def test_the_digest_is_sent_once_a_day(requests_, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        removal_request_digest_send(today=TODAY, now=NOW)
    sent = len(mailoutbox)
    with django_capture_on_commit_callbacks(execute=True):
        again = removal_request_digest_send(today=TODAY, now=NOW)
    assert again is None
    assert len(mailoutbox) == sent
    assert DigestRun.objects.count() == 1
    assert AuditEvent.objects.filter(action="removal_request.digest_sent").count() == 1


def test_nothing_due_records_the_run_and_sends_no_mail(
    force, mailoutbox, django_capture_on_commit_callbacks
):
    RemovalRequestFactory(received_at=_at(2026, 3, 20))
    with django_capture_on_commit_callbacks(execute=True):
        run = removal_request_digest_send(today=TODAY, now=NOW)
    assert run.request_count == 0
    assert mailoutbox == []


def test_the_command_reports_and_is_idempotent(requests_):
    out = StringIO()
    call_command("data_requests_digest", "--date", "2026-03-24", stdout=out)
    call_command("data_requests_digest", "--date", "2026-03-24", stdout=out)
    assert "2 request(s) due" in out.getvalue()
    assert "already sent" in out.getvalue()


def test_the_command_refuses_a_malformed_date(db):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("data_requests_digest", "--date", "24/03/2026")


def test_the_digest_carries_a_signed_checkpoint_of_the_audit_trail(
    requests_, mailoutbox, django_capture_on_commit_callbacks
):
    from bluelamp.audit import checkpoints
    from bluelamp.audit.keys import checkpoint_public_keys
    from bluelamp.audit.models import ChainHead
    from bluelamp.audit.selectors import audit_chain_verify

    with django_capture_on_commit_callbacks(execute=True):
        removal_request_digest_send(today=TODAY, now=NOW)
    line = mailoutbox[0].body.split("checks the trail against it):\n")[1].splitlines()[0]
    # the checkpoint covers the digest's own audit event, and verify accepts it
    checkpoint = checkpoints.parse(line, checkpoint_public_keys())
    assert checkpoint.sequence == ChainHead.objects.get().sequence
    assert audit_chain_verify(checkpoint_lines=[("e-mail", line)]).checkpoints == 1
