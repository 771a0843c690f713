"""Posts linked from the archive (issue 5, CC/01 4.26–4.31): information security finds a post
on ANY account and links it (each copy once); a task on a linked post is recorded as done from
the archive's confirmed removal of it, with the platform's confirmation as the evidence."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.urls import reverse

from bluelamp.audit.models import AuditEvent
from bluelamp.core.errors import (
    InvalidInputError,
    InvalidTransitionError,
    NotFoundError,
    PermissionDeniedError,
)
from bluelamp.core.roles import Role
from bluelamp.data_requests import selectors, views
from bluelamp.data_requests.choices import Outcome, RequestStatus
from bluelamp.data_requests.models import PostDecision, RemovalTask
from bluelamp.data_requests.services.actioning import (
    EVIDENCE_RESPONSE_CHARS,
    platform_response_text,
    removal_task_complete_from_archive,
)
from bluelamp.data_requests.services.intake import EXCERPT_CHARS, removal_request_post_add
from bluelamp.data_requests.tests.factories import (
    PostDecisionFactory,
    RemovalRequestFactory,
    RemovalTaskFactory,
)
from bluelamp.publishing.models import Post, Removal
from bluelamp.social_accounts.tests.factories import AccountFactory, ForceUserFactory

pytestmark = pytest.mark.django_db

#: Monday 2 March 2026, 10:00 UTC (the request was received on 27 February).
NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
PUBLISHED = dt.datetime(2026, 2, 20, 9, 30, tzinfo=dt.UTC)
REMOVED = dt.datetime(2026, 3, 1, 14, 5, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr(views, "now", lambda: NOW)


def make_post(account, **fields: Any) -> Post:
    """A post as the publishing services leave it once published (built directly)."""
    defaults: dict[str, Any] = {
        "account": account,
        "author": account.owner,
        "text": "Police are looking for Dana Whitlock, 34, in connection with a burglary in "
        "Dudley town centre. Call 101.",
        "state": "published",
        "verdict": "pass",
        "platform_post_id": "1760000000000000001",
        "platform_url": f"https://x.com/{account.handle}/status/1760000000000000001",
        "published_at": PUBLISHED,
        "created_at": PUBLISHED - dt.timedelta(hours=1),
        "updated_at": PUBLISHED,
    }
    defaults.update(fields)
    return Post.objects.create(**defaults)


@pytest.fixture
def accounts(db):
    """Two accounts information security is on no roster of, owned by other people."""
    dudley_owner = ForceUserFactory(
        username="dudley-owner", display_name="PC Jo Bloggs", roles=[Role.STAFF]
    )
    walsall_owner = ForceUserFactory(username="walsall-owner", roles=[Role.STAFF])
    return {
        "dudley": AccountFactory(platform="x", handle="WMPDudley", owner=dudley_owner),
        "walsall": AccountFactory(platform="facebook", handle="WMPWalsall", owner=walsall_owner),
    }


@pytest.fixture
def request_(force):
    return RemovalRequestFactory(status=RequestStatus.CONSIDERING, owner=force.infosec)


# --- Linking a post from the archive -------------------------------------------------------------


def test_a_post_from_the_archive_is_linked_with_its_address_platform_and_text(
    force, accounts, request_
):
    post = make_post(accounts["dudley"])

    decision = removal_request_post_add(
        actor=force.infosec, removal_request=request_, archived_post=post, now=NOW
    )

    decision.refresh_from_db()
    assert decision.archived_post == post
    assert decision.url == post.platform_url
    assert decision.platform == "X (Twitter)"
    assert decision.excerpt.startswith("Police are looking for Dana Whitlock")
    event = AuditEvent.objects.filter(action="removal_request.post_added").latest("pk")
    assert event.after["archived_post"] == str(post.public_id)
    assert event.after["account"] == "WMPDudley"


def test_it_may_be_linked_by_its_public_id_and_a_long_text_is_cut_at_a_word(
    force, accounts, request_
):
    post = make_post(accounts["walsall"], text="word " * 200, platform_url="")

    decision = removal_request_post_add(
        actor=force.infosec, removal_request=request_, archived_post=str(post.public_id), now=NOW
    )

    assert decision.platform == "Facebook"
    assert decision.url == ""  # an imported post may have no address: the archive still has it
    assert decision.excerpt.endswith("word…")
    assert len(decision.excerpt) <= EXCERPT_CHARS + 1


def test_the_same_archived_post_is_refused_a_second_time_with_a_clear_message(
    force, accounts, request_
):
    post = make_post(accounts["dudley"])
    removal_request_post_add(
        actor=force.infosec, removal_request=request_, archived_post=post, now=NOW
    )
    events = AuditEvent.objects.count()

    with pytest.raises(InvalidInputError) as refused:
        removal_request_post_add(
            actor=force.infosec, removal_request=request_, archived_post=post, now=NOW
        )

    assert "already linked to" in refused.value.message
    assert request_.reference in refused.value.message
    assert "archived_post" in refused.value.fields["errors"]
    assert PostDecision.objects.filter(request=request_).count() == 1
    assert AuditEvent.objects.count() == events


def test_each_copy_of_a_post_on_another_account_is_linked_on_its_own(force, accounts, request_):
    original = make_post(accounts["dudley"])
    copy = make_post(
        accounts["walsall"],
        platform_post_id="555",
        platform_url="https://www.facebook.com/WMPWalsall/posts/555",
    )
    for post in (original, copy):
        removal_request_post_add(
            actor=force.infosec, removal_request=request_, archived_post=post, now=NOW
        )

    linked = set(request_.posts.values_list("archived_post_id", flat=True))
    assert linked == {original.pk, copy.pk}


def test_the_same_post_may_be_linked_to_two_requests(force, accounts, request_):
    post = make_post(accounts["dudley"])
    other = RemovalRequestFactory(status=RequestStatus.CONSIDERING, owner=force.infosec)
    for rr in (request_, other):
        removal_request_post_add(
            actor=force.infosec, removal_request=rr, archived_post=post, now=NOW
        )
    assert post.removal_decisions.count() == 2


@pytest.mark.parametrize("state", ["draft", "awaiting_approval", "scheduled", "failed"])
def test_a_post_that_never_went_out_cannot_be_linked(force, accounts, request_, state):
    post = make_post(accounts["dudley"], state=state, platform_post_id="", platform_url="")

    with pytest.raises(InvalidInputError) as refused:
        removal_request_post_add(
            actor=force.infosec, removal_request=request_, archived_post=post, now=NOW
        )

    assert "no such post in the archive" in refused.value.message
    assert not PostDecision.objects.exists()


def test_an_unknown_id_and_an_address_given_as_well_are_refused(force, accounts, request_):
    post = make_post(accounts["dudley"])
    with pytest.raises(InvalidInputError):
        removal_request_post_add(
            actor=force.infosec,
            removal_request=request_,
            archived_post="3f1c0a3e-0000-4000-8000-000000000000",
            now=NOW,
        )
    with pytest.raises(InvalidInputError) as both:
        removal_request_post_add(
            actor=force.infosec,
            removal_request=request_,
            archived_post=post,
            url="https://x.com/a/status/1",
            platform="X",
            now=NOW,
        )
    assert "not both" in both.value.message
    assert not PostDecision.objects.exists()


def test_the_address_form_still_links_a_post_the_archive_does_not_hold(force, request_):
    decision = removal_request_post_add(
        actor=force.infosec,
        removal_request=request_,
        url="https://www.youtube.com/watch?v=abc",
        platform="YouTube",
        excerpt="Appeal video",
        now=NOW,
    )
    assert decision.archived_post is None
    assert decision.url == "https://www.youtube.com/watch?v=abc"


def test_auditors_cannot_link_a_post(force, accounts, request_):
    post = make_post(accounts["dudley"])
    with pytest.raises(PermissionDeniedError):
        removal_request_post_add(
            actor=force.auditor, removal_request=request_, archived_post=post, now=NOW
        )


# --- Searching the archive -----------------------------------------------------------------------


def test_information_security_finds_posts_on_any_account(force, accounts):
    dudley = make_post(accounts["dudley"])
    walsall = make_post(
        accounts["walsall"],
        text="Dana Whitlock has been found safe and well. Thank you for sharing.",
        platform_post_id="777",
        platform_url="https://www.facebook.com/WMPWalsall/posts/777",
        published_at=PUBLISHED + dt.timedelta(days=2),
    )
    removed = make_post(
        accounts["dudley"],
        text="Earlier appeal for Dana Whitlock (removed)",
        state="removed",
        platform_post_id="2",
        platform_url="https://x.com/WMPDudley/status/2",
    )
    imported = make_post(
        accounts["walsall"],
        source="imported",
        author=None,
        author_text="PC Old",
        text="Dana Whitlock appeal from 2023",
        platform_post_id="3",
        platform_url="",
    )
    make_post(accounts["dudley"], state="draft", text="Dana Whitlock draft", platform_post_id="")

    found = selectors.archive_post_search(user=force.infosec, q="whitlock dana")

    assert {p.pk for p in found} == {dudley.pk, walsall.pk, removed.pk, imported.pk}
    assert found[0] == walsall  # newest first
    by_handle = selectors.archive_post_search(user=force.infosec, q="Whitlock", handle="@wmpwal")
    assert {p.pk for p in by_handle} == {walsall.pk, imported.pk}
    by_address = selectors.archive_post_search(
        user=force.infosec, address="https://twitter.com/WMPDudley/status/1760000000000000001?s=20"
    )
    assert [p.pk for p in by_address] == [dudley.pk]
    by_page = selectors.archive_post_search(
        user=force.infosec, address=f"https://bluelamp.example/archive/{removed.public_id}/"
    )
    assert [p.pk for p in by_page] == [removed.pk]
    assert selectors.archive_post_search(user=force.infosec) == []


def test_the_search_is_refused_to_everyone_else(force, accounts):
    make_post(accounts["dudley"])
    for role in (Role.STAFF, Role.CCD, Role.PSD, Role.LINE_MANAGER):
        with pytest.raises(NotFoundError):
            selectors.archive_post_search(user=force.by_role[role], q="Dana")


def test_the_search_page_lists_posts_on_any_account_with_a_link_button(
    client, force, accounts, request_
):
    post = make_post(accounts["walsall"], platform_url="https://www.facebook.com/WMPWalsall/1")
    client.force_login(force.infosec)

    url = reverse("data_requests:archive_search", args=[request_.pk])
    response = client.get(url, {"q": "Whitlock"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "@WMPWalsall" in html
    assert "20 Feb 2026" in html
    assert "Police are looking for Dana Whitlock" in html
    assert 'href="https://www.facebook.com/WMPWalsall/1"' in html
    assert f'value="{post.public_id}"' in html
    assert "Link this post" in html
    assert "each copy is a separate post" in html


def test_the_case_page_offers_the_archive_search(client, force, request_):
    client.force_login(force.infosec)
    html = client.get(reverse("data_requests:detail", args=[request_.pk])).content.decode()
    assert "Find the post in the archive" in html
    assert reverse("data_requests:archive_search", args=[request_.pk]) in html


def test_staff_are_refused_the_search_page(client, force, accounts, request_):
    make_post(accounts["dudley"], author=force.by_role[Role.STAFF])
    client.force_login(force.by_role[Role.STAFF])
    response = client.get(
        reverse("data_requests:archive_search", args=[request_.pk]), {"q": "Whitlock"}
    )
    assert response.status_code == 403
    assert "Whitlock" not in response.content.decode()


def test_link_this_post_links_it_and_a_second_time_says_why_not(client, force, accounts, request_):
    post = make_post(accounts["dudley"])
    client.force_login(force.infosec)
    url = reverse("data_requests:archive_link", args=[request_.pk])

    response = client.post(url, {"post": str(post.public_id), "q": "Whitlock"})

    assert response.status_code == 302
    assert request_.posts.get().archived_post == post
    again = client.post(url, {"post": str(post.public_id), "q": "Whitlock"})
    assert again.status_code == 400
    assert "already linked to" in again.content.decode()
    assert request_.posts.count() == 1
    # The search page shows it as linked.
    page = client.get(reverse("data_requests:archive_search", args=[request_.pk]), {"q": "Dana"})
    assert "Linked" in page.content.decode()


def test_posts_cannot_be_linked_once_the_request_is_answered(client, force, accounts):
    rr = RemovalRequestFactory(status=RequestStatus.RESPONDED, owner=force.infosec)
    post = make_post(accounts["dudley"])
    client.force_login(force.infosec)
    response = client.post(
        reverse("data_requests:archive_link", args=[rr.pk]), {"post": str(post.public_id)}
    )
    assert response.status_code == 409
    assert not PostDecision.objects.exists()


# --- The platform's confirmation as a task's evidence --------------------------------------------


def make_removal(post: Post, *, by, outcome: str = "deleted", **fields: Any) -> Removal:
    defaults: dict[str, Any] = {
        "post": post,
        "requested_by": by,
        "reason": "RR-00001: the requester was never charged",
        "outcome": outcome,
        "detail": "",
        "platform_response": {"data": {"deleted": True}},
        "at": REMOVED,
    }
    defaults.update(fields)
    return Removal.objects.create(**defaults)


@pytest.fixture
def task(force, accounts):
    post = make_post(accounts["dudley"])
    decision = PostDecisionFactory(
        request__status=RequestStatus.ACTIONING,
        request__owner=force.infosec,
        archived_post=post,
        url=post.platform_url,
        outcome=Outcome.REMOVE,
    )
    return RemovalTaskFactory(decision=decision)


def test_a_task_is_recorded_as_done_from_the_platforms_confirmation(force, accounts, task):
    post = task.decision.archived_post
    ccd = ForceUserFactory(username="ccd-sam", display_name="Sam Comms", roles=[Role.CCD])
    make_removal(post, by=ccd, outcome="failed", at=REMOVED - dt.timedelta(hours=2))
    removal = make_removal(
        post,
        by=ccd,
        platform_response={"data": {"deleted": True}, "access_token": "EAAB-secret-token"},
    )

    done = removal_task_complete_from_archive(actor=force.infosec, task=task, now=NOW)

    done.refresh_from_db()
    assert done.done
    assert done.platform_removal == removal
    assert done.carried_out_by == "Sam Comms (ccd-sam)"
    assert done.carried_out_at == REMOVED
    assert done.completed_by == force.infosec
    assert "Deleted on the platform" in done.evidence
    assert "@WMPDudley" in done.evidence
    assert '{"access_token":"[withheld]","data":{"deleted":true}}' in done.evidence
    assert "EAAB-secret-token" not in done.evidence
    assert "RR-00001: the requester was never charged" in done.evidence
    event = AuditEvent.objects.get(action="removal_request.task_completed_from_archive")
    assert event.after["platform_removal"] == removal.pk
    assert event.after["outcome"] == "deleted"
    assert event.after["task"] == task.pk


def test_a_post_removed_by_hand_counts_with_who_did_it(force, task):
    ccd = ForceUserFactory(username="ccd-kim", roles=[Role.CCD])
    make_removal(
        task.decision.archived_post,
        by=ccd,
        outcome="done_by_hand",
        detail="Deleted in the Instagram app by Kim at 14:00",
        platform_response={},
    )

    done = removal_task_complete_from_archive(actor=force.infosec, task=task, now=NOW)

    assert "Deleted in the Instagram app by Kim at 14:00" in done.evidence
    assert "Removed by hand" in done.evidence


def test_without_a_confirmed_removal_it_is_refused_and_nothing_changes(force, task):
    make_removal(task.decision.archived_post, by=force.infosec, outcome="failed")
    events = AuditEvent.objects.count()

    with pytest.raises(InvalidInputError) as refused:
        removal_task_complete_from_archive(actor=force.infosec, task=task, now=NOW)

    assert "no confirmed removal" in refused.value.message
    assert task.decision.request.reference in refused.value.message
    task.refresh_from_db()
    assert not task.done and task.platform_removal is None
    assert AuditEvent.objects.count() == events


def test_a_task_whose_post_is_not_from_the_archive_is_refused(force):
    task = RemovalTaskFactory(decision__request__status=RequestStatus.ACTIONING)
    with pytest.raises(InvalidInputError) as refused:
        removal_task_complete_from_archive(actor=force.infosec, task=task, now=NOW)
    assert "not linked from the archive" in refused.value.message


def test_a_task_already_done_and_an_auditor_are_refused(force, task):
    make_removal(task.decision.archived_post, by=force.infosec)
    with pytest.raises(PermissionDeniedError):
        removal_task_complete_from_archive(actor=force.auditor, task=task, now=NOW)
    removal_task_complete_from_archive(actor=force.infosec, task=task, now=NOW)
    with pytest.raises(InvalidTransitionError):
        removal_task_complete_from_archive(actor=force.infosec, task=task, now=NOW)


def test_the_task_page_shows_the_confirmation_and_records_it(client, force, task):
    ccd = ForceUserFactory(username="ccd-sam", display_name="Sam Comms", roles=[Role.CCD])
    removal = make_removal(task.decision.archived_post, by=ccd)
    rr = task.decision.request
    client.force_login(force.infosec)

    page = client.get(reverse("data_requests:item_action", args=[rr.pk, "complete_task", task.pk]))

    html = page.content.decode()
    assert "Removed on X (Twitter) by Sam Comms (ccd-sam) at 1 March 2026 14:05" in html
    assert "the platform confirmed it" in html
    assert "Record as done from the platform's confirmation" in html
    response = client.post(reverse("data_requests:task_from_platform", args=[rr.pk, task.pk]))
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.platform_removal == removal
    case = client.get(reverse("data_requests:detail", args=[rr.pk])).content.decode()
    assert "From the platform's confirmation" in case


def test_the_task_page_says_who_removes_a_post_still_published(client, force, task):
    rr = task.decision.request
    client.force_login(force.infosec)

    page = client.get(reverse("data_requests:item_action", args=[rr.pk, "complete_task", task.pk]))

    html = page.content.decode()
    assert "The post is still published" in html
    assert "Corporate Communications, or the post's author or the account's owner" in html
    assert f'<code id="case-reference">{rr.reference}</code>' in html
    assert f"/posts/{task.decision.archived_post.public_id}/" in html
    refused = client.post(reverse("data_requests:task_from_platform", args=[rr.pk, task.pk]))
    assert refused.status_code == 400
    assert "no confirmed removal" in refused.content.decode()
    assert not RemovalTask.objects.get(pk=task.pk).done


def test_evidence_json_is_compact_and_long_responses_are_cut():
    text = platform_response_text({"b": [1, 2], "a": {"Authorization": "Bearer x"}})
    assert text == '{"a":{"Authorization":"[withheld]"},"b":[1,2]}'
    long = platform_response_text({"x": "y" * 5000})
    assert len(long) == EVIDENCE_RESPONSE_CHARS
    assert json.loads(platform_response_text({"ok": True})) == {"ok": True}


def test_an_amendment_is_recorded_from_the_platforms_confirmed_correction(force, accounts):
    from bluelamp.publishing.models import Correction

    post = make_post(accounts["dudley"])
    decision = PostDecisionFactory(
        request__status=RequestStatus.ACTIONING,
        request__owner=force.infosec,
        archived_post=post,
        url=post.platform_url,
        outcome=Outcome.AMEND,
        corrected_text="A man has been arrested.",
    )
    task = RemovalTaskFactory(decision=decision)
    ccd = ForceUserFactory(username="ccd-amy", display_name="Amy Comms", roles=[Role.CCD])
    with pytest.raises(InvalidInputError, match="correction or removal"):
        removal_task_complete_from_archive(actor=force.infosec, task=task, now=NOW)
    correction = Correction.objects.create(
        post=post,
        requested_by=ccd,
        reason="RR-00001",
        old_text=post.text,
        new_text="A man has been arrested.",
        outcome="corrected",
        platform_response={"success": True},
        at=REMOVED,
    )

    done = removal_task_complete_from_archive(actor=force.infosec, task=task, now=NOW)

    done.refresh_from_db()
    assert done.platform_correction == correction
    assert done.platform_removal is None
    assert done.carried_out_by == "Amy Comms (ccd-amy)"
    assert "The post now reads: A man has been arrested." in done.evidence
