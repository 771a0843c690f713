"""Who may write, approve, publish, remove and read posts (CC/01 3.11, 4.4, 6.14).

- Posting on an account: its roster, its owner and deputy, and CCD; a ``force`` account only
  CCD (3.11). The account must be active.
- Approving: never the author (four eyes). A post routed to CCD needs a CCD member; a post
  routed to the line manager needs the author's line manager, the account's supervisor, or CCD.
- Answering an approver's change to the words (accept or reject it): the author; someone who may
  post on the account only when the author has left; never the one who made the change.
- Removing a published post: its author, the account's owner, or CCD.
- Reading: whoever may post on the account, the approvers of the post, line managers of the
  author, CCD, PSD and auditors (the archive is the force's record of what it said).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from bluelamp.core.errors import PermissionDeniedError
from bluelamp.core.permissions import user_has_role
from bluelamp.core.roles import Role
from bluelamp.engine.workflows import posts as flow

READS_EVERYTHING = (Role.CCD, Role.PSD, Role.AUDITOR)
#: Who may use posts at all (pages and API): each post is then scoped by ``post_visibility``.
READERS = (Role.STAFF, Role.LINE_MANAGER, Role.CCD, Role.PSD, Role.AUDITOR)
#: Who may write posts at all: each account is then checked by ``posting_refusal``.
WRITERS = (Role.STAFF, Role.LINE_MANAGER, Role.CCD)


def is_ccd(user: Any) -> bool:
    return user_has_role(user, Role.CCD)


def posting_refusal(user: Any, account: Any) -> str | None:
    """Why ``user`` may not post on ``account``, or None if they may."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return "Sign in to write posts."
    if account.status != "active":
        return f"{account} is {account.get_status_display().lower()}: nothing can be posted on it."
    if is_ccd(user):
        return None
    if account.tier == "force":
        return "Only Corporate Communications post on the force's main accounts (3.11)."
    if not user_has_role(user, Role.STAFF, Role.LINE_MANAGER):
        return "You do not have permission to write posts."
    pk = user.pk
    if account.owner_id == pk or account.deputy_id == pk:
        return None
    if account.memberships.filter(user_id=pk).exists():
        return None
    return "Only the account's roster, its owner and Corporate Communications may post on it."


def check_can_post(user: Any, account: Any) -> None:
    refusal = posting_refusal(user, account)
    if refusal:
        raise PermissionDeniedError(refusal)


def postable_accounts(user: Any):
    """The active accounts ``user`` may post on."""
    from bluelamp.social_accounts.models import Account, RosterMembership

    active = Account.objects.filter(status="active")
    if is_ccd(user):
        return active
    if not user_has_role(user, Role.STAFF, Role.LINE_MANAGER):
        return active.none()
    mine = (
        Q(owner=user)
        | Q(deputy=user)
        | Q(pk__in=RosterMembership.objects.filter(user=user).values("account"))
    )
    return active.filter(mine).exclude(tier="force")


def approval_refusal(user: Any, post: Any) -> str | None:
    """Why ``user`` may not decide on ``post``'s approval, or None if they may."""
    if post.author_id is not None and post.author_id == user.pk:
        return "No one approves their own post: another person must decide."
    if post.approver_needed == flow.CCD:
        return None if is_ccd(user) else "This post needs Corporate Communications' approval."
    if post.approver_needed == flow.MANAGER:
        if is_ccd(user) or user.pk in manager_ids(post):
            return None
        return "Only the author's line manager (or Corporate Communications) can approve this."
    return "This post is not waiting for an approval."


def check_can_approve(user: Any, post: Any) -> None:
    refusal = approval_refusal(user, post)
    if refusal:
        raise PermissionDeniedError(refusal)


def change_answer_refusal(user: Any, post: Any) -> str | None:
    """Why ``user`` may not accept or reject an approver's change to ``post``'s words, or None.
    Not Corporate Communications on the author's behalf: the point is that the author agrees."""
    latest = post.versions.order_by("-number").values_list("made_by_id", "source").first()
    if latest is not None and latest[1] == "approver" and latest[0] == user.pk:
        return "You made this change: the post's author must accept or reject it."
    if post.author_id is not None and post.author_id == user.pk:
        return None
    if post.author_id is not None and post.author.is_active:
        return "Only the post's author can accept or reject a change to their words."
    return posting_refusal(user, post.account)


def check_can_answer_change(user: Any, post: Any) -> None:
    refusal = change_answer_refusal(user, post)
    if refusal:
        raise PermissionDeniedError(refusal)


def manager_ids(post: Any) -> set[int]:
    """The people who count as the author's line manager for this post: the author's own line
    manager and the account's supervisor, never the author (a supervisor's own post goes to
    their line manager, or to Corporate Communications when they have none)."""
    ids = set()
    author = post.author
    if author is not None and author.line_manager_id:
        ids.add(author.line_manager_id)
    if post.account.supervisor_id:
        ids.add(post.account.supervisor_id)
    ids.discard(post.author_id)
    return ids


def manages_themselves(user: Any, post: Any) -> bool:
    """Whether ``user``, the author, is who would approve their own post as its line manager
    (the account's supervisor, or a line manager with none of their own): it goes to
    Corporate Communications instead."""
    return post.account.supervisor_id == user.pk or user_has_role(user, Role.LINE_MANAGER)


def removal_refusal(user: Any, post: Any) -> str | None:
    if is_ccd(user):
        return None
    if post.author_id == user.pk or post.account.owner_id == user.pk:
        return None
    return "Only the author, the account's owner or Corporate Communications may remove a post."


def check_can_remove(user: Any, post: Any) -> None:
    refusal = removal_refusal(user, post)
    if refusal:
        raise PermissionDeniedError(refusal)


def author_refusal(user: Any, post: Any) -> str | None:
    """For the author's own steps (edit, submit, schedule, publish, withdraw): the author, or
    anyone who may post on the account when the author has left, or CCD."""
    if post.author_id == user.pk or is_ccd(user):
        return None
    if post.author_id is not None and post.author.is_active:
        return "Only the post's author (or Corporate Communications) can do that."
    return posting_refusal(user, post.account)


def check_author(user: Any, post: Any) -> None:
    refusal = author_refusal(user, post)
    if refusal:
        raise PermissionDeniedError(refusal)


def post_visibility(user: Any) -> Q | None:
    """A filter for the posts ``user`` may read; None means all of them."""
    if user_has_role(user, *READS_EVERYTHING):
        return None
    if not user_has_role(user, Role.STAFF, Role.LINE_MANAGER):
        return Q(pk__in=[])
    from bluelamp.social_accounts.models import RosterMembership

    mine = (
        Q(author=user)
        | Q(account__owner=user)
        | Q(account__deputy=user)
        | Q(account__supervisor=user)  # may approve its posts (manager_ids), so may read them
        | Q(account__in=RosterMembership.objects.filter(user=user).values("account"))
    )
    if user_has_role(user, Role.LINE_MANAGER):
        mine |= Q(author__line_manager=user)
    return mine


def can_read(user: Any, post: Any) -> bool:
    from bluelamp.publishing.models import Post

    visible = post_visibility(user)
    if visible is None:
        return True
    return Post.objects.filter(visible, pk=post.pk).exists()
