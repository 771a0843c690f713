"""Reads of policy acknowledgement and training: the current version, where each person stands,
who has not finished, and whether an application or a roster place must wait (the pack's
``[acknowledgement] required_for``).

A person stands complete when they have acknowledged the current version of the pack (its id
and version: a new version asks everyone again) and, where the pack says training is required,
their latest training is within ``training_valid_months`` (0: it never lapses)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from bluelamp.acknowledgements import permissions
from bluelamp.acknowledgements.models import PolicyAcknowledgement, TrainingRecord
from bluelamp.core.errors import NotFoundError
from bluelamp.core.models import User
from bluelamp.core.policy import policy_pack
from bluelamp.engine import deadlines
from bluelamp.engine.policy_pack import PolicyPack


def current_version(pack: PolicyPack | None = None) -> tuple[str, str]:
    pack = pack or policy_pack()
    return pack.id, pack.version


@dataclass(frozen=True)
class Standing:
    user: Any
    acknowledged_at: dt.datetime | None
    training: TrainingRecord | None
    training_current: bool
    training_required: bool

    @property
    def acknowledged(self) -> bool:
        return self.acknowledged_at is not None

    @property
    def missing(self) -> list[str]:
        out = []
        if not self.acknowledged:
            out.append("acknowledge the current policy")
        if self.training_required and not self.training_current:
            out.append(
                "complete social media training"
                if self.training is None
                else "renew social media training"
            )
        return out

    @property
    def complete(self) -> bool:
        return not self.missing


def _training_current(record: TrainingRecord | None, pack: PolicyPack, today: dt.date) -> bool:
    if record is None:
        return False
    months = pack.training_valid_months
    return months == 0 or deadlines.add_months(record.completed_on, months) >= today


def standings_of(users: list[Any], *, now: dt.datetime) -> list[Standing]:
    pack = policy_pack()
    pack_id, version = current_version(pack)
    ids = [u.pk for u in users]
    acknowledged = dict(
        PolicyAcknowledgement.objects.filter(
            user_id__in=ids, pack_id=pack_id, pack_version=version
        ).values_list("user_id", "acknowledged_at")
    )
    latest: dict[int, TrainingRecord] = {}
    for record in TrainingRecord.objects.filter(user_id__in=ids).order_by(
        "user_id", "-completed_on", "-pk"
    ):
        latest.setdefault(record.user_id, record)
    today = deadlines.london_date(now)
    return [
        Standing(
            user=u,
            acknowledged_at=acknowledged.get(u.pk),
            training=latest.get(u.pk),
            training_current=_training_current(latest.get(u.pk), pack, today),
            training_required=pack.training_required,
        )
        for u in users
    ]


def standing_of(user: Any, *, now: dt.datetime) -> Standing:
    """Where ``user`` stands (their own page)."""
    return standings_of([user], now=now)[0]


def acknowledgement_due(user: Any) -> bool:
    """Whether ``user`` still has to acknowledge the current version (the home page's banner)."""
    if not permissions.is_subject(user):
        return False
    pack_id, version = current_version()
    return not PolicyAcknowledgement.objects.filter(
        user=user, pack_id=pack_id, pack_version=version
    ).exists()


def subjects() -> QuerySet[User]:
    """Everyone who must acknowledge: active people who may post or hold an account."""
    names = [role.group_name for role in permissions.SUBJECT_ROLES]
    return (
        User.objects.filter(is_active=True, groups__name__in=names)
        .distinct()
        .order_by("display_name", "username")
    )


def standings(*, user: Any, now: dt.datetime, outstanding_only: bool = True) -> list[Standing]:
    """Where everyone stands (CCD and auditors; 404 for anyone else), those who have not
    finished first."""
    if not permissions.can_view(user):
        raise NotFoundError()
    rows = standings_of(list(subjects()), now=now)
    if outstanding_only:
        rows = [row for row in rows if not row.complete]
    return sorted(rows, key=lambda row: (row.complete, row.acknowledged))


def gate_refusal(person: Any, gate: str, *, now: dt.datetime) -> str | None:
    """Why ``person`` may not go on (``gate``: "applications" or "roster") until they have
    acknowledged the current version (and trained, where required), or None. Nothing is held
    back unless the pack lists the gate in ``[acknowledgement] required_for``."""
    pack = policy_pack()
    if gate not in pack.acknowledgement_required_for:
        return None
    standing = standing_of(person, now=now)
    if standing.complete:
        return None
    name = getattr(person, "label", None) or person.get_username()
    what = " and ".join(standing.missing)
    return (
        f"{name} must first {what} ({pack.reference} {pack.version}; "
        "see Policy acknowledgement on the home page)."
    )


# --- the policy page ----------------------------------------------------------------------------

#: The sections of the policy the pack's clauses fall in (CC/01's own headings).
SECTION_TITLES = {
    3: "Corporate use of social networking and video sharing sites",
    4: "Management of content",
    5: "Personal and corporate account security",
    6: "Private use of social networking and video sharing sites",
}

ENFORCEMENT_WORDS = {
    "rule": "checked in every post",
    "workflow": "a process in Bluelamp",
    "record": "recorded",
    "guidance": "guidance, shown where it applies",
}


@dataclass(frozen=True, slots=True)
class Place:
    """One thing in Bluelamp that carries a clause: its words and, for a page, its address."""

    text: str
    href: str = ""


@dataclass(frozen=True, slots=True)
class ClauseView:
    id: str
    title: str
    summary: str
    how: str
    enforcement: tuple[str, ...]
    places: tuple[Place, ...]
    guidance: bool


@dataclass(frozen=True, slots=True)
class Section:
    number: int
    title: str
    clauses: tuple[ClauseView, ...]


def _place(artefact: str) -> Place | None:
    from django.apps import apps
    from django.urls import NoReverseMatch, reverse

    from bluelamp.engine.rules import registry

    kind, _, name = artefact.partition(":")
    if kind == "url":
        try:
            path = reverse(name)
        except NoReverseMatch:
            return None  # a page about one item (an account, a post): reached from its list
        return Place(f"The page {path}", path)
    if kind == "rule":
        title = registry.get(name).title if name in registry else name
        return Place(f"The check “{title}” ({name})")
    if kind == "command":
        return Place(f"The command bluelamp {name}")
    if kind == "workflow":
        return Place(f"The {name.replace('_', ' ')} workflow")
    if kind == "model":
        try:
            model = apps.get_model(name)
        except (LookupError, ValueError):
            return Place(f"The record {name}")
        return Place(f"The record of {model._meta.verbose_name_plural}")
    return None


def policy_sections(pack: PolicyPack | None = None) -> list[Section]:
    """The pack's clauses by section, each with what Bluelamp does for it and where."""
    pack = pack or policy_pack()
    by_section: dict[int, list[ClauseView]] = {}
    for clause in sorted(pack.clauses, key=lambda c: c.number):
        places = []
        for artefact in clause.artefacts:
            place = _place(artefact)
            if place is not None and place not in places:
                places.append(place)
        by_section.setdefault(clause.number[0], []).append(
            ClauseView(
                id=clause.id,
                title=clause.title,
                summary=clause.summary,
                how=clause.how,
                enforcement=tuple(ENFORCEMENT_WORDS.get(e, e) for e in clause.enforcement),
                places=tuple(places),
                guidance="guidance" in clause.enforcement,
            )
        )
    return [
        Section(number, SECTION_TITLES.get(number, f"Section {number}"), tuple(clauses))
        for number, clauses in sorted(by_section.items())
    ]
