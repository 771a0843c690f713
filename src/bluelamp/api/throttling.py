"""Rate limits on the post checker, per user (rates in settings.REST_FRAMEWORK).

A single post and a batch of up to 1,000 posts are limited separately: live checking as an
officer types sends many small requests, a tool sending batches few large ones. Counts are
kept in Django's default cache, so each server process counts on its own unless a shared cache
is configured."""

from __future__ import annotations

from rest_framework.settings import api_settings
from rest_framework.throttling import UserRateThrottle


class _SettingsRateThrottle(UserRateThrottle):
    """Reads its rate from the settings when it is made (DRF's own reads them at import)."""

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class CheckRateThrottle(_SettingsRateThrottle):
    scope = "check"


class CheckBatchRateThrottle(_SettingsRateThrottle):
    scope = "check_batch"
