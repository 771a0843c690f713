"""The monthly review's pages: the reviews a person may see, one review with its posts, the
decision on one post, completing the review, the completion chart (per account and per
department), and the appeal cases. Roles are checked on the server; each step goes through its
declaration in ``actions`` (``page_step``)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from bluelamp.core.actions import page_step
from bluelamp.core.forms import FIXABLE, refused
from bluelamp.core.paging import page_context
from bluelamp.core.permissions import require_role
from bluelamp.publishing.models import Post
from bluelamp.reviews import actions, forms, permissions, selectors, services
from bluelamp.reviews.choices import ReviewStatus

BAR_WIDTH = 300


def now() -> dt.datetime:
    """The time (the one place the pages read the clock; tests may replace it)."""
    return timezone.now()


@require_safe
@login_required
def review_list(request):
    status = request.GET.get("status", "")
    if status not in ReviewStatus.values:
        status = ""
    paging = page_context(request, selectors.review_list(user=request.user, status=status))
    return render(
        request,
        "reviews/list.html",
        {
            "title": "Monthly reviews",
            "rows": paging["page"].object_list,
            **paging,
            "filters": [("", "All"), *ReviewStatus.choices],
            "status": status,
            "can_see_chart": permissions.can_see_chart(request.user),
        },
    )


@require_safe
@login_required
def review_detail(request, pk: int):
    review = selectors.review_get(user=request.user, pk=pk)
    available = actions.review_available_actions(user=request.user, review=review)
    return render(
        request,
        "reviews/detail.html",
        {
            "title": str(review),
            "review": review,
            "items": list(review.items.all()),
            "may_decide": "decide_item" in available,
            "may_complete": "complete" in available,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def item_decide(request, pk: int, item: int):
    review = selectors.review_get(user=request.user, pk=pk)
    entry = selectors.review_item_get(review, item)
    refusal = permissions.decide_refusal(request.user, review)
    if refusal:
        raise PermissionDenied(refusal)
    status = 200
    if request.method == "POST":
        form = forms.DecisionForm(request.POST)
        data = {**form.cleaned_data, "item": entry, "now": now()} if form.is_valid() else {}
        outcome = page_step(
            request, actions.REVIEW_ACTIONS, "decide_item", review, form=form, data=data
        )
        if outcome.ok and outcome.failure is None:
            messages.success(
                request, actions.REVIEW_ACTIONS["decide_item"].done_message(outcome.result)
            )
            return redirect("reviews:detail", review.pk)
        if outcome.ok:  # the platform did not act: the attempt is in the archive
            form.add_error(None, outcome.failure.message)
            status = 409
        else:
            form, status = outcome.form, outcome.status
    else:
        form = forms.DecisionForm()
        if not actions.REVIEW_ACTIONS.state_allows("decide_item", review) or entry.decision:
            status = 409
            form = forms.DecisionForm(data={})
            form.is_valid()
            form.errors.clear()
            form.add_error(None, "This post is no longer waiting for a decision.")
    return render(
        request,
        "reviews/decide.html",
        {
            "title": "Keep, correct or remove this post",
            "form": form,
            "review": review,
            "item": entry,
        },
        status=status,
    )


@require_http_methods(["POST"])
@login_required
def review_complete(request, pk: int):
    review = selectors.review_get(user=request.user, pk=pk)
    outcome = page_step(request, actions.REVIEW_ACTIONS, "complete", review, data={"now": now()})
    if outcome.ok:
        messages.success(request, "Review done.")
    else:
        errors = outcome.form.non_field_errors()
        messages.error(request, errors[0] if errors else "The review could not be completed.")
    return redirect("reviews:detail", review.pk)


def _bars(rows):
    """A simple bar per row (percent done), drawn on the server: no script needed."""
    return {
        "bars": [
            {"row": row, "y": 8 + i * 28, "width": round(BAR_WIDTH * row.percent / 100)}
            for i, row in enumerate(rows)
        ],
        "height": 16 + 28 * len(rows),
        "width": BAR_WIDTH + 260,
    }


@require_safe
@require_role(*permissions.CHART_ROLES)
def completion(request):
    month = None
    if request.GET.get("month"):
        try:
            month = dt.date.fromisoformat(request.GET["month"] + "-01")
        except ValueError:
            month = None
    accounts, departments, month = selectors.completion(user=request.user, month=month)
    return render(
        request,
        "reviews/completion.html",
        {
            "title": "Monthly review completion",
            "month": month,
            "accounts": _bars(accounts),
            "departments": _bars(departments),
            "bar_width": BAR_WIDTH,
        },
    )


# ------------------------------------------------------------------------------ appeal cases

case_viewers = require_role(*permissions.CASE_ROLES)


@require_safe
@case_viewers
def case_list(request):
    paging = page_context(request, selectors.case_list(user=request.user))
    return render(
        request,
        "reviews/case_list.html",
        {
            "title": "Appeal cases",
            "rows": paging["page"].object_list,
            **paging,
            "can_manage": permissions.case_refusal(request.user) is None,
        },
    )


@require_http_methods(["GET", "POST"])
@case_viewers
def case_create(request):
    if permissions.case_refusal(request.user):
        raise PermissionDenied(permissions.case_refusal(request.user))
    form = forms.CaseForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                case = services.case_create(actor=request.user, now=now(), **form.cleaned_data)
            except FIXABLE as error:
                status = refused(form, error)
            else:
                messages.success(request, f"Case recorded: {case}.")
                return redirect("reviews:case_detail", case.pk)
        else:
            status = 400
    return render(
        request,
        "reviews/case_form.html",
        {"title": "Record an appeal case", "form": form, "submit": "Record the case"},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@case_viewers
def case_detail(request, pk: int):
    case = selectors.case_get(user=request.user, pk=pk)
    may = permissions.case_refusal(request.user) is None
    link_form, resolve_form, status = forms.LinkForm(), forms.ResolveForm(), 200
    if request.method == "POST":
        if not may:
            raise PermissionDenied(permissions.case_refusal(request.user))
        if "status" in request.POST:
            resolve_form = forms.ResolveForm(request.POST)
            if resolve_form.is_valid():
                try:
                    services.case_resolve(
                        case=case, actor=request.user, now=now(), **resolve_form.cleaned_data
                    )
                except FIXABLE as error:
                    status = refused(resolve_form, error)
                else:
                    messages.success(
                        request, "Case resolved: its appeal posts are listed for removal."
                    )
                    return redirect("reviews:case_detail", case.pk)
            else:
                status = 400
        else:
            link_form = forms.LinkForm(request.POST)
            if link_form.is_valid():
                post = Post.objects.filter(public_id=link_form.cleaned_data["post"]).first()
                if post is None:
                    link_form.add_error("post", "There is no post with that reference")
                    status = 400
                else:
                    try:
                        services.case_post_link(case=case, post=post, actor=request.user, now=now())
                    except FIXABLE as error:
                        status = refused(link_form, error)
                    else:
                        messages.success(request, "Post linked to the case.")
                        return redirect("reviews:case_detail", case.pk)
            else:
                status = 400
    return render(
        request,
        "reviews/case_detail.html",
        {
            "title": f"Appeal case: {case}",
            "case": case,
            "posts": selectors.case_posts(case),
            "tasks": selectors.case_tasks(case),
            "may": may,
            "link_form": link_form,
            "resolve_form": resolve_form,
        },
        status=status,
    )


@require_http_methods(["POST"])
@case_viewers
def case_task_remove(request, pk: int, task: int):
    """Remove one copy of an ended appeal through its platform (publishing's removal)."""
    case = selectors.case_get(user=request.user, pk=pk)
    entry = selectors.case_task_get(case, task)
    try:
        services.appeal_task_remove(task=entry, actor=request.user, now=now())
    except FIXABLE as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Removed from @{entry.post.account.handle}.")
    return redirect("reviews:case_detail", case.pk)
