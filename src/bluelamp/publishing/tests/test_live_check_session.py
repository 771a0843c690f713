"""The live check is called as an officer types: it must not write the session row each time
(the compose page that calls it keeps the idle time-out sliding)."""

from __future__ import annotations

import json

from django.contrib.sessions.models import Session

from bluelamp.publishing.tests.people import newsroom


def _expiry(client) -> object:
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_the_live_check_does_not_write_the_session_but_a_page_does(db, client, settings):
    settings.SESSION_SAVE_EVERY_REQUEST = True
    room = newsroom()
    client.force_login(room.author)
    client.get("/posts/new/")
    before = _expiry(client)
    Session.objects.filter(session_key=client.session.session_key).update(expire_date=before)

    response = client.post(
        "/posts/check/",
        json.dumps({"text": "Call Dave on 07700 900123.", "account": room.team.pk}),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["verdict"] == "block"
    assert "Cookie" in response["Vary"]
    assert _expiry(client) == before

    client.get("/posts/new/")
    assert _expiry(client) > before


def test_the_live_check_sees_a_major_incident_declared_in_this_process_at_once(db, client):
    from django.utils import timezone

    from bluelamp.incidents import services as incidents

    room = newsroom()
    client.force_login(room.author)
    body = json.dumps({"text": "Join us at the community event.", "account": room.team.pk})

    def rules() -> list[str]:
        answer = client.post("/posts/check/", body, content_type="application/json").json()
        return [finding["rule"] for finding in answer["findings"]]

    assert "major-incident" not in rules()  # read, and kept for a few seconds
    incidents.major_incident_declare(
        actor=room.ccd, title="Flooding", reason="Gold command", now=timezone.now()
    )
    assert "major-incident" in rules()
