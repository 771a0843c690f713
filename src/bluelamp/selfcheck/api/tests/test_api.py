"""The self-check's API: every endpoint for every role, each person's reports their own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.urls import reverse

from bluelamp.core.roles import Role
from bluelamp.selfcheck.models import SavedSelfCheck

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parents[2] / "tests/data/sample-x-archive"


@pytest.fixture
def sample_zip(tmp_path) -> Path:
    return Path(shutil.make_archive(str(tmp_path / "twitter-archive"), "zip", SAMPLE))


@pytest.mark.parametrize("role", list(Role))
def test_every_endpoint_for_every_role(api_as, user_of, sample_zip, role):
    owner = user_of(Role.STAFF)
    theirs = SavedSelfCheck.objects.create(
        owner=owner, title="Owner's", saved_at="2026-01-01T00:00Z", report={"x": 1}
    )
    api = api_as(role)
    assert api.get(reverse("api:self_check_saved_list")).json() == []
    assert api.get(reverse("api:self_check_saved", args=[theirs.pk])).status_code == 404
    assert api.delete(reverse("api:self_check_saved", args=[theirs.pk])).status_code == 404
    assert SavedSelfCheck.objects.filter(pk=theirs.pk).exists()
    with sample_zip.open("rb") as f:
        run = api.post(reverse("api:self_check"), {"file": f}, format="multipart")
    assert run.status_code == 200 and run.json()["flagged"] == 4
    saved = api.post(
        reverse("api:self_check_saved_list"),
        {"save_token": run.json()["save_token"], "title": "Mine"},
        format="json",
    )
    assert saved.status_code == 201
    mine = saved.json()["id"]
    assert [r["id"] for r in api.get(reverse("api:self_check_saved_list")).json()] == [mine]
    assert api.delete(reverse("api:self_check_saved", args=[mine])).status_code == 204


def test_not_signed_in_is_refused(api_client):
    assert api_client.get(reverse("api:self_check_saved_list")).status_code in (401, 403)
