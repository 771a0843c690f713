"""Every workflow action on a removal or correction request, defined once (``core.actions``):
the step it takes in the engine's table (``engine/workflows/data_requests.py``), who may take it
(information security; an auditor reads and is refused with 403), its input on the request's
pages (form) and in the API (serializer), and the one service that does it.

The pages (``views.request_action``) and the API (``api.views``, built by
``bluelamp.core.rest.steps.step_view``) both read ``REMOVAL_REQUEST_ACTIONS``:
:func:`removal_request_available_actions` is what the case page offers and what the API lists
in ``available_actions``; :meth:`~bluelamp.core.actions.ActionSet.perform` takes an action (403
unless the user may, 409 unless the state allows, with the services' own refusal, then the
service, which checks both again under its row lock and writes the audit event). Neither
checks the state by hand.

An action's path, from the page's button or ``POST /api/v1/removal-requests/{id}/<step>`` to
its audit row: ``views.request_action`` / ``api.views.<Step>View`` →
``REMOVAL_REQUEST_ACTIONS.perform`` → the service in ``services/`` (lock, permission, table,
input) → ``core.transitions.transition`` (save with ``update_fields``, the audit event in the
same transaction).

Two actions are about one item of the request, named in the page's and the API's path: a post
to decide (``decide_post``, the service's ``decision``) and a task to record as done
(``complete_task``, ``task``). :attr:`RequestAction.item` finds it within the request (404
otherwise).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from bluelamp.core.actions import Action, ActionSet
from bluelamp.core.errors import ApplicationError, InvalidInputError, NotFoundError
from bluelamp.core.forms import london_start
from bluelamp.data_requests import forms, letters, permissions
from bluelamp.data_requests.api import serializers as api
from bluelamp.data_requests.choices import LetterKind
from bluelamp.data_requests.models import PostDecision, RemovalRequest, RemovalTask
from bluelamp.data_requests.services.actioning import (
    removal_request_actioning_start,
    removal_task_complete,
    removal_task_complete_from_archive,
)
from bluelamp.data_requests.services.common import refuse_state
from bluelamp.data_requests.services.decisions import (
    already_extended,
    post_decision_decide,
    removal_request_close,
    removal_request_extend,
    removal_request_respond,
)
from bluelamp.data_requests.services.intake import (
    removal_request_identity_ask,
    removal_request_identity_confirm,
    removal_request_identity_receive,
    removal_request_post_add,
    removal_request_regime_set,
)
from bluelamp.data_requests.services.letters import RESPONSE_LETTERS, letter_draft
from bluelamp.engine.workflows import data_requests as flow

# --- Who may ------------------------------------------------------------------------------------

AUDITORS_READ_ONLY = "Auditors may read removal requests but not change them."


def may_act(user: Any, removal_request: RemovalRequest) -> str | None:
    """Information security may act on any request; anyone else who reaches one (an auditor)
    is refused with 403. Those who may not see requests never reach one (404)."""
    return None if permissions.can_act(user) else AUDITORS_READ_ONLY


# --- The items two actions are about ------------------------------------------------------------


def post_of(removal_request: RemovalRequest, pk: Any) -> PostDecision:
    """The post ``pk`` linked to the request, or 404."""
    post = PostDecision.objects.filter(request=removal_request, pk=pk).first()
    if post is None:
        raise NotFoundError("There is no such post on this request.")
    return post


def task_of(removal_request: RemovalRequest, pk: Any) -> RemovalTask:
    """The social media team's task ``pk`` on the request, or 404."""
    task = (
        RemovalTask.objects.select_related("decision")
        .filter(decision__request=removal_request, pk=pk)
        .first()
    )
    if task is None:
        raise NotFoundError("There is no such task on this request.")
    return task


# --- The services as the actions call them ------------------------------------------------------


def _decide_post(*, removal_request: RemovalRequest, decision: PostDecision, **kwargs: Any):
    """Decide ``decision``, a post of ``removal_request`` (found by :func:`post_of`)."""
    return post_decision_decide(decision=decision, **kwargs)


def _complete_task(
    *,
    removal_request: RemovalRequest,
    task: RemovalTask,
    actor: Any,
    now: dt.datetime | None = None,
    from_platform: bool = False,
    **given: Any,
):
    """Record ``task`` as done: from the archive's confirmed removal of its post
    (``from_platform``), or from who, when and the evidence given (not both)."""
    if not from_platform:
        return removal_task_complete(task=task, actor=actor, now=now, **given)
    if any(value not in (None, "") for value in given.values()):
        message = "Either record it from the platform's confirmation, or give who, when and the "
        message += "evidence: not both"
        raise InvalidInputError(message, errors={"from_platform": [message]})
    return removal_task_complete_from_archive(task=task, actor=actor, now=now)


# --- Input: the page's form and the API's body, as the service's keywords -----------------------


def _received(data: Mapping[str, Any]) -> dict[str, Any]:
    return {"received_at": london_start(data["received_on"])}


def _extension(data: Mapping[str, Any]) -> dict[str, Any]:
    """The extension page: an extension notice already sent, or the drafted one (the reasons
    given replace its placeholder for them)."""
    reasons = data["reasons"] or ""
    body = "" if data["letter"] else data["letter_body"]
    if reasons.strip():
        body = body.replace(letters.EXTENSION_REASONS_PLACEHOLDER, reasons.strip())
    return {"reasons": reasons, "letter": data["letter"] or None, "letter_body": body}


def _task_done(data: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "carried_out_by": data["carried_out_by"],
        "carried_out_at": london_start(data["carried_out_on"]),
        "evidence": data["evidence"],
    }


def _response(data: Mapping[str, Any]) -> dict[str, Any]:
    return {"letter": data["letter"] or None, "summary": data["summary"]}


def _response_body(data: Mapping[str, Any]) -> dict[str, Any]:
    body = dict(data)
    body["letter_kind"] = body.pop("response_letter_kind", "")
    return body


# --- The pages' forms that offer the letters a step rests on ------------------------------------


def _extension_form(data, *, removal_request: RemovalRequest, user: Any, now: dt.datetime):
    """The reasons, and the extension notices sent from the case or a drafted one."""
    initial = None
    if data is None:
        body = letter_draft(
            actor=user, removal_request=removal_request, kind=LetterKind.EXTENSION, now=now
        )
        initial = {"letter_body": body}
    sent = removal_request.letters.filter(kind=LetterKind.EXTENSION)
    return forms.ExtendForm(data, letters=sent, initial=initial)


def _response_form(data, *, removal_request: RemovalRequest, user: Any, now: dt.datetime):
    """The outcome and refusal letters sent from the case, the latest chosen."""
    sent = list(removal_request.letters.filter(kind__in=RESPONSE_LETTERS))
    initial = {"letter": str(sent[-1].pk)} if sent and data is None else None
    return forms.RespondForm(data, letters=sent, initial=initial)


# --- The declarations ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestAction(Action):
    """An :class:`~bluelamp.core.actions.Action` on a removal request, with what its page
    says (``label`` is the page's title) and, for ``decide_post`` and ``complete_task``, the
    item it is about."""

    #: The page's button.
    submit: str = ""
    #: The page's guidance above the form.
    hint: str = ""
    #: ``(removal_request, pk) -> item``, 404 when the request has no such item.
    item: Callable[[RemovalRequest, Any], Any] | None = None
    #: The service's keyword for the item.
    item_keyword: str = ""
    #: The page's form when it needs the case: ``(data, removal_request=, user=, now=)``.
    page_form: Callable[..., Any] | None = None
    #: The refusal when the table allows the step but ``condition`` does not.
    condition_refusal: Callable[[RemovalRequest], ApplicationError] | None = None

    def form_for(self, data, *, removal_request: RemovalRequest, user: Any, now: dt.datetime):
        """The page's form, bound to ``data`` (None: the blank form to fill in)."""
        if self.page_form is not None:
            return self.page_form(data, removal_request=removal_request, user=user, now=now)
        return self.form(data)


def _refusal(removal_request: RemovalRequest, name: str, hint: str) -> ApplicationError:
    """The services' own refusal: the state's (409 "… cannot be done now"), or the action's
    when its condition refuses (a second extension)."""
    action = REMOVAL_REQUEST_ACTIONS[name]
    allowed = any(flow.allowed(removal_request.status, step) for step in action.steps)
    if allowed and action.condition_refusal is not None:
        return action.condition_refusal(removal_request)
    return refuse_state(removal_request, name)


_FORBIDDEN = (
    "permission_denied: not information security or an auditor, or an auditor trying to change "
    "something."
)
_CONFLICT = (
    "invalid_transition (with `state` and `action`): the request's state does not allow this, "
    "e.g. a decision on a closed request; removal_request_extension_refused: already extended, "
    "notice too late, or a Part 3 request received before 5 February 2026; "
    "removal_request_letter_refused."
)
#: The 403 and 409 answers of the steps, in more words than the shared error table's.
ERRORS = {"403": _FORBIDDEN, "409": _CONFLICT}

REMOVAL_REQUEST_ACTIONS = ActionSet(
    entity="removal_request",
    workflow=flow.WORKFLOW,
    state_refusal=_refusal,
    actions=[
        RequestAction(
            name=flow.ADD_POST,
            steps=(flow.ADD_POST,),
            permission=may_act,
            form=forms.PostForm,
            serializer=api.PostAddSerializer,
            service=removal_request_post_add,
            label="Link a post",
            submit="Link the post",
            hint="For a post the archive does not hold (made outside Bluelamp and not "
            "imported). A post in the archive is linked from Find the post in the archive.",
            summary="Link a post the request concerns",
            description="A post from the archive by its id (`archived_post`: published, "
            "removed or imported, on any account), or a post the archive does not hold by its "
            "`url`, `platform` and `excerpt`. The same archived post linked twice to a request, "
            "an id not in the archive, or both ways at once: 400 with `errors.archived_post`.",
        ),
        RequestAction(
            name=flow.SET_REGIME,
            steps=(flow.SET_REGIME,),
            permission=may_act,
            form=forms.RegimeForm,
            serializer=api.RegimeSerializer,
            service=removal_request_regime_set,
            label="Set the regime",
            submit="Set the regime",
            summary="Establish the regime (UK GDPR or Part 3); the clock follows it",
            description="Refused with 409 when the request is extended and the new regime "
            "would not allow that extension.",
        ),
        RequestAction(
            name=flow.ASK_IDENTITY,
            steps=(flow.ASK_IDENTITY,),
            permission=may_act,
            form=forms.ConfirmForm,
            service=removal_request_identity_ask,
            label="Ask for proof of identity",
            submit="Record that it was asked for",
            summary="Record that proof of identity was asked for",
            description="The clock restarts when it arrives (spec/deadlines.md rule 1).",
        ),
        RequestAction(
            name=flow.RECEIVE_IDENTITY,
            steps=(flow.RECEIVE_IDENTITY,),
            permission=may_act,
            form=forms.IdentityReceivedForm,
            from_form=_received,
            serializer=api.IdentityReceiptSerializer,
            service=removal_request_identity_receive,
            label="Proof of identity received",
            submit="Record it",
            summary="Record that proof of identity arrived (moves the relevant date)",
            description="`received_at` may not be in the future nor before the request arrived "
            "(400 with `errors.received_at`).",
        ),
        RequestAction(
            name=flow.CONFIRM_IDENTITY,
            steps=(flow.CONFIRM_IDENTITY,),
            permission=may_act,
            form=forms.ConfirmForm,
            service=removal_request_identity_confirm,
            label="Identity not in doubt",
            submit="Confirm the identity",
            summary="Record that the requester's identity is not in doubt",
            description="The request goes straight to being considered.",
        ),
        RequestAction(
            name=flow.DECIDE_POST,
            steps=(flow.DECIDE_POST,),
            permission=may_act,
            form=forms.DecisionForm,
            serializer=api.DecisionSerializer,
            service=_decide_post,
            item=post_of,
            item_keyword="decision",
            label="Decide this post",
            submit="Record the decision",
            summary="Decide one post: remove, amend, restrict or refuse (4.29, 4.30)",
            description="`amend` needs `corrected_text`; `refuse` needs `reasons`, and so does "
            "`restrict` (why it is kept rather than removed): 400 with the field named. A "
            "decision on a closed or answered request is refused with 409 "
            "`invalid_transition`.",
        ),
        RequestAction(
            name=flow.EXTEND,
            steps=(flow.EXTEND,),
            condition=lambda removal_request: not removal_request.extended,
            condition_refusal=already_extended,
            permission=may_act,
            form=forms.ExtendForm,
            page_form=_extension_form,
            from_form=_extension,
            serializer=api.ExtensionSerializer,
            service=removal_request_extend,
            label="Extend the deadline",
            submit="Extend by two months",
            hint="The requester must be told of the extension, with the reasons, by the "
            "unextended deadline. Choose the extension notice already sent from this case, or "
            "send the notice below with the extension.",
            summary="Extend the deadline by two months (rule 4), with the extension notice",
            description="Give the `reasons` and the notice: `letter`, the id of an extension "
            "notice already sent from the case (its sent date is the notice date), or "
            "`letter_body`, the notice's text, sent now with the extension. Refused with 409 "
            "`removal_request_extension_refused` when already extended, when the notice went "
            "after the unextended deadline, or for a Part 3 request received before 5 February "
            "2026; with 400 when the reasons or the notice are missing.",
        ),
        RequestAction(
            name=flow.START_ACTIONING,
            steps=(flow.START_ACTIONING,),
            permission=may_act,
            form=forms.ConfirmForm,
            service=removal_request_actioning_start,
            label="Set the social media team's tasks",
            submit="Set the tasks",
            summary="Set the social media team a task for each removal, amendment or restriction",
            description="Every post must be decided first (400).",
        ),
        RequestAction(
            name=flow.COMPLETE_TASK,
            steps=(flow.COMPLETE_TASK,),
            permission=may_act,
            form=forms.TaskForm,
            from_form=_task_done,
            serializer=api.TaskCompletionSerializer,
            service=_complete_task,
            item=task_of,
            item_keyword="task",
            label="Record a task as done",
            submit="Record it",
            summary="Record a task as done, with the evidence",
            description="Who carried it out, when (not in the future) and the evidence: the "
            'platform\'s confirmation, or what was done. Or `{"from_platform": true}`: from the '
            "archive's confirmed removal of the task's post (deleted, already gone or removed "
            "by hand), which the task then links to (`platform_removal`); 400 without one.",
        ),
        RequestAction(
            name=flow.RESPOND,
            steps=(flow.RESPOND,),
            permission=may_act,
            form=forms.RespondForm,
            page_form=_response_form,
            from_form=_response,
            serializer=api.ResponseSerializer,
            from_body=_response_body,
            service=removal_request_respond,
            label="Record the response",
            submit="Record the response",
            hint="The response is the outcome or refusal letter sent from this case (Write a "
            "letter): its sent date is the date the requester was answered.",
            summary="Record the answer to the requester: the outcome or refusal letter",
            description="`letter`, the id of an outcome or refusal letter already sent from "
            "the case, or `response_letter_kind` and `letter_body`, a letter sent now. The "
            "response time is the letter's sent time. Every task must be done first, or every "
            "post refused.",
        ),
        RequestAction(
            name=flow.CLOSE,
            steps=(flow.CLOSE,),
            permission=may_act,
            form=forms.ConfirmForm,
            service=removal_request_close,
            label="Close the request",
            submit="Close it",
            summary="Close a request once the requester has been answered",
        ),
    ],
)

#: The actions about one item of the request (the page shows them beside the item).
ITEM_ACTIONS = tuple(action.name for action in REMOVAL_REQUEST_ACTIONS if action.item)


def removal_request_available_actions(*, user: Any, removal_request: RemovalRequest) -> list[str]:
    """The actions ``user`` may take on the request now, in the table's order: the case
    page's buttons and the API's ``available_actions`` (none for auditors)."""
    return REMOVAL_REQUEST_ACTIONS.available(removal_request, user)
