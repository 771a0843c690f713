"""Disclosure schedules per investigation (CC/01 4.24; CPIA 1996): grouping, who sees what,
the CSV (columns, UK times, formula injection) and the PDF."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from bluelamp.core.roles import Role
from bluelamp.core.testing.pdf import pdf_text
from bluelamp.publishing import disclosure
from bluelamp.publishing.tests.test_archive import World, build_world, finding, make_post
from bluelamp.social_accounts.tests.factories import ForceUserFactory

CRIME = "20/1234/26"
LOG = "LOG 0457 30/11"


@pytest.fixture
def world(db) -> World:
    return build_world()


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(body)))


@pytest.fixture
def case(world):
    """Two posts on the crime (one also on the log), one on the log only, one on another
    team's account under the same crime, and one with no reference."""
    first = make_post(
        world.team,
        text="Appeal for witnesses: collision on Bilston Road.",
        crime_ref=CRIME,
        incident_log_ref=LOG,
        recorded_by=world.author,
        recorded_at=dt.datetime(2026, 7, 1, 8, 5, tzinfo=dt.UTC),
        published_at=dt.datetime(2026, 7, 1, 8, 0, tzinfo=dt.UTC),
        platform_url="https://x.com/WMPDudley/status/1",
        platform_post_id="1",
        findings=[finding("disclosure-log", clause="4.24", severity="record")],
        verdict="record",
    )
    second = make_post(
        world.team,
        text="Update: the road has reopened.",
        crime_ref=CRIME,
        oic_told=True,
        oic_name="DC Rana",
        published_at=dt.datetime(2026, 7, 2, 9, 0, tzinfo=dt.UTC),
        state="removed",
        removed_at=dt.datetime(2026, 7, 3, 9, 0, tzinfo=dt.UTC),
    )
    log_only = make_post(
        world.team,
        incident_log_ref="LOG 0999 01/12",
        published_at=dt.datetime(2026, 7, 5, 9, 0, tzinfo=dt.UTC),
    )
    elsewhere = make_post(
        world.other,
        crime_ref=CRIME,
        published_at=dt.datetime(2026, 7, 4, 9, 0, tzinfo=dt.UTC),
    )
    make_post(world.team, crime_ref=CRIME, state="draft")  # never went out: not scheduled
    make_post(world.team, oic_told=True, oic_name="DC Rana")  # no reference
    return first, second, log_only, elsewhere


def test_investigations_are_grouped_by_crime_reference_else_incident_log(world, case):
    found = {i.ref: i for i in disclosure.investigation_list(user=world.ccd)}

    assert set(found) == {CRIME, "LOG 0999 01/12"}
    assert found[CRIME].posts == 3 and found[CRIME].is_crime_ref
    assert found["LOG 0999 01/12"].posts == 1 and not found["LOG 0999 01/12"].is_crime_ref
    assert disclosure.oic_only_count(user=world.ccd) == 1


def test_a_schedule_includes_posts_recorded_against_the_log_too(world, case):
    first, *_ = case

    posts = list(disclosure.schedule_posts(user=world.ccd, ref=LOG.lower()))

    assert posts == [first]


def test_staff_see_only_their_accounts_posts_on_a_schedule(world, case):
    first, second, _, elsewhere = case

    assert list(disclosure.schedule_posts(user=world.author, ref=CRIME)) == [first, second]
    assert list(disclosure.schedule_posts(user=world.outsider, ref=CRIME)) == [elsewhere]
    assert [i.posts for i in disclosure.investigation_list(user=world.outsider)] == [1]


@pytest.mark.parametrize("who", ["ccd", "psd", "auditor"])
def test_ccd_psd_and_auditors_see_the_whole_schedule(client, world, case, who):
    client.force_login(getattr(world, who))

    response = client.get(reverse("publishing:disclosure_schedule", args=[CRIME]))

    assert response.status_code == 200
    assert len(response.context["schedule"].posts) == 3


def test_the_list_page_links_each_schedule(client, world, case):
    client.force_login(world.auditor)

    response = client.get(reverse("publishing:disclosure_list"))

    assert response.status_code == 200
    assert reverse("publishing:disclosure_schedule", args=[CRIME]) in response.text
    assert "1 published post records only that the officer in the case was told" in response.text


def test_information_security_alone_is_refused(client, world, case):
    client.force_login(world.infosec)

    for name, args in (
        ("publishing:disclosure_list", []),
        ("publishing:disclosure_schedule", [CRIME]),
        ("publishing:disclosure_csv", [CRIME]),
        ("publishing:disclosure_pdf", [CRIME]),
    ):
        assert client.get(reverse(name, args=args)).status_code == 403, name


def test_a_schedule_with_none_of_your_posts_is_not_found(client, world, case):
    stranger = ForceUserFactory(username="stranger", roles=[Role.STAFF])
    client.force_login(stranger)

    for name in ("disclosure_schedule", "disclosure_csv", "disclosure_pdf"):
        response = client.get(reverse(f"publishing:{name}", args=[CRIME]))
        assert response.status_code == 404, name
    client.force_login(world.ccd)
    assert client.get(reverse("publishing:disclosure_schedule", args=["NOPE"])).status_code == 404


def test_the_csv_has_the_schedule_columns_in_uk_time(client, world, case):
    client.force_login(world.ccd)

    response = client.get(reverse("publishing:disclosure_csv", args=[CRIME]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    header, *rows = csv_rows(response)
    assert header == list(disclosure.COLUMNS)
    assert header[:6] == [
        "Number",
        "Published (UK time)",
        "Account handle",
        "Platform",
        "Author",
        "Text",
    ]
    assert len(rows) == 3
    first = dict(zip(header, rows[0], strict=True))
    assert first["Number"] == "1"
    assert first["Published (UK time)"] == "2026-07-01 09:00:00 BST"
    assert first["Account handle"] == "WMPDudley"
    assert first["Author"] == "PC Jo Bloggs (author)"
    assert first["Text"] == "Appeal for witnesses: collision on Bilston Road."
    assert first["Platform URL"] == "https://x.com/WMPDudley/status/1"
    assert first["Crime reference"] == CRIME
    assert first["Incident log reference"] == LOG
    assert first["Recorded by"] == "PC Jo Bloggs (author)"
    assert first["Recorded at (UK time)"] == "2026-07-01 09:05:00 BST"
    assert first["Rules found"] == "disclosure-log (4.24)"
    assert first["State"] == "Published"
    second = dict(zip(header, rows[1], strict=True))
    assert second["Officer in the case told"] == "yes"
    assert second["Officer in the case"] == "DC Rana"
    assert second["State"] == "Removed"
    assert second["Removed (UK time)"] == "2026-07-03 10:00:00 BST"


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_csv_cells_cannot_run_as_formulas(client, world, start):
    make_post(
        world.team,
        text=f'{start}HYPERLINK("https://evil.example","click")',
        author=None,
        author_text=f"{start}cmd|' /C calc'!A0",
        crime_ref="CR/1",
        oic_told=True,
        oic_name=f"{start}1+1",
    )
    client.force_login(world.ccd)

    header, row = csv_rows(client.get(reverse("publishing:disclosure_csv", args=["CR/1"])))

    values = dict(zip(header, row, strict=True))
    assert values["Text"] == f'\'{start}HYPERLINK("https://evil.example","click")'
    assert values["Author"] == f"'{start}cmd|' /C calc'!A0"
    assert values["Officer in the case"] == f"'{start}1+1"
    assert all(not cell.startswith(("=", "+", "-", "@")) for cell in row)


def test_the_pdf_is_a_pdf_naming_the_reference(client, world, case):
    client.force_login(world.psd)

    response = client.get(reverse("publishing:disclosure_pdf", args=[CRIME]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert CRIME in text
    assert "Bilston Road" in text
    assert "DC Rana" in text


def test_the_schedule_page_lists_each_post_with_its_record(client, world, case):
    first, *_ = case
    client.force_login(world.author)

    response = client.get(reverse("publishing:disclosure_schedule", args=[CRIME]))

    assert response.status_code == 200
    assert reverse("publishing:archive_detail", args=[first.public_id]) in response.text
    assert reverse("publishing:disclosure_csv", args=[CRIME]) in response.text
    assert reverse("publishing:disclosure_pdf", args=[CRIME]) in response.text
    assert "DC Rana" in response.text


def test_each_download_is_in_the_audit_trail_with_its_posts(client, world, case):
    from bluelamp.audit.models import AuditEvent

    client.force_login(world.psd)
    client.get(reverse("publishing:disclosure_pdf", args=[CRIME]))
    b"".join(client.get(reverse("publishing:disclosure_csv", args=[CRIME])).streaming_content)

    events = AuditEvent.objects.filter(action="post.disclosure_exported").order_by("sequence")
    assert [e.after["format"] for e in events] == ["pdf", "csv"]
    assert sorted(events[0].after["posts"]) == sorted(p.pk for p in case if p.crime_ref == CRIME)
    assert events[0].target_id == CRIME
