"""The queue and case pages: for information security and auditors only; the clock in words
and colour; the queue soonest due first."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from bluelamp.core.roles import Role
from bluelamp.data_requests import views
from bluelamp.data_requests.choices import LetterKind, Outcome, RequestStatus
from bluelamp.data_requests.models import RemovalRequest
from bluelamp.data_requests.services.letters import letter_draft
from bluelamp.data_requests.tests.factories import (
    REQUESTER_NAME,
    LetterFactory,
    PostDecisionFactory,
    RemovalRequestFactory,
)

pytestmark = pytest.mark.django_db


#: Tuesday 24 March 2026, 10:00 UTC: the pages' "now".
NOW = dt.datetime(2026, 3, 24, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr(views, "now", lambda: NOW)


def _at(y, m, d):
    return dt.datetime(y, m, d, 10, tzinfo=dt.UTC)


OTHER_ROLES = [r for r in Role if r not in (Role.INFOSEC, Role.AUDITOR)]


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_other_roles_are_refused_the_queue_and_cannot_find_a_case(client, force, role):
    request = RemovalRequestFactory()
    client.force_login(force.by_role[role])
    assert client.get(reverse("data_requests:queue")).status_code == 403
    assert client.get(reverse("data_requests:detail", args=[request.pk])).status_code == 403


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(client):
    response = client.get(reverse("data_requests:queue"))
    assert response.status_code == 302


@pytest.mark.parametrize("role", [Role.INFOSEC, Role.AUDITOR])
def test_the_queue_shows_each_open_request_due_soonest_first_in_words_and_colour(
    client, force, role
):
    later = RemovalRequestFactory(received_at=_at(2026, 3, 10))
    soon = RemovalRequestFactory(received_at=_at(2026, 2, 27))
    overdue = RemovalRequestFactory(received_at=_at(2026, 2, 20))
    RemovalRequestFactory(received_at=_at(2026, 1, 5), status=RequestStatus.CLOSED)
    client.force_login(force.by_role[role])
    html = client.get(reverse("data_requests:queue")).content.decode()
    assert html.index(overdue.reference) < html.index(soon.reference) < html.index(later.reference)
    assert '<strong class="govuk-tag govuk-tag--red">overdue by 4 days</strong>' in html
    assert '<strong class="govuk-tag govuk-tag--orange">due in 3 working days</strong>' in html
    assert "govuk-tag--green" in html
    assert "3 open requests" in html
    assert REQUESTER_NAME not in html  # the queue names requests by number only


def test_the_case_page_shows_the_clock_the_requester_and_the_posts(client, force):
    post = PostDecisionFactory(
        request__received_at=_at(2026, 2, 27),
        request__status=RequestStatus.CONSIDERING,
        outcome=Outcome.REFUSE,
        reasons="The post is accurate.",
    )
    client.force_login(force.infosec)
    response = client.get(reverse("data_requests:detail", args=[post.request.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert REQUESTER_NAME in html
    assert "Friday 27 March 2026" in html  # the statutory deadline
    assert "Friday 13 March 2026" in html  # the 14-day target
    assert "due in 3 working days" in html
    assert "The post is accurate." in html


def test_a_missing_case_is_a_404(client, force):
    client.force_login(force.infosec)
    assert client.get(reverse("data_requests:detail", args=[999])).status_code == 404


# --- The forms: intake to closure -------------------------------------------------------------


def _post(client, name, *args, **data):
    return client.post(reverse(f"data_requests:{name}", args=args), data)


def test_infosec_takes_a_request_from_intake_to_closure_through_the_pages(client, force):
    day = dt.date(2026, 3, 23)
    client.force_login(force.infosec)
    response = _post(
        client,
        "create",
        requester_name=REQUESTER_NAME,
        requester_contact="07700 900123",
        request_text="Remove the appeal with my photo",
        right="erasure",
        regime="ukgdpr",
        received_on=day.isoformat(),
        received_how="written",
    )
    assert response.status_code == 302
    rr = RemovalRequest.objects.get()
    assert _post(client, "action", rr.pk, "ask_identity").status_code == 302
    assert (
        _post(client, "action", rr.pk, "receive_identity", received_on=day.isoformat()).status_code
        == 302
    )
    assert (
        _post(
            client, "action", rr.pk, "add_post", url="https://x.com/WMP/status/9", platform="X"
        ).status_code
        == 302
    )
    post = rr.posts.get()
    page = client.get(reverse("data_requests:detail", args=[rr.pk])).content.decode()
    assert reverse("data_requests:item_action", args=[rr.pk, "decide_post", post.pk]) in page
    assert (
        _post(client, "item_action", rr.pk, "decide_post", post.pk, outcome="remove").status_code
        == 302
    )
    assert _post(client, "action", rr.pk, "start_actioning").status_code == 302
    post.refresh_from_db()
    task = post.task
    assert (
        _post(
            client,
            "item_action",
            rr.pk,
            "complete_task",
            task.pk,
            carried_out_by="Sam Patel",
            carried_out_on=day.isoformat(),
            evidence="Deleted; X confirmation 123",
        ).status_code
        == 302
    )
    # The response rests on the outcome letter sent from the case: none yet, so it is refused
    page = client.get(reverse("data_requests:action", args=[rr.pk, "respond"]))
    assert "outcome or refusal letter sent from this case" in page.content.decode()
    refused = _post(client, "action", rr.pk, "respond", letter="", summary="Removed")
    assert refused.status_code == 400
    assert "Send the outcome or refusal letter" in refused.content.decode()
    draft = letter_draft(actor=force.infosec, removal_request=rr, kind=LetterKind.OUTCOME, now=NOW)
    assert _post(client, "letter_write", rr.pk, "outcome", body=draft).status_code == 302
    letter = rr.letters.get()
    page = client.get(reverse("data_requests:action", args=[rr.pk, "respond"])).content.decode()
    assert f'<option value="{letter.pk}" selected>Outcome letter sent 24 March 2026' in page
    assert (
        _post(client, "action", rr.pk, "respond", letter=letter.pk, summary="Removed").status_code
        == 302
    )
    rr.refresh_from_db()
    assert (rr.response_letter, rr.responded_at) == (letter, NOW)
    page = client.get(reverse("data_requests:detail", args=[rr.pk])).content.decode()
    assert f'(<a class="govuk-link" href="#letter-{letter.pk}">the letter sent</a>)' in page
    assert "the response</strong>" in page
    assert _post(client, "action", rr.pk, "close").status_code == 302
    rr.refresh_from_db()
    assert rr.status == RequestStatus.CLOSED


def test_the_extension_page_drafts_the_notice_and_sends_it_with_the_extension(client, force):
    rr = RemovalRequestFactory(received_at=_at(2026, 3, 2), status=RequestStatus.CONSIDERING)
    client.force_login(force.infosec)
    page = client.get(reverse("data_requests:action", args=[rr.pk, "extend"])).content.decode()
    assert "[Write the reasons for the extension]" in page
    assert "We will now answer you by Tuesday 2 June 2026." in page
    draft = letter_draft(
        actor=force.infosec, removal_request=rr, kind=LetterKind.EXTENSION, now=NOW
    )
    response = _post(
        client,
        "action",
        rr.pk,
        "extend",
        reasons="Forty posts across six accounts.",
        letter="",
        letter_body=draft,
    )
    assert response.status_code == 302
    rr.refresh_from_db()
    notice = rr.letters.get()
    assert rr.extended and rr.extension_letter == notice
    assert rr.extension_notice_sent_on == dt.date(2026, 3, 24)
    assert "Why we need more time: Forty posts across six accounts." in notice.body


def test_the_extension_page_can_rest_on_a_notice_already_sent(client, force):
    rr = RemovalRequestFactory(received_at=_at(2026, 3, 2), status=RequestStatus.CONSIDERING)
    notice = LetterFactory(request=rr, kind=LetterKind.EXTENSION, sent_at=_at(2026, 3, 20))
    client.force_login(force.infosec)
    response = _post(
        client, "action", rr.pk, "extend", reasons="Complex", letter=notice.pk, letter_body=""
    )
    assert response.status_code == 302
    rr.refresh_from_db()
    assert (rr.extension_letter, rr.extension_notice_sent_on) == (notice, dt.date(2026, 3, 20))


def test_an_extension_without_a_notice_reshows_the_form_with_the_message(client, force):
    rr = RemovalRequestFactory(received_at=_at(2026, 3, 2), status=RequestStatus.CONSIDERING)
    client.force_login(force.infosec)
    response = _post(
        client, "action", rr.pk, "extend", reasons="Complex", letter="", letter_body=""
    )
    assert response.status_code == 400
    assert "Send the extension notice to the requester" in response.content.decode()
    rr.refresh_from_db()
    assert not rr.extended


def test_a_received_date_in_the_future_reshows_the_form_with_the_message(client, force):
    client.force_login(force.infosec)
    response = _post(
        client,
        "create",
        requester_name="A Person",
        requester_contact="a@example.org",
        request_text="Correct my name",
        right="rectification",
        regime="unknown",
        received_on="2026-03-25",
        received_how="verbal",
    )
    assert response.status_code == 400
    assert "The date the request was received cannot be in the future" in response.content.decode()


def test_a_refusal_without_reasons_reshows_the_form_and_changes_nothing(client, force):
    post = PostDecisionFactory(request__status=RequestStatus.CONSIDERING)
    client.force_login(force.infosec)
    response = _post(
        client, "item_action", post.request.pk, "decide_post", post.pk, outcome="refuse"
    )
    assert response.status_code == 400
    assert "Enter the reasons for refusing" in response.content.decode()
    post.refresh_from_db()
    assert post.outcome == Outcome.PENDING


def test_a_decision_on_a_closed_request_is_a_409_page(client, force):
    post = PostDecisionFactory(request__status=RequestStatus.CLOSED)
    client.force_login(force.infosec)
    response = _post(
        client, "item_action", post.request.pk, "decide_post", post.pk, outcome="remove"
    )
    assert response.status_code == 409
    post.refresh_from_db()
    assert post.outcome == Outcome.PENDING


def test_auditors_cannot_open_or_submit_an_action_page(client, force):
    rr = RemovalRequestFactory()
    client.force_login(force.auditor)
    assert client.get(reverse("data_requests:action", args=[rr.pk, "close"])).status_code == 403
    assert _post(client, "action", rr.pk, "ask_identity").status_code == 403
    assert client.get(reverse("data_requests:create")).status_code == 403
    rr.refresh_from_db()
    assert rr.status == RequestStatus.RECEIVED


def test_a_post_of_another_request_cannot_be_decided_through_this_one(client, force):
    rr = RemovalRequestFactory(status=RequestStatus.CONSIDERING)
    other = PostDecisionFactory(request__status=RequestStatus.CONSIDERING)
    client.force_login(force.infosec)
    url = reverse("data_requests:item_action", args=[rr.pk, "decide_post", other.pk])
    assert client.get(url).status_code == 404


def test_an_unknown_action_is_a_404(client, force):
    rr = RemovalRequestFactory()
    client.force_login(force.infosec)
    assert client.get(reverse("data_requests:action", args=[rr.pk, "delete"])).status_code == 404


def test_the_monthly_report_page_shows_the_counts_and_a_chart(client, force):
    RemovalRequestFactory(received_at=_at(2026, 3, 2))
    client.force_login(force.auditor)
    response = client.get(reverse("data_requests:report"), {"month": "2026-03"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Requests received in March 2026" in html
    assert "<svg" in html and "Opened: 1" in html


def test_the_monthly_report_is_not_for_other_roles(client, force):
    client.force_login(force.by_role[Role.CCD])
    assert client.get(reverse("data_requests:report")).status_code == 403


@pytest.mark.parametrize(
    ("state", "action"),
    [
        ("received", "add_post"),
        ("received", "ask_identity"),
        ("received", "confirm_identity"),
        ("received", "extend"),
        ("awaiting_identity", "receive_identity"),
        ("considering", "start_actioning"),
        ("considering", "respond"),
        ("responded", "close"),
    ],
)
def test_each_action_page_shows_its_form_with_gov_uk_markup(client, force, state, action):
    rr = RemovalRequestFactory(status=state)
    client.force_login(force.infosec)
    response = client.get(reverse("data_requests:action", args=[rr.pk, action]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="govuk-button"' in html and rr.reference in html


def test_the_intake_and_decision_forms_render(client, force):
    post = PostDecisionFactory(request__status=RequestStatus.CONSIDERING)
    client.force_login(force.infosec)
    assert 'name="received_on_day"' in client.get(reverse("data_requests:create")).content.decode()
    html = client.get(
        reverse("data_requests:item_action", args=[post.request.pk, "decide_post", post.pk])
    ).content.decode()
    assert 'name="outcome"' in html and 'name="corrected_text"' in html


def test_the_queue_is_paged_and_keeps_what_it_shows(client, force):
    for n in range(55):
        RemovalRequestFactory(requester_name=f"Requester {n:02}", owner=force.infosec)
    client.force_login(force.infosec)
    first = client.get(reverse("data_requests:queue"), {"show": "all"})
    html = first.content.decode()
    assert "55 requests, page 1 of 2" in html
    assert "show=all&amp;page=2" in html
    second = client.get(reverse("data_requests:queue"), {"show": "all", "page": 2})
    seen = [d.request.pk for d in first.context["queue"]] + [
        d.request.pk for d in second.context["queue"]
    ]
    assert len(seen) == len(set(seen)) == 55
