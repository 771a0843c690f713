"""The spoof review's API: every endpoint for every role (403 and no change for those who may
not), and the review through it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bluelamp.audit.models import AuditEvent
from bluelamp.core.roles import Role
from bluelamp.spoofs.actions import CANDIDATE_ACTIONS
from bluelamp.spoofs.models import Candidate
from bluelamp.spoofs.tests.conftest import make_candidate

pytestmark = pytest.mark.django_db

READERS = {Role.CCD, Role.AUDITOR}


@pytest.mark.parametrize("role", list(Role))
def test_every_endpoint_for_every_role(api_as, role):
    candidate = make_candidate(handle="SomeoneElse")
    api = api_as(*([Role.STAFF, Role.CCD] if role == Role.CCD else [role]))
    ok = role in READERS
    assert api.get(reverse("api:spoof_candidates")).status_code == (200 if ok else 403)
    assert api.get(reverse("api:spoof_candidate", args=[candidate.pk])).status_code == (
        200 if ok else 403
    )
    if role == Role.CCD:
        return
    before = (list(Candidate.objects.values()), AuditEvent.objects.count())
    answers = [
        api.post(
            reverse("api:spoof_candidates"), {"platform": "x", "handle": "abc"}, format="json"
        ),
        api.post(
            reverse("api:spoof_candidates_import"),
            {"csv": "platform,handle\nx,abc\n"},
            format="json",
        ),
        *(
            api.post(
                reverse(f"api:spoof_{n}", args=[candidate.pk]),
                {"reason": "x", "outcome": "taken_down"},
                format="json",
            )
            for n in CANDIDATE_ACTIONS.names()
        ),
    ]
    assert {a.status_code for a in answers} == {403}
    assert answers[0].json()["code"] == "permission_denied"
    assert (list(Candidate.objects.values()), AuditEvent.objects.count()) == before


def test_ccd_through_the_api(api_as, registry):
    api = api_as(Role.STAFF, Role.CCD)
    created = api.post(
        reverse("api:spoof_candidates"),
        {"platform": "x", "handle": "WMPolice_", "display_name": "West Midlands Police"},
        format="json",
    )
    assert created.status_code == 201
    body = created.json()
    assert body["score"] >= 70 and "mark_spoof" in body["available_actions"]
    url = reverse("api:spoof_mark_spoof", args=[body["id"]])
    answer = api.post(url, {"reason": "Crest"}, format="json").json()
    assert answer["state"] == "spoof" and "help.x.com" in answer["takedown_draft"]
    again = api.post(url, {"reason": "Crest"}, format="json")
    assert again.status_code == 409
    rejected = api.post(
        reverse("api:spoof_candidates_import"),
        {"csv": "platform,handle\nx,ok_one\nx,bad one\n"},
        format="json",
    )
    assert rejected.status_code == 400
    assert rejected.json()["code"] == "spoof_import_rejected"
    assert rejected.json()["problems"] == [
        {"line": 3, "column": "handle", "message": "A handle cannot contain spaces"}
    ]
    listed = api.get(reverse("api:spoof_candidates"), {"state": "open"}).json()
    assert listed["count"] == 1
