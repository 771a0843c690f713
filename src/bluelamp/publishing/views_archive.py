"""The archive's pages (CC/01 4.4, 4.26) and the disclosure schedules (4.24, CPIA 1996).

Each view checks the role on the server (``require_role``), then fetches through a scoped read
(``archive``, ``disclosure``): a post that is missing and a post the user may not read are both
404. Nothing here changes anything.
"""

from __future__ import annotations

import csv
from typing import Any

from django import forms
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from bluelamp.core.forms import date_field
from bluelamp.core.paging import COUNT_CAP, CappedPaginator, Count, count_of, page_numbers
from bluelamp.core.permissions import require_role, user_has_role
from bluelamp.core.roles import Role
from bluelamp.publishing import archive, disclosure, permissions, search
from bluelamp.publishing.actions import POST_ACTIONS
from bluelamp.publishing.choices import PostState, Source

PAGE_SIZE = 50
#: Who may open the archive: what each of them sees is ``permissions.post_visibility``.
ARCHIVE_ROLES = permissions.READERS
archive_required = require_role(*ARCHIVE_ROLES)

STATE_CHOICES = [
    ("", "Any state"),
    (PostState.PUBLISHED.value, "Published"),
    (PostState.REMOVED.value, "Removed"),
]
SOURCE_CHOICES = [("", "Any source"), *Source.choices]


#: Up to this many accounts the account filter is a drop-down; beyond, a handle to type.
ACCOUNT_MENU_LIMIT = 100


class ArchiveFilterForm(forms.Form):
    """Search the archive (all optional; GET)."""

    q = forms.CharField(
        label="Words in the post",
        required=False,
        max_length=200,
        help_text=(
            'Any form of each word. Use "quotes" for a phrase, * for the start of a word '
            "(burg*), a minus to leave a word out (-theft) and OR for either word"
        ),
    )
    account = forms.ChoiceField(label="Account", required=False)
    author = forms.CharField(
        label="Author", required=False, max_length=150, help_text="Name or username"
    )
    rule = forms.ChoiceField(label="Rule found when it was checked", required=False)
    state = forms.ChoiceField(label="State", required=False, choices=STATE_CHOICES)
    source = forms.ChoiceField(label="How it was published", required=False, choices=SOURCE_CHOICES)
    published_from = date_field("Published from", "For example, 27 3 2026")
    published_to = date_field("Published to", "For example, 31 3 2026")

    def __init__(self, *args: Any, accounts: Any = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._accounts = accounts
        listed = list(accounts[: ACCOUNT_MENU_LIMIT + 1])
        if len(listed) <= ACCOUNT_MENU_LIMIT:
            self.fields["account"].choices = [("", "Any account")] + [
                (str(a.pk), f"{a.at_handle} ({a.get_platform_display()})") for a in listed
            ]
        else:
            # Thousands of options make a page of hundreds of kilobytes that nobody can scan:
            # past the limit the account is typed.
            self.fields["account"] = forms.CharField(
                label="Account",
                required=False,
                max_length=120,
                help_text="The account's handle, for example @WMPDudley (or x:@WMPDudley)",
            )
        self.fields["rule"].choices = [("", "Any rule"), *archive.rule_choices()]

    @property
    def account_is_typed(self) -> bool:
        return isinstance(self.fields["account"], forms.CharField)

    def clean_account(self) -> str:
        value = (self.cleaned_data.get("account") or "").strip()
        if not value or not self.account_is_typed:
            return value
        platform, _, handle = value.rpartition(":")
        handle = handle.strip().lstrip("@")
        found = self._accounts.filter(handle__iexact=handle)
        if platform.strip():
            found = found.filter(platform=platform.strip().lower())
        matches = list(found[:5])
        if not matches:
            raise forms.ValidationError(f"No account in the archive has the handle @{handle}")
        if len(matches) > 1:
            where = " or ".join(f"{a.platform}:{a.at_handle}" for a in matches)
            raise forms.ValidationError(
                f"@{handle} is an account on more than one platform: enter {where}"
            )
        return str(matches[0].pk)

    def clean_q(self) -> str:
        q = self.cleaned_data.get("q", "")
        if problem := search.problem(q):
            raise forms.ValidationError(problem)
        return q

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("published_from"), cleaned.get("published_to")
        if start and end and start > end:
            self.add_error("published_to", "The end date must be the same as or after the start")
        return cleaned

    def filters(self) -> dict[str, Any]:
        """The valid filters, for ``archive.archive_search``; none while the form has errors."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}


def _query_without_page(request) -> str:
    query = request.GET.copy()
    for name in ("page", "after", "before"):
        query.pop(name, None)
    return query.urlencode()


@require_safe
@archive_required
def archive_list(request):
    """The archive: every post that went out that the user may read, newest first."""
    accounts = archive.archive_accounts(user=request.user)
    form = ArchiveFilterForm(request.GET or None, accounts=accounts)
    filters = form.filters()
    posts = archive.archive_search(user=request.user, **filters)
    words = filters.get("q", "")
    if words:
        # Best match first cannot be read by keyset: numbered pages over the first COUNT_CAP
        # matches, counted no further.
        paginator = CappedPaginator(posts, PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
        page.object_list = search.with_highlights(page.object_list, words)
        # The pages' count is exact below the cap: the matches are not counted twice.
        count = Count(paginator.count) if paginator.count < COUNT_CAP else count_of(posts)
    else:
        # Newer and older by keyset, and a count that stops at COUNT_CAP (PostgreSQL's
        # estimate beyond it): neither reads the whole archive, however large.
        page = archive.archive_paginator(posts, per_page=PAGE_SIZE).page(
            after=request.GET.get("after", ""), before=request.GET.get("before", "")
        )
        # A first page with no next holds the whole result: it is its own count.
        single = not page.has_previous() and not page.has_next()
        count = Count(len(page)) if single else count_of(posts)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "publishing/archive_list.html",
        {
            "title": "Archive",
            "form": form,
            "filtered": bool(filters),
            "ranked": bool(words),
            # Only the newest matches are ranked (search.RANK_LIMIT): say so when there may be more.
            "rank_limit": f"{search.RANK_LIMIT:,}",
            "bounded": bool(words) and count.value == search.RANK_LIMIT,
            "page": page,
            "count": count,
            "page_numbers": page_numbers(page) if words else [],
            "query": _query_without_page(request),
            "reads_everything": permissions.post_visibility(request.user) is None,
            "can_import": user_has_role(request.user, Role.CCD),
        },
        status=status,
    )


def _thumbnail_size(image, largest: int = 320) -> tuple[int, int]:
    width, height = max(image.width, 1), max(image.height, 1)
    scale = min(1.0, largest / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


@require_safe
@archive_required
def archive_detail(request, public_id):
    """One archived post with everything kept about it."""
    post = archive.archive_get(user=request.user, public_id=public_id)
    images = [
        (image, *_thumbnail_size(image))
        for image in post.images.defer("data").order_by("position", "pk")
    ]
    return render(
        request,
        "publishing/archive_detail.html",
        {
            "title": f"Post on {post.account.at_handle}",
            "post": post,
            "images": images,
            "approvals": archive.post_approvals(post),
            "removals": archive.post_removals(post),
            "history": archive.post_history(post),
            "rules_found": disclosure.rules_found(post),
            "sees_audit_trail": user_has_role(request.user, Role.AUDITOR),
            "can_remove": "remove" in POST_ACTIONS.available(post, request.user),
        },
    )


# ---------------------------------------------------------------------------- disclosure


@require_safe
@archive_required
def disclosure_list(request):
    """The investigations with posts recorded against them, for the disclosure officer."""
    q = request.GET.get("q", "")[:100]
    return render(
        request,
        "publishing/disclosure_list.html",
        {
            "title": "Disclosure schedules",
            "q": q,
            "investigations": disclosure.investigation_list(user=request.user, q=q),
            "oic_only": disclosure.oic_only_count(user=request.user),
            "reads_everything": permissions.post_visibility(request.user) is None,
        },
    )


@require_safe
@archive_required
def disclosure_schedule(request, ref: str):
    """One investigation's schedule, with its downloads."""
    schedule = disclosure.schedule_build(user=request.user, ref=ref, now=timezone.now())
    rows = []
    for number, post in enumerate(schedule.posts, start=1):
        values = dict(zip(disclosure.COLUMNS, disclosure.schedule_row(number, post), strict=True))
        values.pop("Number")
        rows.append((number, post, list(values.items())))
    return render(
        request,
        "publishing/disclosure_schedule.html",
        {
            "title": schedule.title,
            "schedule": schedule,
            "ref": ref,
            "rows": rows,
            "reads_everything": permissions.post_visibility(request.user) is None,
        },
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


def _filename(ref: str, extension: str) -> str:
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in ref).strip("-")[:60]
    stamp = timezone.localdate().isoformat()
    return f"disclosure-schedule-{safe or 'reference'}-{stamp}.{extension}"


@require_safe
@archive_required
def disclosure_csv(request, ref: str):
    """The schedule as CSV (streamed), safe to open in a spreadsheet."""
    now = timezone.now()
    schedule = disclosure.schedule_build(user=request.user, ref=ref, now=now)
    disclosure.schedule_export_record(schedule, actor=request.user, kind="csv", now=now)
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in disclosure.schedule_csv_rows(schedule)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(schedule.ref, "csv")}"'
    response["Cache-Control"] = "no-store"
    return response


@require_safe
@archive_required
def disclosure_pdf(request, ref: str):
    """The schedule as a PDF."""
    now = timezone.now()
    schedule = disclosure.schedule_build(user=request.user, ref=ref, now=now)
    disclosure.schedule_export_record(schedule, actor=request.user, kind="pdf", now=now)
    response = HttpResponse(disclosure.schedule_pdf(schedule), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(schedule.ref, "pdf")}"'
    response["Cache-Control"] = "no-store"
    return response
