"""Reads for the pages that write, approve and publish posts. Every fetch is scoped to what the
user may read (``permissions.post_visibility``): a post that is missing and a post that is not
theirs to see are answered alike (NotFoundError, a 404)."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from typing import Any

from django.db import connections, router
from django.db.models import IntegerField, OuterRef, Q, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from bluelamp.core.errors import NotFoundError
from bluelamp.engine.rules.base import registry
from bluelamp.engine.workflows import posts as flow
from bluelamp.publishing import permissions, search
from bluelamp.publishing.diffs import word_diff
from bluelamp.publishing.models import (
    Approval,
    PlatformConnection,
    Post,
    PostImage,
    PostVersion,
    Removal,
)

SEVERITY_TAGS = {
    "block": ("govuk-tag--red", "Block"),
    "review": ("govuk-tag--orange", "Review"),
    "record": ("govuk-tag--blue", "Record"),
    "advise": ("govuk-tag--grey", "Advise"),
    "pass": ("govuk-tag--green", "Pass"),
}
VERDICT_WORDS = {
    "block": "Must not be published as it stands",
    "review": "Needs an approval before it goes out",
    "record": "May go out once the disclosure record is given",
    "advise": "May go out: consider the advice",
    "pass": "No problems found",
}


def _posts() -> QuerySet[Post]:
    return Post.objects.select_related("account", "author")


def visible_posts(user: Any) -> QuerySet[Post]:
    """Every post ``user`` may read."""
    visible = permissions.post_visibility(user)
    posts = _posts()
    return posts if visible is None else posts.filter(visible)


def post_get(*, user: Any, public_id: Any) -> Post:
    """One post ``user`` may read; NotFoundError if it is missing or not theirs to see."""
    post = visible_posts(user).filter(public_id=str(public_id)).first()
    if post is None:
        raise NotFoundError("There is no such post.")
    return post


# --- Searching posts (the archive page and the API's list) ----------------------------------------


def rule_q(rule_id: str) -> Q:
    """Posts whose stored findings include one from ``rule_id`` (see ``archive``'s note on
    searching by rule). Use on a queryset annotated by ``with_findings_text``."""
    return Q(findings_text__contains=f'"rule": "{rule_id}"') | Q(
        findings_text__contains=f'"rule":"{rule_id}"'
    )


def with_rule(posts: QuerySet[Post], rule_id: str) -> QuerySet[Post]:
    """The ``posts`` with a finding from ``rule_id``. PostgreSQL answers by JSON containment,
    which its GIN index on ``findings`` serves (migration 0008); SQLite has no JSON index, so
    there the findings are matched as text (``rule_q``)."""
    if connections[router.db_for_read(Post)].vendor == "postgresql":
        return posts.filter(findings__contains=[{"rule": rule_id}])
    return with_findings_text(posts).filter(rule_q(rule_id))


def with_findings_text(posts: QuerySet[Post]) -> QuerySet[Post]:
    return posts.annotate(findings_text=Cast("findings", output_field=TextField()))


def day_start(day: dt.date) -> dt.datetime:
    """The first moment of ``day`` in the service's time zone (Europe/London)."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


def post_search(
    *,
    posts: QuerySet[Post],
    q: str = "",
    account: Any = None,
    author: str = "",
    rule: str = "",
    state: str = "",
    source: str = "",
    published_from: dt.date | None = None,
    published_to: dt.date | None = None,
) -> QuerySet[Post]:
    """The ``posts`` (already scoped to what the user may read) that match every filter given,
    unordered unless ``q`` is given. The one search of posts: the archive page and
    ``GET /api/v1/posts`` both use it.

    ``q`` is a full-text query (``publishing.search``: words in any form, "phrases",
    beginnings*, -left out, OR); when it is given the posts come ranked, best match first,
    and the caller keeps that order. ``account`` is an account's pk; ``author``
    matches the author's username exactly (with or without ``@``) or their name in part, or an
    imported post's author in part; ``rule`` is a rule id the post's findings include (an
    unknown id matches nothing); ``state`` and ``source`` are exact; the dates are whole days in
    Europe/London, both ends included."""
    if account not in (None, ""):
        try:
            posts = posts.filter(account_id=int(account))
        except (TypeError, ValueError):
            posts = posts.none()
    author = (author or "").strip()
    if author:
        posts = posts.filter(
            Q(author__username__iexact=author.lstrip("@"))
            | Q(author__display_name__icontains=author)
            | Q(author__first_name__icontains=author)
            | Q(author__last_name__icontains=author)
            | Q(author_text__icontains=author)
        )
    rule = (rule or "").strip()
    if rule and rule not in registry:
        posts = posts.none()
    elif rule:
        posts = with_rule(posts, rule)
    if state:
        posts = posts.filter(state=state)
    if source:
        posts = posts.filter(source=source)
    if published_from:
        posts = posts.filter(published_at__gte=day_start(published_from))
    if published_to:
        posts = posts.filter(published_at__lt=day_start(published_to + dt.timedelta(days=1)))
    q = (q or "").strip()
    if q:
        posts = search.post_fulltext(posts, q)
    return posts


def my_posts(*, user: Any) -> QuerySet[Post]:
    """The posts ``user`` wrote, newest first."""
    return _posts().filter(author=user).order_by("-updated_at", "-pk")


def held_posts(*, user: Any) -> list[Post]:
    """For CCD: every held post on every account, with its reason, oldest first (after a major
    incident ends, each waits for a person to choose a new time, publish or withdraw it)."""
    if not permissions.is_ccd(user):
        return []
    return list(_posts().filter(state=flow.HELD).order_by("updated_at", "pk")[:200])


def approval_queue(*, user: Any) -> QuerySet[Post]:
    """Posts waiting for an approval ``user`` may give (never their own, nor words they changed
    that the author has not accepted yet), oldest first.

    Every condition of ``permissions.approval_refusal`` is asked of the database, so that the
    queue can be counted and paged there (a queue of a thousand is one page of fifty, not a
    thousand posts loaded and checked one by one)."""
    waiting = _posts().filter(state__in=sorted(flow.DECIDING)).exclude(author=user)
    if permissions.is_ccd(user):
        waiting = waiting.filter(approver_needed__in=[flow.CCD, flow.MANAGER])
    else:
        waiting = waiting.filter(approver_needed=flow.MANAGER).filter(
            Q(author__line_manager=user) | Q(account__supervisor=user)
        )
    latest_maker = PostVersion.objects.filter(post=OuterRef("pk")).order_by("-number")
    waiting = waiting.alias(
        latest_maker=Coalesce(
            Subquery(latest_maker.values("made_by_id")[:1]), Value(0), output_field=IntegerField()
        )
    ).exclude(state=flow.AWAITING_AUTHOR, latest_maker=user.pk)
    return waiting.order_by("updated_at", "pk")


def post_images(post: Post) -> QuerySet[PostImage]:
    """The images on ``post`` now (taken-off ones are kept, but not shown here)."""
    return post.images.filter(removed_at__isnull=True).defer("data")


def post_image_get(*, post: Post, image_id: Any) -> PostImage:
    image = post.images.filter(public_id=str(image_id)).first()
    if image is None:
        raise NotFoundError("There is no such image.")
    return image


def post_versions(post: Post) -> list[PostVersion]:
    """The post's versions, oldest first, each knowing the words of the one before it
    (``previous_text``) so that what changed can be shown."""
    found = list(post.versions.select_related("made_by", "accepted_by").order_by("number"))
    before = None
    for version in found:
        version.previous_text = before
        before = version.text
    return found


def pending_change(post: Post, versions: list[PostVersion]) -> dict | None:
    """An approver's change waiting for the author's answer: the version, who made it, the
    author's own version it changes, and what changed from those words, word by word."""
    if post.state != flow.AWAITING_AUTHOR or not versions or versions[-1].author_agreed:
        return None
    latest = versions[-1]
    own = next((v for v in reversed(versions) if v.author_agreed), None)
    before = own.text if own is not None else latest.text
    return {"version": latest, "own": own, "parts": word_diff(before, latest.text)}


def post_approvals(post: Post) -> QuerySet[Approval]:
    return post.approvals.select_related("approver").order_by("decided_at", "pk")


def post_removals(post: Post) -> QuerySet[Removal]:
    return post.removals.select_related("requested_by").order_by("at", "pk")


def account_connection(account: Any) -> PlatformConnection | None:
    return PlatformConnection.objects.filter(account=account).first()


# ----------------------------------------------------------------------------- findings


@dataclass(frozen=True)
class FindingView:
    """A finding as a page shows it."""

    number: int
    rule: str
    title: str
    clause: str
    severity: str
    severity_label: str
    tag_class: str
    message: str
    excerpt: str | None
    start: int | None
    end: int | None


def finding_views(findings: list[dict[str, Any]]) -> list[FindingView]:
    """The stored (or live) findings, worst first, numbered for the highlighted text."""
    order = {name: i for i, name in enumerate(SEVERITY_TAGS)}
    ranked = sorted(findings, key=lambda f: order.get(f.get("severity", ""), 99))
    views = []
    for number, finding in enumerate(ranked, start=1):
        rule_id = str(finding.get("rule", ""))
        title = registry.get(rule_id).title if rule_id in registry else rule_id
        severity = str(finding.get("severity", ""))
        tag_class, label = SEVERITY_TAGS.get(severity, ("govuk-tag--grey", severity.title()))
        views.append(
            FindingView(
                number=number,
                rule=rule_id,
                title=title,
                clause=str(finding.get("clause", "")),
                severity=severity,
                severity_label=label,
                tag_class=tag_class,
                message=str(finding.get("message", "")),
                excerpt=finding.get("excerpt"),
                start=finding.get("start"),
                end=finding.get("end"),
            )
        )
    return views


def highlighted(text: str, findings: list[FindingView]) -> SafeString:
    """``text`` escaped, with the words each finding names wrapped in ``<mark>`` (overlapping
    spans merged), and a hidden note for screen readers saying which problem it is."""
    spans: list[tuple[int, int, list[int]]] = []
    for finding in findings:
        start, end = finding.start, finding.end
        if not isinstance(start, int) or not isinstance(end, int):
            continue
        start, end = max(0, start), min(len(text), end)
        if end <= start:
            continue
        spans.append((start, end, [finding.number]))
    spans.sort()
    merged: list[tuple[int, int, list[int]]] = []
    for start, end, numbers in spans:
        if merged and start < merged[-1][1]:
            last_start, last_end, last_numbers = merged[-1]
            merged[-1] = (last_start, max(last_end, end), last_numbers + numbers)
        else:
            merged.append((start, end, numbers))
    out: list[str] = []
    cursor = 0
    for start, end, numbers in merged:
        out.append(html.escape(text[cursor:start]))
        names = " and ".join(str(n) for n in sorted(set(numbers)))
        problem = "problems" if len(set(numbers)) > 1 else "problem"
        out.append(
            f'<mark><span class="govuk-visually-hidden">(start of {problem} {names}) </span>'
            f"{html.escape(text[start:end])}"
            f'<span class="govuk-visually-hidden"> (end of {problem} {names})</span></mark>'
        )
        cursor = end
    out.append(html.escape(text[cursor:]))
    # Safe: every piece of text above went through html.escape.
    return mark_safe("".join(out))


def route_of(post: Post) -> flow.Route:
    """The route of ``post``'s stored findings (what it needs before it may go out)."""
    from bluelamp.engine.model import Finding, Severity

    findings = [
        Finding(
            rule=f["rule"],
            clause=f.get("clause", ""),
            severity=Severity.parse(f["severity"]),
            message=f.get("message", ""),
            start=f.get("start"),
            end=f.get("end"),
            excerpt=f.get("excerpt"),
        )
        for f in post.findings
    ]
    return flow.route(findings, second_opinion=post.second_opinion)
