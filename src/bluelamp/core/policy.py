"""The force's policy pack (``settings.BLUELAMP_POLICY_PACK``), read once per process per path:
the one loader every app uses."""

from __future__ import annotations

import functools

from django.conf import settings

from bluelamp.engine.policy_pack import PolicyPack, load_pack


@functools.lru_cache(maxsize=4)
def _load(path: str) -> PolicyPack:
    return load_pack(path)


def policy_pack() -> PolicyPack:
    """The force's policy pack, read once per process (per path)."""
    return _load(str(settings.BLUELAMP_POLICY_PACK))


def forget_policy_pack() -> None:
    """Read the pack afresh next time (tests that change the file behind a path)."""
    _load.cache_clear()
