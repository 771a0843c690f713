"""Revoking a publishing token: the connectors against the fake platforms on 127.0.0.1, and the
service that revokes it there and deletes Bluelamp's encrypted copy."""

from __future__ import annotations

import pytest

from bluelamp.audit.models import AuditEvent
from bluelamp.core.errors import PermissionDeniedError
from bluelamp.publishing.connectors import (
    OutgoingPost,
    RejectedError,
    TokenError,
    TransientError,
    XConnector,
)
from bluelamp.publishing.connectors.base import Connector
from bluelamp.publishing.fakeplatforms import FakeGraph, FakeX
from bluelamp.publishing.models import PlatformConnection
from bluelamp.publishing.services.connections import (
    REVOKED,
    connection_revoke,
    connection_save,
)
from bluelamp.publishing.tests.people import newsroom

CLIENT_ID = "bluelamp-test-client"


def post(text="Have you seen Sam? Call 101 quoting log 123."):
    return OutgoingPost(idempotency_key="post-1", text=text)


# --- the connectors ------------------------------------------------------------------------


def test_x_revokes_with_the_token_and_client_id_form_encoded_then_refuses_it(fake_x, sleep):
    x = XConnector(api_base=fake_x.base_url, client_id=CLIENT_ID, sleep=sleep)

    revoked = x.revoke_token("good-token")

    assert revoked.supported and revoked.raw == {"revoked": True}
    (call,) = fake_x.calls("POST", "/2/oauth2/revoke")
    assert call.headers["content-type"] == "application/x-www-form-urlencoded"
    assert call.form == {"token": "good-token", "client_id": CLIENT_ID}
    assert "authorization" not in call.headers
    with pytest.raises(TokenError):
        x.publish(post(), "good-token")
    assert fake_x.posts == {}


def test_x_without_a_client_id_refuses_to_revoke_and_the_token_still_works(fake_x, sleep):
    x = XConnector(api_base=fake_x.base_url, sleep=sleep)

    with pytest.raises(RejectedError) as caught:
        x.revoke_token("good-token")

    assert caught.value.code == "not_configured"
    assert fake_x.calls("POST", "/2/oauth2/revoke") == []
    assert x.publish(post(), "good-token").platform_post_id in fake_x.posts


def test_x_revoke_error_carries_the_oauth_error_and_retries_a_server_error(fake_x, x, sleep):
    fake_x.fault(
        "POST",
        "/2/oauth2/revoke",
        "reply",
        status=400,
        body={"error": "invalid_request", "error_description": "Bad client."},
    )
    x.client_id = CLIENT_ID
    with pytest.raises(RejectedError) as caught:
        x.revoke_token("good-token")
    assert caught.value.code == "invalid_request" and caught.value.message == "Bad client."

    fake_x.fault("POST", "/2/oauth2/revoke", "server_error")
    assert x.revoke_token("good-token").supported
    assert sleep.waits == [1.0]


def test_graph_revokes_by_deleting_the_apps_permissions_then_refuses_the_token(
    facebook, fake_graph
):
    revoked = facebook.revoke_token("good-token")

    assert revoked.supported and revoked.raw == {"success": True}
    (call,) = fake_graph.calls("DELETE", rf"/{fake_graph.version}/me/permissions")
    assert call.query == {"access_token": "good-token"}
    with pytest.raises(TokenError) as caught:
        facebook.publish(post(), "good-token")
    assert caught.value.code == 190 and "not authorized application" in caught.value.message
    assert fake_graph.posts == {}


def test_instagram_revokes_through_the_graph_too(instagram, fake_graph):
    assert instagram.revoke_token("good-token").supported
    assert "good-token" not in fake_graph.valid_tokens


def test_graph_revoke_keeps_trying_after_a_server_error(facebook, fake_graph, sleep):
    fake_graph.fault("DELETE", rf"/{fake_graph.version}/me/permissions", "server_error", times=4)
    with pytest.raises(TransientError):
        facebook.revoke_token("good-token")
    assert len(fake_graph.calls("DELETE", rf"/{fake_graph.version}/me/permissions")) == 4
    assert "good-token" in fake_graph.valid_tokens


def test_a_connector_without_revoke_says_unsupported_rather_than_raising():
    assert Connector().revoke_token("anything").supported is False


# --- the service ---------------------------------------------------------------------------


@pytest.fixture
def live_x(settings):
    fake = FakeX().start()
    settings.BLUELAMP_X_API_BASE = fake.base_url
    settings.BLUELAMP_X_CLIENT_ID = CLIENT_ID
    yield fake
    fake.stop()


@pytest.fixture
def live_graph(settings):
    fake = FakeGraph().start()
    settings.BLUELAMP_GRAPH_API_BASE = f"{fake.base_url}/{fake.version}"
    yield fake
    fake.stop()


@pytest.fixture
def room(db):
    return newsroom()


def test_connection_revoke_revokes_on_x_deletes_the_token_and_audits_without_it(room, live_x):
    account = room.team
    connection = connection_save(actor=room.ccd, account=account, token="good-token")

    # the account's owner may revoke its token
    assert (
        connection_revoke(connection=connection, actor=room.author, reason="Lost device") == REVOKED
    )

    assert "good-token" not in live_x.valid_tokens
    assert not PlatformConnection.objects.filter(account=account).exists()
    event = AuditEvent.objects.get(action="connection.revoked")
    assert event.after["outcome"] == "revoked" and event.after["stored_copy_deleted"] is True
    assert "good-token" not in str(event.after) and "good-token" not in str(event.before)


def test_connection_revoke_on_facebook(room, live_graph):
    account = room.npu
    connection = connection_save(
        actor=room.ccd, account=account, token="good-token", platform_account_id=live_graph.page_id
    )

    assert connection_revoke(connection=connection, actor=room.ccd, reason="Lost device") == REVOKED
    assert "good-token" in live_graph.deauthorised
    assert not PlatformConnection.objects.filter(account=account).exists()


def test_a_platform_error_keeps_the_stored_token_and_writes_no_event(room, live_x):
    ccd = room.ccd
    account = room.team
    connection = connection_save(actor=ccd, account=account, token="good-token")
    live_x.fault("POST", "/2/oauth2/revoke", "reply", status=400, body={"error": "x"})

    with pytest.raises(RejectedError):
        connection_revoke(connection=connection, actor=ccd, reason="Lost device")

    assert PlatformConnection.objects.filter(account=account).exists()
    assert not AuditEvent.objects.filter(action="connection.revoked").exists()


def test_only_ccd_or_the_owner_or_deputy_may_revoke_and_a_refusal_changes_nothing(room, live_x):
    account = room.team
    connection = connection_save(actor=room.ccd, account=account, token="good-token")

    for stranger in (room.colleague, room.outsider, room.manager, room.psd, room.auditor):
        with pytest.raises(PermissionDeniedError):
            connection_revoke(connection=connection, actor=stranger, reason="Lost device")

    assert live_x.calls("POST", "/2/oauth2/revoke") == []
    assert PlatformConnection.objects.filter(account=account).exists()
