"""Account health: which policy points an account in the registry breaks now.

Pure: the caller passes the account as plain ``AccountFacts``, the time ``now`` and the policy
pack, and gets back the problems, each naming its clause. The web application keeps each live
account's answer (the kinds of problem found) with the facts and the pack it was worked out from,
and ``kinds_hold_until`` says how long such an answer stays true when nothing changes: the
dashboard counts, filters and sorts those kept answers in the database, and checks again only
the accounts whose facts, pack or time limit have moved.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from bluelamp.engine.policy_pack import PolicyPack


@dataclass(frozen=True, slots=True)
class HealthKind:
    """One kind of problem: its key, the clause it breaks and a short title."""

    key: str
    clause: str
    title: str


NO_DISCLAIMER = "no_disclaimer"
LOCATION_ON = "location_on"
APP_NOT_ALLOWED = "app_not_allowed"
REQUIRED_APP_MISSING = "required_app_missing"
EMAIL_OFF_DOMAIN = "email_off_domain"
DORMANT = "dormant"
ROSTER_CHANGED = "roster_changed"
PASSWORD_OVERDUE = "password_overdue"

KINDS: tuple[HealthKind, ...] = (
    HealthKind(NO_DISCLAIMER, "4.15", "No disclaimer in the bio"),
    HealthKind(LOCATION_ON, "3.15", "Location services on"),
    HealthKind(APP_NOT_ALLOWED, "3.14", "App not on the allow-list"),
    HealthKind(REQUIRED_APP_MISSING, "3.13", "Required management app missing"),
    HealthKind(EMAIL_OFF_DOMAIN, "3.10", "Not registered with a force e-mail"),
    HealthKind(DORMANT, "4.1", "No post within the dormancy window"),
    HealthKind(ROSTER_CHANGED, "5.7", "Roster changed since the password was changed"),
    HealthKind(PASSWORD_OVERDUE, "5.9", "Password older than the rotation period"),
)
KIND_BY_KEY = {kind.key: kind for kind in KINDS}


@dataclass(frozen=True, slots=True)
class AccountFacts:
    """What the health checks need to know about one account (aware datetimes only)."""

    registration_email: str = ""
    shows_disclaimer: bool = False
    location_services_on: bool = False
    connected_apps: tuple[str, ...] = ()
    opened_at: dt.datetime | None = None
    last_post_at: dt.datetime | None = None
    password_changed_at: dt.datetime | None = None
    roster_changed_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class HealthIssue:
    """One policy point the account breaks, with the clause and a plain-English message."""

    kind: str
    clause: str
    message: str

    @property
    def title(self) -> str:
        return KIND_BY_KEY[self.kind].title

    def to_dict(self) -> dict[str, str]:
        return {
            "kind": self.kind,
            "clause": self.clause,
            "title": self.title,
            "message": self.message,
        }


def _issue(kind: str, message: str) -> HealthIssue:
    return HealthIssue(kind=kind, clause=KIND_BY_KEY[kind].clause, message=message)


def _aware(value: dt.datetime | None, name: str) -> None:
    if value is not None and (value.tzinfo is None or value.utcoffset() is None):
        raise ValueError(f"{name} must be timezone-aware")


def _days(delta: dt.timedelta) -> int:
    return max(0, delta.days)


def email_on_force_domain(email: str, pack: PolicyPack) -> bool:
    """True when ``email`` is on one of the pack's mail domains, or a subdomain of one (3.10)."""
    local, at, domain = (email or "").strip().rpartition("@")
    if not at or not local or not domain:
        return False
    domain = domain.lower().rstrip(".")
    return any(domain == d or domain.endswith("." + d) for d in pack.mail_domains)


def bio_shows_disclaimer(bio: str, pack: PolicyPack) -> bool:
    """True when ``bio`` shows the agreed disclaimer (4.15): it contains every one of the pack's
    disclaimer markers, or (with no markers) the disclaimer text itself; case is ignored."""
    text = " ".join((bio or "").split()).casefold()
    if not text:
        return False
    if pack.disclaimer_markers:
        return all(marker.casefold() in text for marker in pack.disclaimer_markers)
    if pack.disclaimer:
        return " ".join(pack.disclaimer.split()).casefold() in text
    return False


def app_allowed(app: str, pack: PolicyPack) -> bool:
    """True when ``app`` is on the pack's allow-list (required apps are allowed too)."""
    name = app.strip().casefold()
    return any(name == a.casefold() for a in (*pack.allowed_apps, *pack.required_apps))


def missing_required_apps(connected: Iterable[str], pack: PolicyPack) -> list[str]:
    """The pack's required apps that are not among ``connected`` (3.13)."""
    have = {app.strip().casefold() for app in connected}
    return [app for app in pack.required_apps if app.casefold() not in have]


def check_account(facts: AccountFacts, *, now: dt.datetime, pack: PolicyPack) -> list[HealthIssue]:
    """Every policy point ``facts`` breaks at ``now``, in the order of ``KINDS``.

    - 4.15: the bio does not show the disclaimer;
    - 3.15: location services are on;
    - 3.14: a connected app is not on the allow-list (one issue per app);
    - 3.13: a required management app is not connected (one issue per app);
    - 3.10: the registration e-mail is not on the force's mail domains;
    - 4.1: no post (or, with none recorded, no opening) within ``dormancy_days``;
    - 5.7: the roster changed after the password was last changed (or, with no change
      recorded, after the account opened);
    - 5.9: the password (or, with no change recorded, the account) is older than
      ``password_rotation_days``.
    """
    _aware(now, "now")
    for name in ("opened_at", "last_post_at", "password_changed_at", "roster_changed_at"):
        _aware(getattr(facts, name), name)
    dormancy = pack.thresholds["dormancy_days"]
    rotation = pack.thresholds["password_rotation_days"]
    issues: list[HealthIssue] = []

    if not facts.shows_disclaimer:
        issues.append(_issue(NO_DISCLAIMER, "The bio does not show the agreed disclaimer."))
    if facts.location_services_on:
        issues.append(_issue(LOCATION_ON, "Location services are switched on."))
    for app in facts.connected_apps:
        if not app_allowed(app, pack):
            issues.append(
                _issue(APP_NOT_ALLOWED, f"{app} is connected but is not on the allow-list.")
            )
    for app in missing_required_apps(facts.connected_apps, pack):
        issues.append(_issue(REQUIRED_APP_MISSING, f"{app} is not connected."))
    if not facts.registration_email.strip():
        issues.append(_issue(EMAIL_OFF_DOMAIN, "No registration e-mail is recorded."))
    elif not email_on_force_domain(facts.registration_email, pack):
        issues.append(
            _issue(
                EMAIL_OFF_DOMAIN,
                f"Registered with {facts.registration_email}, not a force e-mail address.",
            )
        )

    last_activity = facts.last_post_at or facts.opened_at
    if last_activity is None:
        issues.append(_issue(DORMANT, "No post is recorded."))
    elif now - last_activity > dt.timedelta(days=dormancy):
        what = "No post" if facts.last_post_at else "No post recorded since it opened,"
        issues.append(
            _issue(
                DORMANT,
                f"{what} for {_days(now - last_activity)} days (the limit is {dormancy}).",
            )
        )

    password_baseline = facts.password_changed_at or facts.opened_at
    if facts.roster_changed_at is not None and (
        password_baseline is None or facts.roster_changed_at > password_baseline
    ):
        issues.append(
            _issue(
                ROSTER_CHANGED,
                "The roster changed on "
                f"{facts.roster_changed_at:%d %B %Y} and the password has not been changed since.",
            )
        )
    if password_baseline is None:
        issues.append(_issue(PASSWORD_OVERDUE, "No password change is recorded."))
    elif now - password_baseline > dt.timedelta(days=rotation):
        issues.append(
            _issue(
                PASSWORD_OVERDUE,
                f"The password was last changed {_days(now - password_baseline)} days ago "
                f"(the limit is {rotation}).",
            )
        )
    return issues


def count_by_kind(results: Iterable[Iterable[HealthIssue]]) -> dict[str, int]:
    """How many accounts have each kind of problem (an account counts once per kind), for
    every kind in ``KINDS`` order, zero included."""
    counts: Counter[str] = Counter()
    for issues in results:
        counts.update({issue.kind for issue in issues})
    return {kind.key: counts.get(kind.key, 0) for kind in KINDS}


def kinds_hold_until(
    facts: AccountFacts, *, now: dt.datetime, pack: PolicyPack
) -> dt.datetime | None:
    """The last instant up to which the kinds of problem ``check_account`` finds for ``facts``
    stay what they are at ``now`` (the facts and pack unchanged): the next dormancy or password
    rotation limit still to pass, or None when none is. Only those two checks read the time;
    their messages count days and so change daily, their kinds only at the limits."""
    _aware(now, "now")
    limits = []
    last_activity = facts.last_post_at or facts.opened_at
    if last_activity is not None:
        limits.append(last_activity + dt.timedelta(days=pack.thresholds["dormancy_days"]))
    password_baseline = facts.password_changed_at or facts.opened_at
    if password_baseline is not None:
        limits.append(
            password_baseline + dt.timedelta(days=pack.thresholds["password_rotation_days"])
        )
    return min((limit for limit in limits if limit >= now), default=None)


def pack_key(pack: PolicyPack) -> str:
    """A digest of what the checks read from ``pack``: an answer kept from another pack (a
    changed allow-list, domain or limit) is checked again. The disclaimer markers are not in
    it: the account's ``shows_disclaimer`` is worked out from them when its bio is saved."""
    read = {
        "mail_domains": list(pack.mail_domains),
        "allowed_apps": list(pack.allowed_apps),
        "required_apps": list(pack.required_apps),
        "dormancy_days": pack.thresholds["dormancy_days"],
        "password_rotation_days": pack.thresholds["password_rotation_days"],
    }
    return hashlib.sha256(json.dumps(read, sort_keys=True).encode()).hexdigest()[:32]
