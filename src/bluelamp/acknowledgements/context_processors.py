"""Whether the signed-in person still has to acknowledge the current policy: the home page shows
a banner until they do. Worked out only when a template asks (a callable)."""

from __future__ import annotations

from functools import partial

from bluelamp.acknowledgements.selectors import acknowledgement_due


def acknowledgement(request) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"policy_acknowledgement_due": False}
    return {"policy_acknowledgement_due": partial(acknowledgement_due, user)}
