"""The pages, tried by every role: what each may see and do, enforced on the server whatever
the page showed; bad and tampered input gets a clear message and changes nothing; and an
application walked from the form to an account in the registry."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from bluelamp.audit.models import AuditEvent
from bluelamp.core.roles import Role
from bluelamp.social_accounts import selectors
from bluelamp.social_accounts.choices import ALL_ACKNOWLEDGEMENTS
from bluelamp.social_accounts.models import Account, AccountApplication
from bluelamp.social_accounts.tests.factories import (
    AccountFactory,
    ApplicationFactory,
    ForceUserFactory,
)

pytestmark = pytest.mark.django_db

PEOPLE = (
    "owner",
    "deputy",
    "member",
    "supervisor",
    "other_manager",
    "stranger",
    "ccd",
    "auditor",
    "infosec",
    "psd",
)


def person(force, who):
    if who == "stranger":
        return ForceUserFactory(username="stranger", roles=[Role.STAFF])
    return {
        "owner": force.applicant,
        "deputy": force.colleague,
        "member": force.outsider,
        "supervisor": force.manager,
        "other_manager": force.other_manager,
        "ccd": force.ccd,
        "auditor": force.auditor,
        "infosec": force.infosec,
        "psd": force.psd,
    }[who]


def signed_in(client, user):
    client.force_login(user)
    return client


def make_account(force, status="active"):
    return AccountFactory(
        handle="WMPDudley",
        owner=force.applicant,
        deputy=force.colleague,
        supervisor=force.manager,
        members=[force.outsider],
        status=status,
    )


# --- Reading ----------------------------------------------------------------------------------

READ_PAGES = {
    "list": lambda a: reverse("social_accounts:account_list"),
    "export": lambda a: reverse("social_accounts:account_export"),
    "detail": lambda a: reverse("social_accounts:account_detail", args=[a.pk]),
    "health": lambda a: reverse("social_accounts:account_health"),
    "applications": lambda a: reverse("social_accounts:application_list"),
    "apply": lambda a: reverse("social_accounts:application_new"),
}

# Expected status of each page for each person (the account is Jo's; the stranger is on no
# account; infosec and PSD have no part in the registry).
READ_EXPECTED = {
    "list": {"infosec": 403, "psd": 403},
    "export": {"infosec": 403, "psd": 403},
    "detail": {"infosec": 403, "psd": 403, "stranger": 404},
    "health": {who: 403 for who in PEOPLE if who not in ("ccd", "auditor")},
    "applications": {"infosec": 403, "psd": 403},
    "apply": {"infosec": 403, "psd": 403, "auditor": 403},
}


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("page", list(READ_PAGES))
def test_each_role_reads_only_the_pages_it_may(client, force, page, who):
    account = make_account(force)
    user = person(force, who)
    response = signed_in(client, user).get(READ_PAGES[page](account))
    assert response.status_code == READ_EXPECTED[page].get(who, 200)


def test_signed_out_visitors_are_sent_to_sign_in(client, force):
    account = make_account(force)
    for url in (
        reverse("social_accounts:account_list"),
        reverse("social_accounts:account_detail", args=[account.pk]),
        reverse("social_accounts:application_new"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("core:login"))


def test_the_navigation_offers_the_registry_by_role(client, force):
    registry = f'href="{reverse("social_accounts:account_list")}"'
    health = f'href="{reverse("social_accounts:account_health")}"'
    staff_page = signed_in(client, force.applicant).get("/").content.decode()
    assert registry in staff_page and health not in staff_page
    ccd_page = signed_in(client, force.ccd).get("/").content.decode()
    assert registry in ccd_page and health in ccd_page
    infosec_page = signed_in(client, force.infosec).get("/").content.decode()
    assert registry not in infosec_page


def test_the_csv_export_holds_only_what_the_user_may_see(client, force):
    make_account(force)
    AccountFactory(handle="WMPCoventry", owner=ForceUserFactory(roles=[Role.STAFF]))
    staff_csv = b"".join(
        signed_in(client, force.colleague)
        .get(reverse("social_accounts:account_export"))
        .streaming_content
    ).decode()
    assert "WMPDudley" in staff_csv and "WMPCoventry" not in staff_csv
    response = signed_in(client, force.ccd).get(
        reverse("social_accounts:account_export"), {"q": "coventry"}
    )
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    ccd_csv = b"".join(response.streaming_content).decode()
    assert "WMPCoventry" in ccd_csv and "WMPDudley" not in ccd_csv


def test_the_detail_page_shows_health_roster_history_and_only_permitted_actions(client, force):
    account = make_account(force)
    account.location_services_on = True
    account.save()
    page = signed_in(client, force.colleague).get(
        reverse("social_accounts:account_detail", args=[account.pk])
    )
    html = page.content.decode()
    assert "govuk-summary-list" in html
    assert "Location services on" in html and "3.15" in html
    assert escape(force.outsider.label) in html  # names may hold an apostrophe
    assert reverse("social_accounts:account_change", args=[account.pk]) in html
    assert reverse("social_accounts:account_hand_over", args=[account.pk]) not in html  # deputy
    assert "Suspend" not in html


def test_only_the_owner_and_ccd_are_offered_the_publishing_connection(client, force):
    account = make_account(force)
    connection = reverse("publishing:account_connection", args=[account.pk])
    url = reverse("social_accounts:account_detail", args=[account.pk])
    assert connection not in signed_in(client, force.colleague).get(url).content.decode()
    assert connection in signed_in(client, account.owner).get(url).content.decode()
    assert connection in signed_in(client, force.ccd).get(url).content.decode()


def test_the_health_page_counts_problems_with_their_clauses(client, force):
    account = make_account(force)
    account.shows_disclaimer = False
    account.save()
    html = (
        signed_in(client, force.ccd).get(reverse("social_accounts:account_health")).content.decode()
    )
    assert "No disclaimer in the bio" in html and "CC/01 4.15" in html
    assert "@WMPDudley" in html
    filtered = signed_in(client, force.ccd).get(
        reverse("social_accounts:account_health"), {"kind": "location_on"}
    )
    assert "@WMPDudley" not in filtered.content.decode().split("Accounts with this problem")[1]


def test_the_health_page_pages_the_accounts_and_keeps_the_problem_chosen(client, force):
    for n in range(selectors.HEALTH_PAGE_SIZE + 5):
        AccountFactory(handle=f"WMPMany{n:03}", owner=force.ccd, location_services_on=True)
    signed_in(client, force.ccd)
    url = reverse("social_accounts:account_health")
    with CaptureQueriesContext(connection) as first:
        html = client.get(url, {"kind": "location_on"}).content.decode()
    assert 'class="govuk-pagination"' in html
    assert "?kind=location_on&amp;page=2" in html
    second = client.get(url, {"kind": "location_on", "page": 2}).content.decode()
    assert "page 2 of 2" in second and "@WMPMany054" in second
    for n in range(20):
        AccountFactory(handle=f"WMPMore{n:03}", owner=force.applicant, location_services_on=True)
    with CaptureQueriesContext(connection) as more:
        client.get(url, {"kind": "location_on"})
    assert len(more) == len(first)


# --- Acting on accounts through the pages -------------------------------------------------------

# action -> (state the account is in, url name, extra url args, POST data builder, may)
ACCOUNT_ACTIONS = {
    "change": ("active", "account_change", [], lambda f: {
        "display_name": "Dudley Police", "handle": "WMPDudley", "url": "", "team": "Dudley",
        "bio": "Call 101 or 999.", "registration_email": "dudley@west-midlands.pnn.police.uk",
        "location_services_on": "no", "connected_apps": ["Hootsuite"], "other_apps": "", "note": "",
    }, {"owner", "deputy", "ccd"}),
    "password": ("active", "account_password", [], lambda f: {"date": ""}, {"owner", "deputy", "ccd"}),
    "last_post": ("active", "account_last_post", [], lambda f: {"date": "2026-01-02"}, {"owner", "deputy", "ccd"}),
    "roster_add": ("active", "account_roster", [], lambda f: {"action": "add", "username": "newbie"}, {"owner", "deputy", "ccd"}),
    "hand_over": ("active", "account_hand_over", [], lambda f: {"new_owner": f.outsider.pk}, {"owner", "ccd"}),
    "request_conversion": ("active", "account_status_change", ["request_conversion"], lambda f: {"reason": "Leaving"}, {"owner"}),
    "decide_conversion": ("conversion_requested", "account_conversion_decide", [], lambda f: {"decision": "approve"}, {"ccd"}),
    "suspend": ("active", "account_status_change", ["suspend"], lambda f: {"reason": "Location on"}, {"ccd"}),
    "reinstate": ("suspended", "account_status_change", ["reinstate"], lambda f: {"reason": ""}, {"ccd"}),
    "close": ("active", "account_status_change", ["close"], lambda f: {"reason": "No longer needed"}, {"owner", "ccd"}),
}  # fmt: skip


def _account_url(name, account, extra):
    return reverse(f"social_accounts:{name}", args=[account.pk, *extra])


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("action", list(ACCOUNT_ACTIONS))
def test_each_role_may_take_only_its_account_actions_through_the_pages(client, force, action, who):
    # Given Jo's account, and someone signed in
    state, name, extra, data, may = ACCOUNT_ACTIONS[action]
    account = make_account(force, status=state)
    ForceUserFactory(username="newbie", roles=[Role.STAFF])
    user = person(force, who)
    client = signed_in(client, user)
    events = AuditEvent.objects.count()
    url = _account_url(name, account, extra)
    # When they open the page and send the form
    shown = client.get(url)
    sent = client.post(url, data(force))
    # Then only those permitted get through; the rest are refused and nothing changes
    if who in ("infosec", "psd"):
        expected = 403  # no part in the registry
    elif who == "stranger":
        expected = 404  # cannot see the account: answered as if it did not exist
    elif who not in may:
        expected = 403
    else:
        expected = None
    if expected is None:
        assert shown.status_code == 200
        assert sent.status_code == 302, sent.content.decode()[:2000]
        assert AuditEvent.objects.count() > events
    else:
        assert (shown.status_code, sent.status_code) == (expected, expected)
        assert AuditEvent.objects.count() == events
        account.refresh_from_db()
        assert account.status == state
        assert account.display_name != "Dudley Police"
        assert account.owner == force.applicant


def test_an_action_the_state_does_not_allow_is_refused_with_a_clear_page(client, force):
    account = make_account(force, status="closed")
    response = signed_in(client, force.ccd).post(
        _account_url("account_status_change", account, ["suspend"]), {"reason": "x"}
    )
    assert response.status_code == 409
    assert "while the account is closed" in response.content.decode()
    account.refresh_from_db()
    assert account.status == "closed"


def test_an_unknown_status_action_is_not_found(client, force):
    account = make_account(force)
    response = signed_in(client, force.ccd).get(
        _account_url("account_status_change", account, ["delete"])
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"handle": "WMP Dudley"}, "handle", "cannot contain spaces"),
        ({"registration_email": "dudley@gmail.com"}, "registration_email", "3.10"),
        ({"handle": "WMPCoventry"}, "handle", "already an account @WMPCoventry"),
        ({"location_services_on": "maybe"}, "location_services_on", "Select a valid choice"),
    ],
)
def test_bad_account_changes_get_a_message_linked_to_the_field_and_change_nothing(
    client, force, changes, field, message
):
    account = make_account(force)
    AccountFactory(handle="WMPCoventry")
    data = ACCOUNT_ACTIONS["change"][3](force) | changes
    response = signed_in(client, force.applicant).post(
        _account_url("account_change", account, []), data
    )
    html = response.content.decode()
    assert response.status_code in (400, 409)
    assert 'class="govuk-error-summary"' in html
    assert message in html
    field_id = f"id_{field}_0" if field == "location_services_on" else f"id_{field}"
    assert f'href="#{field_id}"' in html
    assert f'id="{field_id}"' in html
    account.refresh_from_db()
    assert account.handle == "WMPDudley"


def test_roster_pages_add_remove_and_refuse_a_tampered_remove(client, force):
    account = make_account(force)
    ForceUserFactory(username="newbie", roles=[Role.STAFF])
    client = signed_in(client, force.applicant)
    url = _account_url("account_roster", account, [])
    assert client.post(url, {"action": "add", "username": "nobody"}).status_code == 400
    assert client.post(url, {"action": "add", "username": "newbie"}).status_code == 302
    assert account.roster.filter(username="newbie").exists()
    # A hidden field changed to someone not on the roster: refused, nothing changes
    response = client.post(url, {"action": "remove", "user": force.ccd.pk})
    assert response.status_code == 400
    assert "not on the roster" in response.content.decode()
    assert client.post(url, {"action": "frobnicate"}).status_code == 400
    member = account.roster.get(username="newbie")
    assert client.post(url, {"action": "remove", "user": member.pk}).status_code == 302
    assert not account.roster.filter(username="newbie").exists()
    assert client.post(url, {"action": "deputy", "deputy": force.outsider.pk}).status_code == 302
    account.refresh_from_db()
    assert account.deputy == force.outsider


def test_hand_over_to_someone_not_on_the_roster_is_refused_by_the_page(client, force):
    account = make_account(force)
    response = signed_in(client, force.applicant).post(
        _account_url("account_hand_over", account, []), {"new_owner": force.ccd.pk}
    )
    assert response.status_code == 400
    account.refresh_from_db()
    assert account.owner == force.applicant


def test_suspending_without_a_reason_is_refused_with_a_message(client, force):
    account = make_account(force)
    response = signed_in(client, force.ccd).post(
        _account_url("account_status_change", account, ["suspend"]), {"reason": " "}
    )
    assert response.status_code == 400
    assert "Give the reason for suspending" in response.content.decode()
    account.refresh_from_db()
    assert account.status == "active"


# --- Applications through the pages ---------------------------------------------------------------

APPLICATION_FORM = {
    "ownership": "force_owned",
    "existing_url": "",
    "platform": "x",
    "handle": "@WMPDudleyNth",
    "display_name": "Dudley North Police",
    "tier": "team",
    "team": "Dudley North",
    "purpose": "engagement",
    "purpose_detail": "Reach residents of Dudley North.",
    "registration_email": "jo@west-midlands.pnn.police.uk",
    "acknowledgements": sorted(ALL_ACKNOWLEDGEMENTS),
}


def test_an_application_walks_from_the_form_to_an_account_in_the_registry(
    client, force, mailoutbox, django_capture_on_commit_callbacks
):
    # Given Jo fills in the form
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(client, force.applicant).post(
            reverse("social_accounts:application_new"), APPLICATION_FORM
        )
    application = AccountApplication.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "social_accounts:application_detail", args=[application.pk]
    )
    # When their line manager approves on the application's page
    detail = reverse("social_accounts:application_detail", args=[application.pk])
    decide = reverse("social_accounts:application_decide", args=[application.pk])
    page = signed_in(client, force.manager).get(detail).content.decode()
    assert 'value="manager_approve"' in page and 'value="ccd_approve"' not in page
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(client, force.manager).post(decide, {"decision": "manager_approve"})
    # and CCD approves
    page = signed_in(client, force.ccd).get(detail).content.decode()
    assert 'value="ccd_approve"' in page and 'value="manager_approve"' not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(client, force.ccd).post(decide, {"decision": "ccd_approve"})
    # Then the account is in the registry and CCD lands on it
    account = Account.objects.get()
    assert response["Location"] == reverse("social_accounts:account_detail", args=[account.pk])
    assert (account.handle, account.owner) == ("WMPDudleyNth", force.applicant)
    # Submitted: Jo and the manager; each decision: Jo, the manager and the CCD mailbox
    assert len(mailoutbox) == 2 + 3 + 3


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"handle": "WMP Dudley North"}, "handle", "cannot contain spaces"),
        ({"registration_email": "jo@gmail.com"}, "registration_email", "3.10"),
        ({"acknowledgements": ["policy"]}, "acknowledgements", "Confirm all four"),
        ({"acknowledgements": ["policy", "bribe"]}, "acknowledgements", "Select a valid choice"),
        ({"tier": "force"}, "tier", "Select a valid choice"),  # not offered to staff
        ({"platform": "myspace"}, "platform", "Select a valid choice"),
    ],
)
def test_bad_or_tampered_applications_get_a_message_and_nothing_is_saved(
    client, force, changes, field, message
):
    response = signed_in(client, force.applicant).post(
        reverse("social_accounts:application_new"), APPLICATION_FORM | changes
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "There is a problem" in html
    field_id = (
        f"id_{field}_0" if field in ("acknowledgements", "tier", "platform") else f"id_{field}"
    )
    assert f'href="#{field_id}"' in html
    assert not AccountApplication.objects.exists()


def test_applying_for_a_handle_already_registered_says_so_on_the_handle(client, force):
    AccountFactory(handle="WMPDudleyNth")
    response = signed_in(client, force.applicant).post(
        reverse("social_accounts:application_new"), APPLICATION_FORM
    )
    assert response.status_code == 409
    assert "already an account @WMPDudleyNth" in response.content.decode()
    assert not AccountApplication.objects.exists()


def test_a_decision_on_a_decided_application_is_refused_on_the_page_and_changes_nothing(
    client, force
):
    application = ApplicationFactory(
        applicant=force.applicant, status="rejected_by_manager", manager_decided_by=force.manager
    )
    client = signed_in(client, force.manager)
    events = AuditEvent.objects.count()
    response = client.post(
        reverse("social_accounts:application_decide", args=[application.pk]),
        {"decision": "manager_approve"},
    )
    assert response.status_code == 409
    assert "already been decided" in response.content.decode()
    application.refresh_from_db()
    assert application.status == "rejected_by_manager"
    assert AuditEvent.objects.count() == events


# person -> expected status for each decision on an application waiting at that step
DECISIONS = {
    "manager_approve": ("awaiting_manager", {"supervisor"}),
    "manager_reject": ("awaiting_manager", {"supervisor"}),
    "ccd_approve": ("awaiting_ccd", {"ccd"}),
    "ccd_refuse": ("awaiting_ccd", {"ccd"}),
    "withdraw": ("awaiting_manager", {"owner"}),
}


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("decision", list(DECISIONS))
def test_each_role_may_give_only_its_decisions_through_the_pages(client, force, decision, who):
    # Given Jo's application waiting at the step the decision belongs to
    state, may = DECISIONS[decision]
    application = ApplicationFactory(
        applicant=force.applicant,
        status=state,
        manager_decided_by=force.manager if state == "awaiting_ccd" else None,
    )
    client = signed_in(client, person(force, who))
    events = AuditEvent.objects.count()
    # When someone posts the decision (a tampered form, if the page never offered it)
    if decision == "withdraw":
        url = reverse("social_accounts:application_withdraw", args=[application.pk])
        data = {"reason": ""}
    else:
        url = reverse("social_accounts:application_decide", args=[application.pk])
        data = {"decision": decision, "reason": "Because."}
    response = client.post(url, data)
    # Then only the right person gets through
    visible = who in ("owner", "supervisor", "ccd", "auditor")
    if who in ("infosec", "psd"):
        expected = 403
    elif not visible:
        expected = 404
    elif who not in may:
        expected = 403
    else:
        expected = 302
    assert response.status_code == expected
    application.refresh_from_db()
    if expected == 302:
        assert application.status != state
    else:
        assert application.status == state
        assert AuditEvent.objects.count() == events


def test_a_decision_with_no_choice_or_an_unknown_one_is_bad_input(client, force):
    application = ApplicationFactory(applicant=force.applicant)
    url = reverse("social_accounts:application_decide", args=[application.pk])
    client = signed_in(client, force.manager)
    for data in ({}, {"decision": "approve_everything"}):
        response = client.post(url, data)
        assert response.status_code == 400
        assert "Choose your decision" in response.content.decode()
    application.refresh_from_db()
    assert application.status == "awaiting_manager"


def test_rejecting_without_a_reason_is_refused_on_the_page(client, force):
    application = ApplicationFactory(applicant=force.applicant)
    response = signed_in(client, force.manager).post(
        reverse("social_accounts:application_decide", args=[application.pk]),
        {"decision": "manager_reject", "reason": ""},
    )
    assert response.status_code == 400
    assert "Give the reason for rejecting" in response.content.decode()


def test_decision_and_state_pages_answer_get_with_405_where_only_post_makes_sense(client, force):
    application = ApplicationFactory(applicant=force.applicant)
    url = reverse("social_accounts:application_decide", args=[application.pk])
    assert signed_in(client, force.manager).get(url).status_code == 405


def test_the_application_form_uses_fieldsets_legends_and_the_users_details(client, force):
    html = (
        signed_in(client, force.applicant)
        .get(reverse("social_accounts:application_new"))
        .content.decode()
    )
    assert html.count('<fieldset class="govuk-fieldset"') >= 5
    assert "govuk-fieldset__legend" in html
    assert 'type="checkbox"' in html and 'name="acknowledgements"' in html
    assert 'value="jo@west-midlands.pnn.police.uk"' in html
    assert escape(force.manager.label) in html
    assert 'value="force"' not in html  # staff cannot apply for force accounts (3.11)


def test_a_date_in_the_future_is_refused_on_the_date_field(client, force):
    account = make_account(force)
    response = signed_in(client, force.applicant).post(
        _account_url("account_password", account, []), {"date": "2999-01-01"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_date_day"' in html and "today or in the past" in html


def test_the_admin_site_shows_the_registry_read_only(client, force):
    account = make_account(force)
    admin = ForceUserFactory(username="root", is_staff=True, is_superuser=True)
    client = signed_in(client, admin)
    assert client.get(reverse("admin:social_accounts_account_changelist")).status_code == 200
    page = client.get(reverse("admin:social_accounts_account_change", args=[account.pk]))
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert client.get(reverse("admin:social_accounts_account_add")).status_code == 403
