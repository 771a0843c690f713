"""Changes and endings of accounts through the services (CC/01 3.5, 3.8, 3.10, 3.13, 4.15,
4.18, 4.19, 5.7): what is recorded, who is told, and the refusals that change nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from bluelamp.audit.models import AuditEvent
from bluelamp.core.errors import (
    ConflictError,
    InvalidInputError,
    PermissionDeniedError,
)
from bluelamp.social_accounts.choices import AccountStatus
from bluelamp.social_accounts.errors import DuplicateAccountError
from bluelamp.social_accounts.models import Account
from bluelamp.social_accounts.services.lifecycle import (
    account_close,
    account_conversion_decide,
    account_conversion_request,
    account_reinstate,
    account_suspend,
)
from bluelamp.social_accounts.services.registry import (
    account_details_update,
    account_import,
    account_last_post_record,
    account_password_change_record,
)
from bluelamp.social_accounts.services.roster import (
    account_deputy_set,
    account_hand_over,
    account_roster_add,
    account_roster_remove,
)
from bluelamp.social_accounts.tests.factories import AccountFactory, ForceUserFactory

pytestmark = pytest.mark.django_db

MAILBOX = "socialmedia@west-midlands.pnn.police.uk"


@pytest.fixture
def account(force):
    return AccountFactory(
        handle="WMPDudley",
        owner=force.applicant,
        deputy=force.colleague,
        supervisor=force.manager,
    )


def last_event(action):
    return AuditEvent.objects.filter(action=action).order_by("-sequence").first()


# --- Details (3.8) ------------------------------------------------------------------------------


def test_the_owner_records_a_new_name_handle_and_bio_and_ccd_is_told(
    force, account, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        account_details_update(
            actor=force.applicant,
            account=account,
            changes={
                "display_name": "Dudley Police",
                "handle": "@WMPDudleyNPU",
                "bio": "Dudley NPU. Call 101.",
            },
        )
    account.refresh_from_db()
    assert (account.display_name, account.handle) == ("Dudley Police", "WMPDudleyNPU")
    assert account.profile_url == "https://x.com/WMPDudleyNPU"
    # The bio lost the 999 part of the disclaimer (4.15)
    assert account.shows_disclaimer is False
    event = last_event("account.details_changed")
    assert event.before["handle"] == "WMPDudley"
    assert event.after["handle"] == "WMPDudleyNPU"
    assert MAILBOX in [m.to[0] for m in mailoutbox]
    ccd_mail = next(m for m in mailoutbox if m.to == [MAILBOX])
    assert "WMPDudleyNPU" in ccd_mail.body


def test_recording_nothing_new_changes_nothing(force, account):
    before = AuditEvent.objects.count()
    account_details_update(
        actor=force.applicant, account=account, changes={"display_name": account.display_name}
    )
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"handle": "WMP Dudley"}, "handle", "cannot contain spaces"),
        ({"handle": ""}, "handle", "Enter the account's handle"),
        ({"registration_email": "dudley@gmail.com"}, "registration_email", "3.10"),
        ({"display_name": ""}, "display_name", "Enter the account's name"),
        ({"url": "ftp://x.com/a"}, "url", "https://"),
        ({"location_services_on": "yes"}, "location_services_on", "Say whether"),
        ({"connected_apps": ["x" * 61]}, "connected_apps", "60 characters"),
    ],
)
def test_bad_details_are_refused_and_nothing_changes(force, account, changes, field, message):
    before = {f.name: getattr(account, f.name) for f in Account._meta.concrete_fields}
    with pytest.raises(InvalidInputError) as info:
        account_details_update(actor=force.applicant, account=account, changes=changes)
    assert any(message in m for m in info.value.fields["errors"][field])
    account.refresh_from_db()
    assert {f.name: getattr(account, f.name) for f in Account._meta.concrete_fields} == before


def test_a_field_that_cannot_be_changed_here_is_refused(force, account):
    with pytest.raises(InvalidInputError, match="status"):
        account_details_update(actor=force.applicant, account=account, changes={"status": "closed"})


def test_a_handle_taken_by_another_account_is_a_duplicate(force, account):
    AccountFactory(platform="x", handle="WMPSandwell")
    with pytest.raises(DuplicateAccountError):
        account_details_update(
            actor=force.applicant, account=account, changes={"handle": "wmpsandwell"}
        )


def test_changing_only_the_case_of_the_handle_is_not_a_duplicate(force, account):
    account_details_update(actor=force.applicant, account=account, changes={"handle": "wmpdudley"})
    account.refresh_from_db()
    assert account.handle == "wmpdudley"


def test_the_owner_cannot_remove_the_required_management_app_but_ccd_can(force, account):
    with pytest.raises(InvalidInputError, match=r"3\.13"):
        account_details_update(
            actor=force.applicant, account=account, changes={"connected_apps": ["Orlo"]}
        )
    account_details_update(actor=force.ccd, account=account, changes={"connected_apps": ["Orlo"]})
    account.refresh_from_db()
    assert account.connected_apps == ["Orlo"]


def test_an_app_off_the_allow_list_is_recorded_as_it_is(force, account):
    account_details_update(
        actor=force.applicant,
        account=account,
        changes={"connected_apps": ["Hootsuite", "Buffer", "buffer", " "]},
    )
    account.refresh_from_db()
    assert account.connected_apps == ["Hootsuite", "Buffer"]


def test_password_and_last_post_dates_are_recorded_and_cannot_be_in_the_future(force, account):
    now = timezone.now()
    account_password_change_record(actor=force.colleague, account=account)
    account.refresh_from_db()
    assert now - dt.timedelta(seconds=5) < account.password_changed_at <= timezone.now()
    assert last_event("account.password_changed").actor == force.colleague
    with pytest.raises(InvalidInputError, match="today or in the past"):
        account_password_change_record(
            actor=force.applicant, account=account, changed_at=now + dt.timedelta(days=2)
        )
    account_last_post_record(
        actor=force.applicant, account=account, posted_at=now - dt.timedelta(days=3)
    )
    account.refresh_from_db()
    assert account.last_post_at == now - dt.timedelta(days=3)


# --- Roster (5.7) ---------------------------------------------------------------------------------


def test_adding_and_removing_people_records_the_roster_change(
    force, account, mailoutbox, django_capture_on_commit_callbacks
):
    newcomer = ForceUserFactory(username="kerry")
    with django_capture_on_commit_callbacks(execute=True):
        account_roster_add(actor=force.applicant, account=account, user=newcomer)
    account.refresh_from_db()
    assert newcomer in account.roster.all()
    assert account.roster_changed_at is not None
    assert "change the account's password" in mailoutbox[0].body
    with pytest.raises(ConflictError, match="already on the roster"):
        account_roster_add(actor=force.applicant, account=account, user=newcomer)
    account_roster_remove(actor=force.ccd, account=account, user=newcomer)
    assert newcomer not in account.roster.all()
    assert last_event("account.roster_removed").after["user"] == "kerry"


def test_the_owner_cannot_be_removed_and_a_removed_deputy_stops_being_deputy(force, account):
    with pytest.raises(InvalidInputError, match="hand the account over"):
        account_roster_remove(actor=force.ccd, account=account, user=force.applicant)
    account_roster_remove(actor=force.applicant, account=account, user=force.colleague)
    account.refresh_from_db()
    assert account.deputy is None


def test_an_inactive_user_cannot_be_added(force, account):
    gone = ForceUserFactory(is_active=False)
    with pytest.raises(InvalidInputError):
        account_roster_add(actor=force.applicant, account=account, user=gone)


def test_the_deputy_must_be_on_the_roster_and_not_the_owner(force, account):
    with pytest.raises(InvalidInputError, match="on the roster"):
        account_deputy_set(actor=force.applicant, account=account, deputy=force.outsider)
    with pytest.raises(InvalidInputError, match="owner"):
        account_deputy_set(actor=force.applicant, account=account, deputy=force.applicant)
    account_deputy_set(actor=force.applicant, account=account, deputy=None)
    account.refresh_from_db()
    assert account.deputy is None


# --- Hand-over (4.18) ---------------------------------------------------------------------------


def test_the_owner_hands_over_to_a_roster_member_and_everyone_is_told(
    force, account, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        account_hand_over(
            actor=force.applicant, account=account, new_owner=force.colleague, reason="New job"
        )
    account.refresh_from_db()
    assert account.owner == force.colleague
    assert account.deputy is None  # the deputy became the owner
    assert force.applicant in account.roster.all()
    event = last_event("account.handed_over")
    assert (event.before["owner"], event.after["owner"]) == ("jo", "amir")
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [force.applicant.email, force.colleague.email, MAILBOX]
    )


def test_hand_over_to_someone_off_the_roster_is_refused(force, account):
    with pytest.raises(InvalidInputError, match="on the roster"):
        account_hand_over(actor=force.applicant, account=account, new_owner=force.outsider)
    with pytest.raises(InvalidInputError, match="already owns"):
        account_hand_over(actor=force.applicant, account=account, new_owner=force.applicant)
    account.refresh_from_db()
    assert account.owner == force.applicant


# --- Conversion (4.19), suspension and closure (3.5, 4.18) ---------------------------------------


def test_conversion_to_personal_use_goes_to_ccd_who_decides(
    force, account, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        account_conversion_request(
            actor=force.applicant, account=account, reason="Leaving the team"
        )
    account.refresh_from_db()
    assert account.status == AccountStatus.CONVERSION_REQUESTED
    assert MAILBOX in [m.to[0] for m in mailoutbox]
    with pytest.raises(InvalidInputError, match="reason"):
        account_conversion_decide(actor=force.ccd, account=account, approve=False)
    account_conversion_decide(actor=force.ccd, account=account, approve=True)
    account.refresh_from_db()
    assert account.status == AccountStatus.CONVERTED_TO_PERSONAL


def test_ccd_suspends_with_a_reason_then_reinstates(
    force, account, mailoutbox, django_capture_on_commit_callbacks
):
    with pytest.raises(InvalidInputError, match=r"3\.5"):
        account_suspend(actor=force.ccd, account=account, reason="")
    with django_capture_on_commit_callbacks(execute=True):
        account_suspend(actor=force.ccd, account=account, reason="Location on (3.15)")
    account.refresh_from_db()
    assert account.status == AccountStatus.SUSPENDED
    assert account.status_reason == "Location on (3.15)"
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [force.applicant.email, force.colleague.email, force.manager.email]
    )
    account_reinstate(actor=force.ccd, account=account)
    account.refresh_from_db()
    assert account.status == AccountStatus.ACTIVE


def test_the_owner_closes_with_a_reason_and_ccd_is_informed(
    force, account, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        account_close(actor=force.applicant, account=account, reason="Team merged")
    account.refresh_from_db()
    assert account.status == AccountStatus.CLOSED
    assert MAILBOX in [m.to[0] for m in mailoutbox]
    assert "4.18" in mailoutbox[0].body
    # and a closed account can no longer be changed
    with pytest.raises(Exception, match="closed"):
        account_details_update(
            actor=force.ccd, account=account, changes={"display_name": "Back again"}
        )


def test_a_refused_action_sends_no_mail(
    force, account, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDeniedError):
        account_suspend(actor=force.applicant, account=account, reason="Nope")
    assert mailoutbox == []


# --- Recording existing accounts ------------------------------------------------------------------


def test_ccd_records_an_existing_account_as_it_is_including_an_off_domain_email(force):
    account = account_import(
        actor=force.ccd,
        platform="instagram",
        handle="@wmp_dogs",
        display_name="Dog Unit",
        tier="department",
        ownership="force_owned",
        owner=force.applicant,
        deputy=force.colleague,
        roster=[force.outsider],
        registration_email="dogs@gmail.com",
        bio="Dogs. Report crime on 101; emergencies 999.",
        connected_apps=["Hootsuite"],
    )
    assert account.handle == "wmp_dogs"
    assert account.shows_disclaimer is True
    assert set(account.roster.all()) == {force.applicant, force.colleague, force.outsider}
    assert last_event("account.imported").after["registration_email"] == "dogs@gmail.com"


def test_only_ccd_or_the_system_records_existing_accounts(force):
    with pytest.raises(PermissionDeniedError):
        account_import(
            actor=force.manager,
            platform="x",
            handle="WMPNew",
            display_name="New",
            tier="team",
            ownership="force_owned",
            owner=force.applicant,
            registration_email=force.applicant.email,
        )


def test_recording_a_duplicate_is_refused(force, account):
    with pytest.raises(DuplicateAccountError):
        account_import(
            actor=None,
            platform="x",
            handle="wmpdudley",
            display_name="Again",
            tier="team",
            ownership="force_owned",
            owner=force.applicant,
            registration_email=force.applicant.email,
        )
