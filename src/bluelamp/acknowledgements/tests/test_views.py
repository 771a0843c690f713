"""Every page and API action for every role; the home page's banner until acknowledged; the
application gate through the page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bluelamp.acknowledgements import views
from bluelamp.acknowledgements.api import views as api_views
from bluelamp.acknowledgements.models import PolicyAcknowledgement, Reminder, TrainingRecord
from bluelamp.acknowledgements.tests.conftest import NOW
from bluelamp.audit.models import AuditEvent
from bluelamp.core.roles import Role

pytestmark = pytest.mark.django_db

SUBJECTS = {Role.STAFF, Role.LINE_MANAGER, Role.CCD}
READERS = {Role.CCD, Role.AUDITOR}


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr(views, "now", lambda: NOW)
    monkeypatch.setattr(api_views, "now", lambda: NOW)


def _snapshot():
    return (
        PolicyAcknowledgement.objects.count(),
        TrainingRecord.objects.count(),
        Reminder.objects.count(),
        AuditEvent.objects.exclude(action__startswith="auth.").count(),
    )


@pytest.mark.parametrize("role", list(Role))
def test_every_page_for_every_role(client, people, role):
    user = people[role]
    client.force_login(user)
    subject, reader, ccd = role in SUBJECTS, role in READERS, role == Role.CCD
    assert client.get(reverse("acknowledgements:acknowledge")).status_code == (
        200 if subject else 403
    )
    assert client.get(reverse("acknowledgements:outstanding")).status_code == (
        200 if reader else 403
    )
    assert client.get(reverse("acknowledgements:training_new")).status_code == (200 if ccd else 403)
    if not ccd:
        before = _snapshot()
        assert client.post(reverse("acknowledgements:remind")).status_code == 403
        assert (
            client.post(
                reverse("acknowledgements:training_new"),
                {"person": people[Role.STAFF].pk, "course": "x", "completed_on": "2026-01-01"},
            ).status_code
            == 403
        )
        if not subject:
            assert (
                client.post(
                    reverse("acknowledgements:acknowledge"), {"confirm": "read"}
                ).status_code
                == 403
            )
        assert _snapshot() == before


@pytest.mark.parametrize("role", list(Role))
def test_every_api_action_for_every_role(api_as, people, role):
    api = api_as(*([Role.STAFF, Role.CCD] if role == Role.CCD else [role]))
    subject, reader, ccd = role in SUBJECTS, role in READERS, role == Role.CCD
    assert api.get(reverse("api:policy_acknowledgement")).status_code == (200 if subject else 403)
    assert api.get(reverse("api:policy_acknowledgements_outstanding")).status_code == (
        200 if reader else 403
    )
    before = _snapshot()
    training = api.post(
        reverse("api:training_records"),
        {"person": people[Role.STAFF].pk, "course": "Social media", "completed_on": "2026-03-01"},
        format="json",
    )
    remind = api.post(reverse("api:policy_acknowledgements_reminders"))
    ack = api.post(reverse("api:policy_acknowledgement"))
    assert training.status_code == (201 if ccd else 403)
    assert remind.status_code == (200 if ccd else 403)
    assert ack.status_code == (200 if subject else 403)
    if not subject:
        assert _snapshot() == before
    if subject:
        assert ack.json()["acknowledged_at"] is not None


def test_the_home_page_asks_until_the_policy_is_acknowledged(client, people):
    client.force_login(people[Role.STAFF])
    assert "data-policy-acknowledgement" in client.get(reverse("core:home")).content.decode()
    page = client.post(reverse("acknowledgements:acknowledge"), {})
    assert page.status_code == 400 and "Confirm that you have read" in page.content.decode()
    client.post(reverse("acknowledgements:acknowledge"), {"confirm": "read"})
    assert "data-policy-acknowledgement" not in client.get(reverse("core:home")).content.decode()
    client.force_login(people[Role.AUDITOR])
    assert "data-policy-acknowledgement" not in client.get(reverse("core:home")).content.decode()


def test_ccd_sees_who_has_not_records_training_and_reminds(client, people, mailoutbox):
    client.force_login(people[Role.CCD])
    html = client.get(reverse("acknowledgements:outstanding")).content.decode()
    assert people[Role.STAFF].label in html and people[Role.AUDITOR].label not in html
    response = client.post(
        reverse("acknowledgements:training_new"),
        {"person": people[Role.STAFF].pk, "course": "Social media", "completed_on": "2026-03-01"},
    )
    assert response.status_code == 302
    bad = client.post(reverse("acknowledgements:training_new"), {"course": "x"})
    assert bad.status_code == 400
    client.post(reverse("acknowledgements:remind"))
    assert AuditEvent.objects.filter(action="policy.reminders_sent").exists()


def test_the_application_gate(client, people, pack_with):
    from bluelamp.acknowledgements.errors import AcknowledgementRequiredError
    from bluelamp.social_accounts.services.applications import account_application_submit

    pack_with(required_for='["applications"]')
    staff = people[Role.STAFF]
    staff.line_manager = people[Role.LINE_MANAGER]
    staff.save()
    with pytest.raises(AcknowledgementRequiredError):
        account_application_submit(
            actor=staff,
            ownership="force_owned",
            purpose="engagement",
            purpose_detail="x",
            platform="x",
            handle="WMPNew",
            display_name="WMP New",
            tier="team",
            registration_email="a@west-midlands.pnn.police.uk",
            acknowledgements=[],
            now=NOW,
        )
