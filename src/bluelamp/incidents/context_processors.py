"""The crisis banner's data for every page (``crisis`` in the template context).

Looked up afresh for each request (nothing cached across requests, so the banner appears and
goes the moment a period is declared or ended), lazily (one query, and only when a page
renders the banner) and for signed-in users only."""

from __future__ import annotations

from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from bluelamp.incidents import selectors


def crisis(request) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"crisis": None}
    return {"crisis": SimpleLazyObject(lambda: selectors.crisis_context(timezone.now()))}
