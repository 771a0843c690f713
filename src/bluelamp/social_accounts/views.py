"""The registry's pages. Each view checks the role on the server (``require_role``), fetches
through a scoped selector (404 alike for missing and not-yours), asks the action's declaration
(``actions``) whether the user may take it now, parses its form and performs it through the
declaration (``core.actions.page_step``); the service checks permission and state again,
whatever the page showed.

A refusal the user can fix (bad input, a duplicate, a decision already given) re-shows the form
with the message and changes nothing; a refusal they cannot (not allowed, not theirs) is a
403 or 404 page.
"""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from bluelamp.core.actions import page_step
from bluelamp.core.errors import NotFoundError
from bluelamp.core.forms import FIXABLE, problem_form, refused
from bluelamp.core.paging import page_numbers
from bluelamp.core.permissions import require_role
from bluelamp.core.roles import Role
from bluelamp.engine import account_health as health
from bluelamp.engine.workflows import accounts as account_flow
from bluelamp.engine.workflows import applications as application_flow
from bluelamp.social_accounts import permissions, selectors
from bluelamp.social_accounts.actions import (
    ACCOUNT_ACTIONS,
    APPLICATION_ACTIONS,
    DECISIONS,
    SUBMIT,
    account_available_actions,
    account_may,
    application_available_actions,
)
from bluelamp.social_accounts.choices import Acknowledgement
from bluelamp.social_accounts.forms import (
    AccountDetailsForm,
    AccountFilterForm,
    ApplicationFilterForm,
    ApplicationForm,
    ConversionDecisionForm,
    CredentialForm,
    DateForm,
    DecisionForm,
    DeputyForm,
    HandOverForm,
    ReasonForm,
    RevealForm,
    RosterAddForm,
    RosterRemoveForm,
    WithdrawForm,
)

PAGE_SIZE = 50
registry_required = require_role(*permissions.REGISTRY_ROLES)


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# --- The registry -------------------------------------------------------------------------------


@require_safe
@registry_required
def account_list(request):
    """The registry: search, filter and sort the accounts the user may see."""
    form = AccountFilterForm(request.GET or None)
    accounts = selectors.account_list(user=request.user, **form.filters())
    page = Paginator(accounts, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "social_accounts/account_list.html",
        {
            "title": "Accounts",
            "form": form,
            "page": page,
            "page_numbers": page_numbers(page),
            "query": _query_without_page(request),
            "sees_everything": permissions.sees_everything(request.user),
            "can_see_health": permissions.can_see_health(request.user),
            "can_apply": permissions.can_apply(request.user),
        },
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


@require_safe
@registry_required
def account_export(request):
    """The registry as CSV, with the list's filters, streamed: only the accounts the user may
    see."""
    form = AccountFilterForm(request.GET or None)
    accounts = selectors.account_list(user=request.user, **form.filters())
    writer = csv.writer(_Echo())
    rows = selectors.account_csv_rows(accounts.iterator(chunk_size=500))
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in rows), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="bluelamp-accounts-{stamp}.csv"'
    return response


@require_safe
@registry_required
def account_detail(request, pk: int):
    """One account: its details, roster, health and history, and what the user may do."""
    account = selectors.account_get(user=request.user, pk=pk)
    actions = account_available_actions(user=request.user, account=account)
    return render(
        request,
        "social_accounts/account_detail.html",
        {
            "title": f"{account.at_handle} on {account.get_platform_display()}",
            "account": account,
            "roster": selectors.account_roster(account),
            "actions": actions,
            "issues": selectors.account_health(account, now=timezone.now()),
            "history": selectors.account_history(account=account, limit=20),
            "application": getattr(account, "application", None),
            "pack": selectors.policy_pack(),
            "can_reveal": hasattr(account, "credential")
            and account_may(user=request.user, account=account, name="reveal_credentials"),
            # Publishing's connection page (the platforms Bluelamp publishes to): owner or CCD.
            "can_connect": account.status == "active"
            and account.platform in ("x", "facebook", "instagram")
            and (permissions.is_ccd(request.user) or account.owner_id == request.user.pk),
        },
    )


def _account_for(request, pk: int, name: str):
    """The account, if the user may see it (else 404), may take the action ``name`` (else 403)
    and its state allows it (else a 409 page saying so): the declaration answers both."""
    account = selectors.account_get(user=request.user, pk=pk)
    ACCOUNT_ACTIONS.check(name, account, request.user)
    return account


def _done(request, name: str, account, **names) -> None:
    done = ACCOUNT_ACTIONS[name].done.format(handle=account.at_handle, **names)
    messages.success(request, done)


def _action_page(request, account, form, *, title: str, submit: str, status: int = 200, **extra):
    return render(
        request,
        "social_accounts/account_action.html",
        {"title": title, "account": account, "form": form, "submit": submit, **extra},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@registry_required
def account_change(request, pk: int):
    """Record changes to the account's details (3.8)."""
    account = _account_for(request, pk, account_flow.RECORD_CHANGE)
    pack = selectors.policy_pack()
    options = {"allowed_apps": pack.allowed_apps, "disclaimer": pack.disclaimer}
    status = 200
    if request.method == "POST":
        form = AccountDetailsForm(request.POST, **options)
        step = page_step(request, ACCOUNT_ACTIONS, account_flow.RECORD_CHANGE, account, form=form)
        if step.ok:
            _done(request, account_flow.RECORD_CHANGE, step.result)
            return redirect("social_accounts:account_detail", pk=account.pk)
        status = step.status
    else:
        form = AccountDetailsForm(
            initial=AccountDetailsForm.initial_for(account, pack.allowed_apps), **options
        )
    return _action_page(
        request,
        account,
        form,
        title="Record a change",
        submit="Record the change",
        status=status,
        template_fields="details",
        pack=pack,
    )


def _date_page(request, pk: int, *, which: str):
    name = "record_password_change" if which == "password" else "record_last_post"
    account = _account_for(request, pk, name)
    label = "When was the password changed?" if which == "password" else "When was the last post?"
    status = 200
    if request.method == "POST":
        form = DateForm(request.POST, label=label)
        step = page_step(request, ACCOUNT_ACTIONS, name, account, form=form)
        if step.ok:
            _done(request, name, account)
            return redirect("social_accounts:account_detail", pk=account.pk)
        status = step.status
    else:
        form = DateForm(label=label)
    title = "Record a password change" if which == "password" else "Record the last post"
    return _action_page(
        request,
        account,
        form,
        title=title,
        submit="Record it",
        status=status,
        template_fields="date",
        guidance=(
            "Record it whenever the password changes, and after every change to who has access "
            "(CC/01 5.7, 5.9). Do not type the password here."
            if which == "password"
            else "The date of the account's most recent post (CC/01 4.1)."
        ),
    )


@require_http_methods(["GET", "POST"])
@registry_required
def account_password(request, pk: int):
    """Record that the password was changed (3.8, 5.7, 5.9)."""
    return _date_page(request, pk, which="password")


@require_http_methods(["GET", "POST"])
@registry_required
def account_last_post(request, pk: int):
    """Record the date of the last post (4.1)."""
    return _date_page(request, pk, which="last_post")


@require_http_methods(["GET", "POST"])
@registry_required
def account_roster(request, pk: int):
    """Who has access (5.7): add and remove people, and name the deputy."""
    account = _account_for(request, pk, account_flow.CHANGE_ROSTER)
    members = list(selectors.account_roster(account))
    candidates = [m.user for m in members if m.user_id != account.owner_id]
    add_form = RosterAddForm()
    problem = problem_form()
    deputy_form = DeputyForm(candidates=candidates, initial={"deputy": account.deputy_id or ""})
    status = 200
    if request.method == "POST":
        what = request.POST.get("action")
        if what == "add":
            add_form = RosterAddForm(request.POST)
            user = None
            if add_form.is_valid():
                user = selectors.users_for_roster(q=add_form.cleaned_data["username"])
                if user is None:
                    add_form.add_error("username", "There is no active user with that username")
            step = page_step(
                request, ACCOUNT_ACTIONS, account_flow.CHANGE_ROSTER, account,
                form=add_form, data={"user": user},
            )  # fmt: skip
            if step.ok:
                _done(request, account_flow.CHANGE_ROSTER, account, user=user.label)
                return redirect("social_accounts:account_roster", pk=account.pk)
            status = step.status
        elif what == "remove":
            remove_form = RosterRemoveForm(request.POST)
            member = None
            if remove_form.is_valid():
                member = next(
                    (m.user for m in members if m.user_id == remove_form.cleaned_data["user"]),
                    None,
                )
            if member is None:
                problem.add_error(None, "That person is not on the roster")
                status = 400
            else:
                step = page_step(
                    request, ACCOUNT_ACTIONS, "remove_from_roster", account,
                    form=problem, data={"user": member},
                )  # fmt: skip
                if step.ok:
                    _done(request, "remove_from_roster", account, user=member.label)
                    return redirect("social_accounts:account_roster", pk=account.pk)
                status = step.status
        elif what == "deputy":
            deputy_form = DeputyForm(request.POST, candidates=candidates)
            chosen = deputy_form.cleaned_data["deputy"] if deputy_form.is_valid() else None
            step = page_step(
                request, ACCOUNT_ACTIONS, "set_deputy", account, form=deputy_form,
                data={"deputy": next((u for u in candidates if u.pk == chosen), None)},
            )  # fmt: skip
            if step.ok:
                _done(request, "set_deputy", account)
                return redirect("social_accounts:account_roster", pk=account.pk)
            status = step.status
        else:
            problem.add_error(None, "Choose what to change")
            status = 400
    return render(
        request,
        "social_accounts/account_roster.html",
        {
            "title": "Who has access",
            "account": account,
            "members": members,
            "form": add_form,
            "deputy_form": deputy_form,
            "problem": problem,
            "candidates": candidates,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@registry_required
def account_hand_over(request, pk: int):
    """Pass the account to another roster member (4.18)."""
    account = _account_for(request, pk, account_flow.HAND_OVER)
    candidates = [
        m.user for m in selectors.account_roster(account) if m.user_id != account.owner_id
    ]
    status = 200
    if request.method == "POST":
        form = HandOverForm(request.POST, candidates=candidates)
        chosen = form.cleaned_data["new_owner"] if form.is_valid() else None
        new_owner = next((u for u in candidates if u.pk == chosen), None)
        step = page_step(
            request, ACCOUNT_ACTIONS, account_flow.HAND_OVER, account, form=form,
            data={"new_owner": new_owner, "reason": form.cleaned_data.get("reason", "")},
        )  # fmt: skip
        if step.ok:
            _done(request, account_flow.HAND_OVER, account, user=new_owner.label)
            return redirect("social_accounts:account_detail", pk=account.pk)
        status = step.status
    else:
        form = HandOverForm(candidates=candidates)
    return _action_page(
        request,
        account,
        form,
        title="Hand the account over",
        submit="Hand it over",
        status=status,
        template_fields="hand_over",
        guidance=(
            "Someone who no longer wants to run an official account passes it to another team "
            "member or closes it (CC/01 4.18). The new owner must be on the roster."
        ),
    )


# The changes of status that take a reason, and how each page reads (what each does, and who
# may, is in ``actions``).
STATUS_ACTIONS = {
    account_flow.CLOSE: {
        "title": "Close the account",
        "submit": "Close the account",
        "label": "Why is the account closing?",
        "guidance": "Closing is final. Delete the account on the platform too (CC/01 4.18, 3.5).",
        "warning": True,
    },
    account_flow.SUSPEND: {
        "title": "Suspend the account",
        "submit": "Suspend the account",
        "label": "Which part of the policy does it break?",
        "guidance": "Corporate Communications may suspend or close an account that does not comply with the policy (CC/01 3.5).",
        "warning": True,
    },
    account_flow.REINSTATE: {
        "title": "Reinstate the account",
        "submit": "Reinstate the account",
        "label": "Reason (optional)",
        "guidance": "",
        "warning": False,
    },
    account_flow.REQUEST_CONVERSION: {
        "title": "Ask to make this a personal account",
        "submit": "Send the request",
        "label": "Why should it become a personal account?",
        "guidance": "Corporate Communications decides whether an official account may become a personal one (CC/01 4.19).",
        "warning": False,
    },
}


@require_http_methods(["GET", "POST"])
@registry_required
def account_status_change(request, pk: int, action: str):
    """Close, suspend, reinstate, or ask to convert to personal use, with a reason."""
    spec = STATUS_ACTIONS.get(action)
    if spec is None:
        raise NotFoundError()
    account = _account_for(request, pk, action)
    status = 200
    if request.method == "POST":
        form = ReasonForm(request.POST, label=spec["label"])
        step = page_step(request, ACCOUNT_ACTIONS, action, account, form=form)
        if step.ok:
            _done(request, action, step.result)
            return redirect("social_accounts:account_detail", pk=account.pk)
        status = step.status
    else:
        form = ReasonForm(label=spec["label"])
    return _action_page(
        request,
        account,
        form,
        title=spec["title"],
        submit=spec["submit"],
        status=status,
        template_fields="reason",
        guidance=spec["guidance"],
        warning=spec["warning"],
    )


@require_http_methods(["GET", "POST"])
@registry_required
def account_conversion_decide(request, pk: int):
    """CCD decides a request to convert to personal use (4.19)."""
    account = _account_for(request, pk, account_flow.APPROVE_CONVERSION)
    status = 200
    if request.method == "POST":
        form = ConversionDecisionForm(request.POST)
        name = (
            account_flow.REFUSE_CONVERSION
            if form.is_valid() and form.cleaned_data["decision"] == "refuse"
            else account_flow.APPROVE_CONVERSION
        )
        step = page_step(request, ACCOUNT_ACTIONS, name, account, form=form)
        if step.ok:
            _done(request, name, account)
            return redirect("social_accounts:account_detail", pk=account.pk)
        status = step.status
    else:
        form = ConversionDecisionForm()
    return _action_page(
        request,
        account,
        form,
        title="Decide the conversion request",
        submit="Give the decision",
        status=status,
        template_fields="conversion",
        guidance=f"The owner's reason: {account.status_reason or '(none given)'}",
    )


@require_safe
@require_role(Role.CCD, Role.AUDITOR)
def account_health(request):
    """CCD's dashboard: the policy points each live account breaks now, counted by kind."""
    kind = request.GET.get("kind", "")
    report = selectors.account_health_report(
        user=request.user, now=timezone.now(), kind=kind, page=request.GET.get("page")
    )
    return render(
        request,
        "social_accounts/health.html",
        {
            "title": "Account health",
            "report": report,
            "kinds": health.KINDS,
            "page": report.page,
            "page_numbers": page_numbers(report.page),
            "query": _query_without_page(request),
        },
    )


# --- Applications ---------------------------------------------------------------------------------


@require_safe
@registry_required
def application_list(request):
    """The applications the user may see; those waiting for their decision first."""
    form = ApplicationFilterForm(request.GET or None)
    filters = {}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = {"q": data["q"], "status": data["status"], "waiting_for_me": data["waiting"]}
    applications = selectors.application_list(user=request.user, **filters)
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    waiting = list(selectors.application_list(user=request.user, waiting_for_me=True)[:20])
    return render(
        request,
        "social_accounts/application_list.html",
        {
            "title": "Applications",
            "form": form,
            "page": page,
            "page_numbers": page_numbers(page),
            "query": _query_without_page(request),
            "waiting": waiting,
            "can_apply": permissions.can_apply(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@registry_required
def application_new(request):
    """The application form (3.3, 3.4)."""
    if SUBMIT.refusal(request.user, None):
        raise PermissionDenied
    pack = selectors.policy_pack()
    options = {"mail_domains": pack.mail_domains, "can_run_force": permissions.is_ccd(request.user)}
    status = 200
    if request.method == "POST":
        form = ApplicationForm(request.POST, **options)
        if form.is_valid():
            try:
                application = SUBMIT.perform_new(
                    actor=request.user, data=SUBMIT.from_form(form.cleaned_data)
                )
            except FIXABLE as error:
                status = refused(form, error)
            else:
                messages.success(request, SUBMIT.done.format(pk=application.pk))
                return redirect("social_accounts:application_detail", pk=application.pk)
        else:
            status = 400
    else:
        form = ApplicationForm(
            initial={"registration_email": request.user.email, "team": request.user.team},
            **options,
        )
    return render(
        request,
        "social_accounts/application_form.html",
        {
            "title": "Apply for a corporate account",
            "form": form,
            "line_manager": request.user.line_manager,
            "pack": pack,
        },
        status=status,
    )


def _application_page(request, application, *, decision_form=None, withdraw_form=None, status=200):
    actions = application_available_actions(user=request.user, application=application)
    decisions = [a for a in actions if a in DECISIONS]
    return render(
        request,
        "social_accounts/application_detail.html",
        {
            "title": f"Application {application.pk}",
            "application": application,
            "acknowledgements": [
                (a.label, a.value in application.acknowledgements) for a in Acknowledgement
            ],
            "decision_form": decision_form or DecisionForm(offered=decisions),
            "decisions": decisions,
            "can_withdraw": application_flow.WITHDRAW in actions,
            "withdraw_form": withdraw_form or WithdrawForm(),
        },
        status=status,
    )


@require_safe
@registry_required
def application_detail(request, pk: int):
    """One application, its decisions so far, and the decision form for whoever decides next."""
    application = selectors.application_get(user=request.user, pk=pk)
    return _application_page(request, application)


@require_POST
@registry_required
def application_decide(request, pk: int):
    """Give a decision. The service decides whether this user may give it now."""
    application = selectors.application_get(user=request.user, pk=pk)
    actions = application_available_actions(user=request.user, application=application)
    form = DecisionForm(request.POST, offered=[a for a in actions if a in DECISIONS])
    if not form.is_valid():
        return _application_page(request, application, decision_form=form, status=400)
    decision = form.cleaned_data["decision"]
    step = page_step(request, APPLICATION_ACTIONS, decision, application, form=form)
    if not step.ok:
        application = selectors.application_get(user=request.user, pk=pk)
        return _application_page(request, application, decision_form=form, status=step.status)
    application = step.result
    messages.success(request, APPLICATION_ACTIONS[decision].done)
    if application.account_id:
        return HttpResponseRedirect(
            reverse("social_accounts:account_detail", args=[application.account_id])
        )
    return redirect("social_accounts:application_detail", pk=application.pk)


@require_POST
@registry_required
def application_withdraw(request, pk: int):
    """The applicant withdraws an undecided application."""
    application = selectors.application_get(user=request.user, pk=pk)
    step = page_step(request, APPLICATION_ACTIONS, application_flow.WITHDRAW, application)
    if not step.ok:
        application = selectors.application_get(user=request.user, pk=pk)
        return _application_page(request, application, withdraw_form=step.form, status=step.status)
    messages.success(request, APPLICATION_ACTIONS[application_flow.WITHDRAW].done)
    return redirect("social_accounts:application_detail", pk=application.pk)


@require_http_methods(["GET", "POST"])
@registry_required
def account_credentials(request, pk: int):
    """Register the account's username and password with CCD (3.7, 5.9)."""
    account = _account_for(request, pk, "record_credentials")
    status = 200
    form = CredentialForm(request.POST or None)
    if request.method == "POST":
        step = page_step(request, ACCOUNT_ACTIONS, "record_credentials", account, form=form)
        if step.ok:
            _done(request, "record_credentials", account)
            return redirect("social_accounts:account_detail", pk=account.pk)
        status = step.status
    return _action_page(
        request,
        account,
        form,
        title="Register the sign-in with Corporate Communications",
        submit="Register it",
        status=status,
        template_fields="credentials",
        guidance=(
            "Every corporate account's username and password are held by Corporate "
            "Communications so that the account can be protected and recovered (CC/01 3.7). "
            "Register the new password whenever it changes (5.9)."
        ),
    )


@require_http_methods(["GET", "POST"])
@registry_required
def account_credentials_reveal(request, pk: int):
    """Corporate Communications sees an account's password, giving a reason (audited)."""
    account = _account_for(request, pk, "reveal_credentials")
    status = 200
    revealed = None
    form = RevealForm(request.POST or None)
    if request.method == "POST":
        step = page_step(request, ACCOUNT_ACTIONS, "reveal_credentials", account, form=form)
        revealed, status = (step.result, 200) if step.ok else (None, step.status)
    return render(
        request,
        "social_accounts/account_reveal.html",
        {
            "title": "Reveal the password",
            "account": account,
            "form": form,
            "revealed": revealed,
        },
        status=status,
    )
