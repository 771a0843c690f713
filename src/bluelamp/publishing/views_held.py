"""Held posts after a major incident (CC/01 4.16): Corporate Communications' one page for letting
them go again. Every held post on every account, with why it is held; CCD ticks some and
releases them (ready again, or scheduled for their own time), reschedules them to one new time,
or withdraws them. Each post goes through its own declared action (``publishing.actions``), is
audited on its own, and its author is told; the page then says what happened to each."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from bluelamp.core.forms import FIXABLE, refused
from bluelamp.core.permissions import require_role
from bluelamp.core.roles import Role
from bluelamp.incidents.selectors import major_incident_in_force
from bluelamp.publishing import selectors
from bluelamp.publishing.forms import HeldPostsForm
from bluelamp.publishing.services import crisis


def _choices(posts):
    return [(str(post.public_id), str(post.pk)) for post in posts]


@require_http_methods(["GET", "HEAD", "POST"])
@require_role(Role.CCD)
def held_list(request):
    """The held posts, oldest first, and the form that decides on those ticked."""
    posts = selectors.held_posts(user=request.user)
    form = HeldPostsForm(choices=_choices(posts))
    status = 200
    outcomes = []
    if request.method == "POST":
        form = HeldPostsForm(request.POST, choices=_choices(posts))
        if form.is_valid():
            chosen = set(form.cleaned_data["posts"])
            try:
                outcomes = crisis.held_posts_decide(
                    actor=request.user,
                    posts=[post for post in posts if str(post.public_id) in chosen],
                    decision=form.cleaned_data["decision"],
                    when=form.cleaned_data["when"],
                    reason=form.cleaned_data["reason"],
                )
            except FIXABLE as error:
                status = refused(form, error)
            else:
                done = sum(1 for outcome in outcomes if outcome.done)
                word = crisis.DECISION_WORDS[form.cleaned_data["decision"]]
                if done:
                    messages.success(request, f"{done} of {len(outcomes)} held posts {word}.")
                if done == len(outcomes):
                    return redirect("publishing:held_posts")
                posts = selectors.held_posts(user=request.user)
                form = HeldPostsForm(choices=_choices(posts))
        else:
            status = 400
    return render(
        request,
        "publishing/held_posts.html",
        {
            "title": "Held posts",
            "posts": posts,
            "form": form,
            "failed_forms": [form] if form.errors else [],
            "refused": [outcome for outcome in outcomes if not outcome.done],
            "incident": major_incident_in_force(timezone.now()),
        },
        status=status,
    )
