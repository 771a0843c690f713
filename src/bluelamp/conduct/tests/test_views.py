"""Every conduct page for every person: who reaches it (200), who is refused (403) and who is
told it does not exist (404); a refused POST changes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from bluelamp.audit.models import AuditEvent
from bluelamp.conduct import views
from bluelamp.conduct.models import ConductCase, MediaAlert, StaffReport
from bluelamp.conduct.tests.conftest import EVERYONE, NOW, png_bytes
from bluelamp.conduct.tests.factories import WHAT_IS_WRONG, ConductCaseFactory, StaffReportFactory
from bluelamp.data_requests.tests.archive import make_post
from bluelamp.engine.workflows import conduct_cases as flow
from bluelamp.social_accounts.tests.factories import AccountFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr(views, "now", lambda: NOW)


@pytest.fixture
def world(force):
    """A case CCD hold, about the subject, with a removal asked of them; an abuse report; a
    post by a member of staff."""
    case = ConductCaseFactory(
        status=flow.AWAITING_REMOVAL,
        subject=force.subject,
        reported_by=force.reporter,
        screenshot=png_bytes(),
        screenshot_type="image/png",
        removal_what="The post of 27 February",
        removal_deadline=NOW.date(),
        removal_requested_at=NOW,
    )
    report = StaffReportFactory(
        reported_by=force.reporter, screenshot=png_bytes(), screenshot_type="image/png"
    )
    post = make_post(AccountFactory(owner=force.by_role["staff"]), state="draft")
    assessing = ConductCaseFactory(status=flow.ASSESSING, reported_by=force.reporter)
    return {"case": case, "assessing": assessing, "report": report, "post": post}


def _everyone(**given):
    """The expected status for each person: ``given``, else ``default``."""
    default = given.pop("default")
    return {who: given.get(who, default) for who in EVERYONE}


PAGES = {
    "index": (lambda w: reverse("conduct:index"), _everyone(default=200)),
    "report": (lambda w: reverse("conduct:report"), _everyone(default=200)),
    "queue": (
        lambda w: reverse("conduct:queue"),
        _everyone(default=403, ccd=200, psd=200, auditor=200),
    ),
    "case": (
        lambda w: reverse("conduct:case", args=[w["case"].pk]),
        _everyone(default=403, ccd=200, psd=404, auditor=404),
    ),
    "case_screenshot": (
        lambda w: reverse("conduct:case_screenshot", args=[w["case"].pk, "report"]),
        _everyone(default=404, ccd=200),
    ),
    "case_action_close": (
        lambda w: reverse("conduct:case_action", args=[w["assessing"].pk, "close"]),
        _everyone(default=403, ccd=200, psd=404, auditor=404),
    ),
    "case_action_prove": (
        lambda w: reverse("conduct:case_action", args=[w["case"].pk, "prove_removal"]),
        _everyone(default=403, ccd=404, psd=404, auditor=404),
    ),
    "removal": (
        lambda w: reverse("conduct:removal", args=[w["case"].pk]),
        _everyone(default=404, subject=200),
    ),
    "staff_reports": (
        lambda w: reverse("conduct:staff_reports"),
        _everyone(default=404, welfare=200, ccd=200),
    ),
    "staff_report_new": (lambda w: reverse("conduct:staff_report_new"), _everyone(default=200)),
    "staff_report": (
        lambda w: reverse("conduct:staff_report", args=[w["report"].pk]),
        _everyone(default=404, welfare=200, reporter=200),
    ),
    "staff_report_screenshot": (
        lambda w: reverse("conduct:staff_report_screenshot", args=[w["report"].pk]),
        _everyone(default=404, welfare=200, reporter=200),
    ),
    "media_alerts": (
        lambda w: reverse("conduct:media_alerts"),
        _everyone(default=403, ccd=200, auditor=200),
    ),
    "media_alert": (
        lambda w: reverse("conduct:media_alert", args=[w["post"].public_id]),
        _everyone(default=404, staff=200, ccd=200, psd=403, auditor=403),
    ),
}
PAGE_CASES = [(page, who) for page in PAGES for who in EVERYONE]


@pytest.mark.parametrize(("page", "who"), PAGE_CASES, ids=[f"{p}-{w}" for p, w in PAGE_CASES])
def test_each_page_answers_each_person_as_the_access_rules_say(client, force, world, page, who):
    url, expected = PAGES[page]
    client.force_login(force.who(who))
    assert client.get(url(world)).status_code == expected[who]


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(client):
    assert client.get(reverse("conduct:report")).status_code == 302


def _counts():
    return (
        list(ConductCase.objects.values()),
        list(StaffReport.objects.values()),
        MediaAlert.objects.count(),
        AuditEvent.objects.count(),
    )


POSTS = {
    "close": (
        lambda w: reverse("conduct:case_action", args=[w["assessing"].pk, "close"]),
        {"outcome": "advice"},
        "ccd",
    ),
    "escalate": (
        lambda w: reverse("conduct:case_action", args=[w["case"].pk, "escalate"]),
        {},
        None,  # the deadline is today: nobody may escalate yet (409 for CCD)
    ),
    "prove": (
        lambda w: reverse("conduct:removal", args=[w["case"].pk]),
        {"statement": "Deleted", "link": "https://x.com/s/1"},
        "subject",
    ),
    "staff_report_close": (
        lambda w: reverse("conduct:staff_report_close", args=[w["report"].pk]),
        {"note": "Spoke to them"},
        "welfare",
    ),
    "media_alert": (
        lambda w: reverse("conduct:media_alert", args=[w["post"].public_id]),
        {"note": "Names a local MP"},
        "staff",
    ),
}
POST_CASES = [(name, who) for name in POSTS for who in EVERYONE]


@pytest.mark.parametrize(("name", "who"), POST_CASES, ids=[f"{n}-{w}" for n, w in POST_CASES])
def test_each_post_changes_something_only_for_the_person_allowed(client, force, world, name, who):
    url, data, allowed = POSTS[name]
    client.force_login(force.who(who))
    before = _counts()
    response = client.post(url(world), data)
    if who == allowed or (name == "media_alert" and who == "ccd"):
        assert response.status_code == 302
        assert _counts() != before
    else:
        assert response.status_code in (403, 404, 409)
        assert _counts() == before


def test_the_walk_through_the_pages_from_report_to_closure(client, force):
    client.force_login(force.reporter)
    response = client.post(
        reverse("conduct:report"),
        {
            "content_kind": "post",
            "link": "https://x.com/pc_someone/status/99",
            "what_is_wrong": WHAT_IS_WRONG,
            "clause": "6.7",
        },
    )
    assert response.status_code == 302
    case = ConductCase.objects.get()
    client.force_login(force.ccd)
    html = client.get(reverse("conduct:case", args=[case.pk])).content.decode()
    assert escape(WHAT_IS_WRONG) in html and escape(force.reporter.label) in html
    step = lambda action, data: client.post(  # noqa: E731
        reverse("conduct:case_action", args=[case.pk, action]), data
    )
    assert (
        step(
            "assess", {"seriousness": "serious", "assessment": "x", "subject": "subject"}
        ).status_code
        == 302
    )
    assert step("refer", {"reason": "Serious"}).status_code == 302
    assert client.get(reverse("conduct:case", args=[case.pk])).status_code == 404
    client.force_login(force.psd)
    assert (
        step("request_removal", {"what": "The post", "deadline": "2026-03-09"}).status_code == 302
    )
    client.force_login(force.subject)
    html = client.get(reverse("conduct:removal", args=[case.pk])).content.decode()
    assert "The post" in html and escape(force.reporter.label) not in html
    assert "custody suite" not in html
    response = client.post(
        reverse("conduct:removal", args=[case.pk]),
        {"statement": "Gone", "link": "https://x.com/s/1"},
    )
    assert response.status_code == 302
    client.force_login(force.psd)
    assert step("close", {"outcome": "content_removed"}).status_code == 302
    case.refresh_from_db()
    assert case.status == flow.CLOSED


def test_a_bad_report_shows_the_errors_and_keeps_nothing(client, force):
    client.force_login(force.reporter)
    response = client.post(reverse("conduct:report"), {"content_kind": "post"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and "Select the clause" in html
    assert not ConductCase.objects.exists()


def test_the_auditor_sees_the_register_but_not_the_contents(client, force, world):
    client.force_login(force.auditor)
    html = client.get(reverse("conduct:queue")).content.decode()
    assert world["case"].reference in html
    assert "custody suite" not in html and escape(force.reporter.label) not in html


def test_the_psd_home_page_leads_to_the_referrals(client, force):
    client.force_login(force.psd)
    html = client.get(reverse("core:home")).content.decode()
    assert reverse("conduct:queue") in html and "See conduct referrals" in html


def test_the_post_page_links_to_the_media_attention_action(client, force, world):
    client.force_login(force.by_role["staff"])
    html = client.get(reverse("publishing:post_detail", args=[world["post"].public_id])).content
    assert reverse("conduct:media_alert", args=[world["post"].public_id]).encode() in html


def test_proof_of_removal_on_the_page_keeps_the_screenshot_stripped(client, force, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(force.subject)
    upload = SimpleUploadedFile("gone.png", png_bytes(), content_type="image/png")
    response = client.post(
        reverse("conduct:removal", args=[world["case"].pk]),
        {"statement": "Deleted it", "screenshot": upload},
    )
    assert response.status_code == 302
    case = ConductCase.objects.get(pk=world["case"].pk)
    assert case.removal_proof_screenshot_type == "image/png"
    assert b"secret camera note" not in bytes(case.removal_proof_screenshot)
    shot = client.get(reverse("conduct:case_screenshot", args=[case.pk, "proof"]))
    assert shot.status_code == 200 and shot["Content-Type"] == "image/png"
    assert shot["X-Content-Type-Options"] == "nosniff"


def test_a_report_on_the_page_keeps_its_screenshot_for_ccd_only(client, force):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(force.reporter)
    upload = SimpleUploadedFile("post.png", png_bytes(), content_type="image/png")
    response = client.post(
        reverse("conduct:report"),
        {"content_kind": "post", "screenshot": upload, "what_is_wrong": "x", "clause": "6.6"},
    )
    assert response.status_code == 302
    case = ConductCase.objects.get()
    assert case.screenshot_type == "image/png" and not case.link
    url = reverse("conduct:case_screenshot", args=[case.pk, "report"])
    assert client.get(url).status_code == 404  # not even the reporter
    client.force_login(force.ccd)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(("who", "sees"), [("welfare", True), ("ccd", True), ("staff", False)])
def test_the_home_page_leads_the_receiving_teams_to_their_staff_reports(client, force, who, sees):
    client.force_login(force.who(who))
    html = client.get(reverse("core:home")).content.decode()
    assert (f'href="{reverse("conduct:staff_reports")}"' in html) == sees
    assert reverse("conduct:report") in html  # everyone may report
