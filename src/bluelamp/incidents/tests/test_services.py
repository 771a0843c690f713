"""The four services: only CCD may act; a reason is required both ways; every refusal changes
nothing; every change is audited; the major-incident signals are sent inside the service's
transaction, with the period."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from bluelamp.audit.models import AuditEvent
from bluelamp.audit.registry import actions
from bluelamp.core.errors import InvalidInputError, InvalidTransitionError, PermissionDeniedError
from bluelamp.core.roles import Role
from bluelamp.incidents import services, signals
from bluelamp.incidents.choices import CrisisKind
from bluelamp.incidents.errors import ElectionPeriodOverlapError, MajorIncidentAlreadyDeclaredError
from bluelamp.incidents.models import CrisisPeriod
from bluelamp.incidents.tests.conftest import DAY, HOUR, NOW
from bluelamp.incidents.tests.factories import CrisisPeriodFactory, ElectionPeriodFactory

pytestmark = pytest.mark.django_db


def snapshot() -> tuple:
    """Everything a service could change: every period's fields and the audit trail's length."""
    return (
        list(CrisisPeriod.objects.order_by("pk").values()),
        AuditEvent.objects.count(),
    )


def declare(actor, **kwargs):
    fields = {"title": "Flooding in Dudley", "reason": "Gold command opened", "now": NOW}
    return services.major_incident_declare(actor=actor, **{**fields, **kwargs})


def set_election(actor, **kwargs):
    fields = {
        "title": "PCC election 2026",
        "reason": "Notice of election published",
        "starts_at": NOW + DAY,
        "ends_at": NOW + 30 * DAY,
        "now": NOW,
    }
    return services.election_period_set(actor=actor, **{**fields, **kwargs})


@pytest.fixture
def received():
    """The calls each major-incident signal received, with whether the declaring transaction
    was still open (the period and its audit event visible, inside an atomic block)."""
    calls: dict[str, list[dict]] = {"declared": [], "ended": []}

    def receiver_for(name):
        def receiver(sender, period, actor, now, **kwargs):
            calls[name].append(
                {
                    "sender": sender,
                    "period": period,
                    "actor": actor,
                    "now": now,
                    "in_atomic_block": connection.in_atomic_block,
                    "stored": CrisisPeriod.objects.filter(pk=period.pk).values().get(),
                    "audited": AuditEvent.objects.filter(target_id=str(period.pk)).count(),
                }
            )

        return receiver

    declared, ended = receiver_for("declared"), receiver_for("ended")
    signals.major_incident_declared.connect(declared, weak=False)
    signals.major_incident_ended.connect(ended, weak=False)
    yield calls
    signals.major_incident_declared.disconnect(declared)
    signals.major_incident_ended.disconnect(ended)


# --- Declaring a major incident --------------------------------------------------------------------


def test_ccd_declares_a_major_incident_audited_and_signalled(force, received):
    period = declare(force.ccd)

    period.refresh_from_db()
    assert period.kind == CrisisKind.MAJOR_INCIDENT
    assert (period.title, period.reason) == ("Flooding in Dudley", "Gold command opened")
    assert period.declared_by == force.ccd
    assert period.starts_at == NOW
    assert period.ends_at is None and period.ended_at is None
    event = AuditEvent.objects.get(action="incident.major_declared")
    assert event.actor == force.ccd
    assert event.target_id == str(period.pk)
    assert event.after["title"] == "Flooding in Dudley"
    assert event.after["reason"] == "Gold command opened"
    [call] = received["declared"]
    assert call["sender"] is CrisisPeriod
    assert call["period"] == period and call["actor"] == force.ccd and call["now"] == NOW
    assert call["in_atomic_block"]
    assert call["stored"]["title"] == "Flooding in Dudley"
    assert call["audited"] == 1
    assert received["ended"] == []


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.CCD] + [None])
def test_only_ccd_may_declare_a_major_incident(force, received, role):
    before = snapshot()

    with pytest.raises(PermissionDeniedError):
        declare(force.user(role))

    assert snapshot() == before
    assert received["declared"] == []


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"reason": "  "}, "reason", "Enter why the major incident is declared"),
        ({"title": ""}, "title", "Enter a title for the major incident"),
        ({"title": "x" * 201}, "title", "Enter no more than 200 characters"),
    ],
)
def test_declaring_needs_a_title_and_a_reason(force, received, fields, field, message):
    before = snapshot()

    with pytest.raises(InvalidInputError) as refused:
        declare(force.ccd, **fields)

    assert refused.value.fields["errors"][field] == [message]
    assert snapshot() == before
    assert received["declared"] == []


def test_a_second_major_incident_is_refused_while_one_is_open(force, received):
    first = declare(force.ccd, title="Flooding in Dudley")
    before = snapshot()

    with pytest.raises(MajorIncidentAlreadyDeclaredError) as refused:
        declare(force.ccd2, title="Power cut in Coventry", now=NOW + HOUR)

    assert "already declared: Flooding in Dudley" in refused.value.message
    assert "End it before declaring another" in refused.value.message
    assert refused.value.http_status == 409
    assert snapshot() == before
    assert len(received["declared"]) == 1
    assert received["declared"][0]["period"] == first


def test_a_new_major_incident_may_be_declared_after_the_last_one_ended(force):
    first = declare(force.ccd)
    services.major_incident_end(actor=force.ccd, period=first, reason="Stood down", now=NOW + DAY)

    second = declare(force.ccd2, title="Power cut", now=NOW + 2 * DAY)

    assert second.pk != first.pk
    assert CrisisPeriod.objects.filter(ended_at__isnull=True).get() == second


def test_the_database_itself_refuses_a_second_open_major_incident(force):
    CrisisPeriodFactory(declared_by=force.ccd)
    with pytest.raises(IntegrityError), transaction.atomic():
        CrisisPeriodFactory(declared_by=force.ccd2)


def test_a_receiver_that_fails_refuses_the_declaration(force):
    """The receivers run in the declaring transaction: if one fails, nothing is declared."""

    def broken(**kwargs):
        raise RuntimeError("could not hold the scheduled posts")

    signals.major_incident_declared.connect(broken, weak=False)
    before = snapshot()
    try:
        with pytest.raises(RuntimeError):
            declare(force.ccd)
    finally:
        signals.major_incident_declared.disconnect(broken)

    assert snapshot() == before


def test_a_receivers_writes_roll_back_with_the_declaration(force):
    """What a receiver writes commits or rolls back with the declaration."""

    def writes_then_fails(period, actor, now, **kwargs):
        CrisisPeriod.objects.filter(pk=period.pk).update(title="changed by a receiver")

    def fails_after(**kwargs):
        raise RuntimeError("later receiver failed")

    signals.major_incident_declared.connect(writes_then_fails, weak=False)
    signals.major_incident_declared.connect(fails_after, weak=False)
    before = snapshot()
    try:
        with pytest.raises(RuntimeError):
            declare(force.ccd)
    finally:
        signals.major_incident_declared.disconnect(writes_then_fails)
        signals.major_incident_declared.disconnect(fails_after)

    assert snapshot() == before
    assert not CrisisPeriod.objects.filter(title="changed by a receiver").exists()


# --- Ending a major incident ----------------------------------------------------------------------


def test_ccd_ends_a_major_incident_audited_and_signalled(force, received):
    period = declare(force.ccd)

    ended = services.major_incident_end(
        actor=force.ccd2, period=period, reason="Stood down by Gold", now=NOW + 3 * HOUR
    )

    ended.refresh_from_db()
    assert ended.ends_at == NOW + 3 * HOUR
    assert ended.ended_at == NOW + 3 * HOUR
    assert ended.ended_by == force.ccd2
    assert ended.end_reason == "Stood down by Gold"
    event = AuditEvent.objects.get(action="incident.major_ended")
    assert event.actor == force.ccd2
    assert event.after["end_reason"] == "Stood down by Gold"
    assert event.before == {"ends_at": None}
    [call] = received["ended"]
    assert call["period"].pk == period.pk and call["actor"] == force.ccd2
    assert call["now"] == NOW + 3 * HOUR
    assert call["in_atomic_block"]
    assert call["stored"]["ended_at"] == NOW + 3 * HOUR
    assert call["audited"] == 2


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.CCD] + [None])
def test_only_ccd_may_end_a_major_incident(force, received, role):
    period = declare(force.ccd)
    before = snapshot()

    with pytest.raises(PermissionDeniedError):
        services.major_incident_end(
            actor=force.user(role), period=period, reason="Over", now=NOW + HOUR
        )

    assert snapshot() == before
    assert received["ended"] == []


def test_ending_a_major_incident_needs_a_reason(force, received):
    period = declare(force.ccd)
    before = snapshot()

    with pytest.raises(InvalidInputError) as refused:
        services.major_incident_end(actor=force.ccd, period=period, reason=" ", now=NOW + HOUR)

    assert refused.value.fields["errors"] == {"reason": ["Enter why the major incident is ended"]}
    assert snapshot() == before
    assert received["ended"] == []


def test_ending_an_ended_major_incident_is_refused(force, received):
    period = declare(force.ccd)
    services.major_incident_end(actor=force.ccd, period=period, reason="Over", now=NOW + HOUR)
    before = snapshot()

    with pytest.raises(InvalidTransitionError) as refused:
        # the caller still holds the stale, open copy: the service re-reads it
        services.major_incident_end(
            actor=force.ccd2, period=period, reason="Over again", now=NOW + 2 * HOUR
        )

    assert "already ended" in refused.value.message
    assert snapshot() == before
    assert len(received["ended"]) == 1


def test_ending_a_major_incident_before_it_was_declared_is_refused(force):
    period = declare(force.ccd)
    before = snapshot()

    with pytest.raises(InvalidInputError):
        services.major_incident_end(actor=force.ccd, period=period, reason="x", now=NOW - HOUR)

    assert snapshot() == before


def test_the_major_incident_service_refuses_an_election_period(force):
    election = set_election(force.ccd)
    before = snapshot()

    with pytest.raises(InvalidInputError):
        services.major_incident_end(actor=force.ccd, period=election, reason="x", now=NOW)

    assert snapshot() == before


# --- Setting an election period -------------------------------------------------------------------


def test_ccd_sets_an_election_period_in_the_future_audited(force, received):
    period = set_election(force.ccd)

    period.refresh_from_db()
    assert period.kind == CrisisKind.ELECTION_PERIOD
    assert (period.starts_at, period.ends_at) == (NOW + DAY, NOW + 30 * DAY)
    assert period.declared_by == force.ccd
    event = AuditEvent.objects.get(action="incident.election_set")
    assert event.actor == force.ccd
    assert event.after["starts_at"] == (NOW + DAY).isoformat()
    assert event.after["ends_at"] == (NOW + 30 * DAY).isoformat()
    assert received == {"declared": [], "ended": []}  # no signal for election periods


def test_an_election_period_may_have_started_already(force):
    period = set_election(force.ccd, starts_at=NOW - DAY)

    assert period.starts_at == NOW - DAY


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.CCD] + [None])
def test_only_ccd_may_set_an_election_period(force, role):
    before = snapshot()

    with pytest.raises(PermissionDeniedError):
        set_election(force.user(role))

    assert snapshot() == before


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"reason": ""}, "reason", "Enter why the election period is set"),
        ({"title": " "}, "title", "Enter a title for the election period"),
        ({"starts_at": None}, "starts_at", "Enter when the period starts"),
        ({"ends_at": None}, "ends_at", "Enter when the period ends"),
        ({"ends_at": NOW + DAY}, "ends_at", "The end must be after the start"),
        ({"ends_at": NOW}, "ends_at", "The end must be after the start"),
        (
            {"starts_at": NOW - 10 * DAY, "ends_at": NOW - DAY},
            "ends_at",
            "The end must be in the future: that period is already over",
        ),
    ],
)
def test_bad_election_periods_are_refused(force, fields, field, message):
    before = snapshot()

    with pytest.raises(InvalidInputError) as refused:
        set_election(force.ccd, **fields)

    assert refused.value.fields["errors"][field] == [message]
    assert snapshot() == before


def test_naive_times_are_refused(force):
    before = snapshot()

    with pytest.raises(InvalidInputError) as refused:
        set_election(force.ccd, starts_at=(NOW + DAY).replace(tzinfo=None))

    assert "starts_at" in refused.value.fields["errors"]
    assert snapshot() == before


def test_overlapping_election_periods_are_refused(force):
    set_election(force.ccd, title="PCC election")
    before = snapshot()

    with pytest.raises(ElectionPeriodOverlapError) as refused:
        set_election(
            force.ccd2, title="By-election", starts_at=NOW + 20 * DAY, ends_at=NOW + 40 * DAY
        )

    assert "PCC election" in refused.value.message
    assert snapshot() == before


def test_election_periods_back_to_back_do_not_overlap(force):
    set_election(force.ccd, starts_at=NOW + DAY, ends_at=NOW + 10 * DAY)

    second = set_election(force.ccd, starts_at=NOW + 10 * DAY, ends_at=NOW + 20 * DAY)

    assert second.starts_at == NOW + 10 * DAY


def test_a_cancelled_election_period_does_not_block_new_dates(force):
    period = set_election(force.ccd, starts_at=NOW + 5 * DAY, ends_at=NOW + 10 * DAY)
    services.election_period_end(actor=force.ccd, period=period, reason="Postponed", now=NOW)

    again = set_election(force.ccd, starts_at=NOW + DAY, ends_at=NOW + 20 * DAY)

    assert again.pk != period.pk


# --- Ending an election period --------------------------------------------------------------------


def test_ccd_ends_an_election_period_early_audited(force):
    period = set_election(force.ccd, starts_at=NOW - DAY)

    services.election_period_end(
        actor=force.ccd2, period=period, reason="Results declared", now=NOW + 2 * DAY
    )

    period.refresh_from_db()
    assert period.ends_at == NOW + 2 * DAY
    assert period.ended_at == NOW + 2 * DAY
    assert period.ended_by == force.ccd2
    assert period.end_reason == "Results declared"
    event = AuditEvent.objects.get(action="incident.election_ended")
    assert event.before == {"ends_at": (NOW + 30 * DAY).isoformat()}
    assert event.after == {"ends_at": (NOW + 2 * DAY).isoformat(), "end_reason": "Results declared"}


def test_ending_a_scheduled_election_period_cancels_it(force):
    period = set_election(force.ccd, starts_at=NOW + 5 * DAY)

    services.election_period_end(actor=force.ccd, period=period, reason="Postponed", now=NOW)

    period.refresh_from_db()
    assert period.ends_at == period.starts_at == NOW + 5 * DAY
    assert period.ended_at == NOW


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.CCD] + [None])
def test_only_ccd_may_end_an_election_period(force, role):
    period = set_election(force.ccd, starts_at=NOW - DAY)
    before = snapshot()

    with pytest.raises(PermissionDeniedError):
        services.election_period_end(actor=force.user(role), period=period, reason="x", now=NOW)

    assert snapshot() == before


def test_ending_an_election_period_needs_a_reason(force):
    period = set_election(force.ccd, starts_at=NOW - DAY)
    before = snapshot()

    with pytest.raises(InvalidInputError) as refused:
        services.election_period_end(actor=force.ccd, period=period, reason="", now=NOW)

    assert refused.value.fields["errors"] == {"reason": ["Enter why the election period is ended"]}
    assert snapshot() == before


def test_ending_an_ended_election_period_is_refused(force):
    period = set_election(force.ccd, starts_at=NOW - DAY)
    services.election_period_end(actor=force.ccd, period=period, reason="Done", now=NOW)
    before = snapshot()

    with pytest.raises(InvalidTransitionError):
        services.election_period_end(actor=force.ccd, period=period, reason="Again", now=NOW + DAY)

    assert snapshot() == before


def test_ending_an_election_period_that_ran_its_course_is_refused(force):
    period = ElectionPeriodFactory(
        declared_by=force.ccd, starts_at=NOW - 10 * DAY, ends_at=NOW - DAY
    )
    before = snapshot()

    with pytest.raises(InvalidTransitionError):
        services.election_period_end(actor=force.ccd, period=period, reason="Late", now=NOW)

    assert snapshot() == before


def test_the_election_service_refuses_a_major_incident(force):
    period = declare(force.ccd)
    before = snapshot()

    with pytest.raises(InvalidInputError):
        services.election_period_end(actor=force.ccd, period=period, reason="x", now=NOW)

    assert snapshot() == before


def test_the_audit_actions_are_registered():
    for name in (
        "incident.major_declared",
        "incident.major_ended",
        "incident.election_set",
        "incident.election_ended",
    ):
        assert actions.get(name).label
