"""What removal requests take from the policy pack and the settings: the one-off bank holidays
the clocks (queue, case page, digest) skip, and the force's name, signature and the
Information Commissioner's details on the letters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bluelamp.data_requests import policy, selectors
from bluelamp.data_requests.choices import LetterKind, Outcome, RequestStatus
from bluelamp.data_requests.services.letters import letter_draft, letter_send
from bluelamp.data_requests.tests.factories import PostDecisionFactory, RemovalRequestFactory
from bluelamp.engine.policy_pack import DEFAULT_PACK

pytestmark = pytest.mark.django_db

SHIPPED_TABLE = DEFAULT_PACK.read_text(encoding="utf-8")


def _pack(tmp_path: Path, settings, **keys: str) -> None:
    """Point the settings at a copy of the shipped pack with these [data_requests] keys."""
    text = SHIPPED_TABLE
    for key, value in keys.items():
        start = text.index(f"\n{key} = ")
        end = text.index("\n", start + 1)
        text = text[:start] + f"\n{key} = {value}" + text[end:]
    path = tmp_path / "pack.toml"
    path.write_text(text, encoding="utf-8")
    settings.BLUELAMP_POLICY_PACK = str(path)


def test_without_extra_holidays_the_deadline_is_the_spec_one(force):
    # Received Friday 27 February 2026: deadline Friday 27 March 2026
    rr = RemovalRequestFactory()
    assert policy.extra_holidays() == ()
    assert selectors.removal_request_due(rr, today=dt.date(2026, 3, 2)).deadline == dt.date(
        2026, 3, 27
    )


def test_a_one_off_bank_holiday_in_the_pack_moves_the_deadline(force, tmp_path, settings):
    _pack(tmp_path, settings, extra_bank_holidays="[2026-03-27]")
    rr = RemovalRequestFactory()
    due = selectors.removal_request_due(rr, today=dt.date(2026, 3, 2))
    assert due.deadline == dt.date(2026, 3, 30)  # the next working day, Monday
    # The queue and the digest use the same clock
    queue = selectors.removal_request_queue(user=force.infosec, today=dt.date(2026, 3, 2))
    assert queue[0].deadline == dt.date(2026, 3, 30)
    # … and the working days left count it as a holiday
    assert due.text == "due in 19 working days"


def test_a_one_off_bank_holiday_in_the_settings_counts_too(force, settings):
    settings.BLUELAMP_EXTRA_BANK_HOLIDAYS = ["2026-03-27"]
    rr = RemovalRequestFactory()
    assert policy.extra_holidays() == (dt.date(2026, 3, 27),)
    assert selectors.removal_request_clock(rr).deadline == dt.date(2026, 3, 30)


def test_a_bad_date_in_the_settings_is_an_error_naming_it(settings):
    settings.BLUELAMP_EXTRA_BANK_HOLIDAYS = ["27/03/2026"]
    with pytest.raises(ValueError, match=r"BLUELAMP_EXTRA_BANK_HOLIDAYS\[0\] '27/03/2026'"):
        policy.extra_holidays()


def test_the_extension_notice_date_follows_the_extra_holiday(force, tmp_path, settings, now):
    # The unextended raw deadline is the notice date; rule 3 does not move it
    _pack(tmp_path, settings, extra_bank_holidays="[2026-03-27]")
    rr = RemovalRequestFactory(extended=True)
    clock = selectors.removal_request_clock(rr)
    assert clock.extension_notice_by == dt.date(2026, 3, 27)
    assert clock.deadline == dt.date(2026, 3, 30)


def test_letters_name_the_force_and_the_sender_from_the_pack(force, now):
    text = letter_draft(
        actor=force.infosec,
        removal_request=RemovalRequestFactory(),
        kind=LetterKind.ACKNOWLEDGEMENT,
        now=now,
    )
    assert text.endswith(
        "Yours sincerely,\n\nInformation Security & Assurance\nWest Midlands Police"
    )


def test_another_forces_pack_changes_the_signature_and_the_ico_details(
    force, tmp_path, settings, now
):
    _pack(
        tmp_path,
        settings,
        letter_sender='"Data Protection Office"',
        ico_contact='"the ICO, Wycliffe House, Wilmslow SK9 5AF, ico.org.uk/complain."',
    )
    settings_pack = Path(settings.BLUELAMP_POLICY_PACK)
    settings_pack.write_text(
        settings_pack.read_text().replace(
            'force = "West Midlands Police"', 'force = "Test Constabulary"'
        )
    )
    post = PostDecisionFactory(
        request__status=RequestStatus.CONSIDERING,
        outcome=Outcome.REFUSE,
        reasons="The post is accurate and in the public interest.",
    )
    text = letter_draft(
        actor=force.infosec, removal_request=post.request, kind=LetterKind.REFUSAL, now=now
    )
    assert (
        "complain to the Information Commissioner: the ICO, Wycliffe House, Wilmslow SK9 5AF, "
        "ico.org.uk/complain." in text
    )
    assert "Wycliffe House, Water Lane" not in text
    assert text.endswith("Data Protection Office\nTest Constabulary")
    # The refusal still has everything it must say, so it can be sent
    letter = letter_send(
        actor=force.infosec,
        removal_request=post.request,
        kind=LetterKind.REFUSAL,
        body=text,
        now=now,
    )
    assert "Test Constabulary" in letter.body
