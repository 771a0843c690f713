"""Applications (CC/01 3.2–3.6) through the services: submitting, the two decisions, the
account CCD's approval creates, the e-mails, and the refusals that change nothing."""

from __future__ import annotations

import pytest

from bluelamp.audit.models import AuditEvent
from bluelamp.core.errors import (
    ConflictError,
    InvalidInputError,
    InvalidTransitionError,
    PermissionDeniedError,
)
from bluelamp.social_accounts.choices import (
    ALL_ACKNOWLEDGEMENTS,
    AccountStatus,
    ApplicationStatus,
    Ownership,
)
from bluelamp.social_accounts.errors import AlreadyDecidedError, DuplicateAccountError
from bluelamp.social_accounts.models import Account, AccountApplication
from bluelamp.social_accounts.services.applications import (
    account_application_ccd_approve,
    account_application_ccd_refuse,
    account_application_decide,
    account_application_manager_approve,
    account_application_manager_reject,
    account_application_submit,
    account_application_withdraw,
)
from bluelamp.social_accounts.tests.factories import AccountFactory

pytestmark = pytest.mark.django_db


def submit(actor, **overrides):
    fields = {
        "ownership": Ownership.FORCE_OWNED,
        "purpose": "engagement",
        "purpose_detail": "Talk to Dudley residents about burglary and anti-social behaviour.",
        "platform": "x",
        "handle": "@WMPDudleyNth",
        "display_name": "Dudley North Police",
        "tier": "team",
        "team": "Dudley North",
        "registration_email": actor.email,
        "acknowledgements": sorted(ALL_ACKNOWLEDGEMENTS),
    }
    fields.update(overrides)
    return account_application_submit(actor=actor, **fields)


def events(action):
    return AuditEvent.objects.filter(action=action)


# --- Submitting ---------------------------------------------------------------------------------


def test_staff_submit_an_application_that_goes_to_their_line_manager(
    force, mailoutbox, django_capture_on_commit_callbacks
):
    # Given a member of staff with a line manager
    # When they apply
    with django_capture_on_commit_callbacks(execute=True):
        application = submit(force.applicant)
    # Then it waits for the line manager, the handle is stored without its @, it is audited,
    # and the applicant and the manager are e-mailed
    assert application.status == ApplicationStatus.AWAITING_MANAGER
    assert application.handle == "WMPDudleyNth"
    assert events("application.submitted").count() == 1
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [force.applicant.email, force.manager.email]
    )
    assert "asks for your approval" in next(
        m.subject for m in mailoutbox if m.to == [force.manager.email]
    )


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"handle": "WMP Dudley"}, "handle", "cannot contain spaces"),
        ({"handle": ""}, "handle", "Enter the account's handle"),
        ({"handle": "WMP-Dudley!"}, "handle", "can only contain"),
        ({"registration_email": "jo.bloggs@gmail.com"}, "registration_email", "3.10"),
        ({"registration_email": "not an e-mail"}, "registration_email", "correct format"),
        ({"acknowledgements": ["policing_purpose", "policy"]}, "acknowledgements", "all four"),
        ({"acknowledgements": []}, "acknowledgements", "all four"),
        ({"purpose": "fun"}, "purpose", "policing purpose"),
        ({"purpose_detail": "   "}, "purpose_detail", "Say how"),
        ({"platform": "myspace"}, "platform", "Choose the platform"),
        ({"tier": "force"}, "tier", "3.11"),
        ({"tier": ""}, "tier", "Choose whose account"),
        ({"display_name": ""}, "display_name", "Enter the account's name"),
        (
            {"ownership": Ownership.CONVERTED_PERSONAL, "existing_url": ""},
            "existing_url",
            "address of the personal account",
        ),
        ({"existing_url": "javascript:alert(1)"}, "existing_url", "starting https://"),
    ],
)
def test_bad_input_is_refused_with_a_message_for_the_field_and_nothing_is_saved(
    force, mailoutbox, django_capture_on_commit_callbacks, overrides, field, message
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(InvalidInputError) as info:
        submit(force.applicant, **overrides)
    assert any(message in m for m in info.value.fields["errors"][field])
    assert not AccountApplication.objects.exists()
    assert not events("application.submitted").exists()
    assert mailoutbox == []


def test_every_bad_field_is_reported_at_once(force):
    with pytest.raises(InvalidInputError) as info:
        submit(force.applicant, handle="a b", registration_email="x@gmail.com", acknowledgements=[])
    assert {"handle", "registration_email", "acknowledgements"} <= set(info.value.fields["errors"])


def test_someone_with_no_line_manager_is_told_to_get_one_recorded(force):
    with pytest.raises(InvalidInputError, match="no line manager"):
        submit(force.manager)


def test_ccd_may_apply_for_a_force_account(force):
    force.ccd.line_manager = force.manager
    force.ccd.save()
    assert submit(force.ccd, tier="force").tier == "force"


@pytest.mark.parametrize("role_user", ["auditor", "infosec", "psd"])
def test_auditors_infosec_and_psd_cannot_apply(force, role_user):
    user = getattr(force, role_user)
    user.line_manager = force.manager
    user.save()
    with pytest.raises(PermissionDeniedError):
        submit(user)


def test_a_handle_already_in_the_registry_is_a_duplicate_whatever_its_case_or_at(force):
    AccountFactory(platform="x", handle="WMPDudleyNth")
    with pytest.raises(DuplicateAccountError, match="already an account @WMPDudleyNth") as info:
        submit(force.applicant, handle="@wmpdudleynth")
    assert info.value.code == "duplicate_account"
    assert not AccountApplication.objects.exists()


def test_the_same_handle_on_another_platform_is_not_a_duplicate(force):
    AccountFactory(platform="facebook", handle="WMPDudleyNth")
    assert submit(force.applicant).platform == "x"


def test_a_second_application_for_a_handle_already_waiting_is_refused(force):
    submit(force.applicant)
    with pytest.raises(ConflictError, match="waiting for a decision"):
        submit(force.colleague, handle="wmpdudleynth")


# --- Deciding -----------------------------------------------------------------------------------


def test_the_whole_way_from_application_to_an_account_in_the_registry(
    force, mailoutbox, django_capture_on_commit_callbacks
):
    # Given an application
    application = submit(force.applicant)
    # When the line manager and then CCD approve it
    with django_capture_on_commit_callbacks(execute=True):
        account_application_manager_approve(actor=force.manager, application=application)
    with django_capture_on_commit_callbacks(execute=True):
        application = account_application_ccd_approve(actor=force.ccd, application=application)
    # Then the account is in the registry, owned by the applicant, supervised by the manager,
    # with the applicant on its roster and the required management app connected (3.13)
    account = application.account
    assert application.status == ApplicationStatus.APPROVED
    assert account.status == AccountStatus.ACTIVE
    assert (account.platform, account.handle) == ("x", "WMPDudleyNth")
    assert account.owner == force.applicant
    assert account.supervisor == force.manager
    assert list(account.roster.all()) == [force.applicant]
    assert account.connected_apps == ["Hootsuite"]
    assert account.url == "https://x.com/WMPDudleyNth"
    # and every step is audited and every party was e-mailed at each step
    assert events("application.manager_approved").count() == 1
    assert events("application.approved").count() == 1
    assert events("account.created").get().after["application_id"] == application.pk
    recipients = [m.to[0] for m in mailoutbox]
    mailbox = "socialmedia@west-midlands.pnn.police.uk"
    assert recipients.count(force.applicant.email) == 2
    assert recipients.count(force.manager.email) == 2
    assert recipients.count(mailbox) == 2


def test_the_manager_rejects_with_a_reason_and_the_applicant_is_told(
    force, mailoutbox, django_capture_on_commit_callbacks
):
    application = submit(force.applicant)
    with django_capture_on_commit_callbacks(execute=True):
        account_application_manager_reject(
            actor=force.manager, application=application, reason="Use the NPU account."
        )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED_BY_MANAGER
    assert application.manager_reason == "Use the NPU account."
    mail_to_applicant = next(m for m in mailoutbox if m.to == [force.applicant.email])
    assert "Use the NPU account." in mail_to_applicant.body


@pytest.mark.parametrize("decision", ["manager_reject", "ccd_refuse"])
def test_saying_no_needs_a_reason(force, decision):
    application = submit(force.applicant)
    if decision == "ccd_refuse":
        account_application_manager_approve(actor=force.manager, application=application)
    actor = force.manager if decision == "manager_reject" else force.ccd
    with pytest.raises(InvalidInputError, match="reason"):
        account_application_decide(
            actor=actor, application=application, decision=decision, reason="  "
        )
    application.refresh_from_db()
    assert application.status in (
        ApplicationStatus.AWAITING_MANAGER,
        ApplicationStatus.AWAITING_CCD,
    )


def test_ccd_refuses_with_a_reason_and_no_account_is_created(force):
    application = submit(force.applicant)
    account_application_manager_approve(actor=force.manager, application=application)
    application = account_application_ccd_refuse(
        actor=force.ccd, application=application, reason="Duplicates @WMPDudley (3.5)."
    )
    assert application.status == ApplicationStatus.REFUSED_BY_CCD
    assert application.ccd_reason == "Duplicates @WMPDudley (3.5)."
    assert not Account.objects.exists()


def test_nobody_decides_their_own_application_even_as_a_manager_or_ccd(force):
    # Given a line manager who is also CCD, and applies themselves
    boss = force.other_manager
    force.manager.line_manager = boss
    force.manager.save()
    application = submit(force.manager)
    # Then they cannot take the CCD step on their own application either
    account_application_manager_approve(actor=boss, application=application)
    force.manager.groups.add(*force.ccd.groups.all())
    from bluelamp.core.permissions import forget_roles

    forget_roles(force.manager)
    with pytest.raises(PermissionDeniedError, match="your own application"):
        account_application_ccd_approve(actor=force.manager, application=application)


def test_only_the_applicants_own_line_manager_decides_the_manager_step(force):
    application = submit(force.applicant)
    with pytest.raises(PermissionDeniedError, match="own line manager"):
        account_application_manager_approve(actor=force.other_manager, application=application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.AWAITING_MANAGER


def test_a_manager_cannot_give_ccds_decision(force):
    application = submit(force.applicant)
    account_application_manager_approve(actor=force.manager, application=application)
    with pytest.raises(PermissionDeniedError, match="Only Corporate Communications"):
        account_application_ccd_approve(actor=force.manager, application=application)
    assert not Account.objects.exists()


def test_the_ccd_decision_comes_from_someone_other_than_the_approving_manager(force):
    # Given a CCD member who is also the applicant's line manager and approved it
    force.ccd.groups.add(*force.manager.groups.all())
    from bluelamp.core.permissions import forget_roles

    forget_roles(force.ccd)
    force.applicant.line_manager = force.ccd
    force.applicant.save()
    application = submit(force.applicant)
    account_application_manager_approve(actor=force.ccd, application=application)
    # Then they cannot also give the final decision; another CCD member can
    with pytest.raises(PermissionDeniedError, match="someone else"):
        account_application_ccd_approve(actor=force.ccd, application=application)
    assert account_application_ccd_approve(actor=force.ccd2, application=application).account


def test_a_decision_on_an_already_decided_application_changes_nothing(
    force, mailoutbox, django_capture_on_commit_callbacks
):
    # Given an application CCD has approved
    application = submit(force.applicant)
    account_application_manager_approve(actor=force.manager, application=application)
    account_application_ccd_approve(actor=force.ccd, application=application)
    before = AuditEvent.objects.count()
    # When the manager, or another CCD member, decides it again
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(AlreadyDecidedError, match="already been decided") as info:
            account_application_manager_reject(
                actor=force.manager, application=application, reason="Changed my mind"
            )
        with pytest.raises(AlreadyDecidedError, match="Nothing was changed"):
            account_application_ccd_refuse(actor=force.ccd2, application=application, reason="No")
    # Then nothing changed: one account, the same state, no new events, no e-mail
    assert info.value.code == "already_decided"
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert Account.objects.count() == 1
    assert AuditEvent.objects.count() == before
    assert mailoutbox == []


def test_ccd_cannot_decide_before_the_line_manager(force):
    application = submit(force.applicant)
    with pytest.raises(InvalidTransitionError, match="waiting for the line manager") as info:
        account_application_ccd_approve(actor=force.ccd, application=application)
    assert not isinstance(info.value, AlreadyDecidedError)


def test_if_the_handle_was_registered_meanwhile_approval_changes_nothing(force):
    # Given an approved-by-manager application whose handle was then registered another way
    application = submit(force.applicant)
    account_application_manager_approve(actor=force.manager, application=application)
    AccountFactory(platform="x", handle="wmpdudleynth")
    before = AuditEvent.objects.count()
    # When CCD approves
    with pytest.raises(DuplicateAccountError):
        account_application_ccd_approve(actor=force.ccd, application=application)
    # Then the application still waits and nothing was recorded
    application.refresh_from_db()
    assert application.status == ApplicationStatus.AWAITING_CCD
    assert application.account is None
    assert AuditEvent.objects.count() == before


def test_an_unknown_decision_is_bad_input(force):
    application = submit(force.applicant)
    with pytest.raises(InvalidInputError):
        account_application_decide(actor=force.manager, application=application, decision="approve")


# --- Withdrawing --------------------------------------------------------------------------------


def test_the_applicant_withdraws_and_ccd_hears_only_if_it_had_reached_them(
    force, mailoutbox, django_capture_on_commit_callbacks
):
    first = submit(force.applicant)
    second = submit(force.applicant, handle="WMPDudleySth")
    account_application_manager_approve(actor=force.manager, application=second)
    with django_capture_on_commit_callbacks(execute=True):
        account_application_withdraw(actor=force.applicant, application=first)
    assert [m.to[0] for m in mailoutbox] == [force.applicant.email, force.manager.email]
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        account_application_withdraw(actor=force.applicant, application=second, reason="Not needed")
    assert "socialmedia@west-midlands.pnn.police.uk" in [m.to[0] for m in mailoutbox]
    second.refresh_from_db()
    assert second.status == ApplicationStatus.WITHDRAWN
    assert second.withdrawal_reason == "Not needed"


def test_only_the_applicant_may_withdraw_and_not_once_decided(force):
    application = submit(force.applicant)
    with pytest.raises(PermissionDeniedError):
        account_application_withdraw(actor=force.manager, application=application)
    account_application_manager_reject(actor=force.manager, application=application, reason="No")
    with pytest.raises(AlreadyDecidedError, match="cannot be withdrawn"):
        account_application_withdraw(actor=force.applicant, application=application)


def test_each_party_gets_its_own_wording_for_a_decision(
    force, mailoutbox, django_capture_on_commit_callbacks
):
    application = submit(force.applicant)
    with django_capture_on_commit_callbacks(execute=True):
        account_application_manager_approve(actor=force.manager, application=application)
    to_applicant = next(m for m in mailoutbox if m.to == [force.applicant.email])
    to_manager = next(m for m in mailoutbox if m.to == [force.manager.email])
    assert "approved your application" in to_applicant.body
    assert "your application" not in to_manager.body.lower()
    assert f"You approved {force.applicant.label}'s application" in to_manager.body
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        account_application_ccd_approve(actor=force.ccd, application=application)
    to_applicant = next(m for m in mailoutbox if m.to == [force.applicant.email])
    to_manager = next(m for m in mailoutbox if m.to == [force.manager.email])
    assert "Before you post" in to_applicant.body
    assert "Before you post" not in to_manager.body
