"""The errors only monthly reviews and appeal cases raise."""

from __future__ import annotations

from bluelamp.core.errors import ConflictError


class UndecidedItemsError(ConflictError):
    code = "review_items_undecided"
    default_message = "Some posts are still to keep, correct or remove."


class AlreadyDecidedError(ConflictError):
    code = "review_item_decided"
    default_message = "This post has already been decided."


class PlatformDidNotActError(ConflictError):
    """The platform refused or failed: the attempt is in the archive, the item still open."""

    code = "review_platform_failed"
    default_message = "The platform did not act."


class CaseClosedError(ConflictError):
    code = "case_already_resolved"
    default_message = "This case is already resolved."
