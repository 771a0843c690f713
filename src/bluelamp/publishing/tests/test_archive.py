"""The archive (CC/01 4.4, 4.26): search, who sees what, the post's page, and the import."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse

from bluelamp.audit.models import AuditEvent
from bluelamp.audit.services import audit_record
from bluelamp.core.errors import PermissionDeniedError
from bluelamp.core.models import User
from bluelamp.core.roles import Role
from bluelamp.publishing import archive, errors
from bluelamp.publishing.models import Approval, Post, PostImage, Removal
from bluelamp.social_accounts.models import Account
from bluelamp.social_accounts.tests.factories import AccountFactory, ForceUserFactory

NOW = dt.datetime(2026, 11, 30, 10, 0, tzinfo=dt.UTC)


def finding(rule: str, *, clause: str = "4.1", severity: str = "advise", **extra: Any) -> dict:
    return {
        "rule": rule,
        "clause": clause,
        "severity": severity,
        "message": extra.get("message", f"{rule} found something"),
        "start": extra.get("start"),
        "end": extra.get("end"),
        "excerpt": extra.get("excerpt"),
    }


def make_post(account: Account, **fields: Any) -> Post:
    """A post as the services leave it once published (built directly)."""
    published_at = fields.pop("published_at", NOW - dt.timedelta(days=1))
    defaults: dict[str, Any] = {
        "account": account,
        "author": account.owner,
        "text": "Thanks to everyone who came to the Dudley beat meeting.",
        "state": "published",
        "verdict": "pass",
        "findings": [],
        "checked_at": published_at,
        "published_at": published_at,
        "created_at": published_at - dt.timedelta(hours=1),
        "updated_at": published_at,
    }
    defaults.update(fields)
    if defaults["state"] not in ("published", "removed") and "published_at" not in fields:
        defaults["published_at"] = None
    return Post.objects.create(**defaults)


@dataclass
class World:
    manager: User
    author: User
    colleague: User
    outsider: User
    ccd: User
    psd: User
    auditor: User
    infosec: User
    team: Account
    other: Account


def build_world() -> World:
    """The people and accounts the archive and disclosure tests share."""
    manager = ForceUserFactory(username="manager", roles=[Role.STAFF, Role.LINE_MANAGER])
    author = ForceUserFactory(
        username="author", display_name="PC Jo Bloggs", roles=[Role.STAFF], line_manager=manager
    )
    colleague = ForceUserFactory(username="colleague", roles=[Role.STAFF], line_manager=manager)
    other_manager = ForceUserFactory(username="manager2", roles=[Role.STAFF, Role.LINE_MANAGER])
    outsider = ForceUserFactory(
        username="outsider",
        display_name="PC Sam Other",
        roles=[Role.STAFF],
        line_manager=other_manager,
    )
    return World(
        manager=manager,
        author=author,
        colleague=colleague,
        outsider=outsider,
        ccd=ForceUserFactory(username="ccd", roles=[Role.STAFF, Role.CCD]),
        psd=ForceUserFactory(username="psd", roles=[Role.PSD]),
        auditor=ForceUserFactory(username="auditor", roles=[Role.AUDITOR]),
        infosec=ForceUserFactory(username="infosec", roles=[Role.INFOSEC]),
        team=AccountFactory(platform="x", handle="WMPDudley", owner=author, members=[colleague]),
        other=AccountFactory(platform="facebook", handle="WMPWalsall", owner=outsider),
    )


@pytest.fixture
def world(db) -> World:
    return build_world()


def ids(posts) -> set[int]:
    return {post.pk for post in posts}


# --------------------------------------------------------------------------- what is archived


def test_archive_holds_published_removed_and_imported_posts_only(world):
    published = make_post(world.team)
    removed = make_post(world.team, state="removed", removed_at=NOW)
    imported = make_post(world.team, source="imported", author=None, author_text="PC Old")
    for state in ("draft", "awaiting_approval", "ready", "scheduled", "failed", "withdrawn"):
        make_post(world.team, state=state)

    found = archive.archive_search(user=world.ccd)

    assert ids(found) == {published.pk, removed.pk, imported.pk}


def test_archive_is_newest_first(world):
    old = make_post(world.team, published_at=NOW - dt.timedelta(days=9))
    new = make_post(world.team, published_at=NOW - dt.timedelta(hours=1))
    middle = make_post(world.other, published_at=NOW - dt.timedelta(days=2))

    assert [p.pk for p in archive.archive_search(user=world.auditor)] == [
        new.pk,
        middle.pk,
        old.pk,
    ]


# ----------------------------------------------------------------------------------- search


def test_search_by_text_ignores_case_and_matches_in_part(world):
    road = make_post(world.team, text="The A34 is CLOSED at Walsall Road after a collision.")
    make_post(world.team, text="Beat meeting tonight.")

    assert ids(archive.archive_search(user=world.ccd, q="walsall road")) == {road.pk}


def test_search_by_account(world):
    on_team = make_post(world.team)
    make_post(world.other)

    assert ids(archive.archive_search(user=world.ccd, account=world.team.pk)) == {on_team.pk}
    assert ids(archive.archive_search(user=world.ccd, account="not a number")) == set()


def test_search_by_author_matches_users_and_imported_authors(world):
    by_jo = make_post(world.team, author=world.author)
    by_sam = make_post(world.other, author=world.outsider)
    imported = make_post(world.other, author=None, author_text="Sgt Jo Imported", source="imported")

    assert ids(archive.archive_search(user=world.ccd, author="author")) == {by_jo.pk}
    assert ids(archive.archive_search(user=world.ccd, author="Sam Other")) == {by_sam.pk}
    assert ids(archive.archive_search(user=world.ccd, author="jo")) == {by_jo.pk, imported.pk}


def test_search_by_rule_finds_posts_whose_findings_include_it(world):
    with_rule = make_post(
        world.team,
        verdict="record",
        findings=[finding("personal-data"), finding("disclosure-log", clause="4.24")],
    )
    # The rule's id quoted inside a message or excerpt is not a finding from that rule.
    quoted = make_post(
        world.team,
        verdict="advise",
        findings=[
            finding(
                "force-link",
                message='Mentions "rule": "disclosure-log" in quotes',
                excerpt='{"rule": "disclosure-log"}',
            )
        ],
    )
    make_post(world.team)

    assert ids(archive.archive_search(user=world.ccd, rule="disclosure-log")) == {with_rule.pk}
    assert ids(archive.archive_search(user=world.ccd, rule="force-link")) == {quoted.pk}
    assert ids(archive.archive_search(user=world.ccd, rule="personal-data")) == {with_rule.pk}
    assert ids(archive.archive_search(user=world.ccd, rule="no-such-rule")) == set()
    # A rule whose id is the start of another's does not match it.
    assert ids(archive.archive_search(user=world.ccd, rule="appeal-link")) == set()


def test_search_by_published_date_uses_whole_uk_days(world):
    # 23:30 UTC on 1 June is 00:30 on 2 June in London (BST).
    late = make_post(world.team, published_at=dt.datetime(2026, 6, 1, 23, 30, tzinfo=dt.UTC))
    early = make_post(world.team, published_at=dt.datetime(2026, 6, 1, 0, 30, tzinfo=dt.UTC))
    make_post(world.team, published_at=dt.datetime(2026, 5, 20, 12, 0, tzinfo=dt.UTC))

    def search(**dates):
        return ids(archive.archive_search(user=world.ccd, **dates))

    assert search(published_from=dt.date(2026, 6, 2)) == {late.pk}
    assert search(published_to=dt.date(2026, 6, 1), published_from=dt.date(2026, 6, 1)) == {
        early.pk
    }
    assert search(published_from=dt.date(2026, 6, 1), published_to=dt.date(2026, 6, 2)) == {
        late.pk,
        early.pk,
    }


def test_search_by_state_and_source(world):
    published = make_post(world.team)
    removed = make_post(world.team, state="removed", removed_at=NOW)
    imported = make_post(world.team, source="imported", author=None)

    assert ids(archive.archive_search(user=world.ccd, state="removed")) == {removed.pk}
    assert ids(archive.archive_search(user=world.ccd, state="published")) == {
        published.pk,
        imported.pk,
    }
    assert ids(archive.archive_search(user=world.ccd, source="imported")) == {imported.pk}


def test_archive_page_applies_the_filters(client, world):
    wanted = make_post(
        world.team,
        text="Witness appeal: Bilston Road",
        findings=[finding("disclosure-log", clause="4.24")],
        published_at=dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC),
    )
    make_post(world.team, text="Witness appeal: Bilston Road, again")
    make_post(
        world.other, text="Witness appeal: Bilston Road", findings=[finding("disclosure-log")]
    )
    client.force_login(world.auditor)

    response = client.get(
        reverse("publishing:archive"),
        {
            "q": "bilston",
            "account": world.team.pk,
            "rule": "disclosure-log",
            "published_from": "2026-03-10",
            "published_to": "2026-03-10",
        },
    )

    assert response.status_code == 200
    assert list(response.context["page"]) == [wanted]
    assert reverse("publishing:archive_detail", args=[wanted.public_id]) in response.text


def test_archive_page_refuses_an_end_date_before_the_start(client, world):
    make_post(world.team)
    client.force_login(world.ccd)

    response = client.get(
        reverse("publishing:archive"),
        {"published_from": "2026-03-10", "published_to": "2026-03-01"},
    )

    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert "The end date must be the same as or after the start" in response.text


def test_archive_page_is_paginated(client, world):
    for n in range(51):
        make_post(world.team, published_at=NOW - dt.timedelta(minutes=n), text=f"Post {n}")
    client.force_login(world.ccd)

    first = client.get(reverse("publishing:archive"))
    older = first.context["page"].next_cursor
    second = client.get(reverse("publishing:archive"), {"after": older})

    assert len(first.context["page"]) == 50
    assert 'aria-label="Pagination"' in first.text and f"after={older}" in first.text
    assert "51 posts" in first.text
    assert [p.text for p in second.context["page"]] == ["Post 50"]
    newer = second.context["page"].previous_cursor
    back = client.get(reverse("publishing:archive"), {"before": newer})
    assert list(back.context["page"]) == list(first.context["page"])


# ------------------------------------------------------------------------------- visibility


@pytest.fixture
def two_posts(world):
    return make_post(world.team, author=world.author), make_post(world.other, author=world.outsider)


def test_staff_see_only_the_posts_on_their_accounts(world, two_posts):
    mine, theirs = two_posts

    assert ids(archive.archive_search(user=world.author)) == {mine.pk}
    assert ids(archive.archive_search(user=world.colleague)) == {mine.pk}  # on the roster
    assert ids(archive.archive_search(user=world.outsider)) == {theirs.pk}


def test_a_line_manager_sees_their_teams_posts(world, two_posts):
    mine, _ = two_posts

    assert ids(archive.archive_search(user=world.manager)) == {mine.pk}


@pytest.mark.parametrize("who", ["ccd", "psd", "auditor"])
def test_ccd_psd_and_auditors_see_every_post(world, two_posts, who):
    assert ids(archive.archive_search(user=getattr(world, who))) == ids(two_posts)


def test_information_security_alone_may_not_open_the_archive(client, world, two_posts):
    mine, _ = two_posts
    client.force_login(world.infosec)

    assert archive.archive_search(user=world.infosec).count() == 0
    assert client.get(reverse("publishing:archive")).status_code == 403
    detail = reverse("publishing:archive_detail", args=[mine.public_id])
    assert client.get(detail).status_code == 403


def test_information_security_with_another_role_sees_what_that_role_sees(client, world, two_posts):
    both = ForceUserFactory(username="infosec_psd", roles=[Role.INFOSEC, Role.PSD])
    client.force_login(both)

    response = client.get(reverse("publishing:archive"))

    assert response.status_code == 200
    assert response.context["count"].value == 2


def test_staff_get_404_for_a_post_not_theirs(client, world, two_posts):
    _, theirs = two_posts
    client.force_login(world.author)

    response = client.get(reverse("publishing:archive_detail", args=[theirs.public_id]))

    assert response.status_code == 404


def test_a_post_that_never_went_out_is_not_in_the_archive(client, world):
    draft = make_post(world.team, state="draft")
    client.force_login(world.ccd)

    response = client.get(reverse("publishing:archive_detail", args=[draft.public_id]))

    assert response.status_code == 404


def test_the_navigation_offers_the_archive_to_readers_only(client, world):
    client.force_login(world.author)
    assert "Archive" in [item["text"] for item in client.get("/").context["navigation"]]
    client.force_login(world.infosec)
    assert "Archive" not in [item["text"] for item in client.get("/").context["navigation"]]


# ------------------------------------------------------------------------------ detail page


def test_the_post_page_shows_everything_kept_about_the_post(client, world):
    post = make_post(
        world.team,
        text="Can you help? We are appealing for witnesses to a collision on Bilston Road.",
        state="removed",
        verdict="record",
        findings=[finding("disclosure-log", clause="4.24", severity="record", excerpt="witnesses")],
        crime_ref="20/1234/26",
        incident_log_ref="LOG 0457 30/11",
        oic_told=True,
        oic_name="DC Rana",
        recorded_by=world.author,
        recorded_at=NOW - dt.timedelta(days=1),
        platform_post_id="1862000000000000001",
        platform_url="https://x.com/WMPDudley/status/1862000000000000001",
        removed_at=NOW,
    )
    Approval.objects.create(
        post=post,
        approver=world.manager,
        as_role="manager",
        decision="approved",
        note="Fine to go: checked with the OIC.",
        text_seen=post.text,
        findings_seen=post.findings,
        decided_at=NOW - dt.timedelta(days=2),
    )
    Removal.objects.create(
        post=post,
        requested_by=world.ccd,
        reason="The witness has come forward.",
        outcome="deleted",
        detail="",
        at=NOW,
    )
    image = PostImage.objects.create(
        post=post,
        data=b"\x89PNG fake",
        mime_type="image/png",
        width=800,
        height=600,
        sha256="0" * 64,
        alt_text="The junction of Bilston Road",
        force_owns=True,
        uploaded_by=world.author,
        uploaded_at=NOW - dt.timedelta(days=3),
    )
    with transaction.atomic():
        audit_record(
            actor=world.author,
            action="post.edited",
            target=post,
            before={"text": "Old words"},
            after={"text": post.text},
            now=NOW - dt.timedelta(days=3),
        )
        audit_record(
            actor=world.ccd,
            action="post.removed",
            target=post,
            before={"state": "published"},
            after={"state": "removed", "reason": "The witness has come forward."},
            now=NOW,
        )
    client.force_login(world.psd)

    response = client.get(reverse("publishing:archive_detail", args=[post.public_id]))

    assert response.status_code == 200
    page = response.text
    for expected in (
        "Bilston Road",
        "@WMPDudley",
        "PC Jo Bloggs",
        "1862000000000000001",
        "https://x.com/WMPDudley/status/1862000000000000001",
        "disclosure-log",
        "20/1234/26",
        "LOG 0457 30/11",
        "DC Rana",
        "Fine to go: checked with the OIC.",
        "Line manager",
        "The witness has come forward.",
        "Deleted on the platform",
        "Post text changed by its author",
        "Post removed from the platform",
        "Old words",
        "The junction of Bilston Road",
        reverse("publishing:post_image", args=[post.public_id, image.public_id]),
        reverse("publishing:disclosure_schedule", args=["20/1234/26"]),
    ):
        assert expected in page, expected
    assert [entry.event.action for entry in response.context["history"]] == [
        "post.edited",
        "post.removed",
    ]


def test_a_posts_history_lists_only_its_own_events(world):
    post = make_post(world.team)
    other = make_post(world.team)
    with transaction.atomic():
        audit_record(actor=world.author, action="post.published", target=post, now=NOW)
        audit_record(actor=world.author, action="post.published", target=other, now=NOW)

    history = archive.post_history(post)

    assert [entry.event.target_id for entry in history] == [str(post.pk)]


# ----------------------------------------------------------------------------------- import


def line(**fields: Any) -> str:
    data = {
        "account": {"platform": "x", "handle": "WMPDudley"},
        "text": "Road closed: the A34 at Walsall Road is closed after a collision.",
        "published_at": "2025-03-01T09:30:00Z",
        "platform_post_id": "1896000000000000001",
        "url": "https://x.com/WMPDudley/status/1896000000000000001",
        "author": "PC 1234 Old Hand",
    }
    data.update(fields)
    return json.dumps({k: v for k, v in data.items() if v is not None}) + "\n"


def test_import_stores_checked_published_posts_and_audits_the_import_once(world):
    lines = [
        line(),
        "\n",
        line(
            platform_post_id="1896000000000000002",
            text="WANTED: Liam Ward, 24, is wanted in connection with a robbery. Ring 101.",
            published_at="2025-03-02T10:00:00+00:00",
            author=None,
            url=None,
        ),
    ]

    result = archive.archive_import(lines, actor=world.ccd, now=NOW)

    assert len(result.imported) == 2 and result.skipped == []
    first, second = Post.objects.filter(source="imported").order_by("published_at")
    assert first.account == world.team
    assert first.state == "published" and first.source == "imported"
    assert first.author is None and first.author_text == "PC 1234 Old Hand"
    assert first.published_at == dt.datetime(2025, 3, 1, 9, 30, tzinfo=dt.UTC)
    assert first.platform_url.endswith("/1896000000000000001")
    assert first.checked_at == NOW
    assert second.verdict and second.findings, "the engine checked it"
    assert {f["rule"] for f in second.findings} >= {"appeal-account"}
    assert first.rules_version and first.rules_version == second.rules_version
    (event,) = AuditEvent.objects.filter(action="archive.imported")
    assert event.actor == world.ccd
    assert event.target_id == str(world.team.pk)
    assert event.after["imported"] == 2 and event.after["skipped"] == 0
    assert "WANTED" not in json.dumps(event.after), "counts, not contents"


def test_imported_posts_are_found_by_the_rule_they_broke(world):
    archive.archive_import(
        [line(text="WANTED: Liam Ward, 24, is wanted in connection with a robbery. Ring 101.")],
        actor=None,
        now=NOW,
    )

    assert archive.archive_search(user=world.ccd, rule="appeal-account").count() == 1


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("{not json", "line 2: is not valid JSON"),
        ('["a list"]', "line 2: must be one JSON object"),
        (line(text=""), 'line 2: "text" is missing'),
        (line(published_at="yesterday"), "line 2: \"published_at\" 'yesterday' is not a date"),
        (
            line(published_at="2025-03-01T09:30:00"),
            "line 2: \"published_at\" '2025-03-01T09:30:00' must say its time zone",
        ),
        (line(published_at="2027-01-01T00:00:00Z"), "is in the future"),
        (line(platform_post_id=None), 'line 2: "platform_post_id" is missing'),
        (
            line(account={"platform": "x", "handle": "NoSuch"}),
            "line 2: there is no x account @NoSuch",
        ),
        (
            line(url="javascript:alert(1)"),
            "line 2: \"url\" 'javascript:alert(1)' is not a web address",
        ),
        (line(colour="blue"), 'line 2: has fields the import does not know: "colour"'),
        (b"\xff\xfe not utf-8\n", "line 2: is not UTF-8 text"),
    ],
)
def test_a_malformed_line_names_the_line_and_nothing_is_imported(world, bad, message):
    lines = [line(), bad, line(platform_post_id="1896000000000000003")]

    with pytest.raises(errors.ArchiveImportError) as raised:
        archive.archive_import(lines, actor=None, now=NOW)

    assert message in raised.value.message
    assert raised.value.fields["problems"][0]["line"] == 2
    assert Post.objects.count() == 0
    assert not AuditEvent.objects.filter(action="archive.imported").exists()


def test_every_bad_line_is_named(world):
    with pytest.raises(errors.ArchiveImportError) as raised:
        archive.archive_import(["{", line(), "[]", "nope"], actor=None, now=NOW)

    assert [p["line"] for p in raised.value.fields["problems"]] == [1, 3, 4]


def test_a_post_already_in_the_archive_is_skipped_and_counted(world):
    make_post(world.team, platform_post_id="1896000000000000001")
    lines = [
        line(),  # already archived
        line(platform_post_id="1896000000000000002"),
        line(platform_post_id="1896000000000000002"),  # twice in the file
    ]

    result = archive.archive_import(lines, actor=None, now=NOW)

    assert len(result.imported) == 1
    assert [number for number, _ in result.skipped] == [1, 3]
    assert Post.objects.filter(platform_post_id="1896000000000000002").count() == 1
    (event,) = AuditEvent.objects.filter(action="archive.imported")
    assert (event.after["imported"], event.after["skipped"]) == (1, 2)


def test_the_same_post_id_on_another_account_is_a_different_post(world):
    make_post(world.other, platform_post_id="1896000000000000001")

    result = archive.archive_import([line()], actor=None, now=NOW)

    assert len(result.imported) == 1


def test_only_ccd_may_import(world):
    with pytest.raises(PermissionDeniedError):
        archive.archive_import([line()], actor=world.author, now=NOW)
    assert Post.objects.count() == 0


def test_a_default_account_serves_lines_that_name_none(world):
    result = archive.archive_import(
        [line(account=None)], actor=None, now=NOW, default_account=world.other
    )

    assert result.imported[0].account == world.other


def test_the_command_imports_a_file(world, tmp_path):
    path = tmp_path / "posts.jsonl"
    path.write_text(line() + line(platform_post_id="1896000000000000002", account=None))
    out = io.StringIO()

    call_command(
        "archive_import",
        str(path),
        "--platform",
        "x",
        "--account-handle",
        "@WMPDudley",
        "--actor",
        "ccd",
        stdout=out,
    )

    assert "Imported 2 posts; skipped 0" in out.getvalue()
    assert Post.objects.filter(source="imported", account=world.team).count() == 2
    assert set(
        AuditEvent.objects.filter(action="archive.imported").values_list(
            "actor__username", flat=True
        )
    ) == {"ccd"}


def test_the_command_names_the_bad_line_and_imports_nothing(world, tmp_path):
    path = tmp_path / "posts.jsonl"
    path.write_text(line() + line().replace('"text"', '"txt"'))
    err = io.StringIO()

    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("archive_import", str(path), stderr=err)

    assert "line 2" in err.getvalue() and '"txt"' in err.getvalue()
    assert Post.objects.count() == 0


def test_the_command_reports_skipped_posts(world, tmp_path):
    make_post(world.team, platform_post_id="1896000000000000001")
    path = tmp_path / "posts.jsonl"
    path.write_text(line())
    out = io.StringIO()

    call_command("archive_import", str(path), stdout=out)

    assert "line 1: skipped, already in the archive" in out.getvalue()
    assert "Imported 0 posts; skipped 1" in out.getvalue()


def test_whoever_may_remove_a_published_post_is_offered_the_way(client, world):
    post = make_post(world.team, author=world.author)
    client.force_login(world.author)

    response = client.get(reverse("publishing:archive_detail", args=[post.public_id]))

    assert response.context["can_remove"]
    assert reverse("publishing:post_detail", args=[post.public_id]) in response.text
    client.force_login(world.auditor)
    response = client.get(reverse("publishing:archive_detail", args=[post.public_id]))
    assert not response.context["can_remove"]
