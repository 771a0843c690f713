"""Reads: only information security and auditors see requests; each open request shows its
clock in words and colour; the queue puts the soonest due first."""

from __future__ import annotations

import datetime as dt

import pytest

from bluelamp.core.errors import NotFoundError
from bluelamp.core.roles import Role
from bluelamp.data_requests import selectors
from bluelamp.data_requests.choices import Outcome, Regime, RequestStatus
from bluelamp.data_requests.tests.archive import PUBLISHED, make_post
from bluelamp.data_requests.tests.factories import PostDecisionFactory, RemovalRequestFactory

pytestmark = pytest.mark.django_db


def _at(y, m, d, hour=10):
    return dt.datetime(y, m, d, hour, tzinfo=dt.UTC)


@pytest.mark.parametrize("role", [r for r in Role if r not in (Role.INFOSEC, Role.AUDITOR)])
def test_other_roles_see_no_requests_and_a_request_is_answered_as_missing(force, role):
    request = RemovalRequestFactory()
    user = force.by_role[role]
    assert not selectors.removal_request_list(user=user).exists()
    assert selectors.removal_request_queue(user=user, today=dt.date(2026, 3, 2)) == []
    with pytest.raises(NotFoundError):
        selectors.removal_request_get(user=user, pk=request.pk)


def test_a_missing_request_is_answered_like_one_that_is_not_yours(force):
    with pytest.raises(NotFoundError) as missing:
        selectors.removal_request_get(user=force.infosec, pk=999)
    request = RemovalRequestFactory()
    with pytest.raises(NotFoundError) as hidden:
        selectors.removal_request_get(user=force.by_role[Role.CCD], pk=request.pk)
    assert missing.value.as_dict() == hidden.value.as_dict()


def test_user_without_any_role_sees_nothing(force):
    RemovalRequestFactory()
    assert not selectors.removal_request_list(user=force.nobody).exists()


@pytest.mark.parametrize("role", [Role.INFOSEC, Role.AUDITOR])
def test_infosec_and_auditors_see_every_request(force, role):
    request = RemovalRequestFactory(owner=force.infosec2)
    assert selectors.removal_request_get(user=force.by_role[role], pk=request.pk) == request


@pytest.mark.parametrize(
    ("received", "regime", "deadline"),
    [
        # The spec's examples
        (_at(2024, 11, 25), Regime.UKGDPR, dt.date(2024, 12, 27)),
        (_at(2026, 1, 1), Regime.UKGDPR, dt.date(2026, 2, 2)),
        (_at(2026, 3, 31), Regime.PART3, dt.date(2026, 4, 30)),
        # 23:30 UTC in summer is the next day in London
        (dt.datetime(2026, 6, 30, 23, 30, tzinfo=dt.UTC), Regime.UKGDPR, dt.date(2026, 8, 3)),
    ],
)
def test_each_request_shows_the_statutory_deadline_of_the_spec(received, regime, deadline):
    request = RemovalRequestFactory(received_at=received, regime=regime)
    due = selectors.removal_request_due(request, today=received.date())
    assert due.deadline == deadline


@pytest.mark.parametrize(
    ("today", "text", "colour"),
    [
        (dt.date(2026, 3, 3), "due in 18 working days", "green"),
        (dt.date(2026, 3, 26), "due in 1 working day", "orange"),
        (dt.date(2026, 3, 24), "due in 3 working days", "orange"),
        (dt.date(2026, 3, 27), "due today", "orange"),
        (dt.date(2026, 3, 29), "overdue by 2 days", "red"),
    ],
)
def test_the_due_text_and_colour_follow_the_days_left(today, text, colour):
    # Received Friday 27 February 2026: statutory deadline Friday 27 March 2026
    request = RemovalRequestFactory(received_at=_at(2026, 2, 27))
    due = selectors.removal_request_due(request, today=today)
    assert due.deadline == dt.date(2026, 3, 27)
    assert (due.text, due.colour) == (text, colour)
    assert due.overdue is (today > due.deadline)


@pytest.mark.parametrize(
    ("today", "colour"),
    [(dt.date(2025, 12, 27), "green"), (dt.date(2025, 12, 28), "orange")],
)
def test_from_the_warning_date_a_request_is_flagged_as_due_soon(today, colour):
    # Received 1 December 2025: warning Sunday 28 December; raw deadline 1 January is a bank
    # holiday, so the deadline is Friday 2 January 2026, four working days after 27 December.
    request = RemovalRequestFactory(received_at=_at(2025, 12, 1))
    due = selectors.removal_request_due(request, today=today)
    assert (due.clock.warning, due.deadline) == (dt.date(2025, 12, 28), dt.date(2026, 1, 2))
    assert due.colour == colour


def test_the_warning_date_does_not_flag_an_extended_request():
    request = RemovalRequestFactory(received_at=_at(2025, 12, 1), extended=True)
    due = selectors.removal_request_due(request, today=dt.date(2025, 12, 28))
    assert due.colour == "green"


def test_the_force_target_is_shown_in_words():
    request = RemovalRequestFactory(received_at=_at(2026, 2, 27))
    due = selectors.removal_request_due(request, today=dt.date(2026, 3, 16))
    assert due.clock.target == dt.date(2026, 3, 13)
    assert due.target_text == "overdue by 3 days"


def test_the_queue_lists_open_requests_soonest_due_first(force):
    later = RemovalRequestFactory(received_at=_at(2026, 2, 20))
    extended = RemovalRequestFactory(received_at=_at(2026, 1, 10), extended=True)
    soonest = RemovalRequestFactory(received_at=_at(2026, 2, 2))
    RemovalRequestFactory(received_at=_at(2026, 1, 1), status=RequestStatus.CLOSED)
    RemovalRequestFactory(received_at=_at(2026, 1, 1), status=RequestStatus.RESPONDED)
    queue = selectors.removal_request_queue(user=force.infosec, today=dt.date(2026, 3, 2))
    assert [d.request for d in queue] == [soonest, later, extended]


def test_identity_received_later_moves_a_request_down_the_queue(force):
    waiting = RemovalRequestFactory(
        received_at=_at(2026, 2, 2), identity_received_at=_at(2026, 2, 25)
    )
    plain = RemovalRequestFactory(received_at=_at(2026, 2, 10))
    queue = selectors.removal_request_queue(user=force.infosec, today=dt.date(2026, 3, 2))
    assert [d.request for d in queue] == [plain, waiting]


def test_the_monthly_report_counts_the_months_requests_by_what_became_of_them(force):
    # Received in March 2026 (statutory deadline for 2 March: Thursday 2 April)
    RemovalRequestFactory(
        received_at=_at(2026, 3, 2),
        responded_at=_at(2026, 3, 10),
        status=RequestStatus.CLOSED,
    )
    RemovalRequestFactory(
        received_at=_at(2026, 3, 3),
        responded_at=_at(2026, 3, 30),
        status=RequestStatus.RESPONDED,
        extended=True,
    )
    refused = RemovalRequestFactory(received_at=_at(2026, 3, 4), status=RequestStatus.CONSIDERING)
    PostDecisionFactory(request=refused, outcome=Outcome.REFUSE, reasons="Accurate")
    # Midnight at the start of 1 April in London (23:30 UTC on 31 March) is April's
    RemovalRequestFactory(received_at=dt.datetime(2026, 3, 31, 23, 30, tzinfo=dt.UTC))
    RemovalRequestFactory(received_at=_at(2026, 2, 27))
    report = selectors.removal_request_monthly_report(
        user=force.infosec, year=2026, month=3, today=dt.date(2026, 4, 20)
    )
    assert report.rows() == [
        ("Opened", 3),
        ("Answered within 14 days", 1),
        ("Answered within the statutory limit", 2),
        ("Extended", 1),
        ("Refused", 1),
        ("Closed", 1),
        ("Open and overdue", 1),
    ]
    assert (
        selectors.removal_request_monthly_report(
            user=force.by_role[Role.CCD], year=2026, month=3, today=dt.date(2026, 4, 20)
        ).opened
        == 0
    )


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


def test_information_security_searches_the_archive_with_full_text(force, accounts):
    appeal = make_post(accounts["walsall"], text="Appeal: Dana Whitlock was last seen in Bloxwich.")
    make_post(accounts["dudley"], text="Beat meeting tonight.")

    assert [p.pk for p in selectors.archive_post_search(user=force.infosec, q="appeals")] == [
        appeal.pk
    ]
    assert [
        p.pk for p in selectors.archive_post_search(user=force.infosec, q='"last seen" Blox*')
    ] == [appeal.pk]
    assert selectors.archive_post_search(user=force.infosec, q='"seen last"') == []
    assert selectors.archive_post_search(user=force.infosec, q="-appeal") == []


def test_the_search_is_refused_to_everyone_else(force, accounts):
    make_post(accounts["dudley"])
    for role in (Role.STAFF, Role.CCD, Role.PSD, Role.LINE_MANAGER):
        with pytest.raises(NotFoundError):
            selectors.archive_post_search(user=force.by_role[role], q="Dana")
