"""Writing posts: the author's list, the compose and edit pages, and the live check they call
while the author types (CC/01 3.11, 4.x). Each view checks the role on the server, fetches
through a scoped selector (404 alike for missing and not-yours) and calls one service; the
service checks permission and state again, whatever the page showed."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from bluelamp.core.errors import InvalidInputError
from bluelamp.core.forms import apply_service_errors
from bluelamp.core.middleware import session_not_saved
from bluelamp.core.paging import page_numbers
from bluelamp.core.permissions import require_role, user_has_role
from bluelamp.engine import platform_limits as lengths
from bluelamp.engine.workflows import posts as flow
from bluelamp.incidents.selectors import recent_crisis_context
from bluelamp.publishing import answers, permissions, selectors
from bluelamp.publishing.actions import POST_ACTIONS
from bluelamp.publishing.choices import PostKind, PostState
from bluelamp.publishing.forms import ComposeForm, PostTextForm
from bluelamp.publishing.preview import platform_preview
from bluelamp.publishing.services import compose, several
from bluelamp.publishing.services.common import check_text

writers_required = require_role(*permissions.WRITERS)
readers_required = require_role(*permissions.READERS)
PAGE_SIZE = 25


_LIMITS = {
    "x": ("X", lengths.X_MAX_WEIGHTED),
    "instagram": ("Instagram", lengths.INSTAGRAM_MAX_CHARS),
    "facebook": ("Facebook", lengths.FACEBOOK_MAX_CHARS),
}


def platform_limits(accounts) -> dict[str, dict[str, Any]]:
    """The length limit of each account's platform, by account id, for the compose page's
    counter. The counter's own count is a guide while typing; the server's count (``length``
    in the live check, the platform-length rule) decides."""
    return {
        str(a.pk): {"platform": _LIMITS[a.platform][0], "limit": _LIMITS[a.platform][1]}
        for a in accounts
        if a.platform in _LIMITS
    }


def text_length(text: str, account: Any) -> dict[str, Any] | None:
    """The text counted as the account's platform counts it, for the counter."""
    length = lengths.measure(text, account.platform)
    if length is None:
        return None
    name = _LIMITS[account.platform][0]
    if length.count is None:
        words = f"Far more than {length.limit:,} {length.unit}: too many for {name}"
    elif length.over:
        words = (
            f"{length.count:,} {length.unit}: {length.count - length.limit:,} too many for "
            f"{name} ({length.limit:,})"
        )
    else:
        words = f"{length.count:,} of {length.limit:,} {length.unit} on {name}"
    if length.too_many_hashtags:
        words += f"; {length.hashtags} hashtags, {name} allows {length.hashtag_limit}"
    return {
        "platform": name,
        "words": words,
        "count": length.count,
        "limit": length.limit,
        "unit": length.unit,
        "over": length.over,
        "hashtags": length.hashtags,
        "hashtag_limit": length.hashtag_limit,
    }


def live_check(*, text: str, account: Any, kind: str, second_opinion: bool = False):
    """The engine's findings on unsaved words, as the compose and edit pages show them."""
    crisis = recent_crisis_context()  # may be seconds old: the check that decides reads afresh
    report = check_text(
        text=text,
        account=account,
        kind=kind,
        now=timezone.now(),
        flags=(crisis.election_period_active, crisis.major_incident_active),
    )
    route = flow.route(report.findings, second_opinion=second_opinion)
    findings = selectors.finding_views([f.to_dict() for f in report.findings])
    return {
        "verdict": report.verdict.label,
        "verdict_tag": selectors.SEVERITY_TAGS[report.verdict.label],
        "verdict_words": selectors.VERDICT_WORDS[report.verdict.label],
        "summary": route.summary(),
        "findings": findings,
        "highlighted": selectors.highlighted(text, findings),
        "length": text_length(text, account),
        "preview": platform_preview(text, account.platform),
    }


def answering(request, data: dict[str, Any], account: Any) -> dict[str, Any] | None:
    """The compose and edit pages' search of the archive for the post a reply answers or a
    quote quotes (the Find button), or the choice of one of its results (a Reply to this or
    Quote this button: the form is shown again with it filled in). None for any other button."""
    chosen = request.POST.get("choose", "")
    if request.POST.get("action") != "find" and not chosen:
        return None
    found = answers.search_archive(user=request.user, account=account, q=data.get("find", ""))
    fill = {}
    if ":" in chosen:
        how, public_id = chosen.split(":", 1)
        if how in ("reply", "quote"):
            fill = {"in_reply_to" if how == "reply" else "quote_of": public_id}
            if how == "reply":
                fill["kind"] = PostKind.REPLY
    return {"found": found, "searched": bool(data.get("find", "").strip()), "fill": fill}


def _refill(form_class, request, fill: dict[str, str], **kwargs):
    data = request.POST.copy()
    for key, value in fill.items():
        data[key] = value
    form = form_class(data, **kwargs)
    form.is_valid()
    return form


# --- The lists ----------------------------------------------------------------------------------


@require_safe
@readers_required
def post_list(request):
    """The author's posts, newest first, with how many are waiting for the user's approval.
    Those who read every post (CCD, Professional Standards, the auditor) may list every post in
    every state instead (``?view=all``, filterable by state); it is what those who read but
    write none (the auditor, Professional Standards) see first. Reading changes nothing."""
    writes = user_has_role(request.user, *permissions.WRITERS)
    reads_all = user_has_role(request.user, *permissions.READS_EVERYTHING)
    every = reads_all and (request.GET.get("view") == "all" or not writes)
    state = request.GET.get("state", "") if every else ""
    if every:
        posts = selectors.visible_posts(request.user).order_by("-updated_at", "-pk")
        if state in PostState.values:
            posts = posts.filter(state=state)
        else:
            state = ""
    else:
        posts = selectors.my_posts(user=request.user)
    query = "&".join(
        part for part in ("view=all" if every else "", f"state={state}" if state else "") if part
    )
    page = Paginator(posts, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "publishing/post_list.html",
        {
            "title": "Posts",
            "page": page,
            "page_numbers": page_numbers(page),
            "query": query,
            "every": every,
            "reads_all": reads_all,
            "states": PostState.choices,
            "state": state,
            "waiting": selectors.approval_queue(user=request.user).count() if writes else 0,
            "held": selectors.held_posts(user=request.user),
            "can_write": writes and permissions.postable_accounts(request.user).exists(),
        },
    )


# --- Compose and edit ---------------------------------------------------------------------------


def _compose_page(request, form, *, status=200, check=None, **extra):
    return render(
        request,
        "publishing/post_form.html",
        {
            "title": "Write a post",
            "form": form,
            "check": check,
            "compose": True,
            **extra,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@writers_required
def post_new(request):
    """Write a post on an account the user may post on (3.11); the policy's checks run as they
    type (with JavaScript) or when they press Check (without)."""
    accounts = list(permissions.postable_accounts(request.user).order_by("handle"))
    limits = platform_limits(accounts)
    if not accounts:
        return _compose_page(request, None, no_accounts=True, limits=limits)
    if request.method != "POST":
        initial = {}
        wanted = request.GET.get("account")
        if wanted and wanted.isdigit() and int(wanted) in {a.pk for a in accounts}:
            initial["account"] = int(wanted)
        return _compose_page(
            request, ComposeForm(accounts=accounts, initial=initial), limits=limits
        )
    form = ComposeForm(request.POST, accounts=accounts)
    if not form.is_valid():
        return _compose_page(request, form, status=400, limits=limits)
    data = form.cleaned_data
    found = answering(request, data, data["account"])
    if found is not None:
        if found["fill"]:
            form = _refill(ComposeForm, request, found["fill"], accounts=accounts)
        return _compose_page(request, form, limits=limits, found=found)
    if request.POST.get("action") == "check":
        check = None
        if data["text"].strip():
            check = live_check(
                text=data["text"],
                account=data["account"],
                kind=data["kind"],
                second_opinion=data["second_opinion"],
            )
        else:
            form.add_error("text", "Enter the text of the post to check it")
        return _compose_page(request, form, check=check, limits=limits)
    if data["also"]:
        return _save_several(request, form, data, limits)
    try:
        post = compose.post_create(
            actor=request.user,
            account=data["account"],
            text=data["text"],
            kind=data["kind"],
            second_opinion=data["second_opinion"],
            in_reply_to=data["in_reply_to"],
            quote_of=data["quote_of"],
        )
    except InvalidInputError as error:
        apply_service_errors(form, error)
        return _compose_page(request, form, status=400, limits=limits)
    messages.success(request, "Draft saved. Check the findings, then send it on.")
    return redirect("publishing:post_detail", public_id=post.public_id)


def _save_several(request, form, data, limits):
    """The same words on the chosen account and the others ticked: a draft on each."""
    if data["in_reply_to"] or data["quote_of"]:
        form.add_error(
            "also", "A reply or a quote answers one post on one account: write it on one account"
        )
        return _compose_page(request, form, status=400, limits=limits)
    try:
        posts = several.posts_create_several(
            actor=request.user,
            accounts=[data["account"], *data["also"]],
            text=data["text"],
            kind=data["kind"],
            second_opinion=data["second_opinion"],
        )
    except InvalidInputError as error:
        apply_service_errors(form, error)
        return _compose_page(request, form, status=400, limits=limits)
    handles = ", ".join(post.account.at_handle for post in posts)
    messages.success(
        request,
        f"{len(posts)} drafts saved, one on each of {handles}. Each is checked for its own "
        "account: send each on from its own page.",
    )
    return redirect("publishing:post_list")


@require_http_methods(["GET", "POST"])
@writers_required
def post_edit(request, public_id):
    """Change a draft's words, kind and second-opinion request; checked again on saving."""
    post = selectors.post_get(user=request.user, public_id=public_id)
    POST_ACTIONS.check("edit", post, request.user)  # 403 unless the author's; 409 unless a draft
    context = {
        "title": "Change the post",
        "post": post,
        "limits": platform_limits([post.account]),
    }
    if request.method != "POST":
        form = PostTextForm(
            initial={
                "text": post.text,
                "kind": post.kind,
                "second_opinion": post.second_opinion,
                "in_reply_to": post.reply_to,
                "quote_of": post.quote_of,
            }
        )
        return render(request, "publishing/post_form.html", {"form": form, **context})
    form = PostTextForm(request.POST)
    if not form.is_valid():
        return render(request, "publishing/post_form.html", {"form": form, **context}, status=400)
    data = form.cleaned_data
    found = answering(request, data, post.account)
    if found is not None:
        if found["fill"]:
            form = _refill(PostTextForm, request, found["fill"])
        return render(
            request, "publishing/post_form.html", {"form": form, "found": found, **context}
        )
    if request.POST.get("action") == "check":
        check = None
        if data["text"].strip():
            check = live_check(
                text=data["text"],
                account=post.account,
                kind=data["kind"],
                second_opinion=data["second_opinion"],
            )
        else:
            form.add_error("text", "Enter the text of the post to check it")
        return render(
            request, "publishing/post_form.html", {"form": form, "check": check, **context}
        )
    try:
        POST_ACTIONS.perform(
            "edit",
            post,
            actor=request.user,
            data={
                "text": data["text"],
                "kind": data["kind"],
                "second_opinion": data["second_opinion"],
                "in_reply_to": data["in_reply_to"],
                "quote_of": data["quote_of"],
            },
        )
    except InvalidInputError as error:
        apply_service_errors(form, error)
        return render(request, "publishing/post_form.html", {"form": form, **context}, status=400)
    messages.success(request, "Changes saved and checked again.")
    return redirect("publishing:post_detail", public_id=post.public_id)


# --- The live check -----------------------------------------------------------------------------


def _json_error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@login_not_required  # answers 403 JSON itself, rather than redirecting a script to sign in
@require_POST
@session_not_saved  # called as the officer types: the compose page keeps the session alive
def post_check(request):
    """The live check (JSON in, JSON out): ``{text, account, kind}`` → the verdict, what the post
    needs and the findings with their offsets. Only on an account the user may post on; reads
    only (no database writes), so it stays fast while people type."""
    if not request.user.is_authenticated:
        return _json_error(403, "Your session has ended: sign in again to check the post.")
    if not user_has_role(request.user, *permissions.WRITERS):
        return _json_error(403, "You do not have permission to write posts.")
    try:
        body = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError):
        return _json_error(400, "Send the post as JSON: {text, account, kind}.")
    if not isinstance(body, dict):
        return _json_error(400, "Send the post as JSON: {text, account, kind}.")
    text = body.get("text")
    kind = body.get("kind") or PostKind.POST
    account_id = body.get("account")
    if not isinstance(text, str) or not text.strip():
        return _json_error(400, "Enter the text of the post to check it.")
    if len(text) > compose.MAX_POST_CHARS:
        return _json_error(
            400, f"The post is {len(text):,} characters; the limit is {compose.MAX_POST_CHARS:,}."
        )
    if kind not in PostKind.values:
        return _json_error(400, "Choose what kind of post this is: post, reply or live.")
    if isinstance(account_id, str) and account_id.strip().isdigit():
        account_id = int(account_id)
    if not isinstance(account_id, int) or isinstance(account_id, bool):
        return _json_error(400, "Choose the account to post on.")
    account = permissions.postable_accounts(request.user).filter(pk=account_id).first()
    if account is None:
        return _json_error(403, "You may not post on that account.")
    crisis = recent_crisis_context()  # may be seconds old: the check that decides reads afresh
    report = check_text(
        text=text,
        account=account,
        kind=kind,
        now=timezone.now(),
        flags=(crisis.election_period_active, crisis.major_incident_active),
    )
    route = flow.route(report.findings, second_opinion=bool(body.get("second_opinion")))
    return JsonResponse(
        {
            "verdict": report.verdict.label,
            "verdict_words": selectors.VERDICT_WORDS[report.verdict.label],
            "summary": route.summary(),
            "findings": [
                {
                    "rule": f.rule,
                    "title": f.title,
                    "clause": f.clause,
                    "severity": f.severity,
                    "message": f.message,
                    "start": f.start,
                    "end": f.end,
                    "excerpt": f.excerpt,
                }
                for f in selectors.finding_views([f.to_dict() for f in report.findings])
            ],
            "length": text_length(text, account),
        }
    )
