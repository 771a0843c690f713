"""Carrying out the decisions (services.actioning): the social media team's tasks, recorded as
done by hand or from the archive's confirmed removal of the post, with the platform's
confirmation as the evidence."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from bluelamp.audit.models import AuditEvent
from bluelamp.core.errors import (
    InvalidInputError,
    InvalidTransitionError,
    PermissionDeniedError,
)
from bluelamp.core.roles import Role
from bluelamp.data_requests.choices import Outcome, RequestStatus
from bluelamp.data_requests.models import RemovalTask
from bluelamp.data_requests.services.actioning import (
    EVIDENCE_RESPONSE_CHARS,
    platform_response_text,
    removal_request_actioning_start,
    removal_task_complete,
    removal_task_complete_from_archive,
)
from bluelamp.data_requests.tests.archive import REMOVED, make_post, make_removal
from bluelamp.data_requests.tests.conftest import NOW
from bluelamp.data_requests.tests.factories import (
    PostDecisionFactory,
    RemovalRequestFactory,
    RemovalTaskFactory,
)
from bluelamp.social_accounts.tests.factories import ForceUserFactory

pytestmark = pytest.mark.django_db


def test_tasks_are_set_only_when_every_post_is_decided(force, now):
    request = RemovalRequestFactory(status=RequestStatus.CONSIDERING)
    PostDecisionFactory(request=request, outcome=Outcome.REMOVE)
    PostDecisionFactory(request=request)
    with pytest.raises(InvalidInputError, match="Decide every post"):
        removal_request_actioning_start(actor=force.infosec, removal_request=request, now=now)
    assert not RemovalTask.objects.exists()


def test_a_task_cannot_be_completed_twice(force, now):
    task = RemovalTaskFactory(
        decision__request__status=RequestStatus.ACTIONING,
        carried_out_at=now,
        carried_out_by="Sam (social media team)",
        evidence="Deleted",
    )
    with pytest.raises(InvalidTransitionError, match="already been recorded"):
        removal_task_complete(
            actor=force.infosec,
            task=task,
            carried_out_by="Sam",
            carried_out_at=now,
            evidence="Deleted again",
            now=now,
        )


def test_a_task_is_recorded_as_done_from_the_platforms_confirmation(force, accounts, task):
    post = task.decision.archived_post
    ccd = ForceUserFactory(username="ccd-sam", display_name="Sam Comms", roles=[Role.CCD])
    make_removal(post, by=ccd, outcome="failed", at=REMOVED - dt.timedelta(hours=2))
    removal = make_removal(
        post,
        by=ccd,
        platform_response={"data": {"deleted": True}, "access_token": "EAAB-secret-token"},
    )

    done = removal_task_complete_from_archive(actor=force.infosec, task=task, now=NOW)

    done.refresh_from_db()
    assert done.done
    assert done.platform_removal == removal
    assert done.carried_out_by == "Sam Comms (ccd-sam)"
    assert done.carried_out_at == REMOVED
    assert done.completed_by == force.infosec
    assert "Deleted on the platform" in done.evidence
    assert "@WMPDudley" in done.evidence
    assert '{"access_token":"[withheld]","data":{"deleted":true}}' in done.evidence
    assert "EAAB-secret-token" not in done.evidence
    assert "RR-00001: the requester was never charged" in done.evidence
    event = AuditEvent.objects.get(action="removal_request.task_completed_from_archive")
    assert event.after["platform_removal"] == removal.pk
    assert event.after["outcome"] == "deleted"
    assert event.after["task"] == task.pk


def test_a_post_removed_by_hand_counts_with_who_did_it(force, task):
    ccd = ForceUserFactory(username="ccd-kim", roles=[Role.CCD])
    make_removal(
        task.decision.archived_post,
        by=ccd,
        outcome="done_by_hand",
        detail="Deleted in the Instagram app by Kim at 14:00",
        platform_response={},
    )

    done = removal_task_complete_from_archive(actor=force.infosec, task=task, now=NOW)

    assert "Deleted in the Instagram app by Kim at 14:00" in done.evidence
    assert "Removed by hand" in done.evidence


def test_without_a_confirmed_removal_it_is_refused_and_nothing_changes(force, task):
    make_removal(task.decision.archived_post, by=force.infosec, outcome="failed")
    events = AuditEvent.objects.count()

    with pytest.raises(InvalidInputError) as refused:
        removal_task_complete_from_archive(actor=force.infosec, task=task, now=NOW)

    assert "no confirmed removal" in refused.value.message
    assert task.decision.request.reference in refused.value.message
    task.refresh_from_db()
    assert not task.done and task.platform_removal is None
    assert AuditEvent.objects.count() == events


def test_a_task_whose_post_is_not_from_the_archive_is_refused(force):
    task = RemovalTaskFactory(decision__request__status=RequestStatus.ACTIONING)
    with pytest.raises(InvalidInputError) as refused:
        removal_task_complete_from_archive(actor=force.infosec, task=task, now=NOW)
    assert "not linked from the archive" in refused.value.message


def test_a_task_already_done_and_an_auditor_are_refused(force, task):
    make_removal(task.decision.archived_post, by=force.infosec)
    with pytest.raises(PermissionDeniedError):
        removal_task_complete_from_archive(actor=force.auditor, task=task, now=NOW)
    removal_task_complete_from_archive(actor=force.infosec, task=task, now=NOW)
    with pytest.raises(InvalidTransitionError):
        removal_task_complete_from_archive(actor=force.infosec, task=task, now=NOW)


def test_evidence_json_is_compact_and_long_responses_are_cut():
    text = platform_response_text({"b": [1, 2], "a": {"Authorization": "Bearer x"}})
    assert text == '{"a":{"Authorization":"[withheld]"},"b":[1,2]}'
    long = platform_response_text({"x": "y" * 5000})
    assert len(long) == EVIDENCE_RESPONSE_CHARS
    assert json.loads(platform_response_text({"ok": True})) == {"ok": True}


def test_an_amendment_is_recorded_from_the_platforms_confirmed_correction(force, accounts):
    from bluelamp.publishing.models import Correction

    post = make_post(accounts["dudley"])
    decision = PostDecisionFactory(
        request__status=RequestStatus.ACTIONING,
        request__owner=force.infosec,
        archived_post=post,
        url=post.platform_url,
        outcome=Outcome.AMEND,
        corrected_text="A man has been arrested.",
    )
    task = RemovalTaskFactory(decision=decision)
    ccd = ForceUserFactory(username="ccd-amy", display_name="Amy Comms", roles=[Role.CCD])
    with pytest.raises(InvalidInputError, match="correction or removal"):
        removal_task_complete_from_archive(actor=force.infosec, task=task, now=NOW)
    correction = Correction.objects.create(
        post=post,
        requested_by=ccd,
        reason="RR-00001",
        old_text=post.text,
        new_text="A man has been arrested.",
        outcome="corrected",
        platform_response={"success": True},
        at=REMOVED,
    )

    done = removal_task_complete_from_archive(actor=force.infosec, task=task, now=NOW)

    done.refresh_from_db()
    assert done.platform_correction == correction
    assert done.platform_removal is None
    assert done.carried_out_by == "Amy Comms (ccd-amy)"
    assert "The post now reads: A man has been arrested." in done.evidence
