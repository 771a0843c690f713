"""A post's life from draft to the platform and off it again (CC/01 section 4).

The rules *route* a post, they do not only warn (``route``): a ``block`` finding must be fixed
before anything else; ``review`` findings send it to the approver the rule needs (Corporate
Communications for appeals from NPU accounts 4.11, live broadcasts 4.20, anything during a
declared major incident 4.16 and election periods 6.12; the author's line manager for the other
judgement calls and when the author asks for a second opinion 6.14); a ``record`` finding
(4.24) needs the incident log or crime reference, or the author's word that the officer in the
case was told, before the post may go out.

Four eyes stay four: an approver who changes the words makes a new version that goes back to
the author (``awaiting_author``). The author accepts it (back to ``awaiting_approval``: the
words count as the author's own again, and any approver may approve them), rejects it (a draft
again, with the author's own words), or takes it back to draft to change it. Another approver,
who did not make the change, may approve it instead; the one who made it may not.

A post approved after the time it was scheduled for is *held*: it is never published late unless
a person chooses a new time or publishes it now. A declared major incident holds every scheduled
post too; when it ends, Corporate Communications releases held posts (``release``: ready again,
or scheduled for their time if it is still to come), reschedules or withdraws them.

During a major incident the ``major-incident`` rule's finding is a ``block`` in the engine's
contract, but one an approver may lift (``AUTHORISABLE_BLOCKS``): a post carrying it is routed to
Corporate Communications for approval. ``as_routed`` restates such findings as ``review``, so that
what a person reads (the verdict, the findings, the approver's queue) says what will happen to
the post, not "block" for a post that can be sent on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from bluelamp.engine.model import Finding, Severity
from bluelamp.engine.workflows import Workflow

DRAFT = "draft"
AWAITING_APPROVAL = "awaiting_approval"
AWAITING_AUTHOR = "awaiting_author"  # an approver changed the words: the author must agree
RETURNED = "returned"
READY = "ready"
SCHEDULED = "scheduled"
HELD = "held"
PUBLISHING = "publishing"
PUBLISHED = "published"
FAILED = "failed"
REMOVED = "removed"
WITHDRAWN = "withdrawn"

STATES = (
    DRAFT,
    AWAITING_APPROVAL,
    AWAITING_AUTHOR,
    RETURNED,
    READY,
    SCHEDULED,
    HELD,
    PUBLISHING,
    PUBLISHED,
    FAILED,
    REMOVED,
    WITHDRAWN,
)

SUBMIT = "submit"  # nothing to approve: ready to publish
SUBMIT_SCHEDULED = "submit_scheduled"  # nothing to approve, and a time given
SEND_FOR_APPROVAL = "send_for_approval"
APPROVE = "approve"  # to ready
APPROVE_SCHEDULED = "approve_scheduled"  # approved before its time: scheduled
APPROVE_LATE = "approve_late"  # approved after its time: held
RETURN = "return"
APPROVER_EDIT = "approver_edit"  # the approver changes the words: a new version for the author
ACCEPT_CHANGE = "accept_change"  # the author accepts the approver's change as their own
REJECT_CHANGE = "reject_change"  # the author rejects it: a draft again, with their own words
REVISE = "revise"  # back to draft to change it
SCHEDULE = "schedule"
UNSCHEDULE = "unschedule"
HOLD = "hold"
RELEASE = "release"  # CCD lets a held post go again once the reason for holding it has passed
PUBLISH = "publish"  # a person or the worker starts publishing
CONFIRM = "confirm"  # the platform confirmed it
FAIL = "fail"
REMOVE = "remove"  # the platform confirmed the deletion (or a person did it in the app)
CORRECT = "correct"  # change a published post's words on its platform (4.26): it stays published
WITHDRAW = "withdraw"

ACTIONS = (
    SUBMIT,
    SUBMIT_SCHEDULED,
    SEND_FOR_APPROVAL,
    APPROVE,
    APPROVE_SCHEDULED,
    APPROVE_LATE,
    RETURN,
    APPROVER_EDIT,
    ACCEPT_CHANGE,
    REJECT_CHANGE,
    REVISE,
    SCHEDULE,
    UNSCHEDULE,
    HOLD,
    RELEASE,
    PUBLISH,
    CONFIRM,
    FAIL,
    REMOVE,
    CORRECT,
    WITHDRAW,
)

TRANSITIONS: dict[tuple[str, str], str] = {
    (DRAFT, SUBMIT): READY,
    (DRAFT, SEND_FOR_APPROVAL): AWAITING_APPROVAL,
    (DRAFT, SUBMIT_SCHEDULED): SCHEDULED,
    (DRAFT, WITHDRAW): WITHDRAWN,
    (AWAITING_APPROVAL, APPROVE): READY,
    (AWAITING_APPROVAL, APPROVE_SCHEDULED): SCHEDULED,
    (AWAITING_APPROVAL, APPROVE_LATE): HELD,
    (AWAITING_APPROVAL, RETURN): RETURNED,
    (AWAITING_APPROVAL, WITHDRAW): WITHDRAWN,
    (AWAITING_APPROVAL, APPROVER_EDIT): AWAITING_AUTHOR,
    (AWAITING_AUTHOR, APPROVER_EDIT): AWAITING_AUTHOR,
    (AWAITING_AUTHOR, ACCEPT_CHANGE): AWAITING_APPROVAL,
    (AWAITING_AUTHOR, REJECT_CHANGE): DRAFT,
    (AWAITING_AUTHOR, REVISE): DRAFT,
    # Another approver, who did not make the change (the services refuse the one who did).
    (AWAITING_AUTHOR, APPROVE): READY,
    (AWAITING_AUTHOR, APPROVE_SCHEDULED): SCHEDULED,
    (AWAITING_AUTHOR, APPROVE_LATE): HELD,
    (AWAITING_AUTHOR, RETURN): RETURNED,
    (AWAITING_AUTHOR, WITHDRAW): WITHDRAWN,
    (RETURNED, REVISE): DRAFT,
    (RETURNED, WITHDRAW): WITHDRAWN,
    (READY, SCHEDULE): SCHEDULED,
    (READY, PUBLISH): PUBLISHING,
    (READY, REVISE): DRAFT,
    (READY, HOLD): HELD,
    (READY, WITHDRAW): WITHDRAWN,
    (SCHEDULED, UNSCHEDULE): READY,
    (SCHEDULED, HOLD): HELD,
    (SCHEDULED, PUBLISH): PUBLISHING,
    (SCHEDULED, REVISE): DRAFT,
    (SCHEDULED, WITHDRAW): WITHDRAWN,
    (HELD, SCHEDULE): SCHEDULED,
    (HELD, RELEASE): READY,
    (HELD, PUBLISH): PUBLISHING,
    (HELD, REVISE): DRAFT,
    (HELD, WITHDRAW): WITHDRAWN,
    (PUBLISHING, CONFIRM): PUBLISHED,
    (PUBLISHING, FAIL): FAILED,
    (PUBLISHING, HOLD): HELD,
    (FAILED, PUBLISH): PUBLISHING,
    (FAILED, SCHEDULE): SCHEDULED,
    (FAILED, REVISE): DRAFT,
    (FAILED, WITHDRAW): WITHDRAWN,
    (PUBLISHED, REMOVE): REMOVED,
    (PUBLISHED, CORRECT): PUBLISHED,
}

WORKFLOW = Workflow(
    name="post",
    states=STATES,
    actions=ACTIONS,
    initial=DRAFT,
    transitions=TRANSITIONS,
)

#: States in which the text and images may still be changed by the author.
EDITABLE = frozenset({DRAFT})
#: States that are on their way out, or out: a major incident holds the first two.
HOLDABLE = frozenset({READY, SCHEDULED})
#: States in which a post waits for an approver's decision.
DECIDING = frozenset({AWAITING_APPROVAL, AWAITING_AUTHOR})
#: States whose approval (if any) is still current.
APPROVED_STATES = frozenset({READY, SCHEDULED, HELD, PUBLISHING, PUBLISHED, FAILED})


# The table's questions, as module functions for the services and tests that import them.
allowed = WORKFLOW.allowed
next_state = WORKFLOW.next_state
actions_from = WORKFLOW.actions_from


# ------------------------------------------------------------------------------- routing

CCD = "ccd"
MANAGER = "manager"

#: Who must agree to a post a ``review`` (or authorisable ``block``) finding of each rule is on.
#: Rules not named here go to the line manager.
APPROVER_BY_RULE: dict[str, str] = {
    "appeal-account": CCD,  # 4.11: appeals from NPU accounts need CCD and a strategy
    "live-broadcast": CCD,  # 4.20
    "major-incident": CCD,  # 4.16
    "election-period": CCD,  # 6.12
}
#: Block findings an approver can lift by authorising the post (the rule reads the
#: authorisation from ``context.authorisations``); every other block must be fixed.
AUTHORISABLE_BLOCKS = frozenset({"major-incident"})
#: Rules that read an approver's authorisation back from ``context.authorisations``.
GRANTABLE = frozenset({"live-broadcast", "major-incident"})
#: Findings the author settles on the images themselves (blur, or record consent).
AUTHOR_SETTLED = frozenset({"media-faces"})


def as_routed(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """The findings as the post's route treats them: a block an approver may lift
    (``AUTHORISABLE_BLOCKS``) is stated as ``review``, the approval it needs."""
    return tuple(
        replace(finding, severity=Severity.REVIEW)
        if finding.severity is Severity.BLOCK and finding.rule in AUTHORISABLE_BLOCKS
        else finding
        for finding in findings
    )


@dataclass(frozen=True)
class Route:
    """What a post needs before it may go out."""

    must_fix: tuple[Finding, ...]
    approver: str | None  # CCD, MANAGER or None
    approval_for: tuple[Finding, ...]  # the findings the approver is asked to agree to
    second_opinion: bool
    needs_record: bool
    author_to_settle: tuple[Finding, ...]

    @property
    def blocked(self) -> bool:
        return bool(self.must_fix)

    @property
    def needs_approval(self) -> bool:
        return self.approver is not None

    @property
    def authorisations(self) -> frozenset[str]:
        """Rule ids an approval of this route grants (passed back to the rules)."""
        return frozenset(f.rule for f in self.approval_for if f.rule in GRANTABLE)

    def summary(self) -> str:
        if self.must_fix:
            return "Fix the problems marked 'block' before the post can go further."
        if self.author_to_settle:
            return "Blur the faces in the images or record that consent was given."
        if self.approver == CCD:
            return "Corporate Communications must approve this post before it goes out."
        if self.approver == MANAGER:
            return "Your line manager must approve this post before it goes out."
        if self.needs_record:
            return "Record the incident log or crime reference (or that you told the OIC)."
        return "Ready to publish or schedule."


def route(
    findings: Iterable[Finding],
    *,
    second_opinion: bool = False,
    settled: Iterable[str] = (),
) -> Route:
    """Route a post on its findings. ``settled`` names rules the author has already dealt with
    (``media-faces`` once every face is blurred or consented)."""
    settled_rules = frozenset(settled)
    must_fix: list[Finding] = []
    approval_for: list[Finding] = []
    to_settle: list[Finding] = []
    needs_record = False
    for finding in findings:
        if finding.severity is Severity.BLOCK and finding.rule not in AUTHORISABLE_BLOCKS:
            must_fix.append(finding)
        elif finding.severity >= Severity.REVIEW:
            if finding.rule in AUTHOR_SETTLED:
                if finding.rule not in settled_rules:
                    to_settle.append(finding)
            else:
                approval_for.append(finding)
        elif finding.severity is Severity.RECORD:
            needs_record = True
    approvers = {APPROVER_BY_RULE.get(f.rule, MANAGER) for f in approval_for}
    if second_opinion:
        approvers.add(MANAGER)
    approver = CCD if CCD in approvers else (MANAGER if approvers else None)
    return Route(
        must_fix=tuple(must_fix),
        approver=approver,
        approval_for=tuple(approval_for),
        second_opinion=second_opinion,
        needs_record=needs_record,
        author_to_settle=tuple(to_settle),
    )
