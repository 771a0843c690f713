"""The self-check's promise: a run leaves nothing behind (no row anywhere, no audit event, no
temporary file), and a saved report is its owner's alone, whatever anyone else's role."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bluelamp.audit.models import AuditEvent
from bluelamp.core.errors import InvalidInputError, NotFoundError
from bluelamp.core.roles import Role
from bluelamp.selfcheck import services
from bluelamp.selfcheck.models import SavedSelfCheck

pytestmark = pytest.mark.django_db


def _counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        # Unmanaged models name tables that exist on one database only (the full-text indexes).
        if model._meta.managed and model._meta.label not in ("sessions.Session",)
    }


def _upload(sample_zip):
    return SimpleUploadedFile("twitter-archive.zip", sample_zip.read_bytes(), "application/zip")


def _leftovers():
    return sorted(Path(tempfile.gettempdir()).glob("bluelamp-selfcheck-*"))


def test_a_run_stores_nothing_anywhere_and_leaves_no_file(user_of, sample_zip):
    staff = user_of(Role.STAFF)
    before, files = _counts(), _leftovers()
    report = services.self_check_run(actor=staff, upload=_upload(sample_zip))
    assert report["flagged"] == 4 and report["save_token"]
    assert _counts() == before
    assert _leftovers() == files


def test_a_saved_report_is_its_owner_s_alone_and_writes_no_audit_event(user_of, sample_zip):
    staff, other = user_of(Role.STAFF), user_of(Role.CCD)
    report = services.self_check_run(actor=staff, upload=_upload(sample_zip))
    with pytest.raises(InvalidInputError):
        services.saved_check_save(actor=other, save_token=report["save_token"])
    saved = services.saved_check_save(actor=staff, save_token=report["save_token"], title="Mine")
    assert saved.report["flagged"] == 4 and "save_token" not in saved.report
    assert not AuditEvent.objects.exists()
    with pytest.raises(NotFoundError):
        services.saved_check_delete(saved_check=saved, actor=other)
    services.saved_check_delete(saved_check=saved, actor=staff)
    assert not SavedSelfCheck.objects.exists()
    assert not AuditEvent.objects.exists()


def test_no_role_s_group_can_hold_a_permission_on_saved_reports():
    from django.contrib.auth.models import Permission

    assert not Permission.objects.filter(content_type__app_label="selfcheck").exists()


@pytest.mark.parametrize("role", list(Role))
def test_every_page_for_every_role_shows_only_their_own(client, user_of, sample_zip, role):
    owner = user_of(Role.STAFF)
    theirs = SavedSelfCheck.objects.create(
        owner=owner, title="Owner's report", saved_at="2026-01-01T00:00Z", report={"x": 1}
    )
    client.force_login(user_of(role))
    start = client.get(reverse("selfcheck:start"))
    assert start.status_code == 200 and "Owner's report" not in start.content.decode()
    assert "no-store" in start["Cache-Control"]
    assert client.get(reverse("selfcheck:saved", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("selfcheck:delete", args=[theirs.pk])).status_code == 404
    assert SavedSelfCheck.objects.filter(pk=theirs.pk).exists()
    answer = client.post(reverse("selfcheck:start"), {"file": _upload(sample_zip)})
    assert answer.status_code == 200 and "Vote Labour" in answer.content.decode()


def test_run_save_open_and_delete_through_the_pages(client, user_of, sample_zip):
    client.force_login(user_of(Role.STAFF))
    page = client.post(reverse("selfcheck:start"), {"file": _upload(sample_zip)})
    html = page.content.decode()
    assert "4</strong> to look at again" in html and "no-store" in page["Cache-Control"]
    token = page.context["save_form"].initial["save_token"]
    saved = client.post(reverse("selfcheck:save"), {"save_token": token, "title": "Jan"})
    item = SavedSelfCheck.objects.get()
    assert saved.url == reverse("selfcheck:saved", args=[item.pk])
    assert "Raid on Monday" in client.get(saved.url).content.decode()
    client.post(reverse("selfcheck:delete", args=[item.pk]))
    assert not SavedSelfCheck.objects.exists()


def test_an_unreadable_upload_names_the_file(client, user_of):
    client.force_login(user_of(Role.STAFF))
    bad = SimpleUploadedFile("mine.jsonl", b"not json\n")
    page = client.post(reverse("selfcheck:start"), {"file": bad})
    assert page.status_code == 400
    assert "mine.jsonl, line 1" in page.content.decode()
    assert client.post(reverse("selfcheck:start"), {}).status_code == 400


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(client):
    assert client.get(reverse("selfcheck:start")).status_code == 302
