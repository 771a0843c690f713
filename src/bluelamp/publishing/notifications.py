"""Who is told what as a post moves (sent after the change commits, like every notice):

- sent for approval: the approver it needs (CCD's mailbox, or the author's line manager and the
  account's supervisor);
- approved, held at approval, returned: the author;
- held (a major incident declared, or a check it now fails at its time) and failed to
  publish: the author;
- released, rescheduled or withdrawn by Corporate Communications after it was held: the author;
- changed by an approver: the author, with what changed; the change rejected: the approver who
  made it.

A message names the post and the account, and says what to do. It quotes no post text (an
e-mail is a copy outside the archive), with one exception: the author is shown, word by word,
what an approver changed in their post, because they are asked to agree to those words going
out in their name and must be able to see them wherever they read the request.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from bluelamp.core.mail import addresses, ccd_addresses, notify
from bluelamp.core.policy import policy_pack
from bluelamp.engine.workflows import posts as flow
from bluelamp.publishing.diffs import as_plain_text, word_diff


def _what(post: Any) -> str:
    return f"post {post.pk} on {post.account} ({post.account.get_platform_display()})"


def _link(post: Any) -> str:
    return reverse("publishing:post_detail", args=[post.public_id])


def sent_for_approval(post: Any, approver: str) -> None:
    from bluelamp.core.models import User

    if approver == flow.CCD:
        to = ccd_addresses(policy_pack())
        who = "Corporate Communications"
    else:
        from bluelamp.publishing.permissions import manager_ids

        to = addresses(*User.objects.filter(pk__in=manager_ids(post), is_active=True))
        who = "the author's line manager"
    notify(
        link=_link(post),
        subject=f"A post needs your approval: {post.account}",
        body=(
            f"{post.author_label} has sent {_what(post)} for approval by {who}.\n\n"
            "Sign in to Bluelamp and open Posts, then Waiting for your approval, to read it "
            "with the policy's findings and approve it, change it or return it."
        ),
        to=to,
    )


def decided(post: Any, decision: str, note: str = "") -> None:
    if post.author is None:
        return
    said = f"\n\nTheir note: {note}" if note else ""
    if post.state == flow.HELD:
        then = post.held_reason
    elif post.state == flow.SCHEDULED:
        then = "It will be published at its scheduled time."
    elif decision == "returned":
        then = "Take it back to draft, change it and send it again."
    else:
        then = "You can publish it now or schedule it."
    notify(
        link=_link(post),
        subject=f"Your post on {post.account} was {decision}",
        body=f"Your {_what(post)} was {decision}.{said}\n\n{then}",
        to=addresses(post.author),
    )


def held_or_failed(post: Any, what: str, reason: str) -> None:
    if post.author is None:
        return
    notify(
        link=_link(post),
        subject=f"Your post on {post.account} was {what}",
        body=(
            f"Your {_what(post)} was {what}: {reason}\n\n"
            "Sign in to Bluelamp and open the post to choose what happens next."
        ),
        to=addresses(post.author),
    )


def released(post: Any, what: str, actor: Any, then: str) -> None:
    if post.author is None or post.author_id == getattr(actor, "pk", None):
        return
    notify(
        link=_link(post),
        subject=f"Your held post on {post.account} was {what}",
        body=f"Corporate Communications {what} your {_what(post)}, which was held.\n\n{then}",
        to=addresses(post.author),
    )


def changed_by_approver(post: Any, approver: Any, old_text: str, number: int) -> None:
    if post.author is None:
        return
    notify(
        link=_link(post),
        subject=f"Your post on {post.account} was changed by {approver.label}: do you accept it?",
        body=(
            f"{approver.label} changed the words of your {_what(post)} while deciding on it. "
            f"The changed words are version {number}; they cannot be published unless you "
            "accept them or another approver approves them.\n\n"
            "What changed (words taken out are in [-...-], words put in are in {+...+}):\n\n"
            f"{as_plain_text(word_diff(old_text, post.text))}\n\n"
            "Sign in to Bluelamp and open the post to accept the change, reject it (your own "
            "words come back as a draft), or take it back to draft to change it."
        ),
        to=addresses(post.author),
    )


def change_rejected(post: Any, approver: Any, reason: str = "") -> None:
    if approver is None:
        return
    said = f"\n\nTheir reason: {reason}" if reason else ""
    notify(
        link=_link(post),
        subject=f"Your change to a post on {post.account} was rejected",
        body=(
            f"{post.author_label} rejected your change to {_what(post)}.{said}\n\n"
            "The post is a draft again with the author's own words. It comes back to you if "
            "they send it for approval again."
        ),
        to=addresses(approver),
    )
