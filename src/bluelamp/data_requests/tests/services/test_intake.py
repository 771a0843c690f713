"""Intake, the posts linked to a request (from the archive, each copy once, or by address), the
regime and the requester's identity (services.intake): each bad input refused with a clear
message and nothing changed."""

from __future__ import annotations

import datetime as dt

import pytest

from bluelamp.audit.models import AuditEvent
from bluelamp.core.errors import (
    InvalidInputError,
    PermissionDeniedError,
)
from bluelamp.data_requests import selectors
from bluelamp.data_requests.choices import LetterKind, Regime, RequestStatus
from bluelamp.data_requests.errors import ExtensionRefusedError
from bluelamp.data_requests.models import PostDecision, RemovalRequest
from bluelamp.data_requests.services.decisions import removal_request_extend
from bluelamp.data_requests.services.intake import (
    EXCERPT_CHARS,
    removal_request_identity_ask,
    removal_request_identity_receive,
    removal_request_post_add,
    removal_request_regime_set,
)
from bluelamp.data_requests.tests.archive import make_post
from bluelamp.data_requests.tests.conftest import NOW
from bluelamp.data_requests.tests.factories import (
    LetterFactory,
    RemovalRequestFactory,
)
from bluelamp.data_requests.tests.services.helpers import intake, snapshot

pytestmark = pytest.mark.django_db


def test_infosec_records_a_verbal_request_which_they_then_own(force, now):
    request = intake(force, now)
    assert request.status == RequestStatus.RECEIVED
    assert request.owner == force.infosec
    event = AuditEvent.objects.get(action="removal_request.received")
    assert event.target_id == str(request.pk)
    assert event.after["received_how"] == "verbal"


def test_a_received_date_in_the_future_is_refused_and_nothing_is_recorded(force, now):
    with pytest.raises(InvalidInputError) as raised:
        intake(force, now, received_at=now + dt.timedelta(days=1))
    assert raised.value.message == "The date the request was received cannot be in the future"
    assert "received_at" in raised.value.fields["errors"]
    assert not RemovalRequest.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="removal_request.").exists()


def test_a_request_received_later_today_in_london_is_not_in_the_future(force, now):
    request = intake(force, now, received_at=now + dt.timedelta(hours=2))
    assert request.pk


def test_a_naive_received_time_is_refused(force, now):
    with pytest.raises(InvalidInputError, match="time zone"):
        intake(force, now, received_at=dt.datetime(2026, 3, 1, 9, 0))


def test_intake_without_name_contact_or_right_lists_every_missing_field(force, now):
    with pytest.raises(InvalidInputError) as raised:
        intake(force, now, requester_name=" ", requester_contact="", right="access")
    assert set(raised.value.fields["errors"]) == {"requester_name", "requester_contact", "right"}


def test_receiving_proof_of_identity_moves_the_relevant_date(force, now):
    request = RemovalRequestFactory(received_at=dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC))
    today = dt.date(2026, 1, 20)
    assert selectors.removal_request_due(request, today=today).clock.relevant_date == dt.date(
        2026, 1, 5
    )
    removal_request_identity_ask(actor=force.infosec, removal_request=request, now=now)
    request = removal_request_identity_receive(
        actor=force.infosec,
        removal_request=request,
        received_at=dt.datetime(2026, 1, 31, 12, tzinfo=dt.UTC),
        now=now,
    )
    assert request.status == RequestStatus.CONSIDERING
    clock = selectors.removal_request_due(request, today=today).clock
    assert clock.relevant_date == dt.date(2026, 1, 31)
    assert clock.deadline == dt.date(2026, 3, 2)  # 28 February is a Saturday


def test_proof_of_identity_cannot_arrive_before_the_request(force, now):
    request = RemovalRequestFactory(status=RequestStatus.AWAITING_IDENTITY)
    before = snapshot(request)
    with pytest.raises(InvalidInputError, match="before the request"):
        removal_request_identity_receive(
            actor=force.infosec,
            removal_request=request,
            received_at=request.received_at - dt.timedelta(days=2),
            now=now,
        )
    assert snapshot(request) == before


def test_establishing_the_regime_lets_the_request_be_extended(force, now):
    request = RemovalRequestFactory(
        status=RequestStatus.CONSIDERING,
        regime=Regime.UNKNOWN,
        received_at=dt.datetime(2026, 1, 20, 12, tzinfo=dt.UTC),
    )
    removal_request_regime_set(
        actor=force.infosec, removal_request=request, regime="ukgdpr", now=now
    )
    event = AuditEvent.objects.get(action="removal_request.regime_set")
    assert (event.before, event.after) == ({"regime": "unknown"}, {"regime": "ukgdpr"})
    notice = LetterFactory(
        request=request,
        kind=LetterKind.EXTENSION,
        sent_at=dt.datetime(2026, 2, 10, 10, tzinfo=dt.UTC),
    )
    removal_request_extend(
        actor=force.infosec, removal_request=request, reasons="Complex", letter=notice, now=now
    )
    request.refresh_from_db()
    assert request.extended


def test_an_extended_request_cannot_become_an_early_part3_request(force, now):
    request = RemovalRequestFactory(
        status=RequestStatus.CONSIDERING,
        regime=Regime.UKGDPR,
        received_at=dt.datetime(2026, 1, 20, 12, tzinfo=dt.UTC),
        extended=True,
        extension_notice_sent_on=dt.date(2026, 2, 10),
    )
    with pytest.raises(ExtensionRefusedError, match="could not be"):
        removal_request_regime_set(
            actor=force.infosec, removal_request=request, regime="part3", now=now
        )
    request.refresh_from_db()
    assert request.regime == Regime.UKGDPR


def test_an_unknown_regime_value_is_refused(force, now):
    request = RemovalRequestFactory()
    with pytest.raises(InvalidInputError, match="Select UK GDPR"):
        removal_request_regime_set(
            actor=force.infosec, removal_request=request, regime="gdpr", now=now
        )


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
