"""The checklist's "tokens" step revokes the publishing tokens Bluelamp holds, against the fake
platforms on 127.0.0.1."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bluelamp.account_security.models import Checklist
from bluelamp.account_security.services.lost_devices import (
    UNSUPPORTED_NOTE,
    checklist_step_complete,
)
from bluelamp.account_security.tests.conftest import NOW
from bluelamp.account_security.tests.test_services import file_report
from bluelamp.audit.models import AuditEvent
from bluelamp.core.errors import InvalidInputError
from bluelamp.publishing.connectors import OutgoingPost, TokenError, XConnector
from bluelamp.publishing.fakeplatforms import FakeGraph, FakeX
from bluelamp.publishing.models import PlatformConnection
from bluelamp.publishing.services.connections import connection_save

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def fake_x(settings):
    fake = FakeX().start()
    settings.BLUELAMP_X_API_BASE = fake.base_url
    settings.BLUELAMP_X_CLIENT_ID = "bluelamp-test-client"
    yield fake
    fake.stop()


@pytest.fixture
def fake_graph(settings):
    fake = FakeGraph().start()
    settings.BLUELAMP_GRAPH_API_BASE = f"{fake.base_url}/{fake.version}"
    yield fake
    fake.stop()


def tick_tokens(force, report, account, note="Done from the office"):
    checklist = Checklist.objects.get(report=report, account=account)
    return checklist_step_complete(
        lost_device_report=report,
        checklist=checklist,
        actor=force.admin,
        step="tokens",
        note=note,
        now=NOW,
    )


def test_ticking_the_step_revokes_each_token_on_its_platform_and_deletes_the_stored_copy(
    force, fake_x, fake_graph
):
    connection_save(actor=force.admin, account=force.dudley, token="good-token", now=NOW)
    connection_save(
        actor=force.admin,
        account=force.walsall,
        token="good-token",
        platform_account_id=fake_graph.page_id,
        now=NOW,
    )
    report = file_report(force)

    x_step = tick_tokens(force, report, force.dudley)
    graph_step = tick_tokens(force, report, force.walsall)

    for step, account in ((x_step, force.dudley), (graph_step, force.walsall)):
        assert step.done_by == force.admin and step.done_at == NOW
        assert not step.manual
        assert step.note.startswith("Done from the office\n")
        assert f"{account.at_handle} on " in step.note and "revoked on the platform" in step.note
        assert list(step.evidence["tokens"].values()) == ["revoked on the platform"]
        assert not PlatformConnection.objects.filter(account=account).exists()
    assert fake_x.calls("POST", "/2/oauth2/revoke")[0].form["token"] == "good-token"
    assert fake_graph.calls("DELETE", rf"/{fake_graph.version}/me/permissions")
    # the platform now refuses the token
    with pytest.raises(TokenError):
        XConnector(api_base=fake_x.base_url).publish(
            OutgoingPost(idempotency_key="p", text="After the loss"), "good-token"
        )
    events = AuditEvent.objects.filter(action="connection.revoked")
    assert events.count() == 2
    assert not any("good-token" in str(e.after) for e in events)


def test_a_platform_that_cannot_revoke_is_noted_and_the_stored_token_deleted(
    force, fake_x, monkeypatch
):
    from bluelamp.publishing.connectors.base import Connector

    monkeypatch.setattr(XConnector, "_revoke_once", Connector._revoke_once)
    connection_save(actor=force.admin, account=force.dudley, token="good-token", now=NOW)
    report = file_report(force)

    step = tick_tokens(force, report, force.dudley, note="")

    assert step.manual
    assert step.note == f"{force.dudley.at_handle} on X (Twitter): {UNSUPPORTED_NOTE}"
    assert not PlatformConnection.objects.filter(account=force.dudley).exists()
    assert "good-token" in fake_x.valid_tokens


def test_a_platform_error_leaves_the_step_unticked_and_the_token_stored(force, fake_x):
    connection_save(actor=force.admin, account=force.dudley, token="good-token", now=NOW)
    report = file_report(force)
    fake_x.fault(
        "POST",
        "/2/oauth2/revoke",
        "reply",
        status=400,
        body={"error": "unauthorized_client", "error_description": "Unknown client."},
    )

    with pytest.raises(InvalidInputError) as caught:
        tick_tokens(force, report, force.dudley)

    assert "did not revoke the token" in str(caught.value)
    assert "Unknown client." in str(caught.value)
    checklist = Checklist.objects.get(report=report, account=force.dudley)
    assert not checklist.steps.get(step="tokens").done
    assert PlatformConnection.objects.filter(account=force.dudley).exists()
    assert not AuditEvent.objects.filter(action="connection.revoked").exists()
    assert not AuditEvent.objects.filter(action="lost_device.step_completed").exists()


def test_with_no_stored_token_the_step_is_ticked_by_hand(force):
    report = file_report(force)

    step = tick_tokens(force, report, force.dudley)

    assert step.manual and step.evidence == {"tokens": {}}
    assert step.note == "Done from the office"


def test_the_page_shows_the_platforms_refusal_and_leaves_the_step_unticked(force, fake_x, client):
    connection_save(actor=force.admin, account=force.dudley, token="good-token", now=NOW)
    report = file_report(force)
    checklist = Checklist.objects.get(report=report, account=force.dudley)
    fake_x.fault(
        "POST",
        "/2/oauth2/revoke",
        "reply",
        status=400,
        body={"error": "unauthorized_client", "error_description": "Unknown client."},
    )
    client.force_login(force.admin)

    response = client.post(
        reverse("account_security:step", args=[report.pk, checklist.pk, "tokens"]), {"note": ""}
    )

    assert response.status_code == 400
    assert "did not revoke the token" in response.content.decode()
    assert "Unknown client." in response.content.decode()
    assert not checklist.steps.get(step="tokens").done


@pytest.mark.django_db(transaction=True)
def test_the_platform_is_called_with_no_transaction_open_and_no_row_locked(
    force, fake_x, fake_graph, monkeypatch
):
    """A slow platform must not hold the report's rows: the revoke call runs outside any
    transaction (the test itself runs outside one, so ``in_atomic_block`` is the service's)."""
    from django.db import connection

    from bluelamp.publishing.connectors import FacebookPagesConnector

    seen: list[tuple[str, bool]] = []
    for cls in (XConnector, FacebookPagesConnector):
        original = cls._revoke_once

        def spy(self, token, _original=original):
            seen.append((self.platform, connection.in_atomic_block))
            return _original(self, token)

        monkeypatch.setattr(cls, "_revoke_once", spy)
    connection_save(actor=force.admin, account=force.dudley, token="good-token", now=NOW)
    connection_save(
        actor=force.admin,
        account=force.walsall,
        token="good-token",
        platform_account_id=fake_graph.page_id,
        now=NOW,
    )
    report = file_report(force)

    tick_tokens(force, report, force.dudley)
    tick_tokens(force, report, force.walsall)

    assert seen == [("x", False), ("facebook", False)]
    assert fake_x.calls("POST", "/2/oauth2/revoke")


def test_a_second_tick_while_the_platform_is_asked_is_refused_and_the_first_one_counts(
    force, fake_x, monkeypatch
):
    """Two people tick at once: the second is told the revoke is under way; the first one's
    tick records the platform's answer."""
    from bluelamp.account_security.services import lost_devices

    connection_save(actor=force.admin, account=force.dudley, token="good-token", now=NOW)
    report = file_report(force)
    original = lost_devices._revoke_tokens
    refused: list[str] = []

    def meanwhile(*args, **kwargs):
        outcomes = original(*args, **kwargs)
        if not refused:  # the other person's tick lands while this one talks to the platform
            with pytest.raises(InvalidInputError) as caught:
                tick_tokens(force, report, force.dudley, note="The other person")
            refused.append(str(caught.value))
        return outcomes

    monkeypatch.setattr(lost_devices, "_revoke_tokens", meanwhile)
    step = tick_tokens(force, report, force.dudley)

    assert "revoking this account's tokens on the platform now" in refused[0]
    assert step.done and step.note.startswith("Done from the office")
    assert not step.manual and "revoking" not in step.evidence
    assert len(fake_x.calls("POST", "/2/oauth2/revoke")) == 1
    assert AuditEvent.objects.filter(action="lost_device.step_completed").count() == 1


def test_a_lapsed_claim_is_taken_over_and_a_failed_one_released(force, fake_x):
    from bluelamp.account_security.services.lost_devices import REVOKE_CLAIM

    connection_save(actor=force.admin, account=force.dudley, token="good-token", now=NOW)
    report = file_report(force)
    checklist = Checklist.objects.get(report=report, account=force.dudley)
    fake_x.fault("POST", "/2/oauth2/revoke", "reply", status=400, body={"error": "x"})
    with pytest.raises(InvalidInputError):
        tick_tokens(force, report, force.dudley)
    assert checklist.steps.get(step="tokens").evidence == {}  # released
    # a claim left by a process that stopped lapses
    checklist.steps.filter(step="tokens").update(
        evidence={"revoking": {"by": force.pc.pk, "since": (NOW - REVOKE_CLAIM).isoformat()}}
    )
    step = tick_tokens(force, report, force.dudley)
    assert step.done and list(step.evidence["tokens"].values()) == ["revoked on the platform"]


def test_a_token_saved_while_revoking_leaves_the_step_unticked(force, fake_x, monkeypatch):
    from bluelamp.account_security.services import lost_devices

    connection_save(actor=force.admin, account=force.dudley, token="good-token", now=NOW)
    report = file_report(force)
    original = lost_devices._revoke_tokens

    def meanwhile(*args, **kwargs):
        outcomes = original(*args, **kwargs)
        connection_save(actor=force.admin, account=force.dudley, token="new-token", now=NOW)
        return outcomes

    monkeypatch.setattr(lost_devices, "_revoke_tokens", meanwhile)
    with pytest.raises(InvalidInputError, match="saved for the account while"):
        tick_tokens(force, report, force.dudley)

    step = Checklist.objects.get(report=report, account=force.dudley).steps.get(step="tokens")
    assert not step.done and step.evidence == {}  # the claim is released: tick again now
    monkeypatch.setattr(lost_devices, "_revoke_tokens", original)
    fake_x.valid_tokens.add("new-token")
    step = tick_tokens(force, report, force.dudley)
    assert step.done and not PlatformConnection.objects.filter(account=force.dudley).exists()
    assert fake_x.calls("POST", "/2/oauth2/revoke")[-1].form["token"] == "new-token"
