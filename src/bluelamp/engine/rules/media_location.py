"""media-location (CC/01 3.15, 5.3): an attached image carries its GPS position."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from bluelamp.engine.media import is_video
from bluelamp.engine.model import Finding, Severity
from bluelamp.engine.rules.base import Rule, register

if TYPE_CHECKING:
    from bluelamp.engine.policy_pack import PolicyPack
    from bluelamp.engine.rules.subject import Subject


@register
class MediaLocation(Rule):
    """One finding per attached image whose metadata holds a GPS position."""

    id = "media-location"
    clause = "3.15"
    severity = Severity.BLOCK
    title = "An attached image carries its GPS location"
    explanation = (
        "Phones and many cameras write the place a photo was taken into the file's metadata "
        "(EXIF or XMP GPS tags), and anyone who downloads the image can read it. CC/01 3.15 "
        "says location services should be turned off at all times to protect operational "
        "security, and 5.3 asks everyone posting to consider the risk to personal safety and "
        "the security of the organisation: a GPS position can show where an officer lives, "
        "where a team is deployed or where a victim or witness is. Remove the location before "
        "posting (publishing through Bluelamp strips all metadata from images), and turn off "
        "location tagging in the camera app. Applies to every account, personal ones included."
    )

    def check(self, post: Subject, pack: PolicyPack) -> list[Finding]:
        media = post.post.media
        if not media:
            return []
        from bluelamp.engine.media.exif import read_gps
        from bluelamp.engine.media.video import read_video_gps

        findings = []
        for item in media:
            location = read_video_gps(item.path) if is_video(item.path) else read_gps(item.path)
            if location is None:
                continue
            name = os.path.basename(item.path) or item.path
            findings.append(
                self.finding(
                    post,
                    f"{name} carries its GPS location {location.short()} in its metadata; "
                    "remove it (publishing through Bluelamp strips it).",
                )
            )
        return findings
