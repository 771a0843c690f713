"""The conduct services: what a report keeps, who sees a case before and after referral, the
removal request and its escalation, staff reports' routing and evidence, media alerts, and the
retention sweep."""

from __future__ import annotations

import datetime as dt

import pytest

from bluelamp.audit.models import AuditEvent
from bluelamp.conduct import selectors
from bluelamp.conduct.choices import ReportKind, Team
from bluelamp.conduct.models import ConductCase, MediaAlert, StaffReport
from bluelamp.conduct.services.alerts import media_alert_raise
from bluelamp.conduct.services.cases import (
    conduct_case_assess,
    conduct_case_close,
    conduct_case_refer,
    conduct_case_removal_prove,
    conduct_case_removal_request,
    conduct_case_report,
    conduct_cases_escalate_overdue,
)
from bluelamp.conduct.services.reports import staff_report_close, staff_report_make
from bluelamp.conduct.services.retention import conduct_retention_sweep
from bluelamp.conduct.tests.conftest import NOW, png_bytes
from bluelamp.conduct.tests.factories import WHAT_IS_WRONG, ConductCaseFactory, StaffReportFactory
from bluelamp.core.errors import InvalidInputError, NotFoundError, PermissionDeniedError
from bluelamp.data_requests.tests.archive import make_post
from bluelamp.engine.workflows import conduct_cases as flow
from bluelamp.social_accounts.tests.factories import AccountFactory

pytestmark = pytest.mark.django_db


def _report(force, **fields):
    values = {
        "actor": force.reporter,
        "content_kind": "post",
        "link": "https://x.com/pc_someone/status/99",
        "what_is_wrong": WHAT_IS_WRONG,
        "clause": "6.7",
        "now": NOW,
    }
    values.update(fields)
    return conduct_case_report(**values)


def test_a_report_keeps_the_evidence_and_tells_ccd_only_that_a_case_exists(
    force, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = _report(force, screenshot=png_bytes(), screenshot_name="shot.png")
    assert case.status == flow.REPORTED and case.team == Team.CCD
    assert case.screenshot_type == "image/png"
    assert b"secret camera note" not in bytes(case.screenshot)  # metadata stripped
    assert mailoutbox and all(WHAT_IS_WRONG not in m.body for m in mailoutbox)
    assert force.reporter.username not in mailoutbox[0].body
    event = AuditEvent.objects.get(action="conduct_case.reported")
    assert WHAT_IS_WRONG not in str(event.after) and "x.com" not in str(event.after)
    assert "6.7" not in str(event.after)  # not even the clause: auditors see that it exists


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"clause": "99.9"}, "clause"),
        ({"link": "", "screenshot": None}, "link"),
        ({"link": "javascript:alert(1)"}, "link"),
        ({"what_is_wrong": "  "}, "what_is_wrong"),
        ({"content_kind": "tweet"}, "content_kind"),
        ({"screenshot": b"not an image", "screenshot_name": "x.png"}, "screenshot"),
    ],
)
def test_a_bad_report_is_refused_naming_the_field_and_nothing_is_kept(force, fields, field):
    with pytest.raises(InvalidInputError) as caught:
        _report(force, **fields)
    assert field in caught.value.fields["errors"]
    assert not ConductCase.objects.exists()
    assert not AuditEvent.objects.exists()


def test_after_referral_only_psd_see_the_case_and_ccd_lose_it(force):
    case = _report(force)
    assert selectors.case_get(user=force.ccd, pk=case.pk)
    with pytest.raises(NotFoundError):
        selectors.case_get(user=force.psd, pk=case.pk)
    conduct_case_assess(
        conduct_case=case,
        actor=force.ccd,
        seriousness="serious",
        assessment="Gross misconduct possible",
        subject="subject",
        now=NOW,
    )
    conduct_case_refer(conduct_case=case, actor=force.ccd, reason="Serious", now=NOW)
    for event in AuditEvent.objects.filter(target_id=str(case.pk)):
        text = f"{event.before} {event.after} {event.target_label}"
        assert "serious" not in text.lower() and "Gross" not in text and "subject" not in text
    with pytest.raises(NotFoundError):
        selectors.case_get(user=force.ccd, pk=case.pk)
    assert selectors.case_get(user=force.psd, pk=case.pk).team == Team.PSD
    with pytest.raises(NotFoundError):  # and CCD cannot act on it any more
        conduct_case_close(conduct_case=case, actor=force.ccd, outcome="advice", now=NOW)


def test_a_team_member_never_sees_a_case_about_themselves(force):
    case = ConductCaseFactory(subject=force.ccd, reported_by=force.reporter)
    assert not selectors.handled_cases(user=force.ccd).filter(pk=case.pk).exists()


def test_the_subject_sees_what_to_remove_and_never_who_reported(force):
    case = ConductCaseFactory(
        status=flow.ASSESSING, subject=force.subject, reported_by=force.reporter
    )
    with pytest.raises(NotFoundError):  # nothing until a removal is asked of them
        selectors.removal_get(user=force.subject, pk=case.pk)
    conduct_case_removal_request(
        conduct_case=case, actor=force.ccd, what="The post", deadline=dt.date(2026, 3, 9), now=NOW
    )
    assert selectors.removal_get(user=force.subject, pk=case.pk)
    with pytest.raises(NotFoundError):
        selectors.case_get(user=force.subject, pk=case.pk)


def test_a_removal_deadline_in_the_past_is_refused(force):
    case = ConductCaseFactory(status=flow.ASSESSING, subject=force.subject)
    with pytest.raises(InvalidInputError) as caught:
        conduct_case_removal_request(
            conduct_case=case, actor=force.ccd, what="x", deadline=dt.date(2026, 3, 1), now=NOW
        )
    assert "deadline" in caught.value.fields["errors"]


def test_proof_needs_a_statement_and_a_link_or_screenshot(force):
    case = ConductCaseFactory(
        status=flow.AWAITING_REMOVAL, subject=force.subject, removal_deadline=dt.date(2026, 3, 9)
    )
    with pytest.raises(InvalidInputError) as caught:
        conduct_case_removal_prove(conduct_case=case, actor=force.subject, statement="", now=NOW)
    assert set(caught.value.fields["errors"]) == {"statement", "link"}
    conduct_case_removal_prove(
        conduct_case=case,
        actor=force.subject,
        statement="Deleted",
        screenshot=png_bytes(),
        screenshot_name="gone.png",
        now=NOW,
    )
    case.refresh_from_db()
    assert case.status == flow.REMOVAL_DONE and case.removal_proof_screenshot


def test_the_daily_sweep_escalates_overdue_removals_once(
    force, mailoutbox, django_capture_on_commit_callbacks
):
    overdue = ConductCaseFactory(
        status=flow.AWAITING_REMOVAL, subject=force.subject, removal_deadline=dt.date(2026, 3, 1)
    )
    due_today = ConductCaseFactory(
        status=flow.AWAITING_REMOVAL, subject=force.subject, removal_deadline=dt.date(2026, 3, 2)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert conduct_cases_escalate_overdue(now=NOW) == [overdue.pk]
    assert conduct_cases_escalate_overdue(now=NOW) == []
    overdue.refresh_from_db()
    due_today.refresh_from_db()
    assert overdue.status == flow.REMOVAL_OVERDUE and overdue.escalated_at == NOW
    assert due_today.status == flow.AWAITING_REMOVAL
    assert any("Removal overdue" in m.subject for m in mailoutbox)


def test_retention_deletes_cases_and_reports_closed_long_enough_ago(force):
    old = ConductCaseFactory(status=flow.CLOSED, closed_at=NOW - dt.timedelta(days=6 * 366))
    recent = ConductCaseFactory(status=flow.CLOSED, closed_at=NOW - dt.timedelta(days=300))
    open_case = ConductCaseFactory(status=flow.REPORTED)
    old_report = StaffReportFactory(status="closed", closed_at=NOW - dt.timedelta(days=6 * 366))
    deleted = conduct_retention_sweep(now=NOW)
    assert deleted == {"cases": [old.reference], "reports": [old_report.reference]}
    assert set(ConductCase.objects.values_list("pk", flat=True)) == {recent.pk, open_case.pk}
    assert not StaffReport.objects.exists()
    assert conduct_retention_sweep(now=NOW) == {"cases": [], "reports": []}
    event = AuditEvent.objects.get(action="conduct_case.deleted")
    assert event.target_label == f"Conduct case {old.reference}"


@pytest.mark.parametrize(
    ("kind", "receiver"), [(ReportKind.ABUSE, "welfare"), (ReportKind.JOURNALIST, "ccd")]
)
def test_a_staff_report_keeps_its_evidence_and_goes_to_the_right_team(
    force, kind, receiver, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.BLUELAMP_WELFARE_EMAIL = ""
    settings.BLUELAMP_PRESS_OFFICE_EMAIL = "press@example.police.uk"
    with django_capture_on_commit_callbacks(execute=True):
        report = staff_report_make(
            actor=force.reporter,
            kind=kind,
            details="Replies since Friday",
            pasted_text="We know where you live",
            screenshot=png_bytes(),
            screenshot_name="abuse.png",
            now=NOW,
        )
    assert report.captured_at == NOW and len(report.screenshot_sha256) == 64
    expected = force.welfare.email if receiver == "welfare" else "press@example.police.uk"
    assert [m.to for m in mailoutbox] == [[expected]]
    assert "We know where you live" not in mailoutbox[0].body
    receiving = force.welfare if receiver == "welfare" else force.ccd
    other = force.ccd if receiver == "welfare" else force.welfare
    assert selectors.staff_report_get(user=receiving, pk=report.pk)
    assert selectors.staff_report_get(user=force.reporter, pk=report.pk)
    for outsider in (other, force.auditor, force.psd, force.subject):
        with pytest.raises(NotFoundError):
            selectors.staff_report_get(user=outsider, pk=report.pk)


def test_a_staff_report_without_evidence_is_refused(force):
    with pytest.raises(InvalidInputError) as caught:
        staff_report_make(actor=force.reporter, kind="abuse", details="x", now=NOW)
    assert "link" in caught.value.fields["errors"]
    assert not StaffReport.objects.exists()


def test_only_the_receiving_team_closes_a_staff_report(force):
    report = StaffReportFactory(reported_by=force.reporter)
    with pytest.raises(PermissionDeniedError):
        staff_report_close(report=report, actor=force.reporter, note="done", now=NOW)
    with pytest.raises(NotFoundError):
        staff_report_close(report=report, actor=force.ccd, note="done", now=NOW)
    staff_report_close(report=report, actor=force.welfare, note="Spoke to them", now=NOW)
    report.refresh_from_db()
    assert report.status == "closed"


@pytest.mark.parametrize("state", ["draft", "published"])
def test_a_media_alert_tells_the_press_office_at_once_with_the_post_linked(
    force, state, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.BLUELAMP_PRESS_OFFICE_EMAIL = "press@example.police.uk"
    post = make_post(AccountFactory(owner=force.by_role["staff"]), state=state)
    with django_capture_on_commit_callbacks(execute=True):
        alert = media_alert_raise(
            post=post, actor=force.by_role["staff"], note="Names a local MP", now=NOW
        )
    assert alert.post_state == state
    assert mailoutbox[0].to == ["press@example.police.uk"]
    assert str(post.public_id) in mailoutbox[0].body


def test_a_media_alert_is_refused_to_those_who_only_read_posts(force):
    post = make_post(AccountFactory(owner=force.by_role["staff"]))
    for reader in (force.auditor, force.psd):
        with pytest.raises(PermissionDeniedError):
            media_alert_raise(post=post, actor=reader, note="x", now=NOW)
    with pytest.raises(NotFoundError):  # a member of staff who cannot read the post
        media_alert_raise(post=post, actor=force.subject, note="x", now=NOW)
    assert not MediaAlert.objects.exists()
