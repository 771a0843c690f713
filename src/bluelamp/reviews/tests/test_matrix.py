"""Every (state, action, role) through the services. The account's owner and CCD may act;
every other role is refused with PermissionDeniedError; a permitted action the table does not
allow is refused with InvalidTransitionError; either way nothing changes and nothing is
audited. Otherwise the review moves to the table's next state."""

from __future__ import annotations

import itertools

import pytest

from bluelamp.audit.models import AuditEvent
from bluelamp.core.errors import InvalidTransitionError, PermissionDeniedError
from bluelamp.core.roles import Role
from bluelamp.engine.workflows import reviews as flow
from bluelamp.reviews import services
from bluelamp.reviews.actions import REVIEW_ACTIONS
from bluelamp.reviews.models import Review, ReviewItem
from bluelamp.reviews.tests.conftest import NOW, live_post

pytestmark = pytest.mark.django_db

ACTORS = ["owner", *list(Role)]
CASES = list(itertools.product(flow.STATES, REVIEW_ACTIONS.names(), ACTORS))


def _id(case):
    state, action, actor = case
    return f"{state}-{action}-{getattr(actor, 'value', actor)}"


@pytest.mark.parametrize(("state", "action", "actor"), CASES, ids=[_id(c) for c in CASES])
def test_every_state_action_and_role(room, people, state, action, actor):
    post = live_post(room.team, "Road closed on Saturday 14 November for resurfacing.")
    review = services.review_open(account=room.team, month=NOW.date(), now=NOW)
    item = ReviewItem.objects.get(review=review, post=post)
    if action == "complete":
        item.decision, item.note = "keep", "Still right"
        item.save()
    Review.objects.filter(pk=review.pk).update(status=state)
    review.refresh_from_db()
    who = room.author if actor == "owner" else people[actor]
    before = Review.objects.filter(pk=review.pk).values().get()
    events = AuditEvent.objects.count()
    data = (
        {"item": item, "decision": "keep", "reason": "Still right"}
        if action == "decide_item"
        else {}
    )
    call = lambda: REVIEW_ACTIONS[action].service(review=review, actor=who, now=NOW, **data)  # noqa: E731
    step = REVIEW_ACTIONS[action].steps[0]
    if actor not in ("owner", Role.CCD):
        with pytest.raises(PermissionDeniedError):
            call()
    elif not flow.WORKFLOW.allowed(state, step):
        with pytest.raises(InvalidTransitionError):
            call()
    else:
        call()
        assert Review.objects.get(pk=review.pk).status == flow.WORKFLOW.next_state(state, step)
        assert AuditEvent.objects.count() == events + 1
        return
    assert Review.objects.filter(pk=review.pk).values().get() == before
    assert AuditEvent.objects.count() == events
