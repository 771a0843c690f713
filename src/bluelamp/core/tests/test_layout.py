"""What every page's layout carries: a way to tell Corporate Communications something is wrong
(the pack's mailbox, 3.4), and wide tables that scroll in their own box."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_phase_banner_gives_corporate_communications_mailbox(client):
    html = client.get("/sign-in/").content.decode()

    assert "Tell Corporate Communications" in html
    assert (
        'href="mailto:socialmedia@west-midlands.pnn.police.uk?subject=Bluelamp%20feedback"' in html
    )


def test_every_table_sits_in_its_own_scrolling_box():
    from pathlib import Path

    import bluelamp

    root = Path(bluelamp.__file__).parent
    bare = []
    for template in root.rglob("templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        if text.count("<table") != text.count('<div class="bl-table-scroll" tabindex="0"><table'):
            bare.append(str(template.relative_to(root)))
    assert bare == []
