"""Demo data for crisis controls: one past election period, set and then ended by CCD, so the
list is not empty. No major incident is declared (that would hold the demo's posts).

``load_demo(now)`` is called by the demo loader after the demo users exist; running it again
adds nothing."""

from __future__ import annotations

import datetime as dt

from bluelamp.core.models import User
from bluelamp.core.roles import Role
from bluelamp.core.selectors import users_with_role
from bluelamp.engine.deadlines import LONDON
from bluelamp.incidents import services
from bluelamp.incidents.choices import CrisisKind
from bluelamp.incidents.models import CrisisPeriod

DEMO_TITLE = "Local elections (demo)"
DAY = dt.timedelta(days=1)


def _london_midnight(moment: dt.datetime) -> dt.datetime:
    day = moment.astimezone(LONDON).date()
    return dt.datetime.combine(day, dt.time(0), tzinfo=LONDON)


def _ccd_user() -> User | None:
    return User.objects.filter(username="ccd", is_active=True).first() or (
        users_with_role(Role.CCD).order_by("pk").first()
    )


def load_demo(now: dt.datetime) -> CrisisPeriod | None:
    """Create the demo's past election period (set about 90 days before ``now``, in force from
    about 80 to 45 days before it, ended by CCD a day early). Returns it, or the one already
    there, or None when there is no CCD user to set it."""
    existing = CrisisPeriod.objects.filter(
        kind=CrisisKind.ELECTION_PERIOD, title=DEMO_TITLE
    ).first()
    if existing is not None:
        return existing
    ccd = _ccd_user()
    if ccd is None:
        return None
    starts_at = _london_midnight(now - 80 * DAY)
    ends_at = _london_midnight(now - 45 * DAY)
    period = services.election_period_set(
        actor=ccd,
        title=DEMO_TITLE,
        reason="Notice of election published for the West Midlands local elections: the "
        "pre-election period runs until the day after polling day.",
        starts_at=starts_at,
        ends_at=ends_at,
        now=now - 90 * DAY,
    )
    return services.election_period_end(
        actor=ccd,
        period=period,
        reason="All results declared; no recounts outstanding.",
        now=ends_at - 12 * dt.timedelta(hours=1),
    )
