"""Every workflow action on applications and accounts, declared once (``core.actions``): the
engine's table step it takes, who may (``permissions``), its input (the page's form, the API's
serializer) and the one service that does it. The pages (``views``) and the API
(``api.views``) both ask these declarations what a user may do now
(:func:`application_available_actions`, :func:`account_available_actions`) and do it through
them (``APPLICATION_ACTIONS.perform``, ``core.actions.page_step``): neither checks the state or
the person by hand, and the services check both again under their lock.

Recording a change (``record_change`` in the table) is done four ways (details, the password
change, the last post, the sign-in for the vault) and changing the roster three (add, remove,
the deputy): each way is its own action here, on the same table step, so each has its own form
and service. The lists the pages and the API show are of the table's steps.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from django.utils import timezone

from bluelamp.core.actions import Action, ActionSet
from bluelamp.engine.workflows import accounts as account_flow
from bluelamp.engine.workflows import applications as application_flow
from bluelamp.social_accounts import forms, permissions
from bluelamp.social_accounts.api.serializers import (
    ApplicationDecisionSerializer,
    ApplicationSubmitSerializer,
    ApplicationWithdrawalSerializer,
)
from bluelamp.social_accounts.models import Account, AccountApplication
from bluelamp.social_accounts.services import applications as application_services
from bluelamp.social_accounts.services import credentials, lifecycle, registry, roster
from bluelamp.social_accounts.services.applications import application_state_refusal
from bluelamp.social_accounts.services.common import account_state_refusal

# --- Applications ---------------------------------------------------------------------------------

#: What an application says (the page's form and the API's body give the same keywords).
_APPLICATION_FIELDS = (
    "ownership",
    "purpose",
    "purpose_detail",
    "platform",
    "handle",
    "display_name",
    "tier",
    "team",
    "registration_email",
    "existing_url",
    "acknowledgements",
)

#: Applying starts an application, so it is no step of the table (``Action.perform_new``).
SUBMIT = Action(
    name="submit",
    permission=permissions.apply_refusal,
    form=forms.ApplicationForm,
    serializer=ApplicationSubmitSerializer,
    from_form=lambda data: {name: data[name] for name in _APPLICATION_FIELDS},
    service=application_services.account_application_submit,
    summary="Apply for an account (CC/01 3.3, 3.4)",
    done="Application {pk} sent to your line manager. You will be e-mailed at each step.",
)


def _may_on_application(step: str):
    def refusal(user: Any, application: AccountApplication) -> str | None:
        return permissions.application_refusal(user, application, step)

    return refusal


def _reason(data: Any) -> dict[str, Any]:
    return {"reason": data.get("reason", "")}


def _decision(step: str, service, *, summary: str, done: str) -> Action:
    return Action(
        name=step,
        steps=(step,),
        permission=_may_on_application(step),
        form=forms.DecisionForm,
        serializer=ApplicationDecisionSerializer,
        from_form=_reason,
        from_body=_reason,
        service=service,
        summary=summary,
        done=done,
    )


APPLICATION_ACTIONS = ActionSet(
    entity="application",
    workflow=application_flow.WORKFLOW,
    state_refusal=lambda application, name, hint: application_state_refusal(application, name),
    actions=[
        _decision(
            application_flow.MANAGER_APPROVE,
            application_services.account_application_manager_approve,
            summary="The line manager approves (CC/01 3.4, 3.6)",
            done="Approved. It now goes to Corporate Communications.",
        ),
        _decision(
            application_flow.MANAGER_REJECT,
            application_services.account_application_manager_reject,
            summary="The line manager rejects, with a reason",
            done="Rejected. The applicant has been told.",
        ),
        _decision(
            application_flow.CCD_APPROVE,
            application_services.account_application_ccd_approve,
            summary="Corporate Communications approves: the account enters the registry (3.2)",
            done="Approved. The account is now in the registry.",
        ),
        _decision(
            application_flow.CCD_REFUSE,
            application_services.account_application_ccd_refuse,
            summary="Corporate Communications refuses, with a reason (3.5)",
            done="Refused. The applicant and their line manager have been told.",
        ),
        Action(
            name=application_flow.WITHDRAW,
            steps=(application_flow.WITHDRAW,),
            permission=_may_on_application(application_flow.WITHDRAW),
            form=forms.WithdrawForm,
            serializer=ApplicationWithdrawalSerializer,
            from_form=_reason,
            from_body=_reason,
            service=application_services.account_application_withdraw,
            summary="Withdraw your own application while it is undecided",
            done="Application withdrawn.",
            errors={"409": "already_decided"},
        ),
    ],
)

#: The decisions (every application action but withdrawing), as the decision form offers them.
DECISIONS = tuple(name for name in APPLICATION_ACTIONS.names() if name != application_flow.WITHDRAW)


def application_available_actions(*, user: Any, application: AccountApplication) -> list[str]:
    """The actions (``engine.workflows.applications``) ``user`` may take on ``application``
    now: the state allows them and the user is permitted."""
    return APPLICATION_ACTIONS.available(application, user)


# --- Accounts -------------------------------------------------------------------------------------


def _may_on_account(step: str):
    def refusal(user: Any, account: Account) -> str | None:
        return permissions.account_refusal(user, account, step)

    return refusal


def _day(data: Any) -> dt.datetime:
    """The day entered (noon in the service's time zone: a date with no time of day), or now."""
    day = data.get("date")
    if not day:
        return timezone.now()
    return dt.datetime.combine(day, dt.time(12), tzinfo=timezone.get_current_timezone())


def _details(data: Any) -> dict[str, Any]:
    return {"changes": forms.AccountDetailsForm.changes_from(data), "note": data["note"]}


def _on(step: str, name: str | None = None, **declared: Any) -> Action:
    return Action(name=name or step, steps=(step,), permission=_may_on_account(step), **declared)


_NO_CONVERSION = {
    state: "There is no conversion request waiting for this account."
    for state in account_flow.STATES
    if state != account_flow.CONVERSION_REQUESTED
}

ACCOUNT_ACTIONS = ActionSet(
    entity="account",
    workflow=account_flow.WORKFLOW,
    state_refusal=account_state_refusal,
    actions=[
        _on(
            account_flow.RECORD_CHANGE,
            form=forms.AccountDetailsForm,
            from_form=_details,
            service=registry.account_details_update,
            done="Changes to {handle} recorded. Corporate Communications has been told.",
        ),
        _on(
            account_flow.RECORD_CHANGE,
            "record_password_change",
            form=forms.DateForm,
            from_form=lambda data: {"changed_at": _day(data)},
            service=registry.account_password_change_record,
            done="Password change recorded. Corporate Communications has been told.",
        ),
        _on(
            account_flow.RECORD_CHANGE,
            "record_last_post",
            form=forms.DateForm,
            from_form=lambda data: {"posted_at": _day(data)},
            service=registry.account_last_post_record,
            done="Last post recorded.",
        ),
        _on(
            account_flow.RECORD_CHANGE,
            "record_credentials",
            form=forms.CredentialForm,
            service=credentials.account_credentials_record,
            done="Sign-in registered with Corporate Communications. Password change recorded.",
        ),
        _on(
            account_flow.CHANGE_ROSTER,
            form=forms.RosterAddForm,
            service=roster.account_roster_add,
            done="{user} added. Now change the password and record it (CC/01 5.7).",
        ),
        _on(
            account_flow.CHANGE_ROSTER,
            "remove_from_roster",
            form=forms.RosterRemoveForm,
            service=roster.account_roster_remove,
            done="{user} removed. Now change the password and record it (CC/01 5.7).",
        ),
        _on(
            account_flow.CHANGE_ROSTER,
            "set_deputy",
            form=forms.DeputyForm,
            service=roster.account_deputy_set,
            done="Deputy recorded.",
        ),
        _on(
            account_flow.HAND_OVER,
            form=forms.HandOverForm,
            service=roster.account_hand_over,
            done="{handle} now belongs to {user}. Corporate Communications has been told.",
        ),
        _on(
            account_flow.REQUEST_CONVERSION,
            form=forms.ReasonForm,
            service=lifecycle.account_conversion_request,
            done="Request sent to Corporate Communications.",
        ),
        _on(
            account_flow.APPROVE_CONVERSION,
            form=forms.ConversionDecisionForm,
            from_form=_reason,
            service=partial(lifecycle.account_conversion_decide, approve=True),
            hints=_NO_CONVERSION,
            done="Conversion approved: the account is no longer a corporate account.",
        ),
        _on(
            account_flow.REFUSE_CONVERSION,
            form=forms.ConversionDecisionForm,
            from_form=_reason,
            service=partial(lifecycle.account_conversion_decide, approve=False),
            hints=_NO_CONVERSION,
            done="Conversion refused: the account stays a corporate account.",
        ),
        _on(
            account_flow.SUSPEND,
            form=forms.ReasonForm,
            service=lifecycle.account_suspend,
            done="{handle} suspended. The owner has been told.",
        ),
        _on(
            account_flow.REINSTATE,
            form=forms.ReasonForm,
            service=lifecycle.account_reinstate,
            done="{handle} reinstated. The owner has been told.",
        ),
        _on(
            account_flow.CLOSE,
            form=forms.ReasonForm,
            service=lifecycle.account_close,
            done="{handle} closed. Corporate Communications has been told.",
        ),
        # Not a step of the table: any state, CCD only, with a reason (3.7).
        Action(
            name="reveal_credentials",
            permission=permissions.credentials_reveal_refusal,
            form=forms.RevealForm,
            service=credentials.account_credentials_reveal,
        ),
    ],
)


def account_available_actions(*, user: Any, account: Account) -> list[str]:
    """The steps of ``engine.workflows.accounts`` ``user`` may take on ``account`` now: the
    state allows them and the user is permitted. Pages show exactly these links, and the
    API lists them."""
    steps: list[str] = []
    for name in ACCOUNT_ACTIONS.available(account, user):
        steps.extend(step for step in ACCOUNT_ACTIONS[name].steps if step not in steps)
    return steps


def account_may(*, user: Any, account: Account, name: str) -> bool:
    """Whether ``user`` may take the action ``name`` on ``account`` now."""
    return name in ACCOUNT_ACTIONS.available(account, user)
