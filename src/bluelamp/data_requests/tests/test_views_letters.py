"""The letter pages: from the case, "Write a letter", choose, edit the draft, send; the letter
in the case's history with a PDF download. Information security only (auditors read)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from bluelamp.core.roles import Role
from bluelamp.core.testing.pdf import pdf_text
from bluelamp.data_requests import views
from bluelamp.data_requests.choices import LetterKind, Outcome, Regime, RequestStatus
from bluelamp.data_requests.models import Letter
from bluelamp.data_requests.tests.factories import (
    REQUESTER_NAME,
    PostDecisionFactory,
    RemovalRequestFactory,
)

pytestmark = pytest.mark.django_db

#: Monday 2 March 2026, 10:00 UTC: the pages' "now".
NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
OTHER_ROLES = [r for r in Role if r not in (Role.INFOSEC, Role.AUDITOR)]


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr(views, "now", lambda: NOW)


def _refused_case(**kwargs):
    rr = RemovalRequestFactory(status=RequestStatus.CONSIDERING, **kwargs)
    PostDecisionFactory(request=rr, outcome=Outcome.REFUSE, reasons="It is a public court result.")
    return rr


def _write(rr, kind):
    return reverse("data_requests:letter_write", args=[rr.pk, kind])


def test_infosec_writes_edits_and_sends_a_letter_which_appears_with_a_pdf(client, force):
    rr = _refused_case()
    client.force_login(force.infosec)
    detail = client.get(reverse("data_requests:detail", args=[rr.pk]))
    assert reverse("data_requests:letters", args=[rr.pk]) in detail.content.decode()
    assert "No letters sent yet." in detail.content.decode()

    choose = client.get(reverse("data_requests:letters", args=[rr.pk]))
    assert choose.status_code == 200
    for kind in LetterKind.values:
        assert _write(rr, kind) in choose.content.decode()

    page = client.get(_write(rr, "refusal"))
    assert page.status_code == 200
    draft = page.context["form"].initial["body"]
    assert REQUESTER_NAME in draft
    assert "Our reasons: It is a public court result." in draft

    edited = draft.replace("It is a public court result.", "It reports a public court result.")
    response = client.post(_write(rr, "refusal"), {"body": edited})
    letter = Letter.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#letter-{letter.pk}")
    assert letter.body == edited.replace("\r\n", "\n").strip()

    detail = client.get(reverse("data_requests:detail", args=[rr.pk])).content.decode()
    pdf_url = reverse("data_requests:letter_pdf", args=[rr.pk, letter.pk])
    assert pdf_url in detail
    assert "Refusal" in detail

    download = client.get(pdf_url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == (
        f'attachment; filename="{rr.reference}-refusal-{letter.pk}.pdf"'
    )
    assert download["Cache-Control"] == "no-store"
    assert download.content.startswith(b"%PDF")
    assert "It reports a public court result." in pdf_text(download.content)


def test_a_refusal_missing_its_rights_is_shown_again_with_what_is_missing(client, force):
    rr = _refused_case()
    client.force_login(force.infosec)
    draft = client.get(_write(rr, "refusal")).context["form"].initial["body"]
    response = client.post(
        _write(rr, "refusal"), {"body": draft.replace("judicial remedy", "remedy")}
    )
    assert response.status_code == 400
    assert "the right to seek a judicial remedy" in response.content.decode()
    assert not Letter.objects.exists()


def test_a_late_extension_notice_is_refused_on_the_page(client, force, monkeypatch):
    monkeypatch.setattr(views, "now", lambda: dt.datetime(2026, 3, 30, 10, tzinfo=dt.UTC))
    rr = RemovalRequestFactory(extension_reasons="Many posts.")
    client.force_login(force.infosec)
    draft = client.get(_write(rr, "extension")).context["form"].initial["body"]
    response = client.post(_write(rr, "extension"), {"body": draft})
    assert response.status_code == 409
    assert "too late to extend the deadline" in response.content.decode()
    assert not Letter.objects.exists()


def test_a_part3_case_offers_a_refusal_with_reasons_withheld(client, force):
    rr = _refused_case(regime=Regime.PART3)
    client.force_login(force.infosec)
    choose = client.get(reverse("data_requests:letters", args=[rr.pk])).content.decode()
    assert f"{_write(rr, 'refusal')}?withheld=1" in choose
    page = client.get(f"{_write(rr, 'refusal')}?withheld=1")
    form = page.context["form"]
    assert "your rights are restricted" in form.initial["body"]
    response = client.post(
        _write(rr, "refusal"), {"body": form.initial["body"], "reasons_withheld": "True"}
    )
    assert response.status_code == 302
    assert Letter.objects.get().reasons_withheld is True


def test_an_unknown_letter_kind_is_not_found(client, force):
    rr = RemovalRequestFactory()
    client.force_login(force.infosec)
    assert client.get(_write(rr, "threat")).status_code == 404


def test_auditors_may_download_letters_but_not_write_them(client, force):
    rr = _refused_case()
    client.force_login(force.infosec)
    draft = client.get(_write(rr, "refusal")).context["form"].initial["body"]
    client.post(_write(rr, "refusal"), {"body": draft})
    letter = Letter.objects.get()
    client.force_login(force.auditor)
    detail = client.get(reverse("data_requests:detail", args=[rr.pk])).content.decode()
    assert "Write a letter" not in detail
    assert (
        client.get(reverse("data_requests:letter_pdf", args=[rr.pk, letter.pk])).status_code == 200
    )
    assert client.get(reverse("data_requests:letters", args=[rr.pk])).status_code == 403
    assert client.get(_write(rr, "refusal")).status_code == 403
    assert client.post(_write(rr, "refusal"), {"body": draft}).status_code == 403
    assert Letter.objects.count() == 1


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_other_roles_cannot_reach_letters_at_all(client, force, role):
    rr = _refused_case()
    client.force_login(force.infosec)
    draft = client.get(_write(rr, "refusal")).context["form"].initial["body"]
    client.post(_write(rr, "refusal"), {"body": draft})
    letter = Letter.objects.get()
    client.force_login(force.by_role[role])
    for url in (
        reverse("data_requests:letters", args=[rr.pk]),
        _write(rr, "refusal"),
        reverse("data_requests:letter_pdf", args=[rr.pk, letter.pk]),
    ):
        assert client.get(url).status_code == 403
    assert client.post(_write(rr, "refusal"), {"body": draft}).status_code == 403
    assert Letter.objects.count() == 1


def test_a_letter_of_another_case_is_not_found(client, force):
    rr = _refused_case()
    other = RemovalRequestFactory(owner=rr.owner)
    client.force_login(force.infosec)
    draft = client.get(_write(rr, "refusal")).context["form"].initial["body"]
    client.post(_write(rr, "refusal"), {"body": draft})
    letter = Letter.objects.get()
    url = reverse("data_requests:letter_pdf", args=[other.pk, letter.pk])
    assert client.get(url).status_code == 404


def test_a_closed_case_offers_no_letters(client, force):
    rr = RemovalRequestFactory(status=RequestStatus.CLOSED, closed_at=NOW)
    client.force_login(force.infosec)
    detail = client.get(reverse("data_requests:detail", args=[rr.pk])).content.decode()
    assert "Write a letter" not in detail
    assert client.get(_write(rr, "acknowledgement")).status_code == 409
