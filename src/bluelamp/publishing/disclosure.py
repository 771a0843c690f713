"""Disclosure schedules (CC/01 4.24; Criminal Procedure and Investigations Act 1996).

A post about a specific incident or investigation carries a disclosure record: the crime
reference, the incident log reference, or that the officer in the case was told. The posts of
one investigation, listed for the disclosure officer, are its schedule.

- An investigation's reference is the post's crime reference, else its incident log reference
  (``Post.investigation``). ``investigation_list`` groups the posts the user may read by it.
- ``schedule_build(user=..., ref=..., now=...)``: the schedule for one reference: every archived
  post whose crime reference *or* incident log reference is ``ref`` (ignoring case), oldest
  first, so a post recorded against both a crime and a log is on both schedules.
- ``schedule_csv_rows(schedule)`` and ``schedule_pdf(schedule)``: the downloads. Times are UK
  time (Europe/London) with the zone named (GMT or BST). CSV cells that a spreadsheet would run
  as a formula are written with a leading single quote.

Only posts that went out (the archive: published, removed since, or imported) are scheduled;
who may see them is ``permissions.post_visibility``.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q, QuerySet

from bluelamp.core.errors import InvalidInputError, NotFoundError
from bluelamp.core.pdf import text_to_pdf
from bluelamp.engine.workflows import posts as flow
from bluelamp.publishing.archive import archive_posts
from bluelamp.publishing.models import Post

LONDON = ZoneInfo("Europe/London")


def _key(ref: str) -> str:
    return ref.strip().casefold()


@dataclass(frozen=True)
class Investigation:
    """One investigation's line in the list of schedules."""

    ref: str
    is_crime_ref: bool
    posts: int
    first_published: dt.datetime | None
    last_published: dt.datetime | None


def _with_record(user: Any) -> QuerySet[Post]:
    return archive_posts(user).filter(~Q(crime_ref="") | ~Q(incident_log_ref=""))


def investigation_list(*, user: Any, q: str = "") -> list[Investigation]:
    """The investigations among the archived posts ``user`` may read, the most recently
    posted about first. ``q`` keeps references containing it (ignoring case). Each count is
    the number of posts on that investigation's schedule."""
    rows = _with_record(user).values_list("pk", "crime_ref", "incident_log_ref", "published_at")
    by_ref: dict[str, set[int]] = {}
    when: dict[int, dt.datetime | None] = {}
    groups: dict[str, tuple[str, bool]] = {}
    for pk, crime, log, published_at in rows:
        when[pk] = published_at
        for ref in (crime, log):
            if ref.strip():
                by_ref.setdefault(_key(ref), set()).add(pk)
        main = crime if crime.strip() else log
        groups.setdefault(_key(main), (main.strip(), bool(crime.strip())))
    needle = (q or "").strip().casefold()
    found = []
    for key, (ref, is_crime) in groups.items():
        if needle and needle not in key:
            continue
        times = [when[pk] for pk in by_ref[key] if when[pk] is not None]
        found.append(
            Investigation(
                ref=ref,
                is_crime_ref=is_crime,
                posts=len(by_ref[key]),
                first_published=min(times) if times else None,
                last_published=max(times) if times else None,
            )
        )
    epoch = dt.datetime.min.replace(tzinfo=dt.UTC)
    found.sort(key=lambda i: (i.last_published or epoch, i.ref), reverse=True)
    return found


def oic_only_count(*, user: Any) -> int:
    """Archived posts ``user`` may read whose record says only that the officer in the case
    was told: with no reference, they are on no schedule."""
    return archive_posts(user).filter(crime_ref="", incident_log_ref="", oic_told=True).count()


@dataclass(frozen=True)
class Schedule:
    """The posts of one investigation, numbered in the order they were published."""

    ref: str
    posts: list[Post]
    produced_at: dt.datetime
    produced_by: str

    @property
    def title(self) -> str:
        return f"Disclosure schedule for {self.ref}"


#: A reference as the disclosure record takes it (``compose.post_record``): at most this long.
MAX_REF = 100


def clean_reference(ref: Any) -> str:
    """``ref`` stripped; InvalidInputError when it cannot be a reference a post was recorded
    against: empty, longer than ``MAX_REF``, or holding a control character (a NUL would be
    matched by SQLite as the end of the pattern, and so as every post)."""
    value = ref.strip() if isinstance(ref, str) else ""
    if not value:
        problem = "Give the crime or incident log reference of the investigation."
    elif len(value) > MAX_REF:
        problem = f"A reference is at most {MAX_REF} characters; this one is {len(value)}."
    elif any(unicodedata.category(c) == "Cc" for c in value):
        problem = "A reference cannot contain control characters."
    else:
        return value
    raise InvalidInputError(problem, errors={"ref": [problem]})


def schedule_posts(*, user: Any, ref: str) -> QuerySet[Post]:
    """The archived posts ``user`` may read recorded against ``ref`` (crime or incident log
    reference, ignoring case), oldest first. InvalidInputError for a malformed reference
    (``clean_reference``)."""
    ref = clean_reference(ref)
    return (
        archive_posts(user)
        .filter(Q(crime_ref__iexact=ref) | Q(incident_log_ref__iexact=ref))
        .select_related("recorded_by")
        .prefetch_related("removals")
        .order_by("published_at", "created_at", "pk")
    )


def schedule_build(*, user: Any, ref: str, now: dt.datetime) -> Schedule:
    """The schedule for ``ref``; NotFoundError when ``user`` may read no post recorded
    against it (missing and not theirs are answered alike)."""
    ref = clean_reference(ref)
    posts = list(schedule_posts(user=user, ref=ref))
    if not posts:
        raise NotFoundError("There is no disclosure schedule with that reference.")
    shown = next(
        (p.crime_ref or p.incident_log_ref for p in posts if _key(p.investigation) == _key(ref)),
        ref.strip(),
    )
    return Schedule(
        ref=shown,
        posts=posts,
        produced_at=now,
        produced_by=getattr(user, "label", "") or str(user),
    )


# ---------------------------------------------------------------------------------- one row


def london(value: dt.datetime | None) -> str:
    """``value`` in UK time with its zone, e.g. ``2026-11-30 14:05:00 GMT``; "" for None."""
    if value is None:
        return ""
    return value.astimezone(LONDON).strftime("%Y-%m-%d %H:%M:%S %Z")


def rules_found(post: Post) -> str:
    """The rules the post's stored findings came from, with their clauses, in order."""
    seen: dict[str, str] = {}
    for finding in post.findings or []:
        rule = finding.get("rule") if isinstance(finding, dict) else None
        if rule and rule not in seen:
            seen[rule] = finding.get("clause") or ""
    return "; ".join(f"{rule} ({clause})" if clause else rule for rule, clause in seen.items())


def state_text(post: Post) -> str:
    if post.state == flow.REMOVED:
        return "Removed"
    return post.get_state_display()


COLUMNS = (
    "Number",
    "Published (UK time)",
    "Account handle",
    "Platform",
    "Author",
    "Text",
    "Platform URL",
    "Platform post ID",
    "Crime reference",
    "Incident log reference",
    "Officer in the case told",
    "Officer in the case",
    "Recorded by",
    "Recorded at (UK time)",
    "State",
    "Removed (UK time)",
    "Rules found",
    "Source",
    "Bluelamp reference",
)


def schedule_row(number: int, post: Post) -> list[str]:
    """One post's values, in the order of ``COLUMNS``."""
    return [
        str(number),
        london(post.published_at),
        post.account.handle,  # without the @, which a spreadsheet would take for a formula
        post.account.get_platform_display(),
        post.author_label,
        post.text,
        post.platform_url,
        post.platform_post_id,
        post.crime_ref,
        post.incident_log_ref,
        "yes" if post.oic_told else "no",
        post.oic_name,
        post.recorded_by.label if post.recorded_by else "",
        london(post.recorded_at),
        state_text(post),
        london(post.removed_at),
        rules_found(post),
        post.get_source_display(),
        str(post.public_id),
    ]


# ---------------------------------------------------------------------------------- CSV

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """A cell a spreadsheet will not run as a formula: one starting with = + - @ (or a tab or
    carriage return) gets a leading single quote."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def schedule_csv_rows(schedule: Schedule) -> Iterator[list[str]]:
    """The header, then one row per post."""
    yield list(COLUMNS)
    for number, post in enumerate(schedule.posts, start=1):
        yield [csv_cell(value) for value in schedule_row(number, post)]


# ---------------------------------------------------------------------------------- PDF


def schedule_text(schedule: Schedule) -> str:
    """The schedule as plain text, for the PDF."""
    service = settings.BLUELAMP_SERVICE_NAME
    count = len(schedule.posts)
    lines = [
        "DISCLOSURE SCHEDULE: POSTS ON THE FORCE'S SOCIAL MEDIA",
        "Criminal Procedure and Investigations Act 1996; CC/01 4.24",
        "",
        f"Investigation reference: {schedule.ref}",
        f"Posts: {count}",
        f"Produced: {london(schedule.produced_at)} by {schedule.produced_by}, from {service}",
        "Times are UK time (Europe/London). The text of each post is as it was published;",
        "characters this PDF cannot show (such as emoji) appear as ?: the CSV has them exactly.",
    ]
    for number, post in enumerate(schedule.posts, start=1):
        row = dict(zip(COLUMNS, schedule_row(number, post), strict=True))
        lines += ["", "-" * 60, f"{number}. Published {row['Published (UK time)'] or 'unknown'}"]
        lines.append(f"Account: @{row['Account handle']} ({row['Platform']})")
        lines.append(f"Author: {row['Author']}")
        if row["Platform URL"]:
            lines.append(f"Platform URL: {row['Platform URL']}")
        if row["Platform post ID"]:
            lines.append(f"Platform post ID: {row['Platform post ID']}")
        lines.append(f"Crime reference: {row['Crime reference'] or 'none given'}")
        lines.append(f"Incident log reference: {row['Incident log reference'] or 'none given'}")
        told = "yes" + (f" ({post.oic_name})" if post.oic_name else "") if post.oic_told else "no"
        lines.append(f"Officer in the case told: {told}")
        if row["Recorded by"] or row["Recorded at (UK time)"]:
            lines.append(
                f"Recorded by: {row['Recorded by'] or 'unknown'}, "
                f"{row['Recorded at (UK time)'] or 'time not recorded'}"
            )
        state = row["State"]
        if row["Removed (UK time)"]:
            state += f" on {row['Removed (UK time)']}"
        lines.append(f"State: {state} ({row['Source'].lower()})")
        lines.append(f"Rules found: {row['Rules found'] or 'none'}")
        lines.append(f"Bluelamp reference: {row['Bluelamp reference']}")
        lines.append("Text:")
        lines.append(post.text)
    lines += ["", "-" * 60, "End of schedule."]
    return "\n".join(lines)


def schedule_pdf(schedule: Schedule) -> bytes:
    """The schedule as a PDF (A4, plain text, searchable)."""
    return text_to_pdf(schedule_text(schedule), title=schedule.title)


def schedule_export_record(schedule: Schedule, *, actor, kind: str, now: dt.datetime) -> None:
    """A schedule handed out is a disclosure of material: who took which posts, and when."""
    from django.db import transaction

    from bluelamp.audit.services import audit_record

    with transaction.atomic():
        audit_record(
            actor=actor,
            action="post.disclosure_exported",
            target_type="publishing.disclosure_schedule",
            target_id=schedule.ref[:100],
            target_label=f"Disclosure schedule {schedule.ref}",
            after={"format": kind, "posts": [post.pk for post in schedule.posts]},
            now=now,
        )
