"""Approving posts (CC/01 4.11, 4.16, 4.20, 6.12, 6.14): the queue of posts waiting for the
user's decision, and the approver's page (edit the words, approve with a note, or return with a
reason). Four eyes: no one decides on their own post, checked here and in the services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from bluelamp.core.actions import blank_form, page_step
from bluelamp.core.paging import page_numbers
from bluelamp.core.permissions import require_role
from bluelamp.core.roles import Role
from bluelamp.publishing import permissions, selectors
from bluelamp.publishing.actions import POST_ACTIONS
from bluelamp.publishing.choices import Approver
from bluelamp.publishing.forms import (
    ApproverEditForm,
)
from bluelamp.publishing.services.common import rule_words

approvers_required = require_role(Role.LINE_MANAGER, Role.CCD)
#: The approver's page's buttons (``action``) and the declared actions they take.
DECISIONS = {"edit": "approver_edit", "approve": "approve", "return": "return"}
PAGE_SIZE = 50


@require_safe
@approvers_required
def approval_list(request):
    """Posts waiting for the user's approval, oldest first, a page at a time."""
    queue = selectors.approval_queue(user=request.user)
    page = Paginator(queue, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "publishing/approval_list.html",
        {
            "title": "Waiting for your approval",
            "posts": page.object_list,
            "page": page,
            "page_numbers": page_numbers(page),
            "query": "",
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
        "asked_for": rule_words(f.rule for f in route.approval_for),
        "second_opinion": post.second_opinion,
        "approvals": list(selectors.post_approvals(post)),
        "change": selectors.pending_change(post, selectors.post_versions(post)),
        "approve_refusal": POST_ACTIONS["approve"].refusal(request.user, post),
        **{
            POST_ACTIONS[name].page_form_name: blank_form(POST_ACTIONS[name])
            for name in DECISIONS.values()
        },
        "edit_form": ApproverEditForm(initial={"text": post.text}, prefix="edit"),
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
    if not POST_ACTIONS.state_allows("approve", post):
        messages.info(
            request, f"This post is {post.get_state_display().lower()}: there is nothing to decide."
        )
        return redirect("publishing:post_detail", public_id=post.public_id)
    if request.method != "POST":
        return _page(request, post)
    action = DECISIONS.get(request.POST.get("action", ""))
    if action is None:
        return _page(request, post, status=400)
    step = page_step(request, POST_ACTIONS, action, post)
    declared = POST_ACTIONS[action]
    if not step.ok:
        return _page(request, post, status=step.status, **{declared.page_form_name: step.form})
    messages.success(request, declared.done_message(step.result))
    after = "publishing:post_approve" if action == "approver_edit" else "publishing:post_detail"
    return redirect(after, public_id=post.public_id)
