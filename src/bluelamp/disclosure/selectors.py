"""The reads of a disclosure export: the filters checked once for the page, the API and the
command line, the posts they select, their counts, and each post's full record as plain data.

What an export holds, for every post in the archive (published through Bluelamp, removed since,
or imported from the platform's own export) of the account, or matching the search, published
in the date range:

- the post: account, kind (post, reply, live), author, text, times, the platform's ids and
  links, what it replies to, reposts or quotes, when it was deleted on the platform;
- its check: verdict, findings (rule, clause, severity, message, the words), when it was
  checked and the rule set's version where it was recorded;
- its disclosure record (4.24): crime and incident log references, the officer in the case;
- its images (description, digest, whether a location was stripped) and imported media
  (description and whether the export gave a location: never the coordinates);
- its history: every version of its words (four eyes), every approval, removal and correction,
  every removal or correction request from the public that names it (the request's number,
  right, decision and task; never the requester's details), every monthly review decision,
  every appeal case it is linked to, and every audit event about it.

Messages: Bluelamp holds the account's own replies (posts of kind ``reply``) but no private or
direct messages and no comments from the public: the platforms' exports it imports do not carry
them, and nothing receives them. Every export says so (``MESSAGES_NOTE``).

Memory: posts are read in batches of ``BATCH`` by primary key, each batch with its related
records in a few queries, so an export of any size streams in constant memory.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import CharField, Count, F, QuerySet
from django.db.models.functions import Cast

from bluelamp.audit.models import AuditEvent
from bluelamp.core.errors import FieldErrors
from bluelamp.data_requests.models import PostDecision
from bluelamp.publishing.archive import POST_TARGET_TYPE, archive_q
from bluelamp.publishing.models import (
    Approval,
    Correction,
    Post,
    PostImage,
    PostVersion,
    Removal,
)
from bluelamp.publishing.selectors import day_start
from bluelamp.reviews.models import AppealRemovalTask, CasePost, ReviewItem
from bluelamp.social_accounts.models import Account
from bluelamp.social_accounts.selectors import account_find

FORMATS = ("csv", "json", "pdf")
#: Posts a PDF may hold: beyond this it would be thousands of pages, and slow to make.
MAX_PDF_POSTS = 1000
#: Posts read (with their related records) at a time.
BATCH = 500
MAX_SEARCH = 200

MESSAGES_NOTE = (
    "Bluelamp holds the account's own posts and replies. It holds no private or direct "
    "messages and no comments from the public: ask the platform, or the account's owner, "
    "for those."
)


@dataclass(frozen=True)
class ExportFilters:
    """What an export selects: an account, or words in the text, or both, over whole days
    (Europe/London) from ``date_from`` to ``date_to``, both included."""

    account: Account | None
    search: str
    date_from: dt.date
    date_to: dt.date
    format: str

    @property
    def words(self) -> list[str]:
        return self.search.split()

    def as_dict(self) -> dict[str, Any]:
        """The filters as plain values (the export's header and its audit event)."""
        return {
            "account": account_label(self.account) if self.account else None,
            "search": self.search or None,
            "date_from": self.date_from.isoformat(),
            "date_to": self.date_to.isoformat(),
        }


def account_label(account: Account) -> str:
    """``x:WMPDudley``: how an account is named on the page, in the API and on the command
    line."""
    return f"{account.platform}:{account.handle}"


def _date(value: Any, field: str, what: str, errors: FieldErrors) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        errors.add(field, f"Enter the {what} date, for example 2026-03-27.")
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        errors.add(field, f"The {what} date must be a real date like 2026-03-27, not {text!r}.")
        return None


def _account(value: Any, errors: FieldErrors) -> Account | None:
    if isinstance(value, Account):
        return value
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        return None
    platform, sep, handle = text.partition(":")
    handle = handle.strip().lstrip("@")
    if not sep or not platform.strip() or not handle:
        errors.add(
            "account", f"Give the account as PLATFORM:HANDLE, like x:WMPDudley, not {text!r}."
        )
        return None
    found = account_find(platform=platform.strip().lower(), handle=handle)
    if found is None:
        errors.add("account", f"There is no {platform.strip()} account @{handle} in the registry.")
    return found


def export_filters(
    *, account: Any = "", search: Any = "", date_from: Any, date_to: Any, format: Any
) -> ExportFilters:
    """The filters checked, or InvalidInputError naming every field that is wrong (the first
    one in its message). ``account`` is an Account or ``PLATFORM:HANDLE``; dates are dates or
    ``YYYY-MM-DD``; ``format`` is csv, json or pdf. An account or search words must be given."""
    errors = FieldErrors()
    found = _account(account, errors)
    words = search.strip() if isinstance(search, str) else ""
    if len(words) > MAX_SEARCH:
        errors.add("search", f"Search words are at most {MAX_SEARCH} characters.")
    elif any(unicodedata.category(c) == "Cc" for c in words):
        errors.add("search", "Search words cannot contain control characters.")
    if not found and not words and "account" not in errors.errors:
        errors.add("account", "Choose an account, or give words to search for, or both.")
    start = _date(date_from, "date_from", "start", errors)
    end = _date(date_to, "date_to", "end", errors)
    if start and end and start > end:
        errors.add("date_to", "The end date must be the same as or after the start date.")
    kind = format.strip().lower() if isinstance(format, str) else ""
    if kind not in FORMATS:
        errors.add("format", "Choose the format: CSV, JSON or PDF.")
    errors.raise_if_any()
    return ExportFilters(
        account=found, search=" ".join(words.split()), date_from=start, date_to=end, format=kind
    )


def export_posts(filters: ExportFilters) -> QuerySet[Post]:
    """The archived posts the filters select, oldest published first. Every word of the search
    must be in the text (in part, ignoring case)."""
    posts = Post.objects.filter(archive_q())
    if filters.account is not None:
        posts = posts.filter(account=filters.account)
    for word in filters.words:
        posts = posts.filter(text__icontains=word)
    posts = posts.filter(
        published_at__gte=day_start(filters.date_from),
        published_at__lt=day_start(filters.date_to + dt.timedelta(days=1)),
    )
    return posts.order_by(F("published_at").asc(), "created_at", "pk")


@dataclass(frozen=True)
class ExportSummary:
    """What an export holds, counted before it is written: its cover, its header, its audit."""

    counts: dict[str, int]
    verdicts: dict[str, int]
    rules_versions: list[str]
    without_rules_version: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "counts": self.counts,
            "verdicts": self.verdicts,
            "rules_versions": self.rules_versions,
            "posts_without_rules_version": self.without_rules_version,
        }


def export_summary(posts: QuerySet[Post]) -> ExportSummary:
    """Counts of the posts and of each kind of record the export will hold."""
    ids = posts.order_by().values("pk")
    counts = {
        "posts": posts.count(),
        "versions": PostVersion.objects.filter(post__in=ids).count(),
        "approvals": Approval.objects.filter(post__in=ids).count(),
        "removals": Removal.objects.filter(post__in=ids).count(),
        "corrections": Correction.objects.filter(post__in=ids).count(),
        "removal_requests": PostDecision.objects.filter(archived_post__in=ids).count(),
        "review_decisions": ReviewItem.objects.filter(post__in=ids).count(),
        "appeal_cases": CasePost.objects.filter(post__in=ids).count(),
        # The audit trail keeps target ids as text: PostgreSQL will not compare them with
        # integers, so the post ids are cast.
        "history_events": AuditEvent.objects.filter(
            target_type=POST_TARGET_TYPE,
            target_id__in=posts.order_by()
            .annotate(pk_text=Cast("pk", output_field=CharField()))
            .values("pk_text"),
        ).count(),
    }
    verdicts = {
        (row["verdict"] or "not checked"): row["n"]
        for row in posts.order_by().values("verdict").annotate(n=Count("pk"))
    }
    versions = sorted(
        v for v in posts.order_by().values_list("rules_version", flat=True).distinct() if v
    )
    return ExportSummary(
        counts=counts,
        verdicts=dict(sorted(verdicts.items())),
        rules_versions=versions,
        without_rules_version=posts.filter(rules_version="").count(),
    )


# ------------------------------------------------------------------------- one post's record


def _utc(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _who(user: Any) -> str | None:
    return user.label if user is not None else None


def _finding(finding: Any) -> dict[str, Any]:
    data = finding if isinstance(finding, dict) else {}
    return {
        "rule": data.get("rule"),
        "clause": data.get("clause"),
        "severity": data.get("severity"),
        "message": data.get("message"),
        "excerpt": data.get("excerpt"),
    }


def _imported_media(media: Any) -> list[dict[str, Any]]:
    # The coordinates stay in the service: a disclosure says a location was there, not where.
    return [
        {
            "kind": m.get("kind"),
            "path": m.get("path"),
            "alt_text": m.get("alt_text"),
            "had_location": bool(m.get("gps")),
        }
        for m in (media or [])
        if isinstance(m, dict)
    ]


def _history(event: AuditEvent) -> dict[str, Any]:
    return {
        "sequence": event.sequence,
        "at": _utc(event.occurred_at),
        "actor": event.actor_text,
        "action": event.action,
        "label": event.action_label,
        "before": event.before,
        "after": event.after,
    }


def post_record(post: Post, related: dict[str, list]) -> dict[str, Any]:
    """One post and its history as plain data (the shape documented in
    docs/disclosure-export.md)."""
    return {
        "bluelamp_id": str(post.public_id),
        "account": {
            "platform": post.account.platform,
            "handle": post.account.handle,
            "name": post.account.display_name,
        },
        "kind": post.kind,
        "source": post.source,
        "state": post.state,
        "author": post.author_label,
        "text": post.text,
        "created_at": _utc(post.created_at),
        "published_at": _utc(post.published_at),
        "removed_at": _utc(post.removed_at),
        "deleted_on_platform_at": _utc(post.deleted_on_platform_at),
        "platform_post_id": post.platform_post_id or None,
        "platform_url": post.platform_url or None,
        "reply_to": post.reply_to or None,
        "repost_of": post.repost_of or None,
        "quote_of": post.quote_of or None,
        "check": {
            "verdict": post.verdict or None,
            "checked_at": _utc(post.checked_at),
            "rules_version": post.rules_version or None,
            "findings": [_finding(f) for f in post.findings or []],
        },
        "disclosure_record": {
            "crime_ref": post.crime_ref or None,
            "incident_log_ref": post.incident_log_ref or None,
            "oic_told": post.oic_told,
            "oic_name": post.oic_name or None,
            "recorded_by": _who(post.recorded_by),
            "recorded_at": _utc(post.recorded_at),
        },
        "images": [
            {
                "position": image.position,
                "alt_text": image.alt_text,
                "mime_type": image.mime_type,
                "sha256": image.sha256,
                "had_location": image.had_location,
                "force_owns": image.force_owns,
                "removed_at": _utc(image.removed_at),
            }
            for image in related["images"]
        ],
        "imported_media": _imported_media(post.imported_media),
        "versions": [
            {
                "number": v.number,
                "text": v.text,
                "source": v.source,
                "made_by": _who(v.made_by),
                "made_at": _utc(v.made_at),
                "accepted_by": _who(v.accepted_by),
                "accepted_at": _utc(v.accepted_at),
            }
            for v in related["versions"]
        ],
        "approvals": [
            {
                "approver": _who(a.approver),
                "as_role": a.as_role,
                "decision": a.decision,
                "note": a.note,
                "version": a.version,
                "decided_at": _utc(a.decided_at),
                "rules_seen": sorted(
                    {f.get("rule") for f in a.findings_seen or [] if isinstance(f, dict)} - {None}
                ),
                "authorised": list(a.authorised or []),
            }
            for a in related["approvals"]
        ],
        "removals": [
            {
                "requested_by": _who(r.requested_by),
                "reason": r.reason,
                "outcome": r.outcome,
                "detail": r.detail,
                "by_hand_needed": r.by_hand_needed,
                "at": _utc(r.at),
            }
            for r in related["removals"]
        ],
        "corrections": [
            {
                "requested_by": _who(c.requested_by),
                "reason": c.reason,
                "old_text": c.old_text,
                "new_text": c.new_text,
                "outcome": c.outcome,
                "at": _utc(c.at),
            }
            for c in related["corrections"]
        ],
        "removal_requests": [
            {
                "reference": d.request.reference,
                "right": d.request.right,
                "request_status": d.request.status,
                "outcome": d.outcome,
                "decided_at": _utc(d.decided_at),
                "task_carried_out_at": _utc(d.task.carried_out_at) if hasattr(d, "task") else None,
            }
            for d in related["removal_requests"]
        ],
        "reviews": [
            {
                "month": item.review.month.strftime("%Y-%m"),
                "decision": item.decision or None,
                "note": item.note,
                "decided_by": _who(item.decided_by),
                "decided_at": _utc(item.decided_at),
            }
            for item in related["reviews"]
        ],
        "appeal_cases": [
            {
                "case": str(link.case),
                "status": link.case.status,
                "resolved_at": _utc(link.case.resolved_at),
                "removal_due_at": _utc(related["appeal_tasks"].get((link.case_id, 0))),
                "removal_done_at": _utc(related["appeal_tasks"].get((link.case_id, 1))),
            }
            for link in related["appeal_cases"]
        ],
        "history": [_history(event) for event in related["history"]],
    }


def _group(rows, key) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for row in rows:
        grouped.setdefault(key(row), []).append(row)
    return grouped


def _batch_records(pks: list[int]) -> Iterator[dict[str, Any]]:
    posts = {
        p.pk: p
        for p in Post.objects.filter(pk__in=pks).select_related("account", "author", "recorded_by")
    }
    images = _group(
        PostImage.objects.filter(post_id__in=pks).defer("data").order_by("position", "pk"),
        lambda r: r.post_id,
    )
    versions = _group(
        PostVersion.objects.filter(post_id__in=pks)
        .select_related("made_by", "accepted_by")
        .order_by("number"),
        lambda r: r.post_id,
    )
    approvals = _group(
        Approval.objects.filter(post_id__in=pks)
        .select_related("approver")
        .order_by("decided_at", "pk"),
        lambda r: r.post_id,
    )
    removals = _group(
        Removal.objects.filter(post_id__in=pks).select_related("requested_by").order_by("at", "pk"),
        lambda r: r.post_id,
    )
    corrections = _group(
        Correction.objects.filter(post_id__in=pks)
        .select_related("requested_by")
        .order_by("at", "pk"),
        lambda r: r.post_id,
    )
    decisions = _group(
        PostDecision.objects.filter(archived_post_id__in=pks)
        .select_related("request", "task")
        .order_by("request__received_at", "pk"),
        lambda r: r.archived_post_id,
    )
    reviews = _group(
        ReviewItem.objects.filter(post_id__in=pks)
        .select_related("review", "decided_by")
        .order_by("review__month", "pk"),
        lambda r: r.post_id,
    )
    cases = _group(
        CasePost.objects.filter(post_id__in=pks).select_related("case").order_by("linked_at"),
        lambda r: r.post_id,
    )
    tasks: dict[int, dict] = {}
    for task in AppealRemovalTask.objects.filter(post_id__in=pks):
        tasks.setdefault(task.post_id, {})[(task.case_id, 0)] = task.due_at
        tasks[task.post_id][(task.case_id, 1)] = task.done_at
    history = _group(
        # The record names the actor as the event recorded it (``actor_text``): no join.
        AuditEvent.objects.filter(
            target_type=POST_TARGET_TYPE, target_id__in=[str(pk) for pk in pks]
        ).order_by("sequence"),
        lambda e: int(e.target_id),
    )
    for pk in pks:
        post = posts.get(pk)
        if post is None:  # gone between the count and the read: posts are never deleted
            continue
        yield post_record(
            post,
            {
                "images": images.get(pk, []),
                "versions": versions.get(pk, []),
                "approvals": approvals.get(pk, []),
                "removals": removals.get(pk, []),
                "corrections": corrections.get(pk, []),
                "removal_requests": decisions.get(pk, []),
                "reviews": reviews.get(pk, []),
                "appeal_cases": cases.get(pk, []),
                "appeal_tasks": tasks.get(pk, {}),
                "history": history.get(pk, []),
            },
        )


def export_records(posts: QuerySet[Post], *, batch: int = BATCH) -> Iterator[dict[str, Any]]:
    """Every post ``posts`` selects, in its order, as ``post_record``: read ``batch`` at a
    time, so memory does not grow with the number of posts."""
    pks: list[int] = []
    for pk in posts.values_list("pk", flat=True).iterator(chunk_size=2000):
        pks.append(pk)
        if len(pks) >= batch:
            yield from _batch_records(pks)
            pks = []
    if pks:
        yield from _batch_records(pks)
