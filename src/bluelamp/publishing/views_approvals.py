"""Approving posts (CC/01 4.11, 4.16, 4.20, 6.12, 6.14): the queue of posts waiting for the
user's decision, and the approver's page (edit the words, approve with a note, or return with a
reason). Four eyes: no one decides on their own post, checked here and in the services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from bluelamp.core.forms import FIXABLE, refused
from bluelamp.core.permissions import require_role
from bluelamp.core.roles import Role
from bluelamp.engine.workflows import posts as flow
from bluelamp.publishing import permissions, selectors
from bluelamp.publishing.forms import (
    ApproveForm,
    ApproverEditForm,
    ReasonForm,
)
from bluelamp.publishing.models import Approver
from bluelamp.publishing.services import approvals

approvers_required = require_role(Role.LINE_MANAGER, Role.CCD)


@require_safe
@approvers_required
def approval_list(request):
    """Posts waiting for the user's approval, oldest first."""
    return render(
        request,
        "publishing/approval_list.html",
        {
            "title": "Waiting for your approval",
            "posts": selectors.approval_queue(user=request.user),
        },
    )


def _page(request, post, *, status=200, **forms):
    findings = selectors.finding_views(post.findings)
    route = selectors.route_of(post)
    context = {
        "title": "Approve a post",
        "post": post,
        "findings": findings,
        "highlighted": selectors.highlighted(post.text, findings),
        "verdict_tag": selectors.SEVERITY_TAGS.get(post.verdict or "pass"),
        "verdict_words": selectors.VERDICT_WORDS.get(post.verdict or "pass", ""),
        "approver_label": Approver(post.approver_needed).label if post.approver_needed else "",
        "asked_for": sorted({f.rule for f in route.approval_for}),
        "second_opinion": post.second_opinion,
        "approvals": list(selectors.post_approvals(post)),
        "edit_form": ApproverEditForm(initial={"text": post.text}, prefix="edit"),
        "approve_form": ApproveForm(prefix="approve"),
        "return_form": ReasonForm(prefix="return", label="Why are you returning it?"),
        "images": list(selectors.post_images(post)),
    }
    context.update(forms)
    context["failed_forms"] = [
        context[name]
        for name in ("edit_form", "approve_form", "return_form")
        if context[name].is_bound and context[name].errors
    ]
    context["form"] = context["failed_forms"][0] if context["failed_forms"] else None
    return render(request, "publishing/post_approve.html", context, status=status)


@require_http_methods(["GET", "POST"])
@approvers_required
def post_approve(request, public_id):
    """The approver's page. Only someone ``approval_refusal`` allows (never the author), and only
    while the post is waiting for approval."""
    post = selectors.post_get(user=request.user, public_id=public_id)
    refusal = permissions.approval_refusal(request.user, post)
    if refusal:
        raise PermissionDenied(refusal)
    if post.state != flow.AWAITING_APPROVAL:
        messages.info(
            request, f"This post is {post.get_state_display().lower()}: there is nothing to decide."
        )
        return redirect("publishing:post_detail", public_id=post.public_id)
    if request.method != "POST":
        return _page(request, post)
    action = request.POST.get("action")
    if action == "edit":
        form = ApproverEditForm(request.POST, prefix="edit")
        name, run, done = (
            "edit_form",
            lambda: approvals.approval_edit(
                post, actor=request.user, text=form.cleaned_data["text"]
            ),
            "Your changes are saved and checked again. Approve it or return it.",
        )
        after = "publishing:post_approve"
    elif action == "approve":
        form = ApproveForm(request.POST, prefix="approve")
        name, run, done = (
            "approve_form",
            lambda: approvals.approval_approve(
                post, actor=request.user, note=form.cleaned_data["note"]
            ),
            "Approved.",
        )
        after = "publishing:post_detail"
    elif action == "return":
        form = ReasonForm(request.POST, prefix="return", label="Why are you returning it?")
        name, run, done = (
            "return_form",
            lambda: approvals.approval_return(
                post, actor=request.user, reason=form.cleaned_data["reason"]
            ),
            "Returned to the author with your reason.",
        )
        after = "publishing:post_detail"
    else:
        return _page(request, post, status=400)
    if not form.is_valid():
        return _page(request, post, status=400, **{name: form})
    try:
        run()
    except FIXABLE as error:
        status = refused(form, error)
        return _page(request, post, status=status, **{name: form})
    messages.success(request, done)
    return redirect(after, public_id=post.public_id)
