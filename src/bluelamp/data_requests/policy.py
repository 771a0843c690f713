"""What removal requests take from the force's policy pack (``settings.BLUELAMP_POLICY_PACK``):
the one-off bank holidays the statutory clocks skip, and the force's name, the signature and the
Information Commissioner's details the letters give.

``settings.BLUELAMP_EXTRA_BANK_HOLIDAYS`` (optional, a list of ``YYYY-MM-DD`` strings or dates)
adds days on top of the pack's ``[data_requests] extra_bank_holidays``, for a day announced
before the pack is updated."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from bluelamp.core.policy import policy_pack
from bluelamp.data_requests.letters import Letterhead


def _setting_days() -> tuple[dt.date, ...]:
    days = []
    for i, value in enumerate(getattr(settings, "BLUELAMP_EXTRA_BANK_HOLIDAYS", ()) or ()):
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value.strip())
            except ValueError:
                raise ValueError(
                    f"BLUELAMP_EXTRA_BANK_HOLIDAYS[{i}] {value!r} is not a date (YYYY-MM-DD)"
                ) from None
        if not isinstance(value, dt.date):
            raise ValueError(f"BLUELAMP_EXTRA_BANK_HOLIDAYS[{i}] {value!r} is not a date")
        days.append(value)
    return tuple(days)


def extra_holidays() -> tuple[dt.date, ...]:
    """The one-off bank holidays the clocks skip: the pack's and the setting's, sorted."""
    return tuple(sorted({*policy_pack().extra_bank_holidays, *_setting_days()}))


def letterhead() -> Letterhead:
    """The force's name, the signature and the ICO's details for letters (the pack's, or the
    defaults where the pack does not say)."""
    pack = policy_pack()
    default = Letterhead()
    return Letterhead(
        force=pack.force,
        sender=pack.letter_sender or default.sender,
        ico_contact=pack.ico_contact or default.ico_contact,
    )
