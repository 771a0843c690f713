"""The export page: every role's answer (only CCD and Information Security get the page and the
file; everyone else 403 and nothing recorded), the download, and bad input named on the page."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from bluelamp.audit.models import AuditEvent
from bluelamp.core.roles import Role
from bluelamp.disclosure import views
from bluelamp.disclosure.tests.conftest import NOW, UNICODE_TEXT

pytestmark = pytest.mark.django_db

URL = "/disclosure/export/"
FORM = {
    "account": "x:WMPDudley",
    "search": "",
    "date_from": "2026-02-01",
    "date_to": "2026-02-28",
    "format": "csv",
}
ALLOWED = (Role.CCD, Role.INFOSEC)


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr(views, "now", lambda: NOW)


def test_the_url_is_named():
    assert reverse("disclosure:export") == URL


@pytest.mark.parametrize("role", list(Role))
def test_each_role_on_the_page(client, force, history, role):
    client.force_login(force.by_role[role])
    before = AuditEvent.objects.count()
    page = client.get(URL)
    download = client.post(URL, FORM)
    if role in ALLOWED:
        assert page.status_code == 200
        assert download.status_code == 200
        assert download["Content-Type"].startswith("text/csv")
        assert AuditEvent.objects.filter(action="disclosure.exported").count() == 1
    else:
        assert page.status_code == 403
        assert download.status_code == 403
        assert AuditEvent.objects.count() == before


def test_no_role_and_signed_out(client, force, history):
    before = AuditEvent.objects.count()
    assert client.get(URL).status_code == 302  # to sign in
    assert client.post(URL, FORM).status_code == 302
    assert AuditEvent.objects.count() == before
    client.force_login(force.nobody)
    before = AuditEvent.objects.count()
    assert client.get(URL).status_code == 403
    assert client.post(URL, FORM).status_code == 403
    assert AuditEvent.objects.count() == before


def test_the_page_offers_the_accounts_and_formats(client, force, history):
    client.force_login(force.ccd)
    html = client.get(URL).content.decode()
    assert "<title>Export posts for disclosure" in html
    assert 'value="x:WMPDudley"' in html
    assert 'value="pdf"' in html
    assert "no private or direct messages" in html


def test_the_download_streams_the_csv(client, force, history):
    client.force_login(force.infosec)
    response = client.post(URL, FORM)
    assert response.streaming
    assert (
        'filename="disclosure-x-WMPDudley-2026-02-01-to-2026-02-28.csv"'
        in (response["Content-Disposition"])
    )
    assert response["Cache-Control"] == "no-store"
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text)))
    assert any(r[7] == UNICODE_TEXT for r in rows if len(r) > 7)


def test_a_pdf_download(client, force, history):
    client.force_login(force.ccd)
    response = client.post(URL, {**FORM, "format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"date_from": "2026-03-01"}, "date_to", "The end date must be the same as or after"),
        ({"account": "x:Nobody"}, "account", "There is no x account @Nobody"),
        ({"format": "xlsx"}, "format", "Choose the format"),
        ({"account": ""}, "account", "Choose an account, or give words to search for"),
    ],
)
def test_bad_input_is_named_on_the_page(client, force, history, changes, field, words):
    client.force_login(force.ccd)
    before = AuditEvent.objects.count()
    response = client.post(URL, {**FORM, **changes})
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Error: Export posts for disclosure" in html
    assert "govuk-error-summary" in html
    assert f'id="id_{field}' in html and words in html
    assert html.count(words) == 2  # the summary and the field
    assert AuditEvent.objects.count() == before
