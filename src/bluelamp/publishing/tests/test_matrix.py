"""Every (state, action, person) for posts, through the declarations the page and the API read
(``publishing.actions.POST_ACTIONS``) and the services behind them.

Who may act is written out again here by hand (``MAY``); whether the state allows it comes
from the engine's table (itself checked against a hand-written copy in
``engine/workflows/tests/test_posts.py``) and, for the two actions that are not transitions,
from the rule written here (``edit``: a draft; ``record``: not removed or withdrawn). For each
triple: what the page offers and the API lists (``available``) says yes exactly when both
allow it; a person who may not act is refused with PermissionDeniedError whatever the state; a
permitted action the state does not allow is refused with InvalidTransitionError; either way
nothing changes. Otherwise the service runs (a platform that is not connected is recorded as a
failed attempt, PlatformFailedError, which is not a refusal)."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
from typing import Any

import pytest
from django.utils import timezone

from bluelamp.audit.models import AuditEvent
from bluelamp.core.errors import InvalidTransitionError, PermissionDeniedError
from bluelamp.engine.workflows import posts as flow
from bluelamp.publishing.actions import POST_ACTIONS
from bluelamp.publishing.connectors.base import platform_edits_posts
from bluelamp.publishing.errors import PlatformFailedError
from bluelamp.publishing.models import Approval, Post, PostVersion
from bluelamp.publishing.tests.people import newsroom

pytestmark = pytest.mark.django_db

CLEAN = "Join us at the Handsworth community event on Saturday from 10am."

#: The post's author is the colleague; the account's owner is the author (of other tests).
PEOPLE = ("writer", "owner", "manager", "outsider", "ccd", "psd", "auditor")
AUTHOR_STEPS = {"writer", "ccd"}
APPROVERS = {"manager", "ccd"}
REMOVERS = {"writer", "owner", "ccd"}
MAY = {
    "edit": AUTHOR_STEPS,
    "record": AUTHOR_STEPS,
    "submit": AUTHOR_STEPS,
    "approve": APPROVERS,
    "return": APPROVERS,
    "approver_edit": APPROVERS,
    # Only the author answers a change to their words (not CCD on their behalf).
    "accept_change": {"writer"},
    "reject_change": {"writer"},
    "revise": AUTHOR_STEPS,
    "withdraw": AUTHOR_STEPS,
    "schedule": AUTHOR_STEPS,
    "unschedule": AUTHOR_STEPS,
    # Releasing a held post once a major incident has ended is Corporate Communications' call.
    "release": {"ccd"},
    "publish": AUTHOR_STEPS,
    "correct": REMOVERS,
    "remove": REMOVERS,
    "correct_by_hand": REMOVERS,
    "remove_by_hand": REMOVERS,
}
#: The table's steps each action takes (or, for edit and record, the states it is open in).
STATE_ALLOWS = {
    "edit": lambda state: state == flow.DRAFT,
    "record": lambda state: state not in (flow.REMOVED, flow.WITHDRAWN),
    "submit": lambda state: state == flow.DRAFT,
    "approve": lambda state: state in (flow.AWAITING_APPROVAL, flow.AWAITING_AUTHOR),
    "return": lambda state: state in (flow.AWAITING_APPROVAL, flow.AWAITING_AUTHOR),
    "approver_edit": lambda state: state in (flow.AWAITING_APPROVAL, flow.AWAITING_AUTHOR),
    "accept_change": lambda state: state == flow.AWAITING_AUTHOR,
    "reject_change": lambda state: state == flow.AWAITING_AUTHOR,
    "revise": lambda state: flow.allowed(state, flow.REVISE),
    "withdraw": lambda state: flow.allowed(state, flow.WITHDRAW),
    "schedule": lambda state: flow.allowed(state, flow.SCHEDULE),
    "unschedule": lambda state: flow.allowed(state, flow.UNSCHEDULE),
    "release": lambda state: state == flow.HELD,
    "publish": lambda state: flow.allowed(state, flow.PUBLISH),
    # The matrix's account is on X, whose API cannot change a published post: a person
    # corrects it in the app and records that (``correct_by_hand``).
    "correct": lambda state: state == flow.PUBLISHED and platform_edits_posts("x"),
    "remove": lambda state: state == flow.PUBLISHED,
    "correct_by_hand": lambda state: state == flow.PUBLISHED,
    "remove_by_hand": lambda state: state == flow.PUBLISHED,
}


def _data(action: str) -> dict[str, Any]:
    later = timezone.now() + dt.timedelta(days=2)
    return {
        "edit": {"text": "Updated words for the event.", "kind": None, "second_opinion": None},
        "record": {"crime_ref": "20/1/26"},
        "submit": {"scheduled_for": None},
        "approve": {"note": ""},
        "return": {"reason": "Please add the time."},
        "approver_edit": {"text": "Join us at the Handsworth event on Saturday."},
        "accept_change": {},
        "reject_change": {"reason": ""},
        "revise": {},
        "withdraw": {"reason": ""},
        "schedule": {"when": later},
        "unschedule": {},
        "release": {},
        "publish": {},
        "correct": {"text": "Join us at the Handsworth event on Sunday.", "reason": "Wrong day"},
        "remove": {"reason": "Out of date"},
        "correct_by_hand": {
            "text": "Join us at the Handsworth event on Sunday.",
            "reason": "Wrong day",
            "detail": "Changed in the app at 10:00",
        },
        "remove_by_hand": {"reason": "Out of date", "detail": "Deleted in the app at 10:00"},
    }[action]


def test_the_declarations_and_this_matrix_name_the_same_actions():
    assert set(POST_ACTIONS.names()) == set(MAY) == set(STATE_ALLOWS)


@pytest.fixture
def room():
    return newsroom()


def _person(room, who: str):
    return {
        "writer": room.colleague,
        "owner": room.author,
        "manager": room.manager,
        "outsider": room.outsider,
        "ccd": room.ccd,
        "psd": room.psd,
        "auditor": room.auditor,
    }[who]


_IDS = itertools.count(1_790_000_000_000_000_001)


def _post(room, state: str) -> Post:
    """A post in ``state`` as the services would leave it: version 1 sent on by its author,
    approved (by the manager) once it is past approval; while it waits for its author, version
    2 is another approver's change (so the people in the matrix did not make it)."""
    now = timezone.now()
    published = state in (flow.PUBLISHED, flow.REMOVED)
    approved = state in flow.APPROVED_STATES or state == flow.REMOVED
    changed = state == flow.AWAITING_AUTHOR
    post = Post.objects.create(
        account=room.team,
        author=room.colleague,
        text=CLEAN,
        state=state,
        approver_needed=flow.MANAGER,
        verdict="pass",
        findings=[],
        checked_at=now,
        version=2 if changed else 1,
        approved_version=1 if approved else None,
        scheduled_for=now + dt.timedelta(days=1) if state == flow.SCHEDULED else None,
        published_at=now - dt.timedelta(hours=1) if published else None,
        platform_post_id=str(next(_IDS)) if published else "",
        created_at=now - dt.timedelta(hours=2),
        updated_at=now - dt.timedelta(hours=2),
    )
    earlier = now - dt.timedelta(hours=2)
    PostVersion.objects.create(
        post=post,
        number=1,
        text="Join us at the Handsworth event." if changed else CLEAN,
        source="sent",
        made_by=room.colleague,
        made_at=earlier,
    )
    if changed:
        PostVersion.objects.create(
            post=post, number=2, text=CLEAN, source="approver", made_by=room.ccd2, made_at=earlier
        )
    if approved:
        Approval.objects.create(
            post=post,
            approver=room.manager,
            as_role=flow.MANAGER,
            decision="approved",
            text_seen=CLEAN,
            version=1,
            decided_at=earlier,
        )
    return post


@pytest.mark.parametrize(
    "state,action", list(itertools.product(flow.STATES, [a.name for a in POST_ACTIONS]))
)
def test_every_state_action_and_person(room, state, action):
    post = _post(room, state)
    for who in PEOPLE:
        person = _person(room, who)
        may = who in MAY[action]
        allowed = STATE_ALLOWS[action](state)
        post.refresh_from_db()
        assert (action in POST_ACTIONS.available(post, person)) is (may and allowed), who
        events = AuditEvent.objects.count()
        if not may:
            with pytest.raises(PermissionDeniedError):
                POST_ACTIONS.perform(action, post, actor=person, data=_data(action))
        elif not allowed:
            with pytest.raises(InvalidTransitionError):
                POST_ACTIONS.perform(action, post, actor=person, data=_data(action))
        else:
            # A PlatformFailedError is an attempt, recorded: the platform is not connected here.
            with contextlib.suppress(PlatformFailedError):
                POST_ACTIONS.perform(action, post, actor=person, data=_data(action))
            assert AuditEvent.objects.count() > events, (who, "no audit event")
            post = _post(room, state)  # the next person starts from the same state
            continue
        assert Post.objects.get(pk=post.pk).state == state, who
        assert AuditEvent.objects.count() == events, who
