"""The archive's account filter: a drop-down while the archive's accounts are few, a handle to
type once they are many (a menu of thousands is a page nobody can use)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bluelamp.publishing import views_archive
from bluelamp.publishing.tests.test_archive import build_world, make_post
from bluelamp.social_accounts.tests.factories import AccountFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_world()


def test_few_accounts_are_a_drop_down(client, world):
    make_post(world.team)
    client.force_login(world.ccd)

    response = client.get(reverse("publishing:archive"))

    assert not response.context["form"].account_is_typed
    assert '<select class="govuk-select' in response.text and "@WMPDudley (X" in response.text


def test_past_the_limit_the_handle_is_typed_and_finds_its_account(client, world, monkeypatch):
    monkeypatch.setattr(views_archive, "ACCOUNT_MENU_LIMIT", 1)
    mine = make_post(world.team, text="On Dudley's account.")
    make_post(world.other, text="On Walsall's account.")
    client.force_login(world.ccd)

    blank = client.get(reverse("publishing:archive"))
    found = client.get(reverse("publishing:archive"), {"account": "@wmpdudley"})

    assert blank.context["form"].account_is_typed
    assert 'name="account" type="text"' in blank.text
    assert found.status_code == 200
    assert [p.pk for p in found.context["page"]] == [mine.pk]
    assert 'value="@wmpdudley"' in found.text  # what was typed stays in the box


def test_an_unknown_or_ambiguous_handle_is_explained(client, world, monkeypatch):
    monkeypatch.setattr(views_archive, "ACCOUNT_MENU_LIMIT", 1)
    make_post(world.team)
    make_post(world.other)
    twin = AccountFactory(platform="facebook", handle="WMPDudley", owner=world.author)
    make_post(twin)
    client.force_login(world.ccd)

    unknown = client.get(reverse("publishing:archive"), {"account": "@NoSuchAccount"})
    ambiguous = client.get(reverse("publishing:archive"), {"account": "WMPDudley"})
    chosen = client.get(reverse("publishing:archive"), {"account": "facebook:@WMPDudley"})

    assert unknown.status_code == 400
    assert "No account in the archive has the handle @NoSuchAccount" in unknown.text
    assert ambiguous.status_code == 400
    assert "facebook:@WMPDudley" in ambiguous.text and "x:@WMPDudley" in ambiguous.text
    assert chosen.status_code == 200
    assert {p.account_id for p in chosen.context["page"]} == {twin.pk}
