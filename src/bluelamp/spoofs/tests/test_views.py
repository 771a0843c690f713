"""The pages: who may reach each (403 and no change for everyone else), and the review through
them."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bluelamp.audit.models import AuditEvent
from bluelamp.core.roles import Role
from bluelamp.spoofs import views
from bluelamp.spoofs.actions import CANDIDATE_ACTIONS
from bluelamp.spoofs.models import Candidate
from bluelamp.spoofs.tests.conftest import NOW, make_candidate

pytestmark = pytest.mark.django_db

READERS = {Role.CCD, Role.AUDITOR}


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr(views, "now", lambda: NOW)


def _snapshot():
    return list(Candidate.objects.values()), AuditEvent.objects.count()


@pytest.mark.parametrize("role", list(Role))
def test_every_page_for_every_role(client, people, role):
    candidate = make_candidate()
    client.force_login(people[role])
    reads = [reverse("spoofs:queue"), reverse("spoofs:detail", args=[candidate.pk])]
    writes = [
        reverse("spoofs:add"),
        reverse("spoofs:import"),
        reverse("spoofs:search"),
        *(reverse("spoofs:step", args=[candidate.pk, n]) for n in CANDIDATE_ACTIONS.names()),
    ]
    for url in reads:
        assert client.get(url).status_code == (200 if role in READERS else 403), url
    before = _snapshot()
    for url in writes:
        expected = (200, 409) if role == Role.CCD else (403,)
        assert client.get(url).status_code in expected, url
        if role != Role.CCD:
            assert (
                client.post(url, {"reason": "x", "handle": "abc", "platform": "x"}).status_code
                == 403
            )
    assert _snapshot() == before


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(client):
    assert client.get(reverse("spoofs:queue")).status_code == 302


def test_ccd_adds_reviews_and_drafts_a_takedown(client, people, registry):
    client.force_login(people[Role.CCD])
    response = client.post(
        reverse("spoofs:add"),
        {"platform": "x", "handle": "WMPolice_", "display_name": "West Midlands Police"},
    )
    candidate = Candidate.objects.get()
    assert response.url == reverse("spoofs:detail", args=[candidate.pk])
    html = client.get(reverse("spoofs:queue")).content.decode()
    assert "@WMPolice_" in html and "Uses the force" in html
    client.post(reverse("spoofs:step", args=[candidate.pk, "mark_spoof"]), {"reason": "Crest"})
    html = client.get(reverse("spoofs:detail", args=[candidate.pk])).content.decode()
    assert "Takedown request to send" in html and "help.x.com/forms/impersonation" in html
    page = client.get(reverse("spoofs:step", args=[candidate.pk, "request_takedown"]))
    assert "Impersonation of West Midlands Police" in page.content.decode()
    client.post(
        reverse("spoofs:step", args=[candidate.pk, "request_takedown"]),
        {"text": "As sent", "reference": "X-1"},
    )
    response = client.post(
        reverse("spoofs:step", args=[candidate.pk, "record_outcome"]), {"outcome": ""}
    )
    assert response.status_code == 400
    assert "Select how it ended" in response.content.decode()
    client.post(
        reverse("spoofs:step", args=[candidate.pk, "record_outcome"]), {"outcome": "taken_down"}
    )
    candidate.refresh_from_db()
    assert (candidate.status, candidate.takedown_text, candidate.outcome) == (
        "closed",
        "As sent",
        "taken_down",
    )


def test_a_step_the_state_no_longer_allows_is_refused_with_409(client, people):
    candidate = make_candidate(status="harmless")
    client.force_login(people[Role.CCD])
    url = reverse("spoofs:step", args=[candidate.pk, "mark_spoof"])
    assert client.get(url).status_code == 409
    assert client.post(url, {"reason": "x"}).status_code == 409
    candidate.refresh_from_db()
    assert candidate.status == "harmless"


def test_an_import_with_errors_lists_them_by_line_and_imports_nothing(client, people, registry):
    client.force_login(people[Role.CCD])
    upload = SimpleUploadedFile(
        "list.csv", b"platform,handle\nx,WMPolice_\nmyspace,abc\nx,bad handle\n", "text/csv"
    )
    response = client.post(reverse("spoofs:import"), {"file": upload})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Line 3, platform" in html and "Line 4, handle" in html
    assert Candidate.objects.count() == 0
    upload = SimpleUploadedFile("list.csv", b"platform,handle\nx,WMPolice_\n", "text/csv")
    assert client.post(reverse("spoofs:import"), {"file": upload}).status_code == 302
    assert Candidate.objects.count() == 1
