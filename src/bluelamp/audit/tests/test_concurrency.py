"""Two writers at once never fork the chain: each locks the chain head before appending
(select_for_update on PostgreSQL; BEGIN IMMEDIATE on SQLite)."""

from __future__ import annotations

import threading

import pytest
from django.db import close_old_connections, connection, transaction

from bluelamp.audit.models import AuditEvent
from bluelamp.audit.selectors import audit_chain_verify
from bluelamp.audit.services import audit_record
from bluelamp.audit.tests.helpers import TEST_ACTION

WRITERS = 4
EVENTS_EACH = 10


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_unbroken_chain():
    # given several threads, each with its own database connection, starting together
    barrier = threading.Barrier(WRITERS)
    errors: list[BaseException] = []

    def writer(number: int) -> None:
        try:
            barrier.wait(timeout=30)
            for i in range(EVENTS_EACH):
                with transaction.atomic():
                    audit_record(
                        actor=None, action=TEST_ACTION, target_id=f"{number}-{i}", after={"i": i}
                    )
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    # when they all append at once
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    close_old_connections()
    # then every event was written, numbered 1..N without gaps or forks, and the chain verifies
    assert errors == []
    total = WRITERS * EVENTS_EACH
    sequences = list(AuditEvent.objects.order_by("sequence").values_list("sequence", flat=True))
    assert sequences == list(range(1, total + 1))
    assert AuditEvent.objects.values("prev_hash").distinct().count() == total
    report = audit_chain_verify()
    assert report.intact, report.describe()
    assert report.checked == total


@pytest.mark.django_db(transaction=True)
def test_the_audit_table_is_emptied_between_transactional_tests():
    # the previous test's events were flushed (the triggers lifted only for the flush) ...
    assert not AuditEvent.objects.exists()
    # ... and the triggers are back in force afterwards
    with transaction.atomic():
        audit_record(actor=None, action=TEST_ACTION)
    from django.db import DatabaseError

    from bluelamp.audit.tests.helpers import sql

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        sql("DELETE FROM audit_auditevent")
