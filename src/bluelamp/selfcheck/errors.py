"""The errors only the self-check raises."""

from __future__ import annotations

from bluelamp.core.errors import InvalidInputError


class UnreadableUploadError(InvalidInputError):
    """The uploaded file is not an export or a file of posts Bluelamp can read."""

    code = "self_check_unreadable"
