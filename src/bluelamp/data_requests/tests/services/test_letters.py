"""Letters to the requester: drafted from the case and its clock, edited, sent and kept as
sent (text and PDF); a refusal cannot go without what spec/deadlines.md says it must say."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from bluelamp.audit.models import AuditEvent
from bluelamp.core.errors import InvalidInputError, NotFoundError, PermissionDeniedError
from bluelamp.core.roles import Role
from bluelamp.core.testing.pdf import pdf_text
from bluelamp.data_requests import letters
from bluelamp.data_requests.choices import LetterKind, Outcome, Regime, RequestStatus
from bluelamp.data_requests.errors import LetterRefusedError
from bluelamp.data_requests.models import Letter, LetterImmutableError
from bluelamp.data_requests.services import letters as letter_services
from bluelamp.data_requests.services.letters import letter_draft, letter_send
from bluelamp.data_requests.services.retention import removal_request_retention_purge
from bluelamp.data_requests.tests.factories import (
    REQUESTER_CONTACT,
    REQUESTER_NAME,
    PostDecisionFactory,
    RemovalRequestFactory,
)

pytestmark = pytest.mark.django_db

#: After 19 June 2026, when the right to complain to the force applies.
SUMMER = dt.datetime(2026, 7, 1, 10, 0, tzinfo=dt.UTC)
REASONS = "The post is accurate: it reports a court result that is a matter of public record."


def _refused_case(**kwargs):
    rr = RemovalRequestFactory(status=RequestStatus.CONSIDERING, **kwargs)
    PostDecisionFactory(request=rr, outcome=Outcome.REFUSE, reasons=REASONS)
    return rr


def _draft(force, rr, kind, now, **kwargs):
    return letter_draft(actor=force.infosec, removal_request=rr, kind=kind, now=now, **kwargs)


def _send(force, rr, kind, body, now, **kwargs):
    return letter_send(
        actor=force.infosec, removal_request=rr, kind=kind, body=body, now=now, **kwargs
    )


# --- Drafting -------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", LetterKind.values)
def test_every_letter_is_addressed_to_the_requester_and_dated_from_the_case(force, now, kind):
    rr = _refused_case()
    text = _draft(force, rr, kind, now)
    assert text.startswith(f"{REQUESTER_NAME}\n{REQUESTER_CONTACT}\n")
    assert "Monday 2 March 2026" in text  # the letter's date: today
    assert f"Our reference: {rr.reference}" in text
    assert f"Dear {REQUESTER_NAME}," in text
    assert "Friday 27 February 2026" in text  # when the request was received


def test_an_acknowledgement_gives_the_target_and_the_statutory_deadline(force, now):
    text = _draft(force, RemovalRequestFactory(), LetterKind.ACKNOWLEDGEMENT, now)
    assert "within 14 days, by Friday 13 March 2026" in text
    assert "The law gives us until Friday 27 March 2026" in text


def test_an_acknowledgement_of_an_extended_case_gives_the_extended_deadline(force, now):
    rr = RemovalRequestFactory(extended=True, extension_notice_sent_on=dt.date(2026, 3, 1))
    text = _draft(force, rr, LetterKind.ACKNOWLEDGEMENT, now)
    assert "The law gives us until Wednesday 27 May 2026" in text


def test_a_request_for_identity_says_the_clock_starts_when_it_arrives(force, now):
    text = _draft(force, RemovalRequestFactory(), LetterKind.IDENTITY, now)
    assert "one that shows your address" in text
    assert "starts again on the day we receive these" in text


def test_an_extension_notice_gives_the_reasons_and_the_new_deadline(force, now):
    rr = RemovalRequestFactory(extension_reasons="Seven posts on four accounts to review.")
    text = _draft(force, rr, LetterKind.EXTENSION, now)
    assert "Why we need more time: Seven posts on four accounts to review." in text
    assert "We will now answer you by Wednesday 27 May 2026." in text


def test_an_extension_notice_without_recorded_reasons_asks_for_them(force, now):
    text = _draft(force, RemovalRequestFactory(), LetterKind.EXTENSION, now)
    assert "[Write the reasons for the extension]" in text


def test_an_outcome_letter_says_what_was_removed_amended_and_restricted(force, now):
    rr = RemovalRequestFactory(status=RequestStatus.ACTIONING)
    PostDecisionFactory(request=rr, outcome=Outcome.REMOVE, url="https://x.com/a/status/1")
    PostDecisionFactory(
        request=rr,
        outcome=Outcome.AMEND,
        url="https://x.com/a/status/2",
        corrected_text="A man has been charged.",
    )
    PostDecisionFactory(request=rr, outcome=Outcome.RESTRICT, url="https://x.com/a/status/3")
    text = _draft(force, rr, LetterKind.OUTCOME, now)
    assert "We have removed the post on X at https://x.com/a/status/1." in text
    assert "It now reads: “A man has been charged.”" in text
    assert "We have taken down the post on X at https://x.com/a/status/3" in text
    assert "marked restricted" in text
    letter = _send(force, rr, LetterKind.OUTCOME, text, now)
    assert letter.body == text


def test_an_outcome_letter_that_refuses_a_post_must_carry_the_refusal_rights(force, now):
    rr = _refused_case()
    text = _draft(force, rr, LetterKind.OUTCOME, now)
    assert f"Our reasons: {REASONS}" in text
    assert "judicial remedy" in text
    with pytest.raises(InvalidInputError) as raised:
        _send(force, rr, LetterKind.OUTCOME, text.replace("judicial remedy", "remedy"), now)
    assert "the right to seek a judicial remedy" in raised.value.message


def test_an_outcome_letter_cannot_go_while_a_post_is_undecided(force, now):
    rr = RemovalRequestFactory(status=RequestStatus.CONSIDERING)
    PostDecisionFactory(request=rr)
    text = _draft(force, rr, LetterKind.OUTCOME, now)
    with pytest.raises(InvalidInputError) as raised:
        _send(force, rr, LetterKind.OUTCOME, text, now)
    assert "[Not decided yet" in raised.value.message
    assert not Letter.objects.exists()


def test_a_refusal_gives_the_reasons_recorded_on_the_refused_posts(force, now):
    text = _draft(force, _refused_case(), LetterKind.REFUSAL, now)
    assert f"Our reasons: {REASONS}" in text
    assert "complain to the Information Commissioner" in text
    assert "judicial remedy" in text
    assert "ask the Information Commissioner to check" not in text  # UK GDPR
    assert "complain to us" not in text  # before 19 June 2026


# --- Sending and what a refusal must say -----------------------------------------------------------


def test_a_letter_to_a_name_in_polish_and_arabic_prints_the_name_as_written(force, now):
    name = "Łukasz Wiśniewski محمد"
    rr = RemovalRequestFactory(requester_name=name, requester_contact="lw@example.org")
    text = _draft(force, rr, LetterKind.ACKNOWLEDGEMENT, now)
    assert text.startswith(f"{name}\n")

    letter = _send(force, rr, LetterKind.ACKNOWLEDGEMENT, text, now)

    printed = pdf_text(letter.pdf)
    assert printed.splitlines()[0] == name
    assert f"Our reference: {rr.reference}" in printed
    assert "?" not in printed.splitlines()[0]


@pytest.mark.parametrize("kind", [LetterKind.ACKNOWLEDGEMENT, LetterKind.IDENTITY])
def test_a_drafted_letter_is_sent_and_kept_with_the_case_as_sent(force, now, kind):
    rr = RemovalRequestFactory()
    text = _draft(force, rr, kind, now) + "\nPS edited by hand."
    letter = _send(force, rr, kind, text, now)
    letter.refresh_from_db()
    assert letter.request == rr
    assert letter.kind == kind
    assert letter.body == text
    assert letter.sent_at == now
    assert letter.sent_by == force.infosec
    assert bytes(letter.pdf).startswith(b"%PDF-")
    assert "PS edited by hand." in pdf_text(letter.pdf)


def test_the_unedited_refusal_draft_can_be_sent(force, now):
    rr = _refused_case()
    letter = _send(force, rr, LetterKind.REFUSAL, _draft(force, rr, LetterKind.REFUSAL, now), now)
    assert letter.kind == LetterKind.REFUSAL


REFUSAL_ELEMENTS = [
    (f"Our reasons: {REASONS}", "", "the reasons for the refusal"),
    (
        "complain to the Information Commissioner",
        "write to a regulator",
        "the right to complain to the Information Commissioner",
    ),
    ("judicial remedy", "remedy", "the right to seek a judicial remedy"),
]


@pytest.mark.parametrize(("phrase", "replacement", "named"), REFUSAL_ELEMENTS)
def test_a_refusal_without_a_required_element_is_refused_naming_it(
    force, now, phrase, replacement, named
):
    rr = _refused_case()
    text = _draft(force, rr, LetterKind.REFUSAL, now)
    assert phrase in text
    events = AuditEvent.objects.count()
    with pytest.raises(InvalidInputError) as raised:
        _send(force, rr, LetterKind.REFUSAL, text.replace(phrase, replacement), now)
    assert raised.value.message.startswith("The letter cannot be sent without ")
    assert named in raised.value.message
    assert named in raised.value.fields["errors"]["body"][0]
    assert not Letter.objects.exists()
    assert AuditEvent.objects.count() == events


def test_a_refusal_whose_reasons_are_left_empty_is_refused(force, now):
    rr = RemovalRequestFactory(status=RequestStatus.CONSIDERING)
    PostDecisionFactory(request=rr, outcome=Outcome.REFUSE, reasons="")
    text = _draft(force, rr, LetterKind.REFUSAL, now)
    assert "Our reasons: [Write the reasons here]" in text
    with pytest.raises(InvalidInputError) as raised:
        _send(force, rr, LetterKind.REFUSAL, text, now)
    assert "the reasons for the refusal" in raised.value.message
    assert "[Write the reasons here]" in raised.value.message
    with pytest.raises(InvalidInputError):
        _send(force, rr, LetterKind.REFUSAL, text.replace("[Write the reasons here]", "No."), now)


def test_an_empty_letter_is_refused(force, now):
    with pytest.raises(InvalidInputError) as raised:
        _send(force, RemovalRequestFactory(), LetterKind.ACKNOWLEDGEMENT, "  \n ", now)
    assert "the text of the letter" in raised.value.message


def test_a_part3_refusal_must_offer_the_commissioner_check(force, now):
    rr = _refused_case(regime=Regime.PART3)
    text = _draft(force, rr, LetterKind.REFUSAL, now)
    assert "ask the Information Commissioner to check that our decision was lawful" in text
    with pytest.raises(InvalidInputError) as raised:
        _send(
            force,
            rr,
            LetterKind.REFUSAL,
            text.replace("ask the Information Commissioner to check", "ask someone to check"),
            now,
        )
    assert "the right to ask the Information Commissioner to check the decision" in (
        raised.value.message
    )
    assert _send(force, rr, LetterKind.REFUSAL, text, now).kind == LetterKind.REFUSAL


def test_a_refusal_where_the_regime_is_unknown_is_held_to_the_part3_rules(force, now):
    rr = _refused_case(regime=Regime.UNKNOWN)
    text = _draft(force, rr, LetterKind.REFUSAL, now)
    assert "ask the Information Commissioner to check" in text


def test_a_part3_refusal_may_withhold_the_reasons_if_it_says_rights_are_restricted(force, now):
    rr = _refused_case(regime=Regime.PART3)
    text = _draft(force, rr, LetterKind.REFUSAL, now, reasons_withheld=True)
    assert REASONS not in text
    assert "your rights are restricted" in text
    letter = _send(force, rr, LetterKind.REFUSAL, text, now, reasons_withheld=True)
    assert letter.reasons_withheld is True
    with pytest.raises(InvalidInputError) as raised:
        _send(
            force,
            rr,
            LetterKind.REFUSAL,
            text.replace("your rights are restricted", "we say no"),
            now,
            reasons_withheld=True,
        )
    assert "the statement that “your rights are restricted”" in raised.value.message


def test_a_part3_refusal_without_reasons_names_both_ways_to_satisfy_it(force, now):
    rr = _refused_case(regime=Regime.PART3)
    text = _draft(force, rr, LetterKind.REFUSAL, now).replace(f"Our reasons: {REASONS}", "")
    with pytest.raises(InvalidInputError) as raised:
        _send(force, rr, LetterKind.REFUSAL, text, now)
    assert "or the statement that “your rights are restricted”" in raised.value.message


def test_reasons_cannot_be_withheld_outside_part3(force, now):
    rr = _refused_case(regime=Regime.UKGDPR)
    with pytest.raises(InvalidInputError) as raised:
        _draft(force, rr, LetterKind.REFUSAL, now, reasons_withheld=True)
    assert "only in a refusal of a Part 3 request" in raised.value.message


def test_from_19_june_2026_a_refusal_must_offer_a_complaint_to_the_force(force):
    rr = _refused_case(received_at=dt.datetime(2026, 6, 25, 9, tzinfo=dt.UTC))
    text = _draft(force, rr, LetterKind.REFUSAL, SUMMER)
    assert "you can complain to us. We will acknowledge your complaint within 30 days." in text
    for phrase in ("complain to us", "within 30 days"):
        with pytest.raises(InvalidInputError) as raised:
            _send(force, rr, LetterKind.REFUSAL, text.replace(phrase, "write"), SUMMER)
        assert "the right to complain to the force" in raised.value.message
    assert _send(force, rr, LetterKind.REFUSAL, text, SUMMER).kind == LetterKind.REFUSAL


def test_every_missing_element_is_named_at_once(force, now):
    rr = _refused_case(regime=Regime.PART3)
    with pytest.raises(InvalidInputError) as raised:
        _send(force, rr, LetterKind.REFUSAL, "Dear person, no.", now)
    for named in (
        "the reasons for the refusal",
        "the right to complain to the Information Commissioner",
        "the right to seek a judicial remedy",
        "the right to ask the Information Commissioner to check the decision",
    ):
        assert named in raised.value.message


# --- Extension notices ---------------------------------------------------------------------------


def test_an_extension_notice_is_sent_by_the_notice_date(force):
    rr = RemovalRequestFactory(extension_reasons="Seven posts to review.")
    on_the_day = dt.datetime(2026, 3, 27, 16, tzinfo=dt.UTC)
    text = _draft(force, rr, LetterKind.EXTENSION, on_the_day)
    assert _send(force, rr, LetterKind.EXTENSION, text, on_the_day).kind == LetterKind.EXTENSION


def test_an_extension_notice_after_the_notice_date_is_refused_with_the_reason(force):
    rr = RemovalRequestFactory(extension_reasons="Seven posts to review.")
    late = dt.datetime(2026, 3, 28, 10, tzinfo=dt.UTC)
    text = _draft(force, rr, LetterKind.EXTENSION, late)
    with pytest.raises(LetterRefusedError) as raised:
        _send(force, rr, LetterKind.EXTENSION, text, late)
    assert raised.value.message == (
        f"The extension notice for {rr.reference} had to be sent by Friday 27 March 2026; "
        "it is now too late to extend the deadline."
    )
    assert not Letter.objects.exists()


def test_an_extension_notice_for_an_old_part3_request_is_refused(force):
    rr = RemovalRequestFactory(
        regime=Regime.PART3,
        received_at=dt.datetime(2026, 2, 2, 9, tzinfo=dt.UTC),
        extension_reasons="Complex.",
    )
    when = dt.datetime(2026, 2, 10, 9, tzinfo=dt.UTC)
    text = _draft(force, rr, LetterKind.EXTENSION, when)
    assert "[Enter the new deadline]" in text
    with pytest.raises(LetterRefusedError) as raised:
        _send(force, rr, LetterKind.EXTENSION, text, when)
    assert "cannot be extended" in raised.value.message


def test_an_extension_notice_with_the_reasons_placeholder_left_in_is_refused(force, now):
    rr = RemovalRequestFactory()
    text = _draft(force, rr, LetterKind.EXTENSION, now)
    with pytest.raises(InvalidInputError) as raised:
        _send(force, rr, LetterKind.EXTENSION, text, now)
    assert "[Write the reasons for the extension]" in raised.value.message


# --- Kept as sent, audited, private --------------------------------------------------------------


def test_a_sent_letter_cannot_be_changed_or_deleted(force, now):
    rr = RemovalRequestFactory()
    letter = _send(force, rr, LetterKind.IDENTITY, _draft(force, rr, "identity", now), now)
    letter.body = "Something else"
    with pytest.raises(LetterImmutableError):
        letter.save()
    with pytest.raises(LetterImmutableError):
        letter.delete()
    letter.refresh_from_db()
    assert letter.body != "Something else"
    assert not hasattr(letter_services, "letter_edit")


def test_sending_is_audited_by_letter_number_and_kind_never_its_text(force, now, caplog):
    caplog.set_level(logging.DEBUG)
    rr = _refused_case()
    letter = _send(force, rr, LetterKind.REFUSAL, _draft(force, rr, "refusal", now), now)
    event = AuditEvent.objects.get(action="removal_request.letter_sent")
    assert event.target_id == str(rr.pk)
    assert event.after["letter_id"] == letter.pk
    assert event.after["kind"] == "refusal"
    assert len(event.after["pdf_sha256"]) == 64
    recorded = " ".join(
        str(v) for v in (event.target_label, event.before, event.after, event.actor_text)
    )
    for secret in ("Bethany", "Quartermaine", "07700", "example.org", "Larch", "accurate"):
        assert secret not in recorded
        assert secret not in caplog.text
    assert "Bethany" not in str(letter)


def test_no_letter_can_be_sent_on_a_closed_case(force, now):
    rr = RemovalRequestFactory(status=RequestStatus.CLOSED, closed_at=now)
    with pytest.raises(LetterRefusedError) as raised:
        _send(force, rr, LetterKind.ACKNOWLEDGEMENT, "Dear person, thanks.", now)
    assert "is closed" in raised.value.message
    with pytest.raises(LetterRefusedError):
        _draft(force, rr, LetterKind.ACKNOWLEDGEMENT, now)


def test_an_unknown_kind_is_refused(force, now):
    with pytest.raises(InvalidInputError):
        _send(force, RemovalRequestFactory(), "threat", "Dear person.", now)


def test_only_information_security_may_draft_or_send(force, now):
    rr = RemovalRequestFactory()
    with pytest.raises(PermissionDeniedError):
        letter_draft(actor=force.auditor, removal_request=rr, kind="identity", now=now)
    with pytest.raises(PermissionDeniedError):
        letter_send(
            actor=force.auditor, removal_request=rr, kind="identity", body="Dear x", now=now
        )
    for role, user in force.by_role.items():
        if role in (Role.INFOSEC, Role.AUDITOR):
            continue
        with pytest.raises(NotFoundError):
            letter_draft(actor=user, removal_request=rr, kind="identity", now=now)
        with pytest.raises(NotFoundError):
            letter_send(actor=user, removal_request=rr, kind="identity", body="Dear x", now=now)
    assert not Letter.objects.exists()


def test_the_retention_job_blanks_the_letters_but_keeps_the_record(force, now):
    rr = RemovalRequestFactory()
    letter = _send(force, rr, LetterKind.IDENTITY, _draft(force, rr, "identity", now), now)
    type(rr).objects.filter(pk=rr.pk).update(status=RequestStatus.CLOSED, closed_at=now)
    purged = removal_request_retention_purge(
        now=now + dt.timedelta(days=7 * 366), retention_years=6
    )
    assert purged == [rr.pk]
    letter.refresh_from_db()
    assert letter.body == ""
    assert bytes(letter.pdf) == b""
    assert letter.kind == LetterKind.IDENTITY
    event = AuditEvent.objects.get(action="removal_request.requester_deleted")
    assert event.after["letters_blanked"] == 1


def test_missing_content_is_pure_and_reports_nothing_for_a_complete_refusal(force, now):
    rr = _refused_case()
    text = _draft(force, rr, LetterKind.REFUSAL, now)
    assert letters.missing_content(kind="refusal", body=text, request=rr, on=now.date()) == []
