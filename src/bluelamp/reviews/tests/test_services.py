"""Opening the monthly review, what it lists, the owner's decisions (through publishing's own
removal), completion and escalation to the line manager, then CCD."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from bluelamp.audit.models import AuditEvent
from bluelamp.core.errors import InvalidInputError, PermissionDeniedError
from bluelamp.core.policy import policy_pack
from bluelamp.publishing.importing import rules_version
from bluelamp.reviews import services
from bluelamp.reviews.errors import AlreadyDecidedError, UndecidedItemsError
from bluelamp.reviews.models import Review
from bluelamp.reviews.tests.conftest import NOW, connect, live_post, posted_on_fake

pytestmark = pytest.mark.django_db

CLOSURE = (
    "ROAD CLOSURE: the A38 Bristol Road will be closed between 8pm Saturday 14 November and "
    "6am Monday 16 November for resurfacing."
)
EVENT_AHEAD = "Join us at our community day at Perry Barr on Saturday 19 December, 10am-2pm."


def codes(review):
    return {item.post.text[:20]: [r["code"] for r in item.reasons] for item in review.items.all()}


def test_the_review_opens_on_the_first_working_day_only_and_once(
    room, django_capture_on_commit_callbacks
):
    live_post(room.team, CLOSURE, rules_version=rules_version(policy_pack()))
    assert services.reviews_open_monthly(now=NOW - dt.timedelta(days=1)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reviews_open_monthly(now=NOW) == 3  # team, NPU page, force account
    assert services.reviews_open_monthly(now=NOW + dt.timedelta(hours=2)) == 0
    review = Review.objects.get(account=room.team)
    assert review.month == dt.date(2026, 12, 1) and review.due_on == dt.date(2026, 12, 31)
    assert review.owner == room.author
    assert AuditEvent.objects.filter(action="review.opened").count() == 3
    assert [m.to for m in mail.outbox] == [[room.author.email]]


def test_a_bank_holiday_moves_the_first_working_day():
    # 1 January 2027 is a Friday and a bank holiday: the review opens on Monday 4 January.
    assert services.first_working_day(dt.date(2027, 1, 1)) == dt.date(2027, 1, 4)
    assert services.first_working_day(dt.date(2026, 11, 1)) == dt.date(2026, 11, 2)


def test_it_lists_past_dates_ended_appeals_charged_names_and_changed_findings(room):
    version = rules_version(policy_pack())
    live_post(room.team, CLOSURE, rules_version=version)
    live_post(room.team, EVENT_AHEAD, rules_version=version)
    appeal = live_post(
        room.team, "Have you seen Jamie Carter, 15, missing from Dudley?", rules_version=version
    )
    named = live_post(
        room.team, "Jordan Ellis Price was arrested on Tuesday.", rules_version=version
    )
    old_rules = live_post(room.team, "Call 07700 900123 to speak to PC Smith.", rules_version="old")
    case = services.case_create(actor=room.author, name="Jamie Carter", reference="MIS/1", now=NOW)
    services.case_post_link(case=case, post=appeal, actor=room.author, now=NOW)
    services.case_resolve(case=case, actor=room.author, status="found", now=NOW)
    charged = services.case_create(actor=room.ccd, name="Jordan Ellis Price", now=NOW)
    services.case_resolve(case=charged, actor=room.ccd, status="charged", now=NOW)
    review = services.review_open(account=room.team, month=NOW.date(), now=NOW)
    found = {item.post_id: [r["code"] for r in item.reasons] for item in review.items.all()}
    assert found[appeal.pk] == ["appeal_resolved"]
    assert found[named.pk] == ["names_charged"]
    assert "findings_changed" in found[old_rules.pk]
    assert len(found) == 4  # the event ahead is not listed
    closure = review.items.get(post__text=CLOSURE)
    assert closure.reasons == [{"code": "date_passed", "detail": "16 November 2026"}]


def test_the_owner_keeps_removes_and_completes(room, fake_x):
    connect(room, room.team)
    kept = live_post(room.team, CLOSURE + " Thanks for your patience.", rules_version="x")
    gone = posted_on_fake(fake_x, room.team, CLOSURE)
    review = services.review_open(account=room.team, month=NOW.date(), now=NOW)
    kept_item = review.items.get(post=kept)
    gone_item = review.items.get(post=gone)
    with pytest.raises(PermissionDeniedError):
        services.review_item_decide(
            review=review, item=kept_item, actor=room.outsider, decision="keep", reason="x"
        )
    with pytest.raises(InvalidInputError, match="Say why"):
        services.review_item_decide(
            review=review, item=kept_item, actor=room.author, decision="keep", reason=" "
        )
    with pytest.raises(UndecidedItemsError):
        services.review_complete(review=review, actor=room.author, now=NOW)
    services.review_item_decide(
        review=review,
        item=kept_item,
        actor=room.author,
        decision="keep",
        reason="A record of the works; still accurate.",
        now=NOW,
    )
    services.review_item_decide(
        review=review, item=gone_item, actor=room.author, decision="remove", reason="Over", now=NOW
    )
    gone.refresh_from_db()
    assert gone.state == "removed" and fake_x.posts == {}
    assert gone.removals.get().reason == "Over"
    with pytest.raises(AlreadyDecidedError):
        services.review_item_decide(
            review=review, item=gone_item, actor=room.author, decision="keep", reason="x"
        )
    done = services.review_complete(review=review, actor=room.author, now=NOW)
    assert done.status == "done" and done.completed_by == room.author
    assert AuditEvent.objects.filter(action="review.item_decided").count() == 2


def test_a_late_review_goes_to_the_line_manager_then_to_ccd(
    room, django_capture_on_commit_callbacks
):
    review = services.review_open(account=room.team, month=NOW.date(), now=NOW)
    mail.outbox.clear()
    assert services.reviews_escalate_overdue(now=NOW + dt.timedelta(days=20)) == 0
    january = dt.datetime(2027, 1, 4, 9, 0, tzinfo=dt.UTC)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reviews_escalate_overdue(now=january) == 1
    review.refresh_from_db()
    assert review.status == "escalated_manager"
    assert room.manager.email in [m.to[0] for m in mail.outbox]
    assert services.reviews_escalate_overdue(now=january + dt.timedelta(days=1)) == 0
    assert services.reviews_escalate_overdue(now=january + dt.timedelta(days=8)) == 1
    review.refresh_from_db()
    assert review.status == "escalated_ccd"
    assert services.reviews_escalate_overdue(now=january + dt.timedelta(days=30)) == 0
    # It can still be done, by CCD.
    assert services.review_complete(review=review, actor=room.ccd, now=january).status == "done"
