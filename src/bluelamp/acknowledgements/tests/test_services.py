"""Acknowledging, training, reminders, and the gates on applications and roster places."""

from __future__ import annotations

import datetime as dt

import pytest

from bluelamp.acknowledgements import selectors, services
from bluelamp.acknowledgements.errors import AcknowledgementRequiredError
from bluelamp.acknowledgements.models import PolicyAcknowledgement, Reminder
from bluelamp.acknowledgements.tests.conftest import NOW
from bluelamp.audit.models import AuditEvent
from bluelamp.core.errors import InvalidInputError, PermissionDeniedError
from bluelamp.core.roles import Role
from bluelamp.social_accounts.services.roster import account_roster_add
from bluelamp.social_accounts.tests.factories import AccountFactory

pytestmark = pytest.mark.django_db


def test_acknowledging_records_the_current_version_once_and_audits_it(people):
    staff = people[Role.STAFF]
    assert selectors.acknowledgement_due(staff)
    first = services.policy_acknowledge(actor=staff, now=NOW)
    again = services.policy_acknowledge(actor=staff, now=NOW + dt.timedelta(hours=1))
    assert first.pk == again.pk and (first.pack_id, first.pack_version) == ("wmp-cc01-v2.1", "2.1")
    assert not selectors.acknowledgement_due(staff)
    assert AuditEvent.objects.filter(action="policy.acknowledged").count() == 1


def test_a_new_pack_version_asks_everyone_again(people, pack_with):
    staff = people[Role.STAFF]
    services.policy_acknowledge(actor=staff, now=NOW)
    pack_with(version="2.2")
    assert selectors.acknowledgement_due(staff)
    services.policy_acknowledge(actor=staff, now=NOW)
    assert PolicyAcknowledgement.objects.filter(user=staff).count() == 2


@pytest.mark.parametrize("role", [Role.INFOSEC, Role.PSD, Role.AUDITOR])
def test_people_who_do_not_post_are_not_asked(people, role):
    assert not selectors.acknowledgement_due(people[role])
    with pytest.raises(PermissionDeniedError):
        services.policy_acknowledge(actor=people[role], now=NOW)


def test_training_is_recorded_by_ccd_with_its_date_and_lapses(people, pack_with):
    pack_with(months=12)
    staff, ccd = people[Role.STAFF], people[Role.CCD]
    with pytest.raises(InvalidInputError) as caught:
        services.training_record(
            actor=ccd, person=None, course="", completed_on=dt.date(2026, 3, 25), now=NOW
        )
    assert set(caught.value.fields["errors"]) == {"person", "course", "completed_on"}
    services.training_record(
        actor=ccd, person=staff, course="Social media", completed_on=dt.date(2025, 3, 1), now=NOW
    )
    standing = selectors.standing_of(staff, now=NOW)
    assert standing.training.completed_on == dt.date(2025, 3, 1)
    assert not standing.training_current  # more than 12 months ago
    assert standing.missing == ["acknowledge the current policy", "renew social media training"]
    for role in Role:
        if role != Role.CCD:
            with pytest.raises(PermissionDeniedError):
                services.training_record(
                    actor=people[role],
                    person=staff,
                    course="x",
                    completed_on=dt.date(2026, 1, 1),
                    now=NOW,
                )


def test_reminders_go_to_those_outstanding_at_most_once_a_week(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    services.policy_acknowledge(actor=people[Role.LINE_MANAGER], now=NOW)
    with django_capture_on_commit_callbacks(execute=True):
        count = services.acknowledgement_reminders_send(actor=people[Role.CCD], now=NOW)
    # staff and CCD (line manager acknowledged but is untrained; training is required)
    assert count == 3
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        people[r].email for r in (Role.STAFF, Role.CCD, Role.LINE_MANAGER)
    )
    assert services.acknowledgement_reminders_send(actor=None, now=NOW + dt.timedelta(days=1)) == 0
    assert services.acknowledgement_reminders_send(actor=None, now=NOW + dt.timedelta(days=8)) == 3
    assert Reminder.objects.count() == 6
    assert AuditEvent.objects.filter(action="policy.reminders_sent").count() == 2
    with pytest.raises(PermissionDeniedError):
        services.acknowledgement_reminders_send(actor=people[Role.AUDITOR], now=NOW)


def test_the_roster_gate_holds_back_someone_who_has_not_acknowledged(people, pack_with):
    pack_with(required_for='["roster"]')
    account = AccountFactory()
    staff, ccd = people[Role.STAFF], people[Role.CCD]
    with pytest.raises(AcknowledgementRequiredError, match="acknowledge the current policy"):
        account_roster_add(actor=ccd, account=account, user=staff, now=NOW)
    assert not account.memberships.filter(user=staff).exists()
    services.policy_acknowledge(actor=staff, now=NOW)
    services.training_record(
        actor=ccd, person=staff, course="Social media", completed_on=dt.date(2026, 3, 1), now=NOW
    )
    account_roster_add(actor=ccd, account=account, user=staff, now=NOW)
    assert account.memberships.filter(user=staff).exists()


def test_with_no_gate_in_the_pack_nothing_is_held_back(people):
    account = AccountFactory()
    account_roster_add(actor=people[Role.CCD], account=account, user=people[Role.STAFF], now=NOW)
    assert selectors.gate_refusal(people[Role.STAFF], "applications", now=NOW) is None
