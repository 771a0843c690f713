"""The reviews app's answers to other apps' events."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from bluelamp.publishing.signals import posts_imported


@receiver(posts_imported, dispatch_uid="reviews.link_imported_appeals")
def link_imported_appeals(sender: Any, *, records: list, actor: Any, now: Any, **kwargs: Any):
    """4.11: an imported appeal post is linked to the open case it is about, in the import's
    transaction, so that marking the case found, charged or withdrawn takes it down too."""
    from bluelamp.reviews.services import cases_link_imported

    return cases_link_imported(records=records, actor=actor, now=now)
