"""The errors only the account-security workflows raise."""

from __future__ import annotations

from bluelamp.core.errors import InvalidInputError


class StaffChangesInvalidError(InvalidInputError):
    """The staff-changes file has bad lines: nothing was applied. ``errors`` names each line
    and column."""

    code = "staff_changes_invalid"
    default_message = "The file has errors: nothing was applied."
