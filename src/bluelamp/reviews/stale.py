"""Which live posts of an account may be out of date (CC/01 4.1): the reasons each is listed in
its monthly review. Read-only; the services store what this finds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from bluelamp.core.policy import policy_pack
from bluelamp.engine import content_dates
from bluelamp.engine.deadlines import london_date
from bluelamp.engine.model import Post as EnginePost
from bluelamp.engine.rules import check_post
from bluelamp.publishing.choices import PostState
from bluelamp.publishing.importing import rules_version
from bluelamp.publishing.models import Post
from bluelamp.reviews import links
from bluelamp.reviews.choices import RESOLVED, CaseStatus, Reason
from bluelamp.reviews.matching import name_pattern
from bluelamp.reviews.models import Case, CasePost


def _rule_ids(findings: Iterable[dict]) -> set[str]:
    return {f.get("rule", "") for f in findings}


def stale_reasons(account, *, today: dt.date) -> dict[int, tuple[Post, list[dict]]]:
    """Each live post of ``account`` that may be out of date, with why (``Reason`` codes and
    a detail), by the post's id."""
    posts = list(Post.objects.filter(account=account, state=PostState.PUBLISHED).order_by("pk"))
    found: dict[int, tuple[Post, list[dict]]] = {}

    def add(post: Post, code: str, detail: str) -> None:
        found.setdefault(post.pk, (post, []))[1].append({"code": code, "detail": detail})

    resolved_links = {
        link.post_id: link.case
        for link in CasePost.objects.select_related("case").filter(
            post__in=posts, case__status__in=RESOLVED
        )
    }
    charged = [
        (case, pattern)
        for case in Case.objects.filter(status=CaseStatus.CHARGED)
        if (pattern := name_pattern(case.name)) is not None
    ]
    pack = policy_pack()
    version = rules_version(pack)
    open_appeals = set(
        CasePost.objects.filter(post__in=posts, case__status=CaseStatus.OPEN).values_list(
            "post_id", flat=True
        )
    )
    for post in posts:
        if post.pk in open_appeals:
            for url in links.force_links(post.text, pack.web_domains):
                answer = links.link_answers(url)
                if not answer.ok:
                    add(post, Reason.LINK_BROKEN, f"{url}: {answer.detail}")
        case = resolved_links.get(post.pk)
        if case is not None:
            add(
                post,
                Reason.APPEAL_RESOLVED,
                f"{case} is marked {case.get_status_display().lower()}",
            )
        published = london_date(post.published_at or post.created_at)
        last = content_dates.last_date_in_text(post.text, published_on=published)
        if last is not None and last < today:
            add(post, Reason.DATE_PASSED, f"{last:%-d %B %Y}")
        for case, pattern in charged:
            if pattern.search(post.text) and post.pk not in resolved_links:
                add(post, Reason.NAMES_CHARGED, str(case))
        if post.rules_version != version and post.text.strip():
            report = check_post(
                EnginePost(
                    text=post.text,
                    tier=account.tier,
                    handle=account.handle,
                    kind=post.kind if post.kind in ("post", "reply", "live") else "post",
                    authorisations=frozenset(post.authorisations or ()),
                ),
                pack,
            )
            now_ids = {f.rule for f in report.findings}
            if now_ids != _rule_ids(post.findings):
                new = sorted(now_ids - _rule_ids(post.findings))
                detail = ("now finds " + ", ".join(new)) if new else "findings cleared"
                add(post, Reason.FINDINGS_CHANGED, detail)
    return found
