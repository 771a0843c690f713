"""audit_record: the only way to write an event, inside the caller's transaction; the model
refuses every other write."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from bluelamp.audit.chain import GENESIS_HASH, MASK
from bluelamp.audit.models import AuditEvent, AuditEventImmutableError, ChainHead
from bluelamp.audit.services import audit_record
from bluelamp.audit.tests.helpers import TEST_ACTION, record, sql, triggers_dropped
from bluelamp.core.context import reset_request_id, set_request_id
from bluelamp.core.roles import Role

pytestmark = pytest.mark.django_db


def test_events_are_numbered_and_chained_from_the_genesis_hash():
    record(3)
    events = list(AuditEvent.objects.order_by("sequence"))
    assert [e.sequence for e in events] == [1, 2, 3]
    assert events[0].prev_hash == GENESIS_HASH
    assert events[1].prev_hash == events[0].hash
    assert events[2].prev_hash == events[1].hash
    head = ChainHead.objects.get()
    assert (head.sequence, head.hash) == (3, events[2].hash)


def test_an_event_records_actor_target_and_change(user_of):
    # given a CCD user acting on another user
    ccd, target = user_of(Role.CCD), user_of(Role.STAFF)
    # when an event is recorded about the target
    with transaction.atomic():
        event = audit_record(
            actor=ccd, action=TEST_ACTION, target=target, before={"a": 1}, after={"a": 2}
        )
    # then it names both, snapshots the actor, and keeps before and after
    event.refresh_from_db()
    assert event.actor == ccd
    assert event.actor_text == ccd.label
    assert (event.target_type, event.target_id, event.target_label) == (
        "core.user",
        str(target.pk),
        str(target),
    )
    assert (event.before, event.after) == ({"a": 1}, {"a": 2})


def test_the_time_is_aware_utc():
    event = record()
    event.refresh_from_db()
    assert event.occurred_at.utcoffset() == dt.timedelta(0)


def test_naive_times_are_refused():
    with pytest.raises(ValueError), transaction.atomic():
        audit_record(actor=None, action=TEST_ACTION, now=dt.datetime(2026, 1, 1))


def test_secret_values_are_masked_by_key_name_before_storing():
    event = record(before={"password": "old-pw"}, after={"api_token": "t0k", "handle": "@x"})
    event.refresh_from_db()
    assert event.before == {"password": MASK}
    assert event.after == {"api_token": MASK, "handle": "@x"}


def test_the_request_id_is_taken_from_the_current_request():
    token = set_request_id("req-0123456789")
    try:
        event = record()
    finally:
        reset_request_id(token)
    assert event.request_id == "req-0123456789"


def test_dates_and_other_values_are_stored_as_they_read_back():
    when = timezone.now()
    event = record(after={"when": when, "day": when.date(), "n": 1.5})
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.after == event.after
    assert isinstance(stored.after["when"], str)


@pytest.mark.django_db(transaction=True)
def test_recording_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError, match="inside the action's transaction"):
        audit_record(actor=None, action=TEST_ACTION)


def test_if_the_action_fails_its_event_is_rolled_back_with_it():
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        audit_record(actor=None, action=TEST_ACTION)
        1 / 0  # noqa: B018 - the action fails after recording
    assert not AuditEvent.objects.exists()
    assert record().sequence == 1


def test_saving_an_existing_event_is_refused():
    event = record()
    event.target_label = "changed"
    with pytest.raises(AuditEventImmutableError):
        event.save()


def test_deleting_an_event_is_refused():
    event = record()
    with pytest.raises(AuditEventImmutableError):
        event.delete()


@pytest.mark.parametrize(
    "operation",
    [
        lambda qs: qs.update(target_label="x"),
        lambda qs: qs.delete(),
        lambda qs: qs.bulk_update(list(qs), ["target_label"]),
        lambda qs: qs.bulk_create([AuditEvent(sequence=99)]),
    ],
    ids=["update", "delete", "bulk_update", "bulk_create"],
)
def test_bulk_changes_through_the_queryset_are_refused(operation):
    record(2)
    with pytest.raises(AuditEventImmutableError):
        operation(AuditEvent.objects.all())
    assert AuditEvent.objects.count() == 2


def test_creating_an_event_other_than_through_audit_record_is_refused():
    with pytest.raises(AuditEventImmutableError, match="audit_record"):
        AuditEvent.objects.create(sequence=1, action=TEST_ACTION, prev_hash="a", hash="b")


def test_recording_is_refused_if_the_chain_head_was_deleted():
    from bluelamp.core.errors import AuditWriteError

    record(2)
    with triggers_dropped():
        sql("DELETE FROM audit_chainhead")
    with pytest.raises(AuditWriteError), transaction.atomic():
        audit_record(actor=None, action=TEST_ACTION)
    assert AuditEvent.objects.count() == 2
