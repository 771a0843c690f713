"""Every action on a post, defined once (``core.actions``): the workflow step(s) it takes in
``engine/workflows/posts.py``, who may take it (``permissions``), its input on the post page
(form) and in the API (serializer), and the one service that does it.

The post page (``views_posts``, ``views_approvals``) and the API (``publishing.api.views``) both
read ``POST_ACTIONS``: ``POST_ACTIONS.available(post, user)`` is what the page offers and what
the API lists in ``available_actions``; ``page_step`` and ``step_view`` perform an action
through it (403 unless the user may, 409 unless the state allows, then the service, which
checks both again under its row lock and writes the audit event). Neither checks the state by
hand.

A post's path, from the page's button or ``POST /api/v1/posts/{id}/<action>`` to its audit row:
``views_posts.post_step`` / ``api.views.<Action>View`` → ``POST_ACTIONS.perform`` (permission,
then the table) → the service in ``services/`` (lock, permission, table, input) →
``services.common.move`` → ``core.transitions.transition`` (save with ``update_fields``,
``audit_record`` in the same transaction).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from bluelamp.core.actions import Action, ActionSet
from bluelamp.core.clock import aware_now
from bluelamp.engine.workflows import posts as flow
from bluelamp.publishing import permissions
from bluelamp.publishing.api import serializers as api
from bluelamp.publishing.choices import CorrectionOutcome, RemovalOutcome
from bluelamp.publishing.connectors.base import platform_edits_posts
from bluelamp.publishing.errors import (
    CorrectionFailedError,
    PublishFailedError,
    RemovalFailedError,
)
from bluelamp.publishing.forms import (
    ApproveForm,
    ApproverEditForm,
    ByHandForm,
    CorrectByHandForm,
    CorrectForm,
    ReasonForm,
    RecordForm,
    ScheduleForm,
    SubmitForm,
)
from bluelamp.publishing.services import approvals, compose, crisis, delivery, versions
from bluelamp.publishing.services.common import not_allowed

# --- Who may ------------------------------------------------------------------------------------

author = permissions.author_refusal
remover = permissions.removal_refusal
FOUR_EYES = "No one approves their own post: another person must decide."


def approver(user: Any, post: Any) -> str | None:
    """The approver the post needs, never its author. While it needs none (it is not awaiting
    approval), only the author is refused here: the state refuses everyone else (409)."""
    if not post.approver_needed:
        return FOUR_EYES if post.author_id is not None and post.author_id == user.pk else None
    return permissions.approval_refusal(user, post)


def approver_of_the_words(user: Any, post: Any) -> str | None:
    """For approving: an approver (as above) who did not write or change the words being
    approved, unless the author has accepted them as their own."""
    return approver(user, post) or versions.maker_refusal(user, post)


changed_words = permissions.change_answer_refusal


# --- What the result may still say -------------------------------------------------------------


def _removal_failed(removal: Any) -> RemovalFailedError | None:
    if removal.outcome != RemovalOutcome.FAILED:
        return None
    return RemovalFailedError(removal.detail or None, outcome=removal.outcome)


def _correction_failed(correction: Any) -> CorrectionFailedError | None:
    if correction.outcome != CorrectionOutcome.FAILED:
        return None
    return CorrectionFailedError(correction.detail or None, outcome=correction.outcome)


def _submitted(post: Any) -> str:
    return {
        flow.AWAITING_APPROVAL: "Sent for approval. You will see the decision here.",
        flow.SCHEDULED: "Scheduled.",
        flow.READY: "Ready to publish.",
    }.get(post.state, "Sent on.")


def _removed(removal: Any) -> str:
    return f"Removed: {removal.get_outcome_display().lower()}."


_STATE = {"409": "invalid_transition: the post's state does not allow it"}

# --- The declarations ---------------------------------------------------------------------------

POST_ACTIONS = ActionSet(
    entity="post",
    workflow=flow.WORKFLOW,
    state_field="state",
    state_refusal=not_allowed,
    actions=[
        Action(
            name="edit",
            condition=lambda post: post.state in flow.EDITABLE,
            permission=author,
            service=compose.post_update,
            summary="Change a draft's words, kind or second-opinion request (checked again)",
        ),
        Action(
            name="record",
            condition=lambda post: not flow.WORKFLOW.is_terminal(post.state),
            permission=author,
            form=RecordForm,
            serializer=api.RecordSerializer,
            service=compose.post_record,
            done="Disclosure record saved with the post.",
            summary="Give the disclosure record (4.24)",
            description="The incident log or crime reference, or that the officer in the case "
            "was told (`oic_told` with `oic_name`). Kept with the post and exported per "
            "investigation for the disclosure officer. Refused once the post is removed or "
            "withdrawn (409).",
            errors=_STATE,
        ),
        Action(
            name="submit",
            steps=(flow.SUBMIT, flow.SEND_FOR_APPROVAL, flow.SUBMIT_SCHEDULED),
            permission=author,
            form=partial(SubmitForm, prefix="submit"),
            from_form=lambda data: {"scheduled_for": data["when"]},
            serializer=api.SubmitSerializer,
            service=compose.post_submit,
            done=_submitted,
            summary="Send a draft on, as its findings route it",
            description="Refused with 400 `post_blocked` while a `block` finding stands, "
            "`post_faces_unsettled` while an image shows faces neither blurred nor consented "
            "(4.10), and `post_record_needed` until the disclosure record is given for a "
            "`record` finding (4.24). Otherwise: to the approver a `review` finding (or a second "
            "opinion) needs (`awaiting_approval`); else `ready`, or `scheduled` when "
            "`scheduled_for` is given. Only a draft can be submitted (409).",
            errors=_STATE,
        ),
        Action(
            name="approve",
            steps=(flow.APPROVE, flow.APPROVE_SCHEDULED, flow.APPROVE_LATE),
            permission=approver_of_the_words,
            form=partial(ApproveForm, prefix="approve"),
            serializer=api.NoteSerializer,
            service=approvals.approval_approve,
            done="Approved.",
            summary="Approve a post sent for your approval (four eyes)",
            description="Never the author (403), and never the approver who changed the words "
            "until the author has accepted the change (403): while it is `awaiting_author`, "
            "another approver may approve it. A post routed to CCD needs CCD; one routed to "
            "the line manager needs the author's line manager, the account's supervisor, or "
            "CCD. The approval names the version approved (`approved_version`): only that "
            "version is published. The post becomes `ready`; `scheduled` if its time is still "
            "to come; `held` if its time has passed (it is never published late unless a "
            "person then chooses to).",
            errors=_STATE,
        ),
        Action(
            name="return",
            steps=(flow.RETURN,),
            permission=approver,
            form=partial(ReasonForm, prefix="return", label="Why are you returning it?"),
            serializer=api.ReasonSerializer,
            service=approvals.approval_return,
            done="Returned to the author with your reason.",
            summary="Return a post sent for your approval to its author, with a reason",
            description="Who may: as for `approve`.",
            errors=_STATE,
        ),
        Action(
            name="approver_edit",
            steps=(flow.APPROVER_EDIT,),
            permission=approver,
            form=partial(ApproverEditForm, prefix="edit"),
            form_name="edit_form",
            service=approvals.approval_edit,
            done=lambda post: (
                f"Your changes are saved as version {post.version} and checked again. The "
                "author is asked to accept them; another approver may approve them instead."
            ),
            summary="Change the words of a post awaiting your approval (a new version for the "
            "author to accept)",
        ),
        Action(
            name="accept_change",
            steps=(flow.ACCEPT_CHANGE,),
            permission=changed_words,
            service=approvals.post_change_accept,
            done="You accepted the change. The post waits for its approval again.",
            summary="Accept an approver's change to your post's words",
            description="The author only (not Corporate Communications on their behalf), and "
            "never the approver who made the change (403). The changed version counts as the "
            "author's own words: the post is `awaiting_approval` again, and any approver, the "
            "one who made the change included, may approve it.",
            errors=_STATE,
        ),
        Action(
            name="reject_change",
            steps=(flow.REJECT_CHANGE,),
            permission=changed_words,
            form=partial(
                ReasonForm,
                prefix="reject",
                label="Why are you rejecting the change? (optional)",
                required=False,
            ),
            serializer=api.OptionalReasonSerializer,
            service=approvals.post_change_reject,
            done="You rejected the change. The post is a draft again with your own words.",
            summary="Reject an approver's change to your post's words",
            description="Who may: as for `accept_change`. The post is a `draft` again with the "
            "words its author last sent on; the approver who made the change is told.",
            errors=_STATE,
        ),
        Action(
            name="revise",
            steps=(flow.REVISE,),
            permission=author,
            service=compose.post_revise,
            done="The post is a draft again. Change it, then send it on.",
            summary="Take a post back to draft to change it",
            description="From returned, ready, scheduled, held or failed, or with an approver's "
            "change to change it further (`awaiting_author`). Any approval already given no "
            "longer counts, and the time to publish is cleared.",
            errors=_STATE,
        ),
        Action(
            name="withdraw",
            steps=(flow.WITHDRAW,),
            permission=author,
            form=partial(
                ReasonForm,
                prefix="withdraw",
                label="Why are you withdrawing it? (optional)",
                required=False,
            ),
            serializer=api.OptionalReasonSerializer,
            service=compose.post_withdraw,
            done="Withdrawn. It will not be published.",
            summary="Withdraw a post: it will not be published (it is kept)",
            description="Before it is published.",
            errors=_STATE,
        ),
        Action(
            name="schedule",
            steps=(flow.SCHEDULE,),
            condition=lambda post: not crisis.incident_holds_it(post),
            hints={
                flow.DRAFT: "Submit it with a time to publish: it is checked and routed.",
                flow.HELD: crisis.INCIDENT_HINT,
            },
            permission=author,
            form=partial(ScheduleForm, prefix="schedule"),
            from_form=lambda data: {"when": data["when"]},
            serializer=api.ScheduleSerializer,
            from_body=lambda data: {"when": data["scheduled_for"]},
            service=compose.post_schedule,
            done="Scheduled.",
            summary="Choose (or change) the time to publish",
            description="A ready, held or failed post (a draft is submitted, with "
            "`scheduled_for`, instead). It is checked again as things stand now; the worker "
            "publishes it at its time.",
            errors=_STATE,
        ),
        Action(
            name="release",
            steps=(flow.RELEASE,),
            condition=lambda post: crisis.major_incident_in_force(aware_now()) is None,
            hints={flow.HELD: "A major incident is still declared: end it first (4.16)."},
            permission=crisis.release_refusal,
            service=crisis.post_release,
            done=lambda post: (
                "Released: it will be published at its scheduled time."
                if post.state == flow.SCHEDULED
                else "Released: it is ready to publish."
            ),
            summary="Release a held post once the major incident has ended (CCD)",
            description="Corporate Communications only (403). A held post becomes `ready`, or "
            "`scheduled` when its time is still to come; it is checked again as things stand "
            "now. Refused with 409 while a major incident is declared. The author is told.",
            errors=_STATE,
        ),
        Action(
            name="unschedule",
            steps=(flow.UNSCHEDULE,),
            permission=author,
            service=compose.post_unschedule,
            done="Taken off the schedule. It is ready to publish.",
            summary="Take a scheduled post off the schedule (it is ready again)",
            errors=_STATE,
        ),
        Action(
            name="publish",
            steps=(flow.PUBLISH,),
            condition=lambda post: not crisis.incident_holds_it(post),
            hints={
                flow.DRAFT: "Submit it first: it is checked and routed.",
                flow.HELD: crisis.INCIDENT_HINT,
            },
            permission=author,
            service=delivery.post_publish,
            failures=(PublishFailedError,),
            done="Published.",
            summary="Publish a post now, on its platform",
            description="A ready, scheduled, held or failed post (a draft is submitted first). "
            "Refused with 409 `post_version_not_approved` unless its words and images are "
            "exactly the version that was approved (or sent on, when it needed no approval). "
            "It is checked again as things stand now. The answer is the post `published`, with "
            "the platform's id and address, only once the platform confirmed it. A platform "
            "that does not confirm it: 502 `publish_failed` with the platform's words (the post "
            "is `failed`, or `scheduled` again when the platform asked to wait).",
            errors={**_STATE, "502": "publish_failed: the platform's words"},
        ),
        Action(
            name="correct",
            steps=(flow.CORRECT,),
            condition=lambda post: platform_edits_posts(post.account.platform),
            hints={
                flow.PUBLISHED: "This platform's API cannot change a published post: correct "
                "it in the platform's app, then record the correction made there."
            },
            permission=remover,
            form=partial(CorrectForm, prefix="correct"),
            serializer=api.CorrectSerializer,
            service=delivery.post_correct,
            failure=_correction_failed,
            done="Corrected on the platform. The old words are kept below.",
            summary="Correct a published post's words on its platform, with a reason",
            description="Its author, the account's owner, or CCD (CC/01 4.26). The new words are "
            "checked like a post: 400 if something must be fixed or needs an approval the post "
            "did not have. The words change only once the platform confirmed it (Facebook); each "
            "attempt is kept in `corrections`. A platform that cannot or did not change it (X "
            "and Instagram cannot): 502 `correction_failed` with the platform's words, and the "
            "post keeps its words.",
            errors={**_STATE, "502": "correction_failed: the platform's words"},
        ),
        Action(
            name="remove",
            steps=(flow.REMOVE,),
            permission=remover,
            form=partial(ReasonForm, prefix="remove", label="Why is it being removed?"),
            serializer=api.ReasonSerializer,
            service=delivery.post_remove,
            failure=_removal_failed,
            done=_removed,
            summary="Delete a published post on its platform, with a reason",
            description="Its author, the account's owner, or CCD. The post is `removed` only "
            "once the platform confirmed the deletion (or it was already gone); each attempt is "
            "kept in `removals`. A platform that does not delete it: 502 `removal_failed` with "
            "the platform's words, and the post stays published.",
            errors={**_STATE, "502": "removal_failed: the platform's words"},
        ),
        Action(
            name="correct_by_hand",
            steps=(flow.CORRECT,),
            permission=remover,
            form=partial(CorrectByHandForm, prefix="correcthand"),
            service=delivery.post_correct_by_hand,
            done="Correction recorded.",
            summary="Record a correction a person made in the platform's app",
            in_api=False,
        ),
        Action(
            name="remove_by_hand",
            steps=(flow.REMOVE,),
            permission=remover,
            form=partial(ByHandForm, prefix="byhand"),
            form_name="by_hand_form",
            service=delivery.post_remove_by_hand,
            done="Removal recorded.",
            summary="Record that a person deleted the post in the platform's app",
            in_api=False,
        ),
    ],
)

#: The API's step endpoints, ``POST /api/v1/posts/{id}/<action>``, in this order.
API_STEPS = (
    "submit",
    "record",
    "approve",
    "return",
    "accept_change",
    "reject_change",
    "revise",
    "withdraw",
    "schedule",
    "unschedule",
    "release",
    "publish",
    "correct",
    "remove",
)


def post_available_actions(*, post: Any, user: Any, api: bool = False) -> list[str]:
    """What ``user`` may do to ``post`` now (``api``: only what the API offers)."""
    return POST_ACTIONS.available(post, user, api=api)
