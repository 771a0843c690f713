"""The requests queue's search finds words in a request's notes by full-text search, on
either database, for those who may see requests only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse

from bluelamp.core.roles import Role
from bluelamp.data_requests import selectors
from bluelamp.data_requests.models import RemovalRequest
from bluelamp.data_requests.tests.factories import RemovalRequestFactory
from bluelamp.publishing import search_schema
from bluelamp.publishing.search import fulltext

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 2)


def found(user, q: str) -> set[int]:
    rows = selectors.removal_request_queue(user=user, today=TODAY, show="all", search=q)
    return {d.request.pk for d in rows}


@pytest.fixture
def requests_():
    suspect = RemovalRequestFactory(
        requester_name="Alex Doe",
        request_text="The post names me as a suspect in the Bloxwich burglaries.",
    )
    photo = RemovalRequestFactory(
        requester_name="Sam Roe",
        request_text="My daughter's photograph was shared in the appeal.",
        response_summary="The photograph was cropped and the appeal reposted.",
    )
    extended = RemovalRequestFactory(
        requester_name="Kim Poe",
        request_text="Remove my address.",
        extension_reasons="Complex: several platforms hold copies.",
    )
    return suspect, photo, extended


def test_words_in_the_notes_are_found_in_any_form(force, requests_):
    suspect, photo, extended = requests_

    assert found(force.infosec, "burglary") == {suspect.pk}
    assert found(force.infosec, "photographs cropped") == {photo.pk}
    assert found(force.infosec, '"several platforms"') == {extended.pk}
    assert found(force.infosec, "appeal -cropped") == set()
    assert found(force.auditor, "platform*") == {extended.pk}


def test_name_and_reference_still_find_a_request(force, requests_):
    suspect, _, _ = requests_

    assert found(force.infosec, "alex d") == {suspect.pk}
    assert found(force.infosec, suspect.reference) == {suspect.pk}


def test_hostile_searches_find_nothing_quietly(force, requests_):
    for q in ['"', "*", "-", "NEAR(", "x:y", "'; DROP TABLE x; --", "\x00", "OR"]:
        found(force.infosec, q)


def test_the_index_follows_changes(force, requests_):
    suspect, _, _ = requests_
    RemovalRequest.objects.filter(pk=suspect.pk).update(response_summary="Post withdrawn.")

    assert found(force.infosec, "withdrawn") == {suspect.pk}
    assert found(force.infosec, "burglary") == {suspect.pk}


def test_no_one_else_finds_requests_by_their_notes(client, force, requests_):
    for role in Role:
        if role in (Role.INFOSEC, Role.AUDITOR):
            continue
        user = force.by_role[role]
        assert found(user, "burglary") == set()
        client.force_login(user)
        response = client.get(reverse("data_requests:queue"), {"q": "burglary", "show": "all"})
        assert response.status_code in (403, 404)
        assert requests_[0].reference not in response.content.decode()


def test_the_queue_page_finds_words_in_the_notes(client, force, requests_):
    suspect, photo, _ = requests_
    client.force_login(force.infosec)

    page = client.get(reverse("data_requests:queue"), {"q": "burglaries", "show": "all"})

    assert page.status_code == 200
    assert f">{suspect.reference}<" in page.content.decode()
    assert f">{photo.reference}<" not in page.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN indexes are PostgreSQL's")
def test_the_notes_search_can_use_its_gin_index(force):
    words = fulltext(
        RemovalRequest.objects.all(),
        "burglary",
        document="search_entry__document",
        beside="request_text",
        vector=search_schema.REMOVAL_REQUESTS.vector_column,
    ).only("pk")
    sql, params = words.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert search_schema.REMOVAL_REQUESTS.vector_index in plan, plan
