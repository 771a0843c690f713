"""The decisions on a request (services.decisions): each post, the extension and its notice, the
answer to the requester and the closure; a request from intake to closure with every step
audited; each bad input refused with a clear message and nothing changed."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from bluelamp.audit.models import AuditEvent
from bluelamp.core.errors import InvalidInputError, InvalidTransitionError
from bluelamp.data_requests import selectors
from bluelamp.data_requests.choices import LetterKind, Outcome, Regime, RequestStatus
from bluelamp.data_requests.errors import ExtensionRefusedError, LetterRefusedError
from bluelamp.data_requests.services.actioning import (
    removal_request_actioning_start,
    removal_task_complete,
)
from bluelamp.data_requests.services.decisions import (
    post_decision_decide,
    removal_request_close,
    removal_request_extend,
    removal_request_respond,
)
from bluelamp.data_requests.services.intake import (
    removal_request_identity_ask,
    removal_request_identity_receive,
    removal_request_post_add,
)
from bluelamp.data_requests.services.letters import letter_draft, letter_send
from bluelamp.data_requests.tests.factories import (
    LetterFactory,
    PostDecisionFactory,
    RemovalRequestFactory,
    RemovalTaskFactory,
)
from bluelamp.data_requests.tests.services.helpers import intake, snapshot

pytestmark = pytest.mark.django_db


NOTICE = "We need more time: your request concerns forty posts across six accounts."


def _notice(force, request, when):
    """An extension notice sent from the case at ``when``."""
    return letter_send(
        actor=force.infosec,
        removal_request=request,
        kind=LetterKind.EXTENSION,
        body=NOTICE,
        now=when,
    )


def test_a_refusal_without_reasons_is_refused_and_changes_nothing(force, now):
    post = PostDecisionFactory(request__status=RequestStatus.CONSIDERING)
    before = snapshot(post.request)
    with pytest.raises(InvalidInputError) as raised:
        post_decision_decide(
            actor=force.infosec, decision=post, outcome=Outcome.REFUSE, reasons="  ", now=now
        )
    assert raised.value.message == "Enter the reasons for refusing"
    assert snapshot(post.request) == before


def test_an_amendment_needs_the_corrected_text(force, now):
    post = PostDecisionFactory(request__status=RequestStatus.CONSIDERING)
    with pytest.raises(InvalidInputError, match="corrected text"):
        post_decision_decide(actor=force.infosec, decision=post, outcome=Outcome.AMEND, now=now)


def test_a_restriction_needs_its_reasons(force, now):
    post = PostDecisionFactory(request__status=RequestStatus.CONSIDERING)
    with pytest.raises(InvalidInputError, match="restricted rather than removed"):
        post_decision_decide(actor=force.infosec, decision=post, outcome=Outcome.RESTRICT, now=now)


def test_pending_is_not_a_decision(force, now):
    post = PostDecisionFactory(request__status=RequestStatus.CONSIDERING)
    with pytest.raises(InvalidInputError):
        post_decision_decide(actor=force.infosec, decision=post, outcome=Outcome.PENDING, now=now)


def test_a_decision_on_a_closed_request_is_refused_and_changes_nothing(force, now):
    post = PostDecisionFactory(request__status=RequestStatus.CLOSED)
    before = snapshot(post.request)
    events = AuditEvent.objects.count()
    with pytest.raises(InvalidTransitionError) as raised:
        post_decision_decide(actor=force.infosec, decision=post, outcome=Outcome.REMOVE, now=now)
    assert raised.value.message == (
        f"{post.request.reference} is closed: deciding a post cannot be done now."
    )
    assert snapshot(post.request) == before
    assert AuditEvent.objects.count() == events


def test_an_amendment_keeps_the_corrected_text_but_the_audit_event_only_says_it_was_given(
    force, now
):
    post = PostDecisionFactory(request__status=RequestStatus.CONSIDERING)
    post_decision_decide(
        actor=force.infosec,
        decision=post,
        outcome=Outcome.AMEND,
        corrected_text="A woman has been found safe and well.",
        now=now,
    )
    post.refresh_from_db()
    assert post.corrected_text == "A woman has been found safe and well."
    event = AuditEvent.objects.get(action="removal_request.post_decided")
    assert event.after["outcome"] == "amend"
    assert event.after["corrected_text_given"] is True
    assert "safe and well" not in str(event.after)


def test_an_extension_records_its_reasons_and_the_notice_sent_and_moves_the_deadline(force, now):
    request = RemovalRequestFactory(status=RequestStatus.CONSIDERING)
    notice = _notice(force, request, now - dt.timedelta(days=1))
    removal_request_extend(
        actor=force.infosec,
        removal_request=request,
        reasons="Forty posts across six accounts.",
        letter=notice.pk,
        now=now,
    )
    request.refresh_from_db()
    assert request.extended
    assert request.extension_letter == notice
    # The notice date is the letter's sent date (Europe/London), not the day it was recorded
    assert request.extension_notice_sent_on == dt.date(2026, 3, 1)
    due = selectors.removal_request_due(request, today=now.date())
    # received Friday 27 February 2026: + 3 months = 27 May 2026 (a Wednesday)
    assert due.deadline == dt.date(2026, 5, 27)
    assert due.clock.deadline == dt.date(2026, 3, 27)
    event = AuditEvent.objects.get(action="removal_request.extended")
    assert event.after["extension_letter"] == notice.pk


def test_an_extension_can_send_its_notice_with_it(force, now):
    request = RemovalRequestFactory(status=RequestStatus.CONSIDERING)
    removal_request_extend(
        actor=force.infosec,
        removal_request=request,
        reasons="Complex",
        letter_body=NOTICE,
        now=now,
    )
    request.refresh_from_db()
    letter = request.letters.get()
    assert (letter.kind, letter.body, letter.sent_at) == (LetterKind.EXTENSION, NOTICE, now)
    assert request.extension_letter == letter
    assert request.extension_notice_sent_on == now.date()
    assert bytes(letter.pdf).startswith(b"%PDF-")
    assert [e.action for e in AuditEvent.objects.order_by("sequence")] == [
        "removal_request.letter_sent",
        "removal_request.extended",
    ]


def test_an_extension_without_a_notice_is_refused_and_changes_nothing(force, now):
    request = RemovalRequestFactory(status=RequestStatus.CONSIDERING)
    before = snapshot(request)
    with pytest.raises(InvalidInputError) as raised:
        removal_request_extend(
            actor=force.infosec, removal_request=request, reasons="Complex", now=now
        )
    assert "Send the extension notice" in raised.value.fields["errors"]["letter"][0]
    assert snapshot(request) == before


def test_an_extension_resting_on_another_kind_of_letter_or_case_is_refused(force, now):
    request = RemovalRequestFactory(status=RequestStatus.CONSIDERING)
    other = RemovalRequestFactory(status=RequestStatus.CONSIDERING, owner=request.owner)
    acknowledgement = LetterFactory(request=request, kind=LetterKind.ACKNOWLEDGEMENT)
    elsewhere = LetterFactory(request=other, kind=LetterKind.EXTENSION)
    for letter in (acknowledgement.pk, elsewhere.pk, 99999, "x"):
        with pytest.raises(InvalidInputError, match="Choose an extension notice"):
            removal_request_extend(
                actor=force.infosec,
                removal_request=request,
                reasons="Complex",
                letter=letter,
                now=now,
            )
    request.refresh_from_db()
    assert not request.extended


def test_an_extension_notice_with_a_placeholder_is_not_sent_and_nothing_changes(force, now):
    request = RemovalRequestFactory(status=RequestStatus.CONSIDERING)
    before = snapshot(request)
    with pytest.raises(InvalidInputError, match="Write the reasons"):
        removal_request_extend(
            actor=force.infosec,
            removal_request=request,
            reasons="Complex",
            letter_body="Why we need more time: [Write the reasons for the extension]",
            now=now,
        )
    assert snapshot(request) == before
    assert not request.letters.exists()


def test_a_second_extension_is_refused_and_changes_nothing(force, now):
    request = RemovalRequestFactory(
        status=RequestStatus.CONSIDERING,
        extended=True,
        extension_reasons="Complex",
        extension_notice_sent_on=now.date(),
    )
    before = snapshot(request)
    with pytest.raises(ExtensionRefusedError, match="already been extended"):
        removal_request_extend(
            actor=force.infosec,
            removal_request=request,
            reasons="Still complex",
            letter_body=NOTICE,
            now=now,
        )
    assert snapshot(request) == before
    # nor can a second notice be sent
    with pytest.raises(LetterRefusedError, match="already been extended"):
        _notice(force, request, now)
    assert not request.letters.exists()


def test_an_extension_whose_notice_went_after_the_unextended_deadline_is_refused(force):
    request = RemovalRequestFactory(status=RequestStatus.CONSIDERING)
    late = dt.datetime(2026, 3, 30, 10, tzinfo=dt.UTC)
    notice = LetterFactory(
        request=request,
        kind=LetterKind.EXTENSION,
        sent_at=dt.datetime(2026, 3, 28, 10, tzinfo=dt.UTC),
    )
    before = snapshot(request)
    with pytest.raises(ExtensionRefusedError) as raised:
        removal_request_extend(
            actor=force.infosec,
            removal_request=request,
            reasons="Complex",
            letter=notice,
            now=late,
        )
    assert "had to be sent by Friday 27 March 2026" in raised.value.message
    assert "sent on Saturday 28 March 2026" in raised.value.message
    assert snapshot(request) == before
    # Writing the notice now is too late too, and no letter is kept
    with pytest.raises(ExtensionRefusedError, match="had to be sent by"):
        removal_request_extend(
            actor=force.infosec,
            removal_request=request,
            reasons="Complex",
            letter_body=NOTICE,
            now=late,
        )
    assert request.letters.count() == 1


def test_the_notice_may_go_on_the_last_day(force):
    request = RemovalRequestFactory(status=RequestStatus.CONSIDERING)
    notice = _notice(force, request, dt.datetime(2026, 3, 27, 16, tzinfo=dt.UTC))
    removal_request_extend(
        actor=force.infosec,
        removal_request=request,
        reasons="Complex",
        letter=notice,
        now=dt.datetime(2026, 3, 30, 9, tzinfo=dt.UTC),
    )
    request.refresh_from_db()
    assert request.extended
    assert request.extension_notice_sent_on == dt.date(2026, 3, 27)


def test_a_part3_request_received_before_5_february_2026_cannot_be_extended(force, now):
    request = RemovalRequestFactory(
        status=RequestStatus.CONSIDERING,
        regime=Regime.PART3,
        received_at=dt.datetime(2026, 2, 4, 12, tzinfo=dt.UTC),
    )
    before = snapshot(request)
    with pytest.raises(ExtensionRefusedError) as raised:
        removal_request_extend(
            actor=force.infosec,
            removal_request=request,
            reasons="Complex",
            letter_body=NOTICE,
            now=now,
        )
    assert "5 February 2026" in raised.value.message
    assert snapshot(request) == before
    assert not request.letters.exists()


def test_an_extension_without_reasons_or_notice_is_refused(force, now):
    request = RemovalRequestFactory(status=RequestStatus.CONSIDERING)
    with pytest.raises(InvalidInputError) as raised:
        removal_request_extend(actor=force.infosec, removal_request=request, reasons="", now=now)
    assert set(raised.value.fields["errors"]) == {"reasons", "letter"}


def test_the_response_waits_for_every_task(force, now):
    task = RemovalTaskFactory(decision__request__status=RequestStatus.ACTIONING)
    letter = LetterFactory(request=task.decision.request)
    with pytest.raises(InvalidInputError, match="every task"):
        removal_request_respond(
            actor=force.infosec,
            removal_request=task.decision.request,
            letter=letter,
            summary="Removed",
            now=now,
        )


def test_when_every_post_is_refused_the_requester_is_answered_without_tasks(force, now):
    post = PostDecisionFactory(
        request__status=RequestStatus.CONSIDERING, outcome=Outcome.REFUSE, reasons="Accurate"
    )
    with pytest.raises(InvalidInputError, match="nothing to carry out"):
        removal_request_actioning_start(actor=force.infosec, removal_request=post.request, now=now)
    refusal = LetterFactory(
        request=post.request, kind=LetterKind.REFUSAL, sent_at=now - dt.timedelta(hours=2)
    )
    request = removal_request_respond(
        actor=force.infosec,
        removal_request=post.request,
        letter=refusal.pk,
        summary="Refused: the post is accurate.",
        now=now,
    )
    assert request.status == RequestStatus.RESPONDED
    # The response date is the letter's sent date, and the case names the letter
    assert request.responded_at == refusal.sent_at
    assert request.response_letter == refusal


def test_the_response_can_send_its_letter_with_it(force, now):
    post = PostDecisionFactory(
        request__status=RequestStatus.CONSIDERING,
        outcome=Outcome.REFUSE,
        reasons="The post is accurate and was published in the public interest.",
    )
    body = letter_draft(
        actor=force.infosec, removal_request=post.request, kind=LetterKind.REFUSAL, now=now
    )
    request = removal_request_respond(
        actor=force.infosec,
        removal_request=post.request,
        letter_kind=LetterKind.REFUSAL,
        letter_body=body,
        now=now,
    )
    letter = request.letters.get()
    assert (letter.kind, request.response_letter, request.responded_at) == (
        LetterKind.REFUSAL,
        letter,
        now,
    )


def test_a_response_without_a_letter_or_with_an_incomplete_refusal_is_refused(force, now):
    post = PostDecisionFactory(
        request__status=RequestStatus.CONSIDERING, outcome=Outcome.REFUSE, reasons="Accurate"
    )
    request = post.request
    acknowledgement = LetterFactory(request=request, kind=LetterKind.ACKNOWLEDGEMENT)
    before = snapshot(request)
    with pytest.raises(InvalidInputError, match="Send the outcome or refusal letter"):
        removal_request_respond(actor=force.infosec, removal_request=request, now=now)
    with pytest.raises(InvalidInputError, match="Choose an outcome or refusal letter"):
        removal_request_respond(
            actor=force.infosec, removal_request=request, letter=acknowledgement, now=now
        )
    with pytest.raises(InvalidInputError) as raised:
        removal_request_respond(
            actor=force.infosec,
            removal_request=request,
            letter_kind=LetterKind.REFUSAL,
            letter_body="We will not remove the post.",
            now=now,
        )
    assert "complain to the Information Commissioner" in raised.value.message
    assert snapshot(request) == before
    assert request.letters.count() == 1


def test_a_letter_sent_before_the_last_decision_cannot_be_the_response(force, now):
    post = PostDecisionFactory(
        request__status=RequestStatus.CONSIDERING,
        outcome=Outcome.REFUSE,
        reasons="Accurate",
        decided_at=now - dt.timedelta(hours=1),
    )
    early = LetterFactory(
        request=post.request, kind=LetterKind.REFUSAL, sent_at=now - dt.timedelta(days=1)
    )
    with pytest.raises(InvalidInputError, match="before the last decision"):
        removal_request_respond(
            actor=force.infosec, removal_request=post.request, letter=early, now=now
        )


def test_a_request_goes_from_intake_to_closure_with_every_step_audited(force, now, caplog):
    caplog.set_level(logging.DEBUG)
    t = now
    request = intake(force, t)
    removal_request_identity_ask(actor=force.infosec, removal_request=request, now=t)
    removal_request_identity_receive(
        actor=force.infosec, removal_request=request, received_at=t, now=t
    )
    remove = removal_request_post_add(
        actor=force.infosec,
        removal_request=request,
        url="https://x.com/WMPDudley/status/1",
        platform="X",
        excerpt="Have you seen Bethany?",
        now=t,
    )
    amend = removal_request_post_add(
        actor=force.infosec,
        removal_request=request,
        url="https://www.facebook.com/WMPDudley/posts/2",
        platform="Facebook",
        now=t,
    )
    post_decision_decide(actor=force.infosec, decision=remove, outcome=Outcome.REMOVE, now=t)
    post_decision_decide(
        actor=force.infosec,
        decision=amend,
        outcome=Outcome.AMEND,
        corrected_text="Update: found safe and well. Thank you for sharing.",
        now=t,
    )
    removal_request_extend(
        actor=force.infosec,
        removal_request=request,
        reasons="Posts re-shared across many accounts.",
        letter_body=NOTICE,
        now=t,
    )
    tasks = removal_request_actioning_start(actor=force.infosec, removal_request=request, now=t)
    assert len(tasks) == 2
    for task in tasks:
        removal_task_complete(
            actor=force.infosec,
            task=task,
            carried_out_by="Sam Patel, social media team",
            carried_out_at=t,
            evidence="Platform confirmation 88123",
            now=t,
        )
    outcome = letter_draft(
        actor=force.infosec, removal_request=request, kind=LetterKind.OUTCOME, now=t
    )
    removal_request_respond(
        actor=force.infosec,
        removal_request=request,
        letter_kind=LetterKind.OUTCOME,
        letter_body=outcome,
        summary="Both posts dealt with.",
        now=t,
    )
    request = removal_request_close(actor=force.infosec, removal_request=request, now=t)

    assert request.status == RequestStatus.CLOSED
    assert request.closed_at == t
    events = list(
        AuditEvent.objects.filter(action__startswith="removal_request.").order_by("sequence")
    )
    assert [e.action for e in events] == [
        "removal_request.received",
        "removal_request.identity_requested",
        "removal_request.identity_received",
        "removal_request.post_added",
        "removal_request.post_added",
        "removal_request.post_decided",
        "removal_request.post_decided",
        "removal_request.letter_sent",
        "removal_request.extended",
        "removal_request.actioning_started",
        "removal_request.task_completed",
        "removal_request.task_completed",
        "removal_request.letter_sent",
        "removal_request.responded",
        "removal_request.closed",
    ]
    # The requester's details are in none of the events, nor in the log.
    for event in events:
        recorded = " ".join(
            str(v) for v in (event.target_label, event.before, event.after, event.actor_text)
        )
        for secret in ("Bethany", "Quartermaine", "07700", "example.org", "Larch"):
            assert secret not in recorded
    for secret in ("Bethany", "Quartermaine", "07700", "example.org", "Larch"):
        assert secret not in caplog.text


def test_an_unknown_regime_received_before_5_february_2026_cannot_be_extended(force, now):
    request = RemovalRequestFactory(
        status=RequestStatus.CONSIDERING,
        regime=Regime.UNKNOWN,
        received_at=dt.datetime(2026, 1, 20, 12, tzinfo=dt.UTC),
    )
    notice = LetterFactory(
        request=request,
        kind=LetterKind.EXTENSION,
        sent_at=dt.datetime(2026, 2, 10, 10, tzinfo=dt.UTC),
    )
    with pytest.raises(ExtensionRefusedError, match="establish the regime before extending"):
        removal_request_extend(
            actor=force.infosec,
            removal_request=request,
            reasons="Complex",
            letter=notice,
            now=now,
        )
    request.refresh_from_db()
    assert not request.extended
