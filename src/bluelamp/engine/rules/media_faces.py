"""media-faces (CC/01 4.10): an attached image shows people's faces."""

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
class MediaFaces(Rule):
    """One finding per attached image in which a face is detected."""

    id = "media-faces"
    clause = "4.10"
    severity = Severity.REVIEW
    title = "An attached image shows faces"
    explanation = (
        "CC/01 4.10: before posting any photograph or footage, check it so that innocent "
        "bystanders are not identifiable; make sure the photograph complies with data "
        "protection law (UK GDPR and the Data Protection Act 2018: a recognisable face is "
        "personal data) and, if applicable, obtain consent. Bluelamp looks for human faces, "
        "frontal and in profile, in every attached image. For each image with faces, confirm "
        "that everyone shown has consented or has a lawful reason to be shown (an officer on "
        "duty, a wanted person in an authorised appeal), or blur the faces before posting. "
        "The detector can miss faces that are small, turned away or in shadow: check the "
        "image yourself as well."
    )

    def check(self, post: Subject, pack: PolicyPack) -> list[Finding]:
        media = post.post.media
        if not media:
            return []
        from bluelamp.engine.media.faces import detect_faces

        findings = []
        for item in media:
            if is_video(item.path):
                continue
            count = len(detect_faces(item.path))
            if not count:
                continue
            name = os.path.basename(item.path) or item.path
            shows = "shows a face" if count == 1 else f"shows {count} faces"
            findings.append(
                self.finding(
                    post,
                    f"{name} {shows}: confirm consent or blur "
                    f"{'it' if count == 1 else 'them'} before posting (4.10).",
                )
            )
        return findings
