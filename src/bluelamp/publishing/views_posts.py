"""The post page and what is done from it: images (blur, consent, remove), the disclosure record,
sending it on, scheduling, publishing, removal; and the page that connects an account for
publishing. Every action is a POST to its own address, dispatched by ``post_step`` through the
declarations in ``publishing.actions`` (``core.actions.page_step``): who may act and whether the
post's state allows it are read there, then the one service runs, which checks both again.

A refusal the user can fix re-shows the post page with the message on the form and changes
nothing; a refusal they cannot (not allowed, not theirs) is a 403 or 404 page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from bluelamp.core.actions import blank_form, page_step
from bluelamp.core.forms import FIXABLE, problem_form, refused
from bluelamp.core.permissions import require_role
from bluelamp.engine.workflows import posts as flow
from bluelamp.publishing import answers, notes, permissions, selectors
from bluelamp.publishing.actions import POST_ACTIONS
from bluelamp.publishing.choices import RemovalOutcome
from bluelamp.publishing.connectors.base import platform_edits_posts
from bluelamp.publishing.diffs import word_diff
from bluelamp.publishing.flight import IN_FLIGHT
from bluelamp.publishing.forms import (
    ConnectionForm,
    ConsentForm,
    CorrectByHandForm,
    CorrectForm,
    ExpiryForm,
    ImageForm,
    RecordForm,
)
from bluelamp.publishing.preview import platform_preview
from bluelamp.publishing.services import compose, connections, crisis
from bluelamp.publishing.services.common import not_allowed
from bluelamp.social_accounts.models import Account

readers_required = require_role(*permissions.READERS)
writers_required = require_role(*permissions.WRITERS)
STATE_GUIDANCE = {
    flow.AWAITING_APPROVAL: "Waiting for approval. You can withdraw it while you wait.",
    flow.AWAITING_AUTHOR: "An approver changed the words: the author must accept or reject "
    "the change, unless another approver approves it.",
    flow.RETURNED: "Returned to you. Take it back to draft to change it and send it again.",
    flow.READY: "Ready: publish it now or choose a time.",
    flow.SCHEDULED: "Scheduled: it will be published at its time unless it is held.",
    flow.HELD: "Held: choose a new time or publish it now (Corporate Communications may also "
    "release it).",
    flow.PUBLISHING: "Being published now.",
    flow.PUBLISHED: "Published.",
    flow.FAILED: "The platform did not publish it. Try again, choose a time, or take it back "
    "to draft.",
    flow.REMOVED: "Removed from the platform. It is kept in the archive.",
    flow.WITHDRAWN: "Withdrawn: it will not be published. It is kept in the archive.",
}


def _consent_prefix(image) -> str:
    return f"consent-{image.public_id.hex[:12]}"


def _abilities(user, post) -> dict[str, bool]:
    """What ``user`` may do to ``post`` now, from the declarations (``publishing.actions``)."""
    available = set(POST_ACTIONS.available(post, user))
    can = {name: name in available for name in POST_ACTIONS.names()}
    can["author"] = permissions.author_refusal(user, post) is None
    can["images"] = can["edit"]
    can["connect"] = connections.can_manage(user, post.account)
    return can


def _detail_page(request, post, *, status: int = 200, **forms):
    """The post page; ``forms`` replaces the blank form of that name with a bound one."""
    user = request.user
    can = _abilities(user, post)
    findings = selectors.finding_views(post.findings)
    images = list(selectors.post_images(post))
    consent_failed = forms.pop("consent_failed", None)
    image_rows = []
    for image in images:
        form = ConsentForm(prefix=_consent_prefix(image))
        if consent_failed and consent_failed[0] == image.pk:
            form = consent_failed[1]
        image_rows.append({"image": image, "consent_form": form})
    approvals = list(selectors.post_approvals(post))
    versions = selectors.post_versions(post)
    for version in versions:
        if version.previous_text is not None:
            version.parts = word_diff(version.previous_text, version.text)
    removals = list(selectors.post_removals(post))
    corrections = list(post.corrections.select_related("requested_by"))
    last_correction = corrections[-1] if corrections else None
    last_removal = removals[-1] if removals else None
    returned = next(
        (a for a in reversed(approvals) if a.decision == "returned"),
        None,
    )
    needs_record = any(f.severity == "record" for f in findings)
    route = selectors.route_of(post)
    context = {
        "title": f"Post on {post.account.at_handle}",
        "post": post,
        "can": can,
        "findings": findings,
        "highlighted": selectors.highlighted(post.text, findings),
        "verdict_tag": selectors.SEVERITY_TAGS.get(post.verdict or "pass"),
        "verdict_words": selectors.VERDICT_WORDS.get(post.verdict or "pass", ""),
        "route_summary": route.summary() if post.state == flow.DRAFT else "",
        "notes": notes.post_notes(post, user),
        "state_guidance": (
            crisis.INCIDENT_HINT
            if crisis.incident_holds_it(post)
            else STATE_GUIDANCE.get(post.state, "")
        ),
        "needs_record": needs_record,
        "image_rows": image_rows,
        "approvals": approvals,
        "versions": versions,
        "change": selectors.pending_change(post, versions),
        "returned": returned if post.state == flow.RETURNED else None,
        "removals": removals,
        "corrections": corrections,
        "correct_by_hand": can["correct_by_hand"]
        and (
            not can["correct"]
            or (last_correction is not None and last_correction.outcome == "failed")
        ),
        "platform_edits": platform_edits_posts(post.account.platform),
        "by_hand": can["remove_by_hand"]
        and last_removal is not None
        and last_removal.outcome == RemovalOutcome.FAILED,
        "connection": selectors.account_connection(post.account),
        "answer": answers.target_view(post, user),
        "preview": platform_preview(post.text, post.account.platform, images=len(images))
        if post.state in IN_FLIGHT
        else None,
        "problem": forms.pop("problem", None),
        "image_form": ImageForm(),
    }
    for action in POST_ACTIONS:
        if action.form is not None:
            context[action.page_form_name] = blank_form(action)
    context.update(
        record_form=RecordForm(
            initial={
                "incident_log_ref": post.incident_log_ref,
                "crime_ref": post.crime_ref,
                "oic_told": post.oic_told,
                "oic_name": post.oic_name,
            }
        ),
        correct_form=CorrectForm(prefix="correct", initial={"text": post.text}),
        correct_by_hand_form=CorrectByHandForm(
            prefix="correcthand",
            initial={"text": last_correction.new_text if last_correction else post.text},
        ),
    )
    context.update(forms)
    failed = [
        f
        for f in [context["problem"], *(v for k, v in forms.items() if k.endswith("_form"))]
        if f is not None and f.errors
    ]
    if consent_failed:
        failed.append(consent_failed[1])
    context["failed_forms"] = failed
    context["form"] = failed[0] if failed else None
    return render(request, "publishing/post_detail.html", context, status=status)


def _refused(request, post, name: str, form, error) -> HttpResponse:
    """Re-show the post page with a service's refusal on ``form``."""
    return _detail_page(request, post, status=refused(form, error), **{name: form})


def _editable(request, public_id):
    """The post, if the user may read it (else 404) and change it (else 403), and whether its
    state lets it be changed (the ``edit`` declaration)."""
    post = selectors.post_get(user=request.user, public_id=public_id)
    refusal = POST_ACTIONS["edit"].refusal(request.user, post)
    if refusal:
        raise PermissionDenied(refusal)
    return post, POST_ACTIONS.state_allows("edit", post)


def _state_refusal(request, post, name: str, form, action: str):
    """The post page saying the post's state does not allow the step (409)."""
    form.add_error(None, not_allowed(post, action).message)
    return _detail_page(request, post, status=409, **{name: form})


# --- Reading ------------------------------------------------------------------------------------


@require_safe
@readers_required
def post_detail(request, public_id):
    """One post: its words with the problems highlighted, findings, images, approvals, and the
    steps the user may take now."""
    post = selectors.post_get(user=request.user, public_id=public_id)
    return _detail_page(request, post)


@require_safe
@readers_required
def post_image(request, public_id, image_id):
    """An image as stored (metadata already stripped), for whoever may read the post."""
    post = selectors.post_get(user=request.user, public_id=public_id)
    image = selectors.post_image_get(post=post, image_id=image_id)
    response = HttpResponse(bytes(image.data), content_type=image.mime_type)
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "private, no-store"
    return response


# --- Images -------------------------------------------------------------------------------------


@require_POST
@writers_required
def post_image_add(request, public_id):
    post, editable = _editable(request, public_id)
    form = ImageForm(request.POST, request.FILES)
    if not editable:
        return _state_refusal(request, post, "image_form", form, "edit")
    if not form.is_valid():
        return _detail_page(request, post, status=400, image_form=form)
    upload = form.cleaned_data["image"]
    if upload.size > compose.MAX_IMAGE_BYTES:
        message = (
            f"{upload.name} is {upload.size / 1_048_576:.1f} MB; images must be smaller than "
            f"{compose.MAX_IMAGE_BYTES // 1_048_576} MB"
        )
        form.add_error("image", message)
        return _detail_page(request, post, status=400, image_form=form)
    try:
        compose.post_image_add(
            post=post,
            actor=request.user,
            data=upload.read(),
            name=upload.name or "",
            alt_text=form.cleaned_data["alt_text"],
            force_owns=form.owns(),
            ownership_note=form.cleaned_data["ownership_note"],
        )
    except FIXABLE as error:
        return _refused(request, post, "image_form", form, error)
    messages.success(request, "Image added. Its location and other details were removed.")
    return redirect("publishing:post_detail", public_id=post.public_id)


def _image_step(request, public_id, image_id, *, run, done: str):
    post, editable = _editable(request, public_id)
    image = selectors.post_image_get(post=post, image_id=image_id)
    form = problem_form()
    if not editable:
        return _state_refusal(request, post, "problem", form, "edit")
    try:
        run(post, image)
    except FIXABLE as error:
        return _refused(request, post, "problem", form, error)
    messages.success(request, done)
    return redirect("publishing:post_detail", public_id=post.public_id)


@require_POST
@writers_required
def post_image_blur(request, public_id, image_id):
    """Blur every face found in the image, in one action (4.10)."""
    return _image_step(
        request,
        public_id,
        image_id,
        run=lambda post, image: compose.post_image_blur(
            post=post, actor=request.user, image_id=image.public_id
        ),
        done="The faces in the image are blurred.",
    )


@require_POST
@writers_required
def post_image_remove(request, public_id, image_id):
    return _image_step(
        request,
        public_id,
        image_id,
        run=lambda post, image: compose.post_image_remove(
            post=post, actor=request.user, image_id=image.public_id
        ),
        done="Image taken off the post.",
    )


@require_POST
@writers_required
def post_image_consent(request, public_id, image_id):
    """Record that everyone shown consented (4.10): who said so, and when, are kept."""
    post, editable = _editable(request, public_id)
    image = selectors.post_image_get(post=post, image_id=image_id)
    form = ConsentForm(request.POST, prefix=_consent_prefix(image))
    if not editable or not form.is_valid():
        if form.is_valid():
            form.add_error(None, "Consent can only be recorded while the post is a draft.")
        return _detail_page(request, post, status=400, consent_failed=(image.pk, form))
    try:
        compose.post_image_consent(
            post=post, actor=request.user, image_id=image.public_id, note=form.cleaned_data["note"]
        )
    except FIXABLE as error:
        refused(form, error)
        return _detail_page(request, post, status=400, consent_failed=(image.pk, form))
    messages.success(request, "Consent recorded.")
    return redirect("publishing:post_detail", public_id=post.public_id)


# --- The post's workflow actions ---------------------------------------------------------------


@require_POST
@writers_required
def post_step(request, public_id, action: str):
    """One action on the post (``publishing.actions``), from its form on the post page: the
    declaration says who may and in which states; a refusal the user can fix re-shows the page
    with the message on that action's form; a platform that did not act is said at the top."""
    post = selectors.post_get(user=request.user, public_id=public_id)
    step = page_step(request, POST_ACTIONS, action, post)
    declared = POST_ACTIONS[action]
    if not step.ok:
        name = declared.page_form_name if declared.form else "problem"
        return _detail_page(request, post, status=step.status, **{name: step.form})
    if step.failure is not None:
        messages.error(request, step.failure.page_message)
    else:
        messages.success(request, declared.done_message(step.result))
    return redirect("publishing:post_detail", public_id=post.public_id)


# --- Connecting an account for publishing -------------------------------------------------------


@require_http_methods(["GET", "POST"])
@writers_required
def account_connection(request, pk: int):
    """Save the account's publishing access token (CCD or the owner). The token is stored
    encrypted and never shown again, here or anywhere."""
    account = Account.objects.filter(pk=pk).first()
    if account is None:
        raise Http404("There is no such account.")
    if not connections.can_manage(request.user, account):
        raise PermissionDenied(
            "Only Corporate Communications or the account's owner can connect it for publishing."
        )
    connection = selectors.account_connection(account)
    status = 200
    if request.method == "POST":
        form = ConnectionForm(request.POST)
        expiry_form = ExpiryForm(request.POST, prefix="expires")
        valid = form.is_valid()
        if expiry_form.is_valid() and valid:
            try:
                connections.connection_save(
                    actor=request.user,
                    account=account,
                    token=form.cleaned_data["token"],
                    platform_account_id=form.cleaned_data["platform_account_id"],
                    expires_at=expiry_form.cleaned_data["when"],
                )
            except FIXABLE as error:
                refused(form, error)
                status = 400
            else:
                messages.success(request, f"{account.at_handle} is connected for publishing.")
                return redirect("publishing:account_connection", pk=account.pk)
        else:
            status = 400
        # Never echo the token back.
        form.data = form.data.copy()
        form.data["token"] = ""
    else:
        form = ConnectionForm(
            initial={"platform_account_id": getattr(connection, "platform_account_id", "")}
        )
        expiry_form = ExpiryForm(prefix="expires")
    return render(
        request,
        "publishing/connection_form.html",
        {
            "title": f"Connect {account.at_handle} for publishing",
            "account": account,
            "connection": connection,
            "form": form,
            "expiry_form": expiry_form,
        },
        status=status,
    )
