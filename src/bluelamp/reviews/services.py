"""Every write of monthly reviews (CC/01 4.1) and appeal cases (4.11).

Each takes the acting user (None for the worker) and the time (``now``; the real clock only
when not given), checks permission and, in one transaction on the locked row, the review's state
against ``engine.workflows.reviews``, saves the changed fields and writes the audit event. A
refusal raises an ``ApplicationError`` and changes nothing. Correcting and removing a post go
through publishing's own services (``post_correct``, ``post_remove``): the platform is asked,
and the outcome kept in the archive as for any other removal."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q

from bluelamp.audit.services import audit_record
from bluelamp.core import mail
from bluelamp.core.clock import aware_now
from bluelamp.core.errors import FieldErrors, InvalidInputError
from bluelamp.core.policy import policy_pack
from bluelamp.core.transitions import refuse_unless_allowed, transition
from bluelamp.engine import deadlines
from bluelamp.engine.workflows import reviews as flow
from bluelamp.publishing.choices import CorrectionOutcome, PostState, RemovalOutcome
from bluelamp.publishing.models import Post
from bluelamp.publishing.services import delivery
from bluelamp.reviews import permissions
from bluelamp.reviews.choices import RESOLVED, CaseStatus, Decision
from bluelamp.reviews.errors import (
    AlreadyDecidedError,
    CaseClosedError,
    PlatformDidNotActError,
    UndecidedItemsError,
)
from bluelamp.reviews.matching import MIN_REFERENCE, CaseMatcher, name_pattern
from bluelamp.reviews.models import AppealRemovalTask, Case, CasePost, Review, ReviewItem
from bluelamp.reviews.stale import stale_reasons
from bluelamp.social_accounts.choices import AccountStatus
from bluelamp.social_accounts.models import Account

WORKER = "bluelamp worker"
#: The hours an ended appeal's posts have to come down when the pack does not say (4.11).
DEFAULT_APPEAL_REMOVAL_HOURS = 24
#: Working days after the month's end before a late review goes from the line manager to CCD.
CCD_AFTER_WORKING_DAYS = 5


def first_working_day(month: dt.date) -> dt.date:
    return deadlines.next_working_day(month.replace(day=1))


def _month_end(month: dt.date) -> dt.date:
    return deadlines.add_months(month.replace(day=1), 1) - dt.timedelta(days=1)


def _lock(review: Review) -> Review:
    return Review.objects.select_for_update().select_related("account", "owner").get(pk=review.pk)


# ------------------------------------------------------------------------------ opening


def review_open(*, account: Account, month: dt.date, now: dt.datetime | None = None) -> Review:
    """Open ``account``'s review for ``month`` (idempotent: the existing one is returned),
    listing the live posts that may be out of date."""
    now = aware_now(now)
    month = month.replace(day=1)
    with transaction.atomic():
        existing = Review.objects.filter(account=account, month=month).first()
        if existing is not None:
            return existing
        review = Review.objects.create(
            account=account,
            owner=account.owner,
            month=month,
            due_on=_month_end(month),
            opened_at=now,
            updated_at=now,
        )
        found = stale_reasons(account, today=deadlines.london_date(now))
        ReviewItem.objects.bulk_create(
            ReviewItem(review=review, post=post, reasons=reasons)
            for post, reasons in found.values()
        )
        audit_record(
            actor=None,
            actor_text=WORKER,
            action="review.opened",
            target=review,
            after={"month": month.isoformat(), "items": len(found)},
            now=now,
        )
        if found:
            mail.notify(
                subject=f"Monthly review of @{account.handle}: {len(found)} post(s) to check",
                body=(
                    f"Your monthly review of @{account.handle} is open. {len(found)} live "
                    "post(s) may be out of date: keep, correct or remove each one by "
                    f"{deadlines.long_date(review.due_on)} (CC/01 4.1)."
                ),
                to=mail.addresses(account.owner),
            )
    return review


def reviews_open_monthly(*, now: dt.datetime | None = None) -> int:
    """On the first working day of a month, a review for every active account with an owner
    (each once). Returns how many were opened."""
    now = aware_now(now)
    today = deadlines.london_date(now)
    if today != first_working_day(today):
        return 0
    month = today.replace(day=1)
    opened = 0
    accounts = Account.objects.filter(status=AccountStatus.ACTIVE, owner__isnull=False).exclude(
        reviews__month=month
    )
    for account in accounts.select_related("owner"):
        review_open(account=account, month=month, now=now)
        opened += 1
    return opened


# ------------------------------------------------------------------------------ deciding


def _decision_input(decision: Any, reason: Any, text: Any) -> tuple[str, str, str]:
    errors = FieldErrors()
    if decision not in Decision.values:
        errors.add("decision", "Select keep, correct or remove")
    why = reason.strip() if isinstance(reason, str) else ""
    if not why:
        errors.add("reason", "Say why")
    words = text.strip() if isinstance(text, str) else ""
    if decision == Decision.CORRECT and not words:
        errors.add("text", "Enter the corrected words")
    errors.raise_if_any()
    return decision, why, words


def review_item_decide(
    *,
    review: Review,
    item: ReviewItem,
    actor: Any,
    decision: Any,
    reason: Any,
    text: Any = "",
    now: dt.datetime | None = None,
) -> ReviewItem:
    """Keep (with a reason), correct or remove one post of the review. Correcting and removing
    ask the platform through publishing; the item is decided only once the platform confirmed
    (a failed attempt is kept in the archive and raised, and the item stays to decide)."""
    now = aware_now(now)
    with transaction.atomic():
        locked = _lock(review)
        permissions.check_can_decide(actor, locked)
        transition_allowed(locked)
        if item.review_id != locked.pk:
            raise InvalidInputError("That post is not in this review.")
        decision, why, words = _decision_input(decision, reason, text)
        item = ReviewItem.objects.select_for_update().get(pk=item.pk)
        if item.decision:
            raise AlreadyDecidedError()
    post = item.post
    if decision == Decision.REMOVE and post.state == PostState.PUBLISHED:
        removal = delivery.post_remove(post=post, actor=actor, reason=why, clock=lambda: now)
        if removal.outcome == RemovalOutcome.FAILED:
            raise PlatformDidNotActError(
                f"The platform did not remove it: {removal.detail or 'no reason given'}"
            )
    elif decision == Decision.CORRECT:
        correction = delivery.post_correct(
            post=post, actor=actor, text=words, reason=why, clock=lambda: now
        )
        if correction.outcome == CorrectionOutcome.FAILED:
            raise PlatformDidNotActError(
                f"The platform did not take the correction: {correction.detail}"
            )
    with transaction.atomic():
        locked = _lock(review)
        item = ReviewItem.objects.select_for_update().get(pk=item.pk)
        item.decision, item.note, item.decided_by, item.decided_at = decision, why, actor, now
        item.save(update_fields=["decision", "note", "decided_by", "decided_at"])
        transition(
            locked,
            workflow=flow.WORKFLOW,
            action=flow.DECIDE_ITEM,
            actor=actor,
            audit_action="review.item_decided",
            now=now,
            after={"post": str(post.public_id), "decision": decision, "reason": why},
        )
    return item


def transition_allowed(review: Review) -> None:
    refuse_unless_allowed(review, workflow=flow.WORKFLOW, action=flow.DECIDE_ITEM)


def review_complete(*, review: Review, actor: Any, now: dt.datetime | None = None) -> Review:
    """Record the review as done: every post in it decided."""
    now = aware_now(now)
    with transaction.atomic():
        locked = _lock(review)
        permissions.check_can_decide(actor, locked)
        refuse_unless_allowed(locked, workflow=flow.WORKFLOW, action=flow.COMPLETE)
        left = locked.items.filter(decision="").count()
        if left:
            raise UndecidedItemsError(
                f"{left} post(s) still to keep, correct or remove before the review is done."
            )
        return transition(
            locked,
            workflow=flow.WORKFLOW,
            action=flow.COMPLETE,
            actor=actor,
            audit_action="review.completed",
            now=now,
            changes={"completed_by": actor, "completed_at": now},
            also_save=("updated_at",),
        )


# ------------------------------------------------------------------------------ escalation


def reviews_escalate_overdue(*, now: dt.datetime | None = None) -> int:
    """A review not done in its month goes to the owner's line manager; five working days
    later, still not done, to Corporate Communications. Each step once. Returns how many."""
    now = aware_now(now)
    today = deadlines.london_date(now)
    moved = 0
    late = Review.objects.filter(
        Q(status=flow.OPEN, due_on__lt=today) | Q(status=flow.ESCALATED_MANAGER)
    ).select_related("account", "owner", "owner__line_manager")
    for review in late:
        if review.status == flow.ESCALATED_MANAGER:
            since = deadlines.london_date(review.escalated_at or now)
            if deadlines.working_days_between(since, today) < CCD_AFTER_WORKING_DAYS:
                continue
        with transaction.atomic():
            locked = _lock(review)
            if locked.status not in (flow.OPEN, flow.ESCALATED_MANAGER):
                continue
            to_ccd = locked.status == flow.ESCALATED_MANAGER
            transition(
                locked,
                workflow=flow.WORKFLOW,
                action=flow.ESCALATE,
                actor=None,
                audit_action="review.escalated",
                now=now,
                changes={"escalated_at": now},
                also_save=("updated_at",),
                after={"to": "ccd" if to_ccd else "line_manager"},
            )
            manager = review.owner.line_manager
            if to_ccd or manager is None:
                to = mail.ccd_addresses(policy_pack())
            else:
                to = mail.addresses(manager)
            mail.notify(
                subject=f"Monthly review of @{review.account.handle} not done",
                body=(
                    f"The monthly review of @{review.account.handle} for "
                    f"{review.month:%B %Y} (owner: {review.owner.get_full_name() or review.owner.username}) "
                    "was not done in its month (CC/01 4.1). Please see that it is done."
                ),
                to=to,
            )
        moved += 1
    return moved


# ------------------------------------------------------------------------------ appeal cases


def case_create(
    *, actor: Any, name: Any, reference: Any = "", now: dt.datetime | None = None
) -> Case:
    """Record the person or case an appeal is about."""
    now = aware_now(now)
    permissions.check_can_manage_case(actor)
    errors = FieldErrors()
    name = name.strip() if isinstance(name, str) else ""
    reference = reference.strip() if isinstance(reference, str) else ""
    if not name:
        errors.add("name", "Enter the name of the person or case")
    elif len(name) > 200:
        errors.add("name", "Name must be 200 characters or fewer")
    if len(reference) > 100:
        errors.add("reference", "Reference must be 100 characters or fewer")
    errors.raise_if_any()
    with transaction.atomic():
        case = Case.objects.create(name=name, reference=reference, created_by=actor, created_at=now)
        audit_record(
            actor=actor, action="case.created", target=case, after={"reference": reference}, now=now
        )
    # The appeal's posts already in the archive (published here or imported) are linked now.
    for post in _matching_posts(case):
        case_post_link(case=case, post=post, actor=actor, now=now)
    return case


def _matching_posts(case: Case) -> list[Post]:
    """Live appeals in the archive (made here or imported) about ``case`` (``matching``)."""
    terms = Q()
    if len(case.reference.strip()) >= MIN_REFERENCE:
        terms |= Q(text__icontains=case.reference.strip())
    if name_pattern(case.name) is not None:
        terms |= Q(text__icontains=case.name.split()[-1])
    if not terms:
        return []
    matcher = CaseMatcher([case], policy_pack())
    posts = Post.objects.filter(terms, state=PostState.PUBLISHED).order_by("pk")
    return [post for post in posts if matcher.cases_for(post.text)]


def cases_link_imported(*, records: list[Any], actor: Any, now: dt.datetime) -> int:
    """Link each imported appeal post (``publishing.importing.Record``, just written) to the
    open case it is about (``matching``), in the import's transaction; returns how many links
    were made. The import has checked who may run it (CCD, or the command line: ``actor``
    None); each link is audited as one made by hand is."""
    cases = list(Case.objects.filter(status=CaseStatus.OPEN).order_by("pk"))
    if not cases:
        return 0
    matcher = CaseMatcher(cases, policy_pack())
    hits = [
        (record, case)
        for record in records
        if record.deleted_at is None and record.text
        for case in matcher.cases_for(record.text)
    ]
    if not hits:
        return 0
    accounts = {record.account.pk for record, _ in hits}
    by_key = {}
    # Through the partial unique indexes, which a query uses only when it repeats their
    # condition (the ``exclude``).
    for kind, field in (("key", "import_key"), ("id", "platform_post_id")):
        values = {getattr(record, field) for record, _ in hits}
        values.discard("")
        if values:
            for post in Post.objects.filter(
                account_id__in=accounts, **{f"{field}__in": values}
            ).exclude(**{field: ""}):
                by_key[(post.account_id, kind, getattr(post, field))] = post
    links = []
    for record, case in hits:
        kind, value = (
            ("key", record.import_key) if record.import_key else ("id", record.platform_post_id)
        )
        post = by_key.get((record.account.pk, kind, value))
        if post is not None:
            links.append(CasePost(case=case, post=post, linked_by=actor, linked_at=now))
    with transaction.atomic():
        CasePost.objects.bulk_create(links)
        for link in links:
            audit_record(
                actor=actor,
                action="case.post_linked",
                target=link.case,
                after={"post": str(link.post.public_id), "matched": "import"},
                now=now,
            )
    return len(links)


def case_post_link(
    *, case: Case, post: Post, actor: Any, now: dt.datetime | None = None
) -> CasePost:
    """Link an appeal post (any copy or re-share, on any account) to its case."""
    now = aware_now(now)
    permissions.check_can_manage_case(actor)
    with transaction.atomic():
        link, created = CasePost.objects.get_or_create(
            case=case, post=post, defaults={"linked_by": actor, "linked_at": now}
        )
        if created:
            audit_record(
                actor=actor,
                action="case.post_linked",
                target=case,
                after={"post": str(post.public_id)},
                now=now,
            )
    return link


def case_resolve(*, case: Case, actor: Any, status: Any, now: dt.datetime | None = None) -> Case:
    """Mark the case found, charged or withdrawn: a removal task for every live copy and
    re-share of its appeal, on every account, due within the pack's ``appeal_removal_hours``
    (4.11); the accounts' owners are told."""
    now = aware_now(now)
    permissions.check_can_manage_case(actor)
    if status not in [s.value for s in RESOLVED]:
        raise InvalidInputError(
            "Select found, charged or withdrawn",
            errors={"status": ["Select found, charged or withdrawn"]},
        )
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if locked.status != CaseStatus.OPEN:
            raise CaseClosedError(
                f"This case is already marked {locked.get_status_display().lower()}."
            )
        locked.status, locked.resolved_by, locked.resolved_at = status, actor, now
        locked.save(update_fields=["status", "resolved_by", "resolved_at"])
        tasks = _removal_tasks(locked, now)
        audit_record(
            actor=actor,
            action="case.resolved",
            target=locked,
            after={"status": status, "removal_tasks": len(tasks)},
            now=now,
        )
        owners = {task.post.account.owner for task in tasks if task.post.account.owner_id}
        if tasks:
            mail.notify(
                subject=f"Appeal ended ({locked.get_status_display().lower()}): remove its posts",
                body=(
                    f"The appeal about {locked} has ended. Remove every copy and re-share of it "
                    f"by {tasks[0].due_at:%H:%M on %-d %B %Y} (UTC) (CC/01 4.11); the tasks are on "
                    "the case's page in Bluelamp."
                ),
                to=[mail.addresses(*owners), mail.ccd_addresses(policy_pack())],
            )
    return locked


def _copies(case: Case) -> list[Post]:
    """The case's linked posts, and the re-shares and quotes of them on any account."""
    linked = list(case.posts.order_by("pk"))
    seen = {p.pk for p in linked}
    ids = [p.platform_post_id for p in linked if p.platform_post_id]
    if not ids:
        return linked
    shares = Post.objects.filter(Q(repost_of__in=ids) | Q(quote_of__in=ids)).order_by("pk")
    return linked + [p for p in shares if p.pk not in seen]


def _removal_tasks(case: Case, now: dt.datetime) -> list[AppealRemovalTask]:
    hours = policy_pack().thresholds.get("appeal_removal_hours", DEFAULT_APPEAL_REMOVAL_HOURS)
    due = now + dt.timedelta(hours=hours)
    tasks = []
    for post in _copies(case):
        if post.state != PostState.PUBLISHED:
            continue
        task, _ = AppealRemovalTask.objects.get_or_create(
            case=case, post=post, defaults={"due_at": due}
        )
        tasks.append(task)
    return tasks


def appeal_task_remove(
    *, task: AppealRemovalTask, actor: Any, now: dt.datetime | None = None
) -> AppealRemovalTask:
    """Remove the task's post through its platform (publishing's removal: author, owner or
    CCD); the task is done once the platform confirmed it (or it was already removed)."""
    now = aware_now(now)
    post = task.post
    if post.state == PostState.PUBLISHED:
        removal = delivery.post_remove(
            post=post,
            actor=actor,
            reason=f"Appeal ended: {task.case} ({task.case.get_status_display().lower()})",
            clock=lambda: now,
        )
        if removal.outcome == RemovalOutcome.FAILED:
            raise PlatformDidNotActError(
                f"The platform did not remove it: {removal.detail or 'no reason given'}"
            )
    with transaction.atomic():
        task = AppealRemovalTask.objects.select_for_update().get(pk=task.pk)
        if task.done_at is None:
            task.done_at, task.done_by = now, actor
            task.save(update_fields=["done_at", "done_by"])
            audit_record(
                actor=actor,
                action="case.removal_done",
                target=task.case,
                after={"post": str(post.public_id)},
                now=now,
            )
    return task


def appeal_tasks_sweep(*, now: dt.datetime | None = None) -> int:
    """Tasks whose post was removed another way are done; those past due and still live go
    to Corporate Communications, once each. Returns how many were escalated."""
    now = aware_now(now)
    escalated = 0
    open_tasks = AppealRemovalTask.objects.filter(done_at__isnull=True).select_related(
        "post", "post__account", "case"
    )
    for task in open_tasks:
        with transaction.atomic():
            if task.post.state != PostState.PUBLISHED:
                task.done_at = task.post.removed_at or now
                task.save(update_fields=["done_at"])
                continue
            if task.due_at > now or task.escalated_at is not None:
                continue
            task.escalated_at = now
            task.save(update_fields=["escalated_at"])
            audit_record(
                actor=None,
                actor_text=WORKER,
                action="case.removal_escalated",
                target=task.case,
                after={"post": str(task.post.public_id), "account": task.post.account.handle},
                now=now,
            )
            mail.notify(
                subject=f"Ended appeal still live on @{task.post.account.handle}",
                body=(
                    f"The appeal about {task.case} ended, but its post on "
                    f"@{task.post.account.handle} was not removed by its deadline (CC/01 4.11). "
                    "Corporate Communications may remove it without notice."
                ),
                to=mail.ccd_addresses(policy_pack()),
            )
            escalated += 1
    return escalated
