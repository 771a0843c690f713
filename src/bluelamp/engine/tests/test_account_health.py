"""Account health, in tables: each policy point alone, the thresholds at their edges, and the
counts across accounts."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from bluelamp.engine.account_health import (
    KINDS,
    AccountFacts,
    app_allowed,
    bio_shows_disclaimer,
    check_account,
    count_by_kind,
    email_on_force_domain,
    kinds_hold_until,
    pack_key,
)
from bluelamp.engine.policy_pack import load_pack

NOW = dt.datetime(2026, 3, 27, 12, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)
PACK = load_pack()

HEALTHY = AccountFacts(
    registration_email="npu.dudley@west-midlands.pnn.police.uk",
    shows_disclaimer=True,
    location_services_on=False,
    connected_apps=("Hootsuite",),
    opened_at=NOW - 400 * DAY,
    last_post_at=NOW - 2 * DAY,
    password_changed_at=NOW - 10 * DAY,
    roster_changed_at=NOW - 20 * DAY,
)


def kinds(facts: AccountFacts) -> list[str]:
    return [issue.kind for issue in check_account(facts, now=NOW, pack=PACK)]


def test_a_healthy_account_breaks_nothing():
    assert check_account(HEALTHY, now=NOW, pack=PACK) == []


@pytest.mark.parametrize(
    ("change", "expected", "clause"),
    [
        ({"shows_disclaimer": False}, ["no_disclaimer"], "4.15"),
        ({"location_services_on": True}, ["location_on"], "3.15"),
        ({"connected_apps": ("Hootsuite", "Buffer")}, ["app_not_allowed"], "3.14"),
        ({"connected_apps": ("Orlo",)}, ["required_app_missing"], "3.13"),
        ({"connected_apps": ()}, ["required_app_missing"], "3.13"),
        ({"registration_email": "jo.bloggs@gmail.com"}, ["email_off_domain"], "3.10"),
        ({"registration_email": ""}, ["email_off_domain"], "3.10"),
        ({"last_post_at": NOW - 91 * DAY}, ["dormant"], "4.1"),
        ({"roster_changed_at": NOW - 5 * DAY}, ["roster_changed"], "5.7"),
        (
            {"password_changed_at": NOW - 91 * DAY, "roster_changed_at": None},
            ["password_overdue"],
            "5.9",
        ),
    ],
)
def test_each_policy_point_is_flagged_alone_with_its_clause(change, expected, clause):
    # Given a healthy account with one thing wrong
    facts = dataclasses.replace(HEALTHY, **change)
    # When it is checked
    issues = check_account(facts, now=NOW, pack=PACK)
    # Then exactly that point is flagged, naming its clause
    assert [i.kind for i in issues] == expected
    assert issues[0].clause == clause
    assert issues[0].message


@pytest.mark.parametrize(
    ("age_days", "dormant"),
    [(89, False), (90, False), (91, True)],
)
def test_dormancy_starts_after_the_packs_window(age_days, dormant):
    facts = dataclasses.replace(HEALTHY, last_post_at=NOW - age_days * DAY)
    assert ("dormant" in kinds(facts)) is dormant


def test_an_account_that_never_posted_is_dormant_once_the_window_has_passed_since_it_opened():
    fresh = dataclasses.replace(HEALTHY, last_post_at=None, opened_at=NOW - 30 * DAY)
    stale = dataclasses.replace(HEALTHY, last_post_at=None, opened_at=NOW - 120 * DAY)
    assert "dormant" not in kinds(fresh)
    assert "dormant" in kinds(stale)


def test_with_no_password_change_recorded_the_opening_date_counts():
    new = dataclasses.replace(
        HEALTHY, password_changed_at=None, roster_changed_at=None, opened_at=NOW - 10 * DAY
    )
    old = dataclasses.replace(
        HEALTHY, password_changed_at=None, roster_changed_at=None, opened_at=NOW - 100 * DAY
    )
    assert kinds(new) == []
    assert kinds(old) == ["password_overdue"]


def test_a_roster_change_before_the_last_password_change_is_fine():
    facts = dataclasses.replace(
        HEALTHY, roster_changed_at=NOW - 3 * DAY, password_changed_at=NOW - 2 * DAY
    )
    assert kinds(facts) == []


def test_every_problem_at_once_comes_in_the_order_of_the_kinds():
    facts = AccountFacts(
        registration_email="someone@hotmail.co.uk",
        shows_disclaimer=False,
        location_services_on=True,
        connected_apps=("IFTTT",),
        opened_at=NOW - 500 * DAY,
        last_post_at=NOW - 200 * DAY,
        password_changed_at=NOW - 300 * DAY,
        roster_changed_at=NOW - 100 * DAY,
    )
    assert kinds(facts) == [kind.key for kind in KINDS]


def test_naive_times_are_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        check_account(HEALTHY, now=NOW.replace(tzinfo=None), pack=PACK)
    with pytest.raises(ValueError, match="last_post_at"):
        check_account(
            dataclasses.replace(HEALTHY, last_post_at=dt.datetime(2026, 1, 1)), now=NOW, pack=PACK
        )


def test_counts_are_by_kind_with_each_account_counted_once_per_kind():
    two_apps = dataclasses.replace(HEALTHY, connected_apps=("Hootsuite", "Buffer", "IFTTT"))
    no_disclaimer = dataclasses.replace(HEALTHY, shows_disclaimer=False)
    results = [check_account(f, now=NOW, pack=PACK) for f in (HEALTHY, two_apps, no_disclaimer)]
    counts = count_by_kind(results)
    assert list(counts) == [kind.key for kind in KINDS]
    assert counts["app_not_allowed"] == 1
    assert counts["no_disclaimer"] == 1
    assert counts["dormant"] == 0


@pytest.mark.parametrize(
    ("email", "on_domain"),
    [
        ("jo.bloggs@west-midlands.pnn.police.uk", True),
        ("Jo.Bloggs@WEST-MIDLANDS.PNN.POLICE.UK", True),
        ("jo@npu.west-midlands.pnn.police.uk", True),
        ("jo@evil-west-midlands.pnn.police.uk", False),
        ("jo@west-midlands.pnn.police.uk.example.com", False),
        ("jo@gmail.com", False),
        ("west-midlands.pnn.police.uk", False),
        ("@west-midlands.pnn.police.uk", False),
        ("", False),
    ],
)
def test_the_force_domain_means_the_packs_mail_domains_or_their_subdomains(email, on_domain):
    assert email_on_force_domain(email, PACK) is on_domain


@pytest.mark.parametrize(
    ("bio", "shows"),
    [
        (PACK.disclaimer, True),
        ("Dudley NPU. Not monitored 24/7: report crime on 101, emergencies 999.", True),
        ("Dudley NPU. Report crime on 101.", False),
        ("", False),
    ],
)
def test_a_bio_shows_the_disclaimer_when_it_has_every_marker(bio, shows):
    assert bio_shows_disclaimer(bio, PACK) is shows


def test_without_markers_the_disclaimer_text_itself_must_appear():
    pack = dataclasses.replace(PACK, disclaimer_markers=())
    assert bio_shows_disclaimer("Dudley NPU. " + PACK.disclaimer, pack)
    assert not bio_shows_disclaimer("Dudley NPU. Call 101 or 999.", pack)


def test_the_required_app_is_allowed_and_names_compare_ignoring_case():
    assert app_allowed("hootsuite", PACK)
    assert app_allowed(" Orlo ", PACK)
    assert not app_allowed("Buffer", PACK)


# --- How long an answer holds -------------------------------------------------------------------


def _kind_set(facts: AccountFacts, at: dt.datetime) -> list[str]:
    return [issue.kind for issue in check_account(facts, now=at, pack=PACK)]


def _facts_around_the_limits():
    dormancy = PACK.thresholds["dormancy_days"] * DAY
    rotation = PACK.thresholds["password_rotation_days"] * DAY
    offsets = (None, -dormancy - DAY, -dormancy, -rotation + DAY, -3 * DAY, DAY)
    for opened in (NOW - 900 * DAY, NOW - dormancy + DAY, NOW - rotation - DAY):
        for last_post in offsets:
            for password in offsets:
                yield dataclasses.replace(
                    HEALTHY,
                    opened_at=opened,
                    last_post_at=None if last_post is None else NOW + last_post,
                    password_changed_at=None if password is None else NOW + password,
                )


def test_the_kinds_hold_until_the_next_limit_and_change_just_after_it():
    tried = 0
    for facts in _facts_around_the_limits():
        until = kinds_hold_until(facts, now=NOW, pack=PACK)
        at_now = _kind_set(facts, NOW)
        if until is None:
            assert _kind_set(facts, NOW + 3650 * DAY) == at_now
            continue
        assert until >= NOW
        for t in (NOW + (until - NOW) / 3, NOW + (until - NOW) / 2, until):
            assert _kind_set(facts, t) == at_now
        assert _kind_set(facts, until + dt.timedelta(microseconds=1)) != at_now
        tried += 1
    assert tried > 10


def test_an_account_flagged_for_both_limits_holds_for_ever():
    stale = dataclasses.replace(
        HEALTHY, opened_at=NOW - 900 * DAY, last_post_at=None, password_changed_at=None
    )
    assert {"dormant", "password_overdue"} <= set(_kind_set(stale, NOW))
    assert kinds_hold_until(stale, now=NOW, pack=PACK) is None


def test_the_pack_key_changes_with_what_the_checks_read_and_nothing_else():
    key = pack_key(PACK)
    assert key == pack_key(PACK)
    more_apps = dataclasses.replace(PACK, allowed_apps=(*PACK.allowed_apps, "Buffer"))
    assert pack_key(more_apps) != key
    longer = dataclasses.replace(
        PACK, thresholds={**PACK.thresholds, "dormancy_days": PACK.thresholds["dormancy_days"] + 1}
    )
    assert pack_key(longer) != key
    assert pack_key(dataclasses.replace(PACK, version="9.9")) == key
